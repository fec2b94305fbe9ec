'use client';
// The docker CLI bundles issued for a provisioned host: who holds each, when it was issued, until
// when it lasts and whether it still opens the engine; and revoking one. dockerd reads no
// revocation list, so revoking rotates the host's CA: the dialog names every bundle that stops
// with it and says the engine restarts, before it asks for the host's name.
import { useQueryClient } from '@tanstack/react-query';
import { ShieldOff } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ConfirmByTyping } from '@/components/ui/confirm-by-typing.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { useNow } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { revokeCliBundleAction } from '@/lib/actions/provision.ts';
import { bundleState, stoppedByRotation, type BundleState, type CliBundle } from '@/lib/models/hosts/cli-bundles.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useHostBundles } from '@/lib/queries/use-host-bundles.ts';
import type { HostBundles } from '@/lib/services/hosts/lifecycle/read-cli-bundles.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { useListNames, useSayText } from './use-say.ts';

const STATE_TONE: Record<BundleState, 'ok' | 'neutral' | 'warn'> = { active: 'ok', expired: 'neutral', revoked: 'warn' };

/** A date as the page's language writes it. */
function useDay() {
  const format = useFormatter();
  return (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' });
}

/** Who holds a bundle: its user, or words for a removed one. */
function useHolder() {
  const t = useTranslations('hosts.bundles');
  return (bundle: CliBundle) => bundle.username ?? t('removedUser');
}

/** A bundle's state as a badge, with why it was revoked. */
function BundleStateBadge({ bundle, now }: { bundle: CliBundle; now: number | null }) {
  // Before hydration there is no clock: revoked is known, active and expired wait for it.
  const t = useTranslations('hosts.bundles');
  const day = useDay();
  const sayText = useSayText();
  const state = bundle.revokedAt ? 'revoked' : now === null ? null : bundleState(bundle, now);
  if (!state) return <span className="text-muted">…</span>;
  return (
    <div className="flex flex-col gap-1">
      <Badge tone={STATE_TONE[state]} className="self-start">
        {t(`state.${state}`)}
      </Badge>
      {state === 'revoked' && (bundle.revokedReason || bundle.revokedAt) && (
        <span className="text-xs text-muted">
          {bundle.revokedAt && `${t('revokedOn', { date: day(bundle.revokedAt) })} `}
          {bundle.revokedReason && sayText(bundle.revokedReason)}
        </span>
      )}
    </div>
  );
}

/** A bundle's table cells from issue to now: issued, expires, and its state. */
export function BundleLifeCells({ bundle, now }: { bundle: CliBundle; now: number | null }) {
  const day = useDay();
  return (
    <>
      <Td className="whitespace-nowrap text-xs">
        <time dateTime={bundle.issuedAt}>{day(bundle.issuedAt)}</time>
      </Td>
      <Td className="whitespace-nowrap text-xs">
        <time dateTime={bundle.notAfter}>{day(bundle.notAfter)}</time>
      </Td>
      <Td className="text-xs">
        <BundleStateBadge bundle={bundle} now={now} />
      </Td>
    </>
  );
}

/** What the revocation dialog says: every bundle that stops, and the engine's restart. */
function RevocationConsequence({ host, listed, bundle, now }: { host: HostView; listed: HostBundles; bundle: CliBundle; now: number }) {
  const t = useTranslations('hosts.bundles.consequence');
  const listNames = useListNames();
  const stopped = stoppedByRotation(listed.bundles, new Map([[host.id, listed.trustedCa]]), now);
  const others = stopped.bundles.filter((b) => b.serial !== bundle.serial).length;
  const shared = listed.hostsOnSharedCa.length > 1;
  const hosts = shared ? listNames(listed.hostsOnSharedCa.map((h) => h.name)) : host.name;
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  return (
    <span className="flex flex-col gap-2">
      <span>{t('replaces', { hosts, count: shared ? listed.hostsOnSharedCa.length : 1 })}</span>
      <span role="note" className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-warn">
        {stopped.bundles.length > 0
          ? t.rich('stopsSome', { hosts, count: stopped.bundles.length, others, holders: listNames(stopped.usernames), strong })
          : t.rich('stopsAll', { hosts, strong })}
      </span>
      <span>{t('after')}</span>
    </span>
  );
}

function BundleRows({ host, listed, canRevoke, onRevoke }: { host: HostView; listed: HostBundles; canRevoke: boolean; onRevoke: (bundle: CliBundle) => void }) {
  const t = useTranslations('hosts.bundles');
  const holderOf = useHolder();
  const now = useNow(60_000);
  const columns = [{ label: t('user') }, { label: t('issued') }, { label: t('expires') }, { label: t('stateColumn') }, ...(canRevoke ? [{ label: t('actions'), className: 'text-right' }] : [])];
  return (
    <Table caption={t('caption', { name: host.name })} columns={columns}>
      {listed.bundles.map((bundle) => {
        const active = bundle.revokedAt === null && now !== null && bundleState(bundle, now) === 'active';
        return (
          <Tr key={bundle.serial} className="align-top">
            <RowHeader>
              <div className="font-medium wrap-anywhere">{holderOf(bundle)}</div>
              <div className="font-mono text-xs text-muted break-all">{t('serial', { serial: bundle.serial })}</div>
              {bundle.hostId !== host.id && <div className="text-xs text-warn">{bundle.hostName ? t('issuedFor', { name: bundle.hostName }) : t('issuedForAnother')}</div>}
            </RowHeader>
            <BundleLifeCells bundle={bundle} now={now} />
            {canRevoke && (
              <Td className="text-right">
                {active && (
                  <Button size="sm" variant="secondary" onClick={() => onRevoke(bundle)}>
                    <ShieldOff className="size-3.5" aria-hidden /> {t.rich('revoke', { holder: holderOf(bundle), serial: bundle.serial, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
                  </Button>
                )}
              </Td>
            )}
          </Tr>
        );
      })}
    </Table>
  );
}

/** The bundles of a provisioned host, for those who manage it (host.update); they may revoke any. */
export function CliBundlesCard({ host, canRevoke }: { host: HostView; canRevoke: boolean }) {
  const queryClient = useQueryClient();
  const query = useHostBundles(host.id);
  const [revoking, setRevoking] = useState<CliBundle | null>(null);
  const now = useNow(60_000);
  const t = useTranslations('hosts.bundles');
  const holderOf = useHolder();
  const listNames = useListNames();

  return (
    <Card title={t('title')} className="lg:col-span-2">
      <QueryState query={query} waiting={t('waiting')} what={t('what')}>
        {(listed) =>
          listed.bundles.length === 0 ? (
            <div className="rounded-md border border-dashed border-border px-4 py-6 text-center text-sm">
              <p className="font-medium">{t('emptyTitle', { name: host.name })}</p>
              <p className="mt-1 text-muted">{t('emptyText')}</p>
            </div>
          ) : (
            <>
              <BundleRows host={host} listed={listed} canRevoke={canRevoke} onRevoke={setRevoking} />
              {revoking && now !== null && (
                <ConfirmByTyping
                  open
                  onOpenChange={(open) => !open && setRevoking(null)}
                  title={t('confirmTitle', { holder: holderOf(revoking), name: host.name })}
                  name={host.name}
                  consequence={<RevocationConsequence host={host} listed={listed} bundle={revoking} now={now} />}
                  confirmLabel={t('confirm')}
                  onConfirm={async (typed) => {
                    const result = await revokeCliBundleAction({ id: host.id, serial: revoking.serial, confirmName: typed });
                    if (!result.ok) return result.error.message;
                    toast.success(t('revoked', { holder: holderOf(revoking), name: host.name }), {
                      description: result.data.stopped.length ? t('revokedStopped', { holders: listNames(result.data.stopped) }) : undefined,
                    });
                    setRevoking(null);
                    await queryClient.invalidateQueries({ queryKey: queryKeys.host(host.id) });
                    return null;
                  }}
                />
              )}
            </>
          )
        }
      </QueryState>
    </Card>
  );
}
