'use client';
// Removing a host, after its name is typed. A machine Wharf made with a driver that can delete it
// (a droplet, a local sandbox) is deleted by default, or only forgotten if the user says so; any
// other host is only forgotten, and the dialog says what that leaves behind.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { ConfirmByTyping } from '@/components/ui/confirm-by-typing.tsx';
import { removeHostAction } from '@/lib/actions/hosts.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { DRIVER_ABILITIES } from '@/lib/models/hosts/provision-plan.ts';
import { cn } from '@/lib/ui/cn.ts';
import { useSayLine } from './use-say.ts';

type Mode = 'forget' | 'delete';
const DELETE: Mode = 'delete';
const FORGET: Mode = 'forget';
type T = ReturnType<typeof useTranslations<'hosts.remove'>>;

function deleteConsequence(t: T, host: HostView): string {
  if (host.driver === 'digitalocean') {
    return host.machine?.dropletId ? t('deleteDroplet', { id: String(host.machine.dropletId) }) : t('deleteTheDroplet');
  }
  return t('deleteSandbox');
}

/** A forgotten engine still trusts its CA, and Wharf can no longer rotate it (each text says so: bundles keep working). */
function forgetConsequence(t: T, host: HostView, canDelete: boolean): string {
  if (canDelete) return host.driver === 'digitalocean' ? t('forgetDroplet') : t('forgetSandbox');
  if (host.driver === 'generic') return t('forgetGeneric');
  return t('forgetRegistered');
}

export function RemoveHostDialog({ host, open, onOpenChange }: { host: HostView; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations('hosts.remove');
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const sayLine = useSayLine();
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
      title={t('title', { name: host.name })}
      name={host.name}
      consequence={canDelete ? t('canDelete') : forgetConsequence(t, host, false)}
      confirmLabel={deleting ? t('confirmDelete') : t('confirmForget')}
      onConfirm={async (typed) => {
        const result = await removeHostAction({ id: host.id, confirmName: typed, mode: deleting ? 'delete' : 'forget' });
        if (!result.ok) return result.error.message;
        toast.success(deleting ? t('deleted', { name: host.name }) : t('removed', { name: host.name }), { description: result.data.log.length ? sayLine(result.data.log.at(-1)!) : undefined });
        queryClient.removeQueries({ queryKey: queryKeys.host(host.id) });
        await queryClient.invalidateQueries({ queryKey: queryKeys.hostList });
        router.replace('/hosts');
        router.refresh();
        return null;
      }}
    >
      {canDelete && (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t('legend')}</legend>
          {choice(DELETE, t('deleteChoice'), deleteConsequence(t, host))}
          {choice(FORGET, t('forgetChoice'), forgetConsequence(t, host, true))}
        </fieldset>
      )}
    </ConfirmByTyping>
  );
}
