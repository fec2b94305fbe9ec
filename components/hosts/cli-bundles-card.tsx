'use client';
// The docker CLI bundles issued for a provisioned host: who holds each, when it was issued, until
// when it lasts and whether it still opens the engine; and revoking one. dockerd reads no
// revocation list, so revoking rotates the host's CA: the dialog names every bundle that stops
// with it and says the engine restarts, before it asks for the host's name.
import { useQueryClient } from '@tanstack/react-query';
import { ShieldOff } from 'lucide-react';
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
import { bundleState, listNames, stoppedByRotation, type BundleState, type CliBundle } from '@/lib/models/hosts/cli-bundles.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useHostBundles } from '@/lib/queries/use-host-bundles.ts';
import type { HostBundles } from '@/lib/services/hosts/lifecycle/read-cli-bundles.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';

const STATE_BADGE: Record<BundleState, { label: string; tone: 'ok' | 'neutral' | 'warn' }> = {
  active: { label: 'Active', tone: 'ok' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'warn' },
};

const day = (iso: string) => new Date(iso).toLocaleDateString();
const holderOf = (bundle: CliBundle) => bundle.username ?? 'a removed user';

/** A bundle's state as a badge, with why it was revoked. */
function BundleStateBadge({ bundle, now }: { bundle: CliBundle; now: number | null }) {
  // Before hydration there is no clock: revoked is known, active and expired wait for it.
  const state = bundle.revokedAt ? 'revoked' : now === null ? null : bundleState(bundle, now);
  if (!state) return <span className="text-muted">…</span>;
  const badge = STATE_BADGE[state];
  return (
    <div className="flex flex-col gap-1">
      <Badge tone={badge.tone} className="self-start">
        {badge.label}
      </Badge>
      {state === 'revoked' && (bundle.revokedReason || bundle.revokedAt) && (
        <span className="text-xs text-muted">
          {bundle.revokedAt && `On ${day(bundle.revokedAt)}. `}
          {bundle.revokedReason}
        </span>
      )}
    </div>
  );
}

/** A bundle's table cells from issue to now: issued, expires, and its state. */
export function BundleLifeCells({ bundle, now }: { bundle: CliBundle; now: number | null }) {
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
function revocationConsequence(host: HostView, listed: HostBundles, bundle: CliBundle, now: number) {
  const stopped = stoppedByRotation(listed.bundles, new Map([[host.id, listed.trustedCa]]), now);
  const others = stopped.bundles.filter((b) => b.serial !== bundle.serial).length;
  const hosts = listed.hostsOnSharedCa.length > 1 ? listNames(listed.hostsOnSharedCa.map((h) => h.name)) : host.name;
  return (
    <span className="flex flex-col gap-2">
      <span>
        The Docker engine cannot revoke one certificate, so Wharf replaces the CA that {hosts === host.name ? `${host.name} trusts` : `${hosts} trust`} with a new one.
      </span>
      <span role="note" className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-warn">
        <strong>Every docker CLI bundle of {hosts} stops working</strong>
        {stopped.bundles.length > 0 && (
          <>
            : {stopped.bundles.length} active {stopped.bundles.length === 1 ? 'bundle' : 'bundles'} ({others === 0 ? 'only this one' : `this one and ${others} more`}), held by {listNames(stopped.usernames)}
          </>
        )}
        . <strong>The engine restarts</strong>: containers come back only if their restart policy says so.
      </span>
      <span>
        Wharf issues its own new certificate and checks that it reaches the engine before anything is recorded. Whoever still needs the docker CLI downloads a new bundle. Bundles for other
        hosts are not affected.
      </span>
    </span>
  );
}

function BundleRows({ host, listed, canRevoke, onRevoke }: { host: HostView; listed: HostBundles; canRevoke: boolean; onRevoke: (bundle: CliBundle) => void }) {
  const now = useNow(60_000);
  const columns = [{ label: 'User' }, { label: 'Issued' }, { label: 'Expires' }, { label: 'State' }, ...(canRevoke ? [{ label: 'Actions', className: 'text-right' }] : [])];
  return (
    <Table caption={`Docker CLI bundles of ${host.name}`} columns={columns}>
      {listed.bundles.map((bundle) => {
        const active = bundle.revokedAt === null && now !== null && bundleState(bundle, now) === 'active';
        return (
          <Tr key={bundle.serial} className="align-top">
            <RowHeader>
              <div className="font-medium wrap-anywhere">{holderOf(bundle)}</div>
              <div className="font-mono text-xs text-muted break-all">serial {bundle.serial}</div>
              {bundle.hostId !== host.id && <div className="text-xs text-warn">Issued for {bundle.hostName ?? 'another host'} under the former shared CA</div>}
            </RowHeader>
            <BundleLifeCells bundle={bundle} now={now} />
            {canRevoke && (
              <Td className="text-right">
                {active && (
                  <Button size="sm" variant="secondary" onClick={() => onRevoke(bundle)}>
                    <ShieldOff className="size-3.5" aria-hidden /> Revoke<span className="sr-only"> {holderOf(bundle)}&apos;s bundle {bundle.serial}</span>
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

  return (
    <Card title="Issued docker CLI bundles" className="lg:col-span-2">
      <QueryState query={query} waiting="Reading the bundles issued for this host…" what="The issued bundles">
        {(listed) =>
          listed.bundles.length === 0 ? (
            <div className="rounded-md border border-dashed border-border px-4 py-6 text-center text-sm">
              <p className="font-medium">No bundle has been issued for {host.name}.</p>
              <p className="mt-1 text-muted">
                A user allowed unrestricted workloads on this host downloads one under “Connect with the docker CLI”. Each bundle is listed here with who holds it and until when, and
                can be revoked here.
              </p>
            </div>
          ) : (
            <>
              <BundleRows host={host} listed={listed} canRevoke={canRevoke} onRevoke={setRevoking} />
              {revoking && now !== null && (
                <ConfirmByTyping
                  open
                  onOpenChange={(open) => !open && setRevoking(null)}
                  title={`Revoke ${holderOf(revoking)}'s bundle for ${host.name}?`}
                  name={host.name}
                  consequence={revocationConsequence(host, listed, revoking, now)}
                  confirmLabel="Revoke and restart the engine"
                  onConfirm={async (typed) => {
                    const result = await revokeCliBundleAction({ id: host.id, serial: revoking.serial, confirmName: typed });
                    if (!result.ok) return result.error.message;
                    toast.success(`Revoked ${holderOf(revoking)}'s bundle for ${host.name}`, {
                      description: result.data.stopped.length ? `Bundles of ${listNames(result.data.stopped)} no longer open the engine.` : undefined,
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
