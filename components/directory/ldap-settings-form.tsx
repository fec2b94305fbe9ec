'use client';
// LDAP sign-in settings (administrators): the server and its TLS, the account Wharf binds as to
// search, how users and their groups are found. The bind password is never shown: an empty field
// keeps the saved one.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { FormError, SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { saveLdapSettingsAction, testLdapSettingsAction } from '@/lib/actions/directory.ts';
import type { LdapSettingsView } from '@/lib/models/directory/directory-view.ts';
import { CheckboxField, readForm, TestAndSave } from './directory-form-parts.tsx';

const TEXTS = ['url', 'caCert', 'bindDn', 'bindPassword', 'userBase', 'userFilter', 'usernameAttribute', 'displayNameAttribute', 'groupMode', 'groupBase', 'groupFilter', 'groupAttribute'] as const;
const CHECKS = ['enabled', 'startTls'] as const;
// Examples in the boxes: directory syntax, the same in every language.
const START_TLS = 'StartTLS';
const EXAMPLES = { url: 'ldap://ldap.example.com:389', bindDn: 'cn=wharf,ou=services,dc=example,dc=com', userBase: 'ou=people,dc=example,dc=com', groupBase: 'ou=groups,dc=example,dc=com' };

export function LdapSettingsForm({ current }: { current: LdapSettingsView | null }) {
  const t = useTranslations('directory.ldap');
  const tForm = useTranslations('directory.form');
  const router = useRouter();
  const form = useActionForm({ fields: [...TEXTS, ...CHECKS], report: 'inline' });
  const read = (element: HTMLFormElement) => readForm(element, TEXTS, CHECKS);
  const e = form.errors;
  return (
    <Form
      aria-label={t('form')}
      onSubmit={async (event) => {
        if (!(await form.submit(() => saveLdapSettingsAction(read(event.currentTarget))))) return;
        toast.success(t('saved'));
        router.refresh();
      }}
    >
      <CheckboxField label={t('offer')} name="enabled" defaultChecked={current?.enabled ?? true} error={e.enabled} />
      <div className="grid grid-cols-2 gap-4">
        <TextField label={t('url')} name="url" defaultValue={current?.url} placeholder={EXAMPLES.url} error={e.url} />
        <CheckboxField label={START_TLS} name="startTls" defaultChecked={current?.startTls ?? true} hint={t('startTlsHint')} error={e.startTls} />
      </div>
      <TextAreaField label={t('ca')} name="caCert" rows={4} defaultValue={current?.caCert} hint={t('caHint')} error={e.caCert} />
      <div className="grid grid-cols-2 gap-4">
        <TextField label={t('bindDn')} name="bindDn" defaultValue={current?.bindDn} placeholder={EXAMPLES.bindDn} error={e.bindDn} />
        <TextField label={t('bindPassword')} name="bindPassword" type="password" autoComplete="off" placeholder={current?.hasSecret ? tForm('savedPlaceholder') : ''} error={e.bindPassword} />
        <TextField label={t('userBase')} name="userBase" defaultValue={current?.userBase} placeholder={EXAMPLES.userBase} error={e.userBase} />
        <TextField label={t('userFilter')} name="userFilter" defaultValue={current?.userFilter ?? '(uid={username})'} hint={t('userFilterHint')} error={e.userFilter} />
        <TextField label={t('usernameAttribute')} name="usernameAttribute" defaultValue={current?.usernameAttribute ?? 'uid'} error={e.usernameAttribute} />
        <TextField label={t('displayNameAttribute')} name="displayNameAttribute" defaultValue={current?.displayNameAttribute ?? 'displayName'} error={e.displayNameAttribute} />
        <SelectField label={t('groupMode')} name="groupMode" defaultValue={current?.groupMode ?? 'search'} error={e.groupMode}>
          <option value="search">{t('groupSearch')}</option>
          <option value="memberOf">{t('memberOf')}</option>
        </SelectField>
        <TextField label={t('groupAttribute')} name="groupAttribute" defaultValue={current?.groupAttribute ?? 'cn'} hint={t('groupAttributeHint')} error={e.groupAttribute} />
        <TextField label={t('groupBase')} name="groupBase" defaultValue={current?.groupBase} placeholder={EXAMPLES.groupBase} error={e.groupBase} />
        <TextField label={t('groupFilter')} name="groupFilter" defaultValue={current?.groupFilter ?? '(member={dn})'} hint={t('groupFilterHint')} error={e.groupFilter} />
      </div>
      <FormError message={form.message} />
      <TestAndSave
        busy={form.busy}
        saveLabel={t('save')}
        onTest={async (element) => {
          if (await form.submit(() => testLdapSettingsAction(read(element)))) toast.success(t('tested'));
        }}
      />
    </Form>
  );
}
