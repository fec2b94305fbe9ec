'use client';
// Gives a user another role. The new role applies to their open sessions at once.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { FormDialog } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { changeUserRoleAction } from '@/lib/actions/users.ts';
import { describeRevocation } from '@/lib/models/hosts/cli-bundles.ts';
import type { RoleKey } from '@/lib/auth/permissions.ts';
import { RoleField } from './role-field.tsx';

type Props = { open: boolean; onOpenChange: (open: boolean) => void; user: { id: string; username: string; role: RoleKey | null }; isSelf: boolean };

export function ChangeRoleDialog({ open, onOpenChange, user, isSelf }: Props) {
  const t = useTranslations('users.changeRole');
  const tRoles = useTranslations('permissions');
  const router = useRouter();
  const [role, setRole] = useState<RoleKey>(user.role ?? 'viewer');
  const form = useActionForm({ fields: ['role'], report: 'toast' });
  const losesAdmin = isSelf && user.role === 'admin' && role !== 'admin';
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('title', { username: user.username })}
      description={t('description')}
      form={form}
      label={t('save')}
      disabled={role === user.role}
      onSubmit={async () => {
        const done = await form.submit(() => changeUserRoleAction({ userId: user.id, role }));
        if (!done) return;
        const revoked = describeRevocation(user.username, done.data.bundles);
        if (done.data.bundles.failed.length) toast.warning(t('done', { username: user.username, role: tRoles(`roles.${role}.label`) }), { description: revoked });
        else toast.success(t('done', { username: user.username, role: tRoles(`roles.${role}.label`) }), { description: revoked ?? undefined });
        onOpenChange(false);
        router.refresh();
      }}
    >
      <RoleField value={role} onChange={setRole} error={form.errors.role} autoFocus />
      {losesAdmin && (
        <p className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn">
          {t('ownAccount')}
        </p>
      )}
    </FormDialog>
  );
}
