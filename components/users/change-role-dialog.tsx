'use client';
// Gives a user another role. The new role applies to their open sessions at once.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { changeUserRoleAction } from '@/lib/actions/users.ts';
import { ROLES, type RoleKey } from '@/lib/auth/permissions.ts';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { RoleField } from './role-field.tsx';

type Props = { open: boolean; onOpenChange: (open: boolean) => void; user: { id: string; username: string; role: RoleKey | null }; isSelf: boolean };

function ChangeRoleForm({ user, isSelf, close }: Omit<Props, 'open' | 'onOpenChange'> & { close: () => void }) {
  const router = useRouter();
  const [role, setRole] = useState<RoleKey>(user.role ?? 'viewer');
  const { busy, errors, submit } = useActionForm({ fields: ['role'], report: 'toast' });
  const losesAdmin = isSelf && user.role === 'admin' && role !== 'admin';
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!(await submit(() => changeUserRoleAction({ userId: user.id, role })))) return;
        toast.success(`${user.username} is now ${ROLES[role].label}`);
        close();
        router.refresh();
      }}
    >
      <RoleField value={role} onChange={setRole} error={errors.role} autoFocus />
      {losesAdmin && (
        <p className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn">
          This is your own account: you will no longer be able to manage users or read the audit log.
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={close}>
          Cancel
        </Button>
        <Button type="submit" busy={busy} disabled={role === user.role}>
          Save role
        </Button>
      </div>
    </form>
  );
}

export function ChangeRoleDialog({ open, onOpenChange, user, isSelf }: Props) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Change role for ${user.username}`} description="The new role applies at once, also to sessions that are already open.">
      <ChangeRoleForm user={user} isSelf={isSelf} close={() => onOpenChange(false)} />
    </Dialog>
  );
}
