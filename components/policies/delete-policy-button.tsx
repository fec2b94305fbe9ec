'use client';
// Deleting a policy: confirmed, and refused while it is attached anywhere (the dialog says where).
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { deletePolicyAction } from '@/lib/actions/policies.ts';

export function DeletePolicyButton({ policyId, name, attachedTo }: { policyId: string; name: string; attachedTo: string[] }) {
  const t = useTranslations('access.policies.delete');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t('button')}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        danger
        title={t('title', { name })}
        description={attachedTo.length ? t('attached', { names: attachedTo.join(', ') }) : t('free')}
        confirmLabel={t('button')}
        onConfirm={async () => {
          const result = await deletePolicyAction({ policyId });
          if (!result.ok) return result.error.message;
          toast.success(t('done', { name }));
          router.push('/policies');
          return null;
        }}
      />
    </>
  );
}
