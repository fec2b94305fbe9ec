'use client';
// LDAP sign-in settings (administrators): the server and its TLS, the account Wharf binds as to
// search, how users and their groups are found. The bind password is never shown: an empty field
// keeps the saved one.
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { FormError, SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { saveLdapSettingsAction, testLdapSettingsAction } from '@/lib/actions/directory.ts';
import type { LdapSettingsView } from '@/lib/models/directory/directory-view.ts';
import { CheckboxField, readForm, TestAndSave } from './directory-form-parts.tsx';

const TEXTS = ['url', 'caCert', 'bindDn', 'bindPassword', 'userBase', 'userFilter', 'usernameAttribute', 'displayNameAttribute', 'groupMode', 'groupBase', 'groupFilter', 'groupAttribute'] as const;
const CHECKS = ['enabled', 'startTls'] as const;

export function LdapSettingsForm({ current }: { current: LdapSettingsView | null }) {
  const router = useRouter();
  const form = useActionForm({ fields: [...TEXTS, ...CHECKS], report: 'inline' });
  const read = (element: HTMLFormElement) => readForm(element, TEXTS, CHECKS);
  const e = form.errors;
  return (
    <Form
      aria-label="LDAP settings"
      onSubmit={async (event) => {
        if (!(await form.submit(() => saveLdapSettingsAction(read(event.currentTarget))))) return;
        toast.success('Saved the LDAP settings: the connection test passed.');
        router.refresh();
      }}
    >
      <CheckboxField label="Offer LDAP sign-in" name="enabled" defaultChecked={current?.enabled ?? true} error={e.enabled} />
      <div className="grid grid-cols-2 gap-4">
        <TextField label="Server URL" name="url" defaultValue={current?.url} placeholder="ldap://ldap.example.com:389" error={e.url} />
        <CheckboxField label="StartTLS" name="startTls" defaultChecked={current?.startTls ?? true} hint="Encrypts the connection before any password is sent (off only for ldaps:// URLs)." error={e.startTls} />
      </div>
      <TextAreaField label="CA certificate (PEM)" name="caCert" rows={4} defaultValue={current?.caCert} hint="The CA that signed the server's certificate, when this machine does not already trust it." error={e.caCert} />
      <div className="grid grid-cols-2 gap-4">
        <TextField label="Bind DN" name="bindDn" defaultValue={current?.bindDn} placeholder="cn=wharf,ou=services,dc=example,dc=com" error={e.bindDn} />
        <TextField label="Bind password" name="bindPassword" type="password" autoComplete="off" placeholder={current?.hasSecret ? 'Saved (leave empty to keep)' : ''} error={e.bindPassword} />
        <TextField label="User search base" name="userBase" defaultValue={current?.userBase} placeholder="ou=people,dc=example,dc=com" error={e.userBase} />
        <TextField label="User filter" name="userFilter" defaultValue={current?.userFilter ?? '(uid={username})'} hint="{username} is what was typed at sign-in (escaped)." error={e.userFilter} />
        <TextField label="Username attribute" name="usernameAttribute" defaultValue={current?.usernameAttribute ?? 'uid'} error={e.usernameAttribute} />
        <TextField label="Display name attribute" name="displayNameAttribute" defaultValue={current?.displayNameAttribute ?? 'displayName'} error={e.displayNameAttribute} />
        <SelectField label="Groups are found by" name="groupMode" defaultValue={current?.groupMode ?? 'search'} error={e.groupMode}>
          <option value="search">A group search</option>
          <option value="memberOf">The user&apos;s memberOf attribute</option>
        </SelectField>
        <TextField label="Group attribute" name="groupAttribute" defaultValue={current?.groupAttribute ?? 'cn'} hint="The attribute that names a group (what mappings refer to)." error={e.groupAttribute} />
        <TextField label="Group search base" name="groupBase" defaultValue={current?.groupBase} placeholder="ou=groups,dc=example,dc=com" error={e.groupBase} />
        <TextField label="Group filter" name="groupFilter" defaultValue={current?.groupFilter ?? '(member={dn})'} hint="{dn} is the user's DN, {username} their name." error={e.groupFilter} />
      </div>
      <FormError message={form.message} />
      <TestAndSave
        busy={form.busy}
        saveLabel="Save LDAP settings"
        onTest={async (element) => {
          if (await form.submit(() => testLdapSettingsAction(read(element)))) toast.success('The server answered, the bind worked and the search bases exist.');
        }}
      />
    </Form>
  );
}
