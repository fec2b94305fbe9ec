'use client';
// "Directory sign-in required" and the break-glass administrators who keep their Wharf password
// while it is on (administrators). Turning it on is confirmed; the server refuses it without a
// directory and a break-glass administrator.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { Table, Td, Tr, RowHeader } from '@/components/ui/table.tsx';
import { setBreakGlassAction, setDirectoryRequiredAction } from '@/lib/actions/directory.ts';

type Admin = { id: string; username: string; breakGlass: boolean };

export function DirectoryRequirement({ required, administrators }: { required: boolean; administrators: Admin[] }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const toggleBreakGlass = async (admin: Admin) => {
    setBusy(admin.id);
    const result = await setBreakGlassAction({ userId: admin.id, breakGlass: !admin.breakGlass });
    setBusy(null);
    if (!result.ok) return toast.error(result.error.message);
    toast.success(admin.breakGlass ? `${admin.username} is no longer break-glass.` : `${admin.username} is break-glass: they keep their Wharf password.`);
    router.refresh();
  };

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        {required ? 'Directory sign-in is required: only break-glass administrators sign in with a Wharf password.' : 'Everyone may sign in with a Wharf password or through a directory.'}
      </p>
      <div>
        {required ? (
          <Button
            variant="secondary"
            onClick={async () => {
              const result = await setDirectoryRequiredAction({ required: false });
              if (!result.ok) return toast.error(result.error.message);
              toast.success('Wharf passwords work for everyone again.');
              router.refresh();
            }}
          >
            Stop requiring directory sign-in
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Require directory sign-in
          </Button>
        )}
      </div>
      <Table caption="Break-glass administrators" columns={[{ label: 'Administrator' }, { label: 'Break-glass' }, { label: <span className="sr-only">Actions</span> }]}>
        {administrators.map((admin) => (
          <Tr key={admin.id}>
            <RowHeader>{admin.username}</RowHeader>
            <Td>{admin.breakGlass ? 'Yes' : 'No'}</Td>
            <Td className="text-right">
              <Button variant="ghost" size="sm" busy={busy === admin.id} onClick={() => void toggleBreakGlass(admin)} aria-label={`${admin.breakGlass ? 'Revoke' : 'Grant'} break-glass for ${admin.username}`}>
                {admin.breakGlass ? 'Revoke break-glass' : 'Make break-glass'}
              </Button>
            </Td>
          </Tr>
        ))}
      </Table>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Require directory sign-in?"
        description="Everyone but break-glass administrators will have to sign in through OpenID Connect or LDAP; their Wharf passwords stop working until this is turned off. Sessions already open stay open."
        confirmLabel="Require directory sign-in"
        onConfirm={async () => {
          const result = await setDirectoryRequiredAction({ required: true });
          if (!result.ok) return result.error.message;
          toast.success('Directory sign-in is now required.');
          router.refresh();
          return null;
        }}
      />
    </div>
  );
}
