'use client';
// The form inside the "New user" dialog: username, display name, initial password and role.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { TextField } from '@/components/ui/field.tsx';
import { Form, FormActions, formText } from '@/components/ui/form.tsx';
import { createUserAction } from '@/lib/actions/users.ts';
import type { RoleKey } from '@/lib/auth/permissions.ts';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { RoleField } from './role-field.tsx';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/auth/password-policy.ts';

export function CreateUserForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: () => void }) {
  const tAuth = useTranslations('auth');
  const t = useTranslations('users.create');
  const router = useRouter();
  const [role, setRole] = useState<RoleKey>('viewer');
  const { busy, errors, submit } = useActionForm({ fields: ['username', 'displayName', 'password', 'role'], report: 'toast' });

  return (
    <Form
      onSubmit={async (event) => {
        const form = new FormData(event.currentTarget);
        const done = await submit(() => createUserAction({ ...formText(form, 'username', 'displayName', 'password'), role }));
        if (!done) return;
        toast.success(t('done', { username: done.data.username }));
        onCreated();
        router.refresh();
      }}
    >
      <TextField label={t('username')} name="username" autoComplete="off" spellCheck={false} required autoFocus maxLength={32} error={errors.username} hint={tAuth('usernameRule')} />
      <TextField label={t('displayName')} name="displayName" autoComplete="off" maxLength={80} error={errors.displayName} />
      <TextField
        label={t('password')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        error={errors.password}
        hint={t('passwordHint', { min: PASSWORD_MIN })}
      />
      <RoleField value={role} onChange={setRole} error={errors.role} />
      <FormActions label={t('submit')} busy={busy} onCancel={onCancel} />
    </Form>
  );
}
