'use client';
// Deleting a policy: confirmed, and refused while it is attached anywhere (the dialog says where).
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { deletePolicyAction } from '@/lib/actions/policies.ts';

export function DeletePolicyButton({ policyId, name, attachedTo }: { policyId: string; name: string; attachedTo: string[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete policy
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        danger
        title={`Delete policy ${name}?`}
        description={attachedTo.length ? `It is attached to ${attachedTo.join(', ')}: attach another policy there first.` : 'Its versions go with it; the audit log keeps what happened to it.'}
        confirmLabel="Delete policy"
        onConfirm={async () => {
          const result = await deletePolicyAction({ policyId });
          if (!result.ok) return result.error.message;
          toast.success(`Policy ${name} deleted.`);
          router.push('/policies');
          return null;
        }}
      />
    </>
  );
}
