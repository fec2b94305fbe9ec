'use client';
// OpenID Connect sign-in settings (administrators). The provider is found by discovery from its
// issuer URL; Wharf's redirect URI is shown to register with the provider. The client secret is
// never shown: an empty field keeps the saved one.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { FormError, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { saveOidcSettingsAction, testOidcSettingsAction } from '@/lib/actions/directory.ts';
import type { OidcSettingsView } from '@/lib/models/directory/directory-view.ts';
import { CheckboxField, readForm, TestAndSave } from './directory-form-parts.tsx';

const TEXTS = ['issuerUrl', 'clientId', 'clientSecret', 'scopes', 'groupClaim', 'buttonLabel'] as const;
// An example issuer and the discovery path: addresses, the same in every language.
const ISSUER_EXAMPLE = 'https://login.example.com/realms/ops';
const DISCOVERY = '<issuer>/.well-known/openid-configuration';

export function OidcSettingsForm({ current, redirectUri }: { current: OidcSettingsView | null; redirectUri: string }) {
  const t = useTranslations('directory.oidc');
  const tForm = useTranslations('directory.form');
  const router = useRouter();
  const form = useActionForm({ fields: [...TEXTS, 'enabled'], report: 'inline' });
  const read = (element: HTMLFormElement) => readForm(element, TEXTS, ['enabled']);
  return (
    <Form
      aria-label={t('form')}
      onSubmit={async (event) => {
        if (!(await form.submit(() => saveOidcSettingsAction(read(event.currentTarget))))) return;
        toast.success(t('saved'));
        router.refresh();
      }}
    >
      <p className="text-sm text-muted">
        {t.rich('register', { uri: redirectUri, code: (chunks) => <code className="break-all">{chunks}</code> })}
      </p>
      <CheckboxField label={t('offer')} name="enabled" defaultChecked={current?.enabled ?? true} error={form.errors.enabled} />
      <TextField label={t('issuer')} name="issuerUrl" defaultValue={current?.issuerUrl} placeholder={ISSUER_EXAMPLE} hint={t('issuerHint', { path: DISCOVERY })} error={form.errors.issuerUrl} />
      <div className="grid grid-cols-2 gap-4">
        <TextField label={t('clientId')} name="clientId" defaultValue={current?.clientId} error={form.errors.clientId} />
        <TextField
          label={t('clientSecret')}
          name="clientSecret"
          type="password"
          autoComplete="off"
          placeholder={current?.hasSecret ? tForm('savedPlaceholder') : ''}
          error={form.errors.clientSecret}
        />
        <TextField label={t('scopes')} name="scopes" defaultValue={current?.scopes ?? 'openid profile email groups'} error={form.errors.scopes} />
        <TextField label={t('groupClaim')} name="groupClaim" defaultValue={current?.groupClaim ?? 'groups'} hint={t('groupClaimHint')} error={form.errors.groupClaim} />
      </div>
      <TextField label={t('buttonLabel')} name="buttonLabel" defaultValue={current?.buttonLabel ?? 'Sign in with single sign-on'} error={form.errors.buttonLabel} />
      <FormError message={form.message} />
      <TestAndSave
        busy={form.busy}
        saveLabel={t('save')}
        onTest={async (element) => {
          if (await form.submit(() => testOidcSettingsAction(read(element)))) toast.success(t('tested'));
        }}
      />
    </Form>
  );
}
