'use client';
// One-click join: pick registered hosts that are in no swarm, a role for each, and join them one
// after the other, with each host's progress. Their nodes appear in the table as they join.
import { CheckCircle2, Circle, Loader2, XCircle } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { evenManagersWarning } from '@/lib/models/swarms/quorum.ts';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { Form, FormActions } from '@/components/ui/form.tsx';
import { joinHostAction } from '@/lib/actions/swarms.ts';
import { useHostList } from '@/lib/queries/use-host-list.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { describeError, hostIp, hostsOutsideSwarms } from './format.ts';
import { useRefreshSwarm } from './use-node-call.ts';
import { useSay } from './use-say.ts';

type Role = 'worker' | 'manager';
type Progress = { state: 'waiting' | 'joining' | 'joined' | 'failed'; message?: string };
type Planned = { host: HostView; role: Role };

const WAITING: Progress = { state: 'waiting' };

function ProgressIcon({ state }: { state: Progress['state'] }) {
  if (state === 'joining') return <Loader2 className="size-4 animate-spin text-accent" aria-hidden />;
  if (state === 'joined') return <CheckCircle2 className="size-4 text-ok" aria-hidden />;
  if (state === 'failed') return <XCircle className="size-4 text-danger" aria-hidden />;
  return <Circle className="size-4 text-muted" aria-hidden />;
}

/** `managers`: how many managers the swarm has now (null when unknown), to warn before an even count. */
export function JoinHostsDialog({ swarmId, swarmName, managers = null, initialHosts, open, onOpenChange }: { swarmId: string; swarmName: string; managers?: number | null; initialHosts?: HostView[]; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations('swarms.join');
  const { data: hosts = [] } = useHostList(initialHosts);
  const refresh = useRefreshSwarm();
  const say = useSay();
  const [picked, setPicked] = useState<Record<string, Role | undefined>>({});
  const [run, setRun] = useState<Planned[] | null>(null);
  const [progress, setProgress] = useState<Record<string, Progress>>({});
  const [running, setRunning] = useState(false);

  const candidates = hostsOutsideSwarms(hosts);
  const chosen = candidates.filter((h) => picked[h.id]);
  const evenWarning = evenManagersWarning(managers, chosen.filter((h) => picked[h.id] === 'manager').length);

  const close = (next: boolean) => {
    if (running) return;
    if (!next) {
      setPicked({});
      setRun(null);
      setProgress({});
    }
    onOpenChange(next);
  };

  const start = async () => {
    const plan = chosen.map((host) => ({ host, role: picked[host.id]! }));
    setRun(plan);
    setProgress(Object.fromEntries(plan.map((p) => [p.host.id, { state: 'waiting' }])));
    setRunning(true);
    let joined = 0;
    for (const { host, role } of plan) {
      setProgress((all) => ({ ...all, [host.id]: { state: 'joining' } }));
      // Without an address of its own, the engine picks the one it reaches the managers from.
      const result = await joinHostAction({ swarmId, hostId: host.id, role, advertiseAddr: hostIp(host) || undefined });
      if (result.ok) joined++;
      setProgress((all) => ({ ...all, [host.id]: result.ok ? { state: 'joined' } : { state: 'failed', message: describeError(result.error) } }));
      // Each node shows up as soon as it is in, not after the whole batch.
      void refresh({ hosts: true });
    }
    setRunning(false);
    if (joined === plan.length) toast.success(joined === 1 ? t('oneJoined', { host: plan[0].host.name, swarm: swarmName }) : t('manyJoined', { count: joined, swarm: swarmName }));
    else toast.error(t('someFailed', { failed: plan.length - joined, total: plan.length, swarm: swarmName }));
  };

  return (
    <Dialog open={open} onOpenChange={close} title={t('title', { swarm: swarmName })} description={t('description')}>
      {run ? (
        <div className="flex flex-col gap-4">
          <ol className="flex flex-col gap-2" aria-label={t('progress')} aria-live="polite">
            {run.map(({ host, role }) => {
              const p = progress[host.id] ?? WAITING;
              return (
                <li key={host.id} className="flex items-start gap-2 rounded-md border border-border px-3 py-2">
                  <span className="mt-0.5">
                    <ProgressIcon state={p.state} />
                  </span>
                  <div className="min-w-0 flex-1">
                    <div>
                      {t.rich('asRole', {
                        host: host.name,
                        role: t(`role.${role}`),
                        state: t(`state.${p.state}`),
                        b: (chunks) => <span className="font-medium">{chunks}</span>,
                        tone: (chunks) => <span className={p.state === 'failed' ? 'text-danger' : p.state === 'joined' ? 'text-ok' : 'text-muted'}>{chunks}</span>,
                      })}
                    </div>
                    {p.message && <p className="mt-1 text-xs text-danger">{p.message}</p>}
                  </div>
                </li>
              );
            })}
          </ol>
          {running && (
            <p role="status" className="text-xs text-muted">
              {t('runningNote')}
            </p>
          )}
          <div className="flex justify-end">
            <Button onClick={() => close(false)} disabled={running}>
              {running ? t('joiningButton') : t('close')}
            </Button>
          </div>
        </div>
      ) : candidates.length === 0 ? (
        <div className="flex flex-col gap-4">
          <p className="text-muted">
            {t.rich('noCandidates', {
              link: (chunks) => (
                <Link href="/hosts/new" className="text-accent underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
          <div className="flex justify-end">
            <Button variant="secondary" onClick={() => close(false)}>
              {t('close')}
            </Button>
          </div>
        </div>
      ) : (
        <Form
          onSubmit={() => {
            void start();
          }}
        >
          <fieldset>
            <legend className="mb-2 text-sm font-medium">{t('hosts')}</legend>
            <ul className="flex flex-col gap-2">
              {candidates.map((host) => {
                const role = picked[host.id];
                return (
                  <li key={host.id} className="flex items-center gap-3 rounded-md border border-border px-3 py-2">
                    <label className="flex min-w-0 flex-1 items-center gap-2">
                      <input type="checkbox" checked={!!role} onChange={(e) => setPicked((all) => ({ ...all, [host.id]: e.target.checked ? 'worker' : undefined }))} />
                      <span className="min-w-0">
                        <span className="block truncate font-medium">{host.name}</span>
                        <span className="block truncate font-mono text-xs text-muted">{host.address}</span>
                      </span>
                    </label>
                    <label className="sr-only" htmlFor={`role-${host.id}`}>
                      {t('roleFor', { host: host.name })}
                    </label>
                    <select
                      id={`role-${host.id}`}
                      value={role ?? 'worker'}
                      disabled={!role}
                      onChange={(e) => setPicked((all) => ({ ...all, [host.id]: e.target.value as Role }))}
                      className="rounded-md border border-border bg-surface px-2 py-1.5 text-sm disabled:opacity-50"
                    >
                      <option value="worker">{t('roleOption.worker')}</option>
                      <option value="manager">{t('roleOption.manager')}</option>
                    </select>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <p className="text-xs text-muted">{t('managersNote')}</p>
          {evenWarning && (
            <p role="alert" className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm">
              {say(evenWarning)}
            </p>
          )}
          <FormActions label={chosen.length > 1 ? t('joinMany', { count: chosen.length }) : t('join')} disabled={chosen.length === 0} onCancel={() => close(false)} />
        </Form>
      )}
    </Dialog>
  );
}
