'use client';
// Creates a swarm on a registered host that is in none. The unlock key of an autolocked swarm is
// shown once before moving on to the new swarm's page.
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { FormError, SelectField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { initSwarmAction } from '@/lib/actions/swarms.ts';
import type { FieldErrors } from '@/lib/errors.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useHostList } from '@/lib/queries/use-host-list.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { hostIp, hostsOutsideSwarms, optional, splitList } from './format.ts';
import { UnlockKeyDialog } from './unlock-key-dialog.tsx';

/** "defaultAddrPool.1" and the like are about the one field. */
const byField = (errors: FieldErrors | undefined): FieldErrors => {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors ?? {})) (out[key.split('.')[0]] ??= []).push(...messages);
  return out;
};

export function CreateSwarmForm({ initialHosts, canSecrets }: { initialHosts: HostView[]; canSecrets: boolean }) {
  const t = useTranslations('swarms.create');
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: hosts = [] } = useHostList(initialHosts);
  const candidates = hostsOutsideSwarms(hosts);
  const [chosenHostId, setHostId] = useState(() => candidates[0]?.id ?? '');
  // The list is live: a host that joined a swarm meanwhile is no choice any more.
  const hostId = candidates.some((h) => h.id === chosenHostId) ? chosenHostId : (candidates[0]?.id ?? '');
  const [name, setName] = useState('');
  const [advertiseAddr, setAdvertiseAddr] = useState(() => (candidates[0] ? hostIp(candidates[0]) : ''));
  const [listenAddr, setListenAddr] = useState('0.0.0.0:2377');
  const [pool, setPool] = useState('');
  const [subnetSize, setSubnetSize] = useState('');
  const [dataPathPort, setDataPathPort] = useState('');
  const [autolock, setAutolock] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ swarmId: string; name: string; unlockKey: string } | null>(null);
  const [finished, setFinished] = useState(false);
  const host = hosts.find((h) => h.id === hostId);

  if (candidates.length === 0 && !finished) {
    return (
      <div className="max-w-2xl rounded-lg border border-dashed border-border bg-surface p-6">
        <h2 className="font-semibold">{t('noHostTitle')}</h2>
        <p className="mt-2 text-muted">
          {t.rich('noHostText', {
            link: (chunks) => (
              <Link href="/hosts/new" className="text-accent underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
    );
  }

  const open = (swarmId: string) => {
    router.push(`/swarms/${swarmId}`);
    router.refresh();
  };

  return (
    <>
      <Form
        className="flex max-w-2xl flex-col gap-5"
        onSubmit={async () => {
          setBusy(true);
          setErrors({});
          setMessage(null);
          const result = await initSwarmAction({
            hostId,
            name,
            advertiseAddr: optional(advertiseAddr),
            listenAddr: optional(listenAddr),
            defaultAddrPool: splitList(pool),
            subnetSize: optional(subnetSize),
            dataPathPort: optional(dataPathPort),
            autolock: canSecrets && autolock,
          });
          setBusy(false);
          if (!result.ok) {
            setErrors(byField(result.error.fieldErrors));
            setMessage(result.error.message);
            return;
          }
          setFinished(true);
          toast.success(t('created', { name: result.data.name, host: host?.name ?? t('theHost') }));
          await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.hostList }), queryClient.invalidateQueries({ queryKey: queryKeys.swarmList })]);
          if (result.data.unlockKey) setCreated({ swarmId: result.data.swarmId, name: result.data.name, unlockKey: result.data.unlockKey });
          else open(result.data.swarmId);
        }}
      >
        <SelectField
          label={t('host')}
          value={hostId}
          onChange={(e) => {
            setHostId(e.target.value);
            const next = hosts.find((h) => h.id === e.target.value);
            setAdvertiseAddr(next ? hostIp(next) : '');
          }}
          error={errors.hostId}
          hint={t('hostHint')}
        >
          {candidates.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name} ({h.address})
            </option>
          ))}
        </SelectField>
        <TextField label={t('name')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={63} required autoFocus autoComplete="off" hint={t('nameHint')} />
        <TextField
          label={t('advertiseAddr')}
          value={advertiseAddr}
          onChange={(e) => setAdvertiseAddr(e.target.value)}
          error={errors.advertiseAddr}
          maxLength={80}
          className="font-mono"
          placeholder={t('advertiseAddrPlaceholder')}
          hint={t('advertiseAddrHint')}
        />
        <TextField label={t('listenAddr')} value={listenAddr} onChange={(e) => setListenAddr(e.target.value)} error={errors.listenAddr} maxLength={80} className="font-mono" hint={t('listenAddrHint')} />
        <TextField
          label={t('pool')}
          value={pool}
          onChange={(e) => setPool(e.target.value)}
          error={errors.defaultAddrPool}
          className="font-mono"
          placeholder="10.20.0.0/16, 10.30.0.0/16"
          hint={t('poolHint')}
        />
        <div className="grid grid-cols-2 gap-4">
          <TextField label={t('subnetSize')} type="number" inputMode="numeric" min={16} max={28} value={subnetSize} onChange={(e) => setSubnetSize(e.target.value)} error={errors.subnetSize} placeholder="24" hint={t('subnetSizeHint')} />
          <TextField label={t('dataPathPort')} type="number" inputMode="numeric" min={1024} max={49151} value={dataPathPort} onChange={(e) => setDataPathPort(e.target.value)} error={errors.dataPathPort} placeholder="4789" hint={t('dataPathPortHint')} />
        </div>
        {canSecrets && (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" checked={autolock} onChange={(e) => setAutolock(e.target.checked)} />
            <span>
              <span className="font-medium">{t('autolock')}</span>
              <span className="block text-xs text-muted">{t('autolockHint')}</span>
            </span>
          </label>
        )}
        <FormError message={message} />
        {busy && (
          <p role="status" className="text-xs text-muted">
            {t('creating', { host: host?.name ?? '' })}
          </p>
        )}
        <div className="flex gap-2">
          <Button type="submit" busy={busy}>
            {t('submit')}
          </Button>
          <Button variant="ghost" onClick={() => router.back()} disabled={busy}>
            {t('cancel')}
          </Button>
        </div>
      </Form>
      <UnlockKeyDialog
        unlockKey={created?.unlockKey ?? null}
        swarmName={created?.name ?? ''}
        onClose={() => {
          if (created) open(created.swarmId);
          setCreated(null);
        }}
      />
    </>
  );
}
