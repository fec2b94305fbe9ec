'use client';
// "Directory sign-in required" and the break-glass administrators who keep their Wharf password
// while it is on (administrators). Turning it on is confirmed; the server refuses it without a
// directory and a break-glass administrator.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { Table, Td, Tr, RowHeader } from '@/components/ui/table.tsx';
import { setBreakGlassAction, setDirectoryRequiredAction } from '@/lib/actions/directory.ts';

type Admin = { id: string; username: string; breakGlass: boolean };

export function DirectoryRequirement({ required, administrators }: { required: boolean; administrators: Admin[] }) {
  const t = useTranslations('directory.requirement');
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const toggleBreakGlass = async (admin: Admin) => {
    setBusy(admin.id);
    const result = await setBreakGlassAction({ userId: admin.id, breakGlass: !admin.breakGlass });
    setBusy(null);
    if (!result.ok) return toast.error(result.error.message);
    toast.success(admin.breakGlass ? t('noLonger', { username: admin.username }) : t('now', { username: admin.username }));
    router.refresh();
  };

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        {required ? t('required') : t('optional')}
      </p>
      <div>
        {required ? (
          <Button
            variant="secondary"
            onClick={async () => {
              const result = await setDirectoryRequiredAction({ required: false });
              if (!result.ok) return toast.error(result.error.message);
              toast.success(t('stopped'));
              router.refresh();
            }}
          >
            {t('stop')}
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {t('require')}
          </Button>
        )}
      </div>
      <Table caption={t('caption')} columns={[{ label: t('administrator') }, { label: t('breakGlass') }, { label: <span className="sr-only">{t('actions')}</span> }]}>
        {administrators.map((admin) => (
          <Tr key={admin.id}>
            <RowHeader>{admin.username}</RowHeader>
            <Td>{admin.breakGlass ? t('yes') : t('no')}</Td>
            <Td className="text-right">
              <Button variant="ghost" size="sm" busy={busy === admin.id} onClick={() => void toggleBreakGlass(admin)} aria-label={admin.breakGlass ? t('revokeLabel', { username: admin.username }) : t('grantLabel', { username: admin.username })}>
                {admin.breakGlass ? t('revoke') : t('make')}
              </Button>
            </Td>
          </Tr>
        ))}
      </Table>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('confirmTitle')}
        description={t('confirmDescription')}
        confirmLabel={t('require')}
        onConfirm={async () => {
          const result = await setDirectoryRequiredAction({ required: true });
          if (!result.ok) return result.error.message;
          toast.success(t('nowRequired'));
          router.refresh();
          return null;
        }}
      />
    </div>
  );
}
