'use client';
// OpenID Connect sign-in settings (administrators). The provider is found by discovery from its
// issuer URL; Wharf's redirect URI is shown to register with the provider. The client secret is
// never shown: an empty field keeps the saved one.
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { FormError, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { saveOidcSettingsAction, testOidcSettingsAction } from '@/lib/actions/directory.ts';
import type { OidcSettingsView } from '@/lib/models/directory/directory-view.ts';
import { CheckboxField, readForm, TestAndSave } from './directory-form-parts.tsx';

const TEXTS = ['issuerUrl', 'clientId', 'clientSecret', 'scopes', 'groupClaim', 'buttonLabel'] as const;

export function OidcSettingsForm({ current, redirectUri }: { current: OidcSettingsView | null; redirectUri: string }) {
  const router = useRouter();
  const form = useActionForm({ fields: [...TEXTS, 'enabled'], report: 'inline' });
  const read = (element: HTMLFormElement) => readForm(element, TEXTS, ['enabled']);
  return (
    <Form
      aria-label="OpenID Connect settings"
      onSubmit={async (event) => {
        if (!(await form.submit(() => saveOidcSettingsAction(read(event.currentTarget))))) return;
        toast.success('Saved the OpenID Connect settings: the connection test passed.');
        router.refresh();
      }}
    >
      <p className="text-sm text-muted">
        Register Wharf with your provider as a confidential client using the authorization code flow with PKCE, and this redirect URI: <code className="break-all">{redirectUri}</code>
      </p>
      <CheckboxField label="Offer OpenID Connect sign-in" name="enabled" defaultChecked={current?.enabled ?? true} error={form.errors.enabled} />
      <TextField label="Issuer URL" name="issuerUrl" defaultValue={current?.issuerUrl} placeholder="https://login.example.com/realms/ops" hint="Wharf reads <issuer>/.well-known/openid-configuration." error={form.errors.issuerUrl} />
      <div className="grid grid-cols-2 gap-4">
        <TextField label="Client id" name="clientId" defaultValue={current?.clientId} error={form.errors.clientId} />
        <TextField
          label="Client secret"
          name="clientSecret"
          type="password"
          autoComplete="off"
          placeholder={current?.hasSecret ? 'Saved (leave empty to keep)' : ''}
          error={form.errors.clientSecret}
        />
        <TextField label="Scopes" name="scopes" defaultValue={current?.scopes ?? 'openid profile email groups'} error={form.errors.scopes} />
        <TextField label="Group claim" name="groupClaim" defaultValue={current?.groupClaim ?? 'groups'} hint="The ID token claim listing the user's groups; a dot goes into a nested claim." error={form.errors.groupClaim} />
      </div>
      <TextField label="Button label" name="buttonLabel" defaultValue={current?.buttonLabel ?? 'Sign in with single sign-on'} error={form.errors.buttonLabel} />
      <FormError message={form.message} />
      <TestAndSave
        busy={form.busy}
        saveLabel="Save OpenID Connect settings"
        onTest={async (element) => {
          if (await form.submit(() => testOidcSettingsAction(read(element)))) toast.success('The provider answered and accepted the client id and secret.');
        }}
      />
    </Form>
  );
}
