'use client';
// Saved cloud accounts (DigitalOcean API tokens): by name and the token's last characters only.
// Users who may manage them add (the token is checked with DigitalOcean first) and remove them;
// everyone else who may provision sees the list.
import { useQueryClient } from '@tanstack/react-query';
import { Cloud, Plus, Rocket } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { removeCloudCredentialAction, saveCloudCredentialAction } from '@/lib/actions/provision.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useCloudCredentials } from '@/lib/queries/use-provision.ts';
import type { CloudCredentialView } from '@/lib/services/hosts/cloud/cloud-credentials.ts';

/** The only provider so far: a product name, said as it is. */
const PROVIDER = 'DigitalOcean';

function AddAccountDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations('cloud.add');
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [token, setToken] = useState('');
  const form = useActionForm({ fields: ['name', 'token'], report: 'inline' });
  const clear = () => {
    setName('');
    setToken('');
  };
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      onClosed={clear}
      title={t('title')}
      description={t('description')}
      form={form}
      message={form.errors.name || form.errors.token ? null : form.message}
      label={t('submit')}
      onSubmit={async () => {
        const done = await form.submit(() => saveCloudCredentialAction({ provider: 'digitalocean', name, token }));
        if (!done) return;
        toast.success(done.data.email ? t('savedWithEmail', { name, email: done.data.email }) : t('saved', { name }));
        await queryClient.invalidateQueries({ queryKey: queryKeys.cloudCredentials });
        clear();
        onOpenChange(false);
      }}
    >
      <TextField label={t('name')} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} maxLength={60} autoComplete="off" autoFocus hint={t('nameHint')} />
      <TextField
        label={t('token')}
        type="password"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        error={form.errors.token}
        autoComplete="off"
        spellCheck={false}
        hint={t('tokenHint')}
      />
      {form.busy && (
        <p role="status" className="text-xs text-muted">
          {t('checking')}
        </p>
      )}
    </FormDialog>
  );
}

export function AddCloudAccountButton() {
  const t = useTranslations('cloud.list');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden /> {t('addAccount')}
      </Button>
      <AddAccountDialog open={open} onOpenChange={setOpen} />
    </>
  );
}

export function CloudAccounts({ initialAccounts, canManage }: { initialAccounts: CloudCredentialView[]; canManage: boolean }) {
  const t = useTranslations('cloud.list');
  const queryClient = useQueryClient();
  const { data: accounts = [] } = useCloudCredentials(initialAccounts);
  const [removing, setRemoving] = useState<CloudCredentialView | null>(null);
  const [adding, setAdding] = useState(false);

  if (accounts.length === 0) {
    return (
      <>
        <EmptyState
          icon={<Cloud className="size-8" />}
          title={t('emptyTitle')}
          action={
            canManage ? (
              <Button onClick={() => setAdding(true)}>
                <Plus className="size-4" aria-hidden /> {t('addFirst')}
              </Button>
            ) : undefined
          }
        >
          {canManage ? t('emptyManage') : t('emptyAsk')}
        </EmptyState>
        {canManage && <AddAccountDialog open={adding} onOpenChange={setAdding} />}
      </>
    );
  }

  return (
    <>
      <Table
        caption={t('caption')}
        columns={[{ label: t('name') }, { label: t('provider') }, { label: t('token') }, { label: t('hostsUsing') }, { label: t('added') }, { label: <span className="sr-only">{t('actions')}</span> }]}
      >
        {accounts.map((account) => (
          <Tr key={account.id}>
            <RowHeader className="font-medium">{account.name}</RowHeader>
            <Td className="text-xs">{PROVIDER}</Td>
            <Td className="font-mono text-xs">
              …{account.tokenHint}
            </Td>
            <Td className="text-xs">{account.hostsUsing}</Td>
            <Td className="text-xs text-muted">
              <RelativeTime iso={account.createdAt} />
            </Td>
            <Td className="text-right">
              <div className="flex justify-end gap-2">
                <Link href="/hosts/provision/new?driver=digitalocean" className="inline-flex h-8 items-center gap-2 rounded-md border border-border bg-surface px-3 text-xs font-medium hover:bg-surface-2">
                  <Rocket className="size-3.5" aria-hidden /> {t.rich('provision', { name: account.name, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
                </Link>
                {canManage && (
                  <Button size="sm" variant="secondary" onClick={() => setRemoving(account)}>
                    {t.rich('remove', { name: account.name, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
                  </Button>
                )}
              </div>
            </Td>
          </Tr>
        ))}
      </Table>
      <p className="mt-3 text-xs text-muted">{t('encrypted')}</p>

      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={removing ? t('removeTitle', { name: removing.name }) : t('removeTitleAccount')}
        description={removing && removing.hostsUsing > 0 ? t('inUse', { count: removing.hostsUsing }) : t('removeText')}
        confirmLabel={t('removeConfirm')}
        danger
        onConfirm={async () => {
          if (!removing) return null;
          const result = await removeCloudCredentialAction({ credentialId: removing.id });
          if (!result.ok) return result.error.message;
          toast.success(t('removed', { name: removing.name }));
          await queryClient.invalidateQueries({ queryKey: queryKeys.cloudCredentials });
          return null;
        }}
      />
    </>
  );
}
