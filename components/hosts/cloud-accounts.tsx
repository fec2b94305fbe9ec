'use client';
// Saved cloud accounts (DigitalOcean API tokens): by name and the token's last characters only.
// Users who may manage them add (the token is checked with DigitalOcean first) and remove them;
// everyone else who may provision sees the list.
import { useQueryClient } from '@tanstack/react-query';
import { Cloud, Plus, Rocket } from 'lucide-react';
import Link from 'next/link';
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

function AddAccountDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
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
      title="Add a DigitalOcean account"
      description="Wharf checks the token with DigitalOcean before saving it, keeps it encrypted, and never shows it again."
      form={form}
      message={form.errors.name || form.errors.token ? null : form.message}
      label="Check and save"
      onSubmit={async () => {
        const done = await form.submit(() => saveCloudCredentialAction({ provider: 'digitalocean', name, token }));
        if (!done) return;
        toast.success(done.data.email ? `Saved ${name} (DigitalOcean account ${done.data.email})` : `Saved ${name}`);
        await queryClient.invalidateQueries({ queryKey: queryKeys.cloudCredentials });
        clear();
        onOpenChange(false);
      }}
    >
      <TextField label="Account name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} maxLength={60} autoComplete="off" autoFocus hint="How Wharf lists it, e.g. team-prod." />
      <TextField
        label="API token"
        type="password"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        error={form.errors.token}
        autoComplete="off"
        spellCheck={false}
        hint="A personal access token with read and write scope (DigitalOcean: API → Tokens). Droplets Wharf creates are billed to this account."
      />
      {form.busy && (
        <p role="status" className="text-xs text-muted">
          Checking the token with DigitalOcean…
        </p>
      )}
    </FormDialog>
  );
}

export function AddCloudAccountButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden /> Add an account
      </Button>
      <AddAccountDialog open={open} onOpenChange={setOpen} />
    </>
  );
}

export function CloudAccounts({ initialAccounts, canManage }: { initialAccounts: CloudCredentialView[]; canManage: boolean }) {
  const queryClient = useQueryClient();
  const { data: accounts = [] } = useCloudCredentials(initialAccounts);
  const [removing, setRemoving] = useState<CloudCredentialView | null>(null);
  const [adding, setAdding] = useState(false);

  if (accounts.length === 0) {
    return (
      <>
        <EmptyState
          icon={<Cloud className="size-8" />}
          title="No cloud accounts yet"
          action={
            canManage ? (
              <Button onClick={() => setAdding(true)}>
                <Plus className="size-4" aria-hidden /> Add the first account
              </Button>
            ) : undefined
          }
        >
          {canManage
            ? 'Add a DigitalOcean API token, and Wharf can create droplets and provision them as hosts.'
            : 'Droplets are created with a DigitalOcean account saved here. Ask an administrator to add one.'}
        </EmptyState>
        {canManage && <AddAccountDialog open={adding} onOpenChange={setAdding} />}
      </>
    );
  }

  return (
    <>
      <Table
        caption="Cloud accounts"
        columns={[{ label: 'Name' }, { label: 'Provider' }, { label: 'Token' }, { label: 'Hosts using it' }, { label: 'Added' }, { label: <span className="sr-only">Actions</span> }]}
      >
        {accounts.map((account) => (
          <Tr key={account.id}>
            <RowHeader className="font-medium">{account.name}</RowHeader>
            <Td className="text-xs">DigitalOcean</Td>
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
                  <Rocket className="size-3.5" aria-hidden /> Provision a droplet<span className="sr-only"> with {account.name}</span>
                </Link>
                {canManage && (
                  <Button size="sm" variant="secondary" onClick={() => setRemoving(account)}>
                    Remove<span className="sr-only"> {account.name}</span>
                  </Button>
                )}
              </div>
            </Td>
          </Tr>
        ))}
      </Table>
      <p className="mt-3 text-xs text-muted">Tokens are kept encrypted; only their last four characters are ever shown.</p>

      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={`Remove ${removing?.name ?? 'the account'}?`}
        description={
          removing && removing.hostsUsing > 0
            ? `${removing.hostsUsing} host${removing.hostsUsing === 1 ? ' uses' : 's use'} this account: remove or forget ${removing.hostsUsing === 1 ? 'it' : 'them'} first, or Wharf refuses.`
            : 'Wharf forgets the token. Droplets in the account are not touched; runs that have not finished with it can no longer be retried or cleaned up.'
        }
        confirmLabel="Remove account"
        danger
        onConfirm={async () => {
          if (!removing) return null;
          const result = await removeCloudCredentialAction({ credentialId: removing.id });
          if (!result.ok) return result.error.message;
          toast.success(`Removed ${removing.name}`);
          await queryClient.invalidateQueries({ queryKey: queryKeys.cloudCredentials });
          return null;
        }}
      />
    </>
  );
}
