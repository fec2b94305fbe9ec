'use client';
// Audit forwarding on the Audit page (administrators): each destination with how far delivery got
// (delivered through entry N, entries waiting, the last error and when), and adding, editing,
// a test message, enabling, disabling and removing (confirmed). Refreshed every few seconds.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Send } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { removeAuditDestinationAction, setAuditDestinationEnabledAction, testAuditDestinationAction } from '@/lib/actions/audit.ts';
import { fetchJson } from '@/lib/queries/fetch-json.ts';
import type { AuditDestinationView } from '@/lib/services/audit/forwarding/audit-destinations.ts';
import { AuditDestinationDialog } from './audit-destination-dialog.tsx';

const KEY = ['audit', 'destinations'];

function State({ d }: { d: AuditDestinationView }) {
  const through = d.deliveredThrough === '0' ? 'Nothing delivered yet' : `Delivered through entry ${d.deliveredThrough}`;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        {!d.enabled ? <Badge>Disabled</Badge> : d.failing ? <Badge tone="danger">Failing</Badge> : d.backlog === 0 ? <Badge tone="ok">Up to date</Badge> : <Badge tone="warn">Sending</Badge>}
        <span>{through}</span>
      </div>
      <span className="text-xs text-muted">
        {d.backlog === 0 ? 'No entries waiting' : `${d.backlog} ${d.backlog === 1 ? 'entry' : 'entries'} waiting`}
        {d.deliveredAt && (
          <>
            {' '}· last delivery <RelativeTime iso={d.deliveredAt} />
          </>
        )}
      </span>
    </div>
  );
}

function LastError({ d }: { d: AuditDestinationView }) {
  if (!d.lastError) return <span className="text-xs text-muted">None</span>;
  return (
    <div className={d.failing ? 'text-xs text-danger' : 'text-xs text-muted'}>
      <p>{d.lastError}</p>
      <p className="mt-0.5">
        <RelativeTime iso={d.lastErrorAt} />
        {!d.failing && ' (delivered since)'}
      </p>
    </div>
  );
}

export function AuditForwarding({ initial }: { initial: AuditDestinationView[] }) {
  const queryClient = useQueryClient();
  const destinations = useQuery({ queryKey: KEY, queryFn: ({ signal }) => fetchJson<AuditDestinationView[]>('/api/audit/destinations', signal), initialData: initial, refetchInterval: 5_000 });
  const [dialog, setDialog] = useState<{ editing: AuditDestinationView | null } | null>(null);
  const [removing, setRemoving] = useState<AuditDestinationView | null>(null);
  const [disabling, setDisabling] = useState<AuditDestinationView | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const list = destinations.data;

  async function sendTest(d: AuditDestinationView) {
    setTesting(d.id);
    const result = await testAuditDestinationAction({ destinationId: d.id }).finally(() => setTesting(null));
    if (result.ok) toast.success(`Test message delivered to ${d.name} (${result.data.where}).`);
    else toast.error(result.error.message);
  }

  async function enable(d: AuditDestinationView) {
    const result = await setAuditDestinationEnabledAction({ destinationId: d.id, enabled: true });
    if (result.ok) toast.success(`${d.name} is enabled: forwarding resumes from entry ${BigInt(d.deliveredThrough) + 1n}.`);
    else toast.error(result.error.message);
    await refresh();
  }

  return (
    <section aria-labelledby="audit-forwarding-title" className="mb-4 flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="audit-forwarding-title" className="text-sm font-semibold">
            Forwarding
          </h2>
          <p className="max-w-2xl text-xs text-muted">
            Every entry is sent to each enabled destination in chain order, at least once, with its number, hash and the hash it follows. A destination that is down is retried;
            its entries wait in the log, and retention keeps them until they are delivered. Retention does not wait for a disabled destination.
          </p>
        </div>
        <Button variant="secondary" onClick={() => setDialog({ editing: null })}>
          Add destination
        </Button>
      </div>
      {destinations.isError && <p role="alert" className="text-xs text-danger">Could not refresh the destinations: {destinations.error.message}</p>}
      {list.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-3 py-4 text-center text-sm text-muted">
          No destinations: the audit log is kept only in Wharf&apos;s database. Add a syslog receiver or an HTTP endpoint to keep a copy elsewhere.
        </p>
      ) : (
        <Table caption="Forwarding destinations" columns={[{ label: 'Destination' }, { label: 'State' }, { label: 'Last error' }, { label: 'Actions', className: 'text-right' }]}>
          {list.map((d) => (
            <Tr key={d.id} aria-label={d.name}>
              <RowHeader>
                <div className="font-medium">{d.name}</div>
                <div className="font-mono text-xs text-muted">{d.where}</div>
                <div className="text-xs text-muted">
                  {d.kind === 'syslog' ? 'Syslog (RFC 5424)' : 'HTTP'}
                  {d.hasSecret && ' · bearer secret'}
                  {d.hasCa && ' · custom CA'}
                </div>
              </RowHeader>
              <Td>
                <State d={d} />
              </Td>
              <Td className="max-w-sm">
                <LastError d={d} />
              </Td>
              <Td>
                <div className="flex flex-wrap justify-end gap-1">
                  <Button size="sm" variant="ghost" busy={testing === d.id} onClick={() => void sendTest(d)} aria-label={`Send a test message to ${d.name}`}>
                    <Send className="size-3.5" aria-hidden /> Send test message
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setDialog({ editing: d })} aria-label={`Edit ${d.name}`}>
                    Edit
                  </Button>
                  {d.enabled ? (
                    <Button size="sm" variant="ghost" onClick={() => setDisabling(d)} aria-label={`Disable ${d.name}`}>
                      Disable
                    </Button>
                  ) : (
                    <Button size="sm" variant="ghost" onClick={() => void enable(d)} aria-label={`Enable ${d.name}`}>
                      Enable
                    </Button>
                  )}
                  <Button size="sm" variant="ghost" onClick={() => setRemoving(d)} aria-label={`Remove ${d.name}`}>
                    Remove
                  </Button>
                </div>
              </Td>
            </Tr>
          ))}
        </Table>
      )}
      {dialog && (
        <AuditDestinationDialog
          key={dialog.editing?.id ?? 'new'}
          open
          editing={dialog.editing}
          onOpenChange={(open) => {
            if (!open) setDialog(null);
          }}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={`Remove ${removing?.name ?? 'the destination'}?`}
        description={
          removing
            ? `Wharf stops forwarding to ${removing.where}.${removing.backlog ? ` ${removing.backlog} entries were not delivered there yet and will not be.` : ''} The entries stay in Wharf's log.`
            : ''
        }
        confirmLabel="Remove destination"
        danger
        onConfirm={async () => {
          const result = await removeAuditDestinationAction({ destinationId: removing!.id });
          if (!result.ok) return result.error.message;
          toast.success(`Removed ${removing!.name}.`);
          await refresh();
          return null;
        }}
      />
      <ConfirmDialog
        open={disabling !== null}
        onOpenChange={(open) => !open && setDisabling(null)}
        title={`Disable ${disabling?.name ?? 'the destination'}?`}
        description="Nothing is sent there until it is enabled again; then it resumes where it stopped. Retention does not wait for a disabled destination: entries it removes meanwhile are never sent there (the gap is recorded on the destination)."
        confirmLabel="Disable forwarding"
        onConfirm={async () => {
          const result = await setAuditDestinationEnabledAction({ destinationId: disabling!.id, enabled: false });
          if (!result.ok) return result.error.message;
          await refresh();
          return null;
        }}
      />
    </section>
  );
}
