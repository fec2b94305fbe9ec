'use client';
// Audit forwarding on the Audit page (administrators): each destination with how far delivery got
// (delivered through entry N, entries waiting, the last error and when), and adding, editing,
// a test message, enabling, disabling and removing (confirmed). Refreshed every few seconds.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Send } from 'lucide-react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('audit.forwarding');
  const through = d.deliveredThrough === '0' ? t('nothingDelivered') : t('deliveredThrough', { entry: d.deliveredThrough });
  return (
    <div className="flex flex-col gap-1 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        {!d.enabled ? <Badge>{t('stateDisabled')}</Badge> : d.failing ? <Badge tone="danger">{t('failing')}</Badge> : d.backlog === 0 ? <Badge tone="ok">{t('upToDate')}</Badge> : <Badge tone="warn">{t('sending')}</Badge>}
        <span>{through}</span>
      </div>
      <span className="text-xs text-muted">
        {d.backlog === 0 ? t('noneWaiting') : t('waiting', { count: d.backlog })}
        {d.deliveredAt && (
          <>
            {' '}· {t('lastDelivery')} <RelativeTime iso={d.deliveredAt} />
          </>
        )}
      </span>
    </div>
  );
}

function LastError({ d }: { d: AuditDestinationView }) {
  const t = useTranslations('audit.forwarding');
  if (!d.lastError) return <span className="text-xs text-muted">{t('noError')}</span>;
  return (
    <div className={d.failing ? 'text-xs text-danger' : 'text-xs text-muted'}>
      <p>{d.lastError}</p>
      <p className="mt-0.5">
        <RelativeTime iso={d.lastErrorAt} />
        {!d.failing && t('deliveredSince')}
      </p>
    </div>
  );
}

export function AuditForwarding({ initial }: { initial: AuditDestinationView[] }) {
  const t = useTranslations('audit.forwarding');
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
    if (result.ok) toast.success(t('tested', { name: d.name, where: result.data.where }));
    else toast.error(result.error.message);
  }

  async function enable(d: AuditDestinationView) {
    const result = await setAuditDestinationEnabledAction({ destinationId: d.id, enabled: true });
    if (result.ok) toast.success(t('enabled', { name: d.name, entry: String(BigInt(d.deliveredThrough) + 1n) }));
    else toast.error(result.error.message);
    await refresh();
  }

  return (
    <section aria-labelledby="audit-forwarding-title" className="mb-4 flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="audit-forwarding-title" className="text-sm font-semibold">
            {t('title')}
          </h2>
          <p className="max-w-2xl text-xs text-muted">
            {t('intro')}
          </p>
        </div>
        <Button variant="secondary" onClick={() => setDialog({ editing: null })}>
          {t('add')}
        </Button>
      </div>
      {destinations.isError && <p role="alert" className="text-xs text-danger">{t('refreshFailed', { message: destinations.error.message })}</p>}
      {list.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-3 py-4 text-center text-sm text-muted">
          {t('none')}
        </p>
      ) : (
        <Table caption={t('caption')} columns={[{ label: t('destination') }, { label: t('state') }, { label: t('lastError') }, { label: t('actions'), className: 'text-right' }]}>
          {list.map((d) => (
            <Tr key={d.id} aria-label={d.name}>
              <RowHeader>
                <div className="font-medium">{d.name}</div>
                <div className="font-mono text-xs text-muted">{d.where}</div>
                <div className="text-xs text-muted">
                  {d.kind === 'syslog' ? t('syslogKind') : t('httpKind')}
                  {d.hasSecret && t('bearer')}
                  {d.hasCa && t('customCa')}
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
                  <Button size="sm" variant="ghost" busy={testing === d.id} onClick={() => void sendTest(d)} aria-label={t('sendTestLabel', { name: d.name })}>
                    <Send className="size-3.5" aria-hidden /> {t('sendTest')}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setDialog({ editing: d })} aria-label={t('editLabel', { name: d.name })}>
                    {t('edit')}
                  </Button>
                  {d.enabled ? (
                    <Button size="sm" variant="ghost" onClick={() => setDisabling(d)} aria-label={t('disableLabel', { name: d.name })}>
                      {t('disable')}
                    </Button>
                  ) : (
                    <Button size="sm" variant="ghost" onClick={() => void enable(d)} aria-label={t('enableLabel', { name: d.name })}>
                      {t('enable')}
                    </Button>
                  )}
                  <Button size="sm" variant="ghost" onClick={() => setRemoving(d)} aria-label={t('removeLabel', { name: d.name })}>
                    {t('remove')}
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
        title={t('removeTitle', { name: removing?.name ?? t('theDestination') })}
        description={
          removing
            ? removing.backlog
              ? t('removeDescriptionBacklog', { where: removing.where, count: removing.backlog })
              : t('removeDescription', { where: removing.where })
            : ''
        }
        confirmLabel={t('removeConfirm')}
        danger
        onConfirm={async () => {
          const result = await removeAuditDestinationAction({ destinationId: removing!.id });
          if (!result.ok) return result.error.message;
          toast.success(t('removed', { name: removing!.name }));
          await refresh();
          return null;
        }}
      />
      <ConfirmDialog
        open={disabling !== null}
        onOpenChange={(open) => !open && setDisabling(null)}
        title={t('disableTitle', { name: disabling?.name ?? t('theDestination') })}
        description={t('disableDescription')}
        confirmLabel={t('disableConfirm')}
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
