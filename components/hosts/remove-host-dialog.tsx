'use client';
// Removing a host, after its name is typed. A machine Wharf made with a driver that can delete it
// (a droplet, a local sandbox) is deleted by default, or only forgotten if the user says so; any
// other host is only forgotten, and the dialog says what that leaves behind.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { ConfirmByTyping } from '@/components/ui/confirm-by-typing.tsx';
import { removeHostAction } from '@/lib/actions/hosts.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { DRIVER_ABILITIES } from '@/lib/models/hosts/provision-plan.ts';
import { cn } from '@/lib/ui/cn.ts';

type Mode = 'forget' | 'delete';

function deleteConsequence(host: HostView): string {
  if (host.driver === 'digitalocean') {
    return `Wharf destroys ${host.machine?.dropletId ? `droplet ${host.machine.dropletId}` : 'the droplet'} and the SSH key it added to the DigitalOcean account, then forgets the host. Everything on the droplet is lost and billing stops.`;
  }
  return 'Wharf stops the sandbox and deletes it (its engine, containers, images, volumes, network namespace and files), then forgets the host.';
}

/** A forgotten engine still trusts its CA, and Wharf can no longer rotate it. */
const BUNDLES_KEEP_WORKING = 'Docker CLI bundles issued for it keep opening its engine until they expire: revoke them on this page first if that matters.';

function forgetConsequence(host: HostView, canDelete: boolean): string {
  if (canDelete) {
    return host.driver === 'digitalocean'
      ? `Wharf forgets the host and its secrets; the droplet keeps running (and is still billed) with Docker as Wharf configured it. Delete it in DigitalOcean yourself later. ${BUNDLES_KEEP_WORKING}`
      : `Wharf forgets the host and its secrets; the sandbox keeps running on this machine. ${BUNDLES_KEEP_WORKING}`;
  }
  if (host.driver === 'generic') {
    return `Wharf did not create this machine, so it only forgets the host and its secrets. The machine is not touched: Docker keeps running there with the TLS configuration Wharf installed. ${BUNDLES_KEEP_WORKING}`;
  }
  return 'Wharf forgets this host and its connection secrets. The engine and its containers are not touched.';
}

export function RemoveHostDialog({ host, open, onOpenChange }: { host: HostView; open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const canDelete = !!host.driver && DRIVER_ABILITIES[host.driver].deleteMachine;
  const [mode, setMode] = useState<Mode>(canDelete ? 'delete' : 'forget');
  const deleting = canDelete && mode === 'delete';

  const choice = (value: Mode, label: string, description: string) => (
    <label className={cn('flex cursor-pointer items-start gap-2 rounded-md border p-3 focus-within:ring-2 focus-within:ring-accent', mode === value ? 'border-accent bg-accent/5' : 'border-border')}>
      <input type="radio" name={`${id}-mode`} value={value} checked={mode === value} onChange={() => setMode(value)} className="mt-1" aria-labelledby={`${id}-${value}`} aria-describedby={`${id}-${value}-hint`} />
      <span>
        <span id={`${id}-${value}`} className="block font-medium">
          {label}
        </span>
        <span id={`${id}-${value}-hint`} className="block text-xs text-muted">
          {description}
        </span>
      </span>
    </label>
  );

  return (
    <ConfirmByTyping
      open={open}
      onOpenChange={(next) => {
        if (next) setMode(canDelete ? 'delete' : 'forget');
        onOpenChange(next);
      }}
      title={`Remove ${host.name}?`}
      name={host.name}
      consequence={canDelete ? 'Wharf made this machine and can delete it, or only forget it.' : forgetConsequence(host, false)}
      confirmLabel={deleting ? 'Delete machine and host' : 'Remove host'}
      onConfirm={async (typed) => {
        const result = await removeHostAction({ id: host.id, confirmName: typed, mode: deleting ? 'delete' : 'forget' });
        if (!result.ok) return result.error.message;
        toast.success(deleting ? `Deleted the machine and removed ${host.name}` : `Removed ${host.name}`, { description: result.data.log.at(-1) });
        queryClient.removeQueries({ queryKey: queryKeys.host(host.id) });
        await queryClient.invalidateQueries({ queryKey: queryKeys.hostList });
        router.replace('/hosts');
        router.refresh();
        return null;
      }}
    >
      {canDelete && (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">What happens to the machine</legend>
          {choice('delete', 'Delete the machine', deleteConsequence(host))}
          {choice('forget', 'Only forget it in Wharf', forgetConsequence(host, true))}
        </fieldset>
      )}
    </ConfirmByTyping>
  );
}
