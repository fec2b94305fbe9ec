'use client';
// Gives a user another role. The new role applies to their open sessions at once.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { FormDialog } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { changeUserRoleAction } from '@/lib/actions/users.ts';
import { describeRevocation } from '@/lib/models/hosts/cli-bundles.ts';
import { ROLES, type RoleKey } from '@/lib/auth/permissions.ts';
import { RoleField } from './role-field.tsx';

type Props = { open: boolean; onOpenChange: (open: boolean) => void; user: { id: string; username: string; role: RoleKey | null }; isSelf: boolean };

export function ChangeRoleDialog({ open, onOpenChange, user, isSelf }: Props) {
  const router = useRouter();
  const [role, setRole] = useState<RoleKey>(user.role ?? 'viewer');
  const form = useActionForm({ fields: ['role'], report: 'toast' });
  const losesAdmin = isSelf && user.role === 'admin' && role !== 'admin';
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Change role for ${user.username}`}
      description="The new role applies at once, also to sessions that are already open. A role without unrestricted workloads revokes the user's docker CLI bundles: the CA of each host they hold one for is replaced and its engine restarts."
      form={form}
      label="Save role"
      disabled={role === user.role}
      onSubmit={async () => {
        const done = await form.submit(() => changeUserRoleAction({ userId: user.id, role }));
        if (!done) return;
        const revoked = describeRevocation(user.username, done.data.bundles);
        if (done.data.bundles.failed.length) toast.warning(`${user.username} is now ${ROLES[role].label}`, { description: revoked });
        else toast.success(`${user.username} is now ${ROLES[role].label}`, { description: revoked ?? undefined });
        onOpenChange(false);
        router.refresh();
      }}
    >
      <RoleField value={role} onChange={setRole} error={form.errors.role} autoFocus />
      {losesAdmin && (
        <p className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn">
          This is your own account: you will no longer be able to manage users or read the audit log.
        </p>
      )}
    </FormDialog>
  );
}
