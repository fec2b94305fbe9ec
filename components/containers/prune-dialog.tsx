'use client';
// Prune in two steps: a dry run listing exactly what would go (and, for images, the space it
// frees), then the confirmed removal of those items only.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormError, SelectField } from '@/components/ui/field.tsx';
import { FormActions } from '@/components/ui/form.tsx';
import { formatBytes } from '@/components/hosts/format.ts';
import { pruneHostAction } from '@/lib/actions/containers.ts';
import { fetchJson } from '@/lib/queries/fetch-json.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import type { Messages } from '@/lib/i18n/catalogue.ts';
import type { PrunePlan } from '@/lib/models/containers/host-resources.ts';

type Kind = 'images' | 'volumes' | 'networks';
const MODES = {
  images: ['dangling', 'unused'],
  volumes: ['anonymous', 'unused'],
  networks: ['unused'],
} as const satisfies Record<Kind, readonly string[]>;
/** "images-dangling": every kind's modes have their words. */
type ModeKey = keyof Messages['containers']['prune']['modes'];

export function PruneButton({ hostId, hostName, kind }: { hostId: string; hostName: string; kind: Kind }) {
  const t = useTranslations('containers.prune');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t(`button.${kind}`)}
      </Button>
      {open && <PruneDialog hostId={hostId} hostName={hostName} kind={kind} onClose={() => setOpen(false)} />}
    </>
  );
}

function PruneDialog({ hostId, hostName, kind, onClose }: { hostId: string; hostName: string; kind: Kind; onClose: () => void }) {
  const t = useTranslations('containers.prune');
  const [mode, setMode] = useState<string>(MODES[kind][0]);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  // The dry run is a snapshot: what the user confirms is what was listed, not a live list.
  const planQuery = useQuery({
    queryKey: queryKeys.prunePlan(hostId, kind, mode),
    queryFn: ({ signal }) => fetchJson<PrunePlan>(`/api/hosts/${encodeURIComponent(hostId)}/${kind}/prune-plan?mode=${mode}`, signal),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const plan = planQuery.data ?? null;
  const error = actionError ?? (planQuery.error ? planQuery.error.message : null);

  const count = plan?.items.length ?? 0;
  const items = (n: number) => t(`count.${kind}`, { count: n });
  return (
    <Dialog open onOpenChange={(o) => !o && !busy && onClose()} title={t(`title.${kind}`, { host: hostName })} description={t('description')}>
      <div className="flex flex-col gap-4">
        {MODES[kind].length > 1 && (
          <SelectField label={t('what')} value={mode} onChange={(e) => setMode(e.target.value)}>
            {MODES[kind].map((m: string) => (
              <option key={m} value={m}>
                {t(`modes.${`${kind}-${m}` as ModeKey}`)}
              </option>
            ))}
          </SelectField>
        )}
        {!plan && !error && <p role="status" className="text-sm text-muted">{t('working')}</p>}
        {plan && (
          <div className="flex flex-col gap-2">
            <p role="status" className="text-sm font-medium">
              {count === 0 ? t(`nothing.${kind}`) : plan.bytes !== null ? t('wouldGoReclaiming', { items: items(count), size: formatBytes(plan.bytes) }) : t('wouldGo', { items: items(count) })}
            </p>
            {count > 0 && (
              <ul aria-label={t(`list.${kind}`)} className="max-h-56 overflow-y-auto rounded-md border border-border bg-surface-2 p-2 font-mono text-xs">
                {plan.items.map((i) => (
                  <li key={i.id} className="flex justify-between gap-3 py-0.5">
                    <span className="break-all">{i.label}</span>
                    {i.bytes !== null && <span className="shrink-0 text-muted">{formatBytes(i.bytes)}</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <FormError message={error} />
        <FormActions
          label={count ? t('removeCount', { items: items(count) }) : t('remove')}
          danger
          busy={busy}
          disabled={!plan || count === 0}
          onCancel={onClose}
          onConfirm={async () => {
            if (!plan) return;
            setBusy(true);
            setActionError(null);
            const result = await pruneHostAction({ kind, hostId, mode, ids: plan.items.map((i) => i.id) }).finally(() => setBusy(false));
            if (!result.ok) return setActionError(result.error.message);
            const o = result.data;
            const removed = items(o.removed.length);
            toast.success(o.bytes !== null ? t('doneReclaimed', { items: removed, host: hostName, size: formatBytes(o.bytes) }) : t('done', { items: removed, host: hostName }));
            if (o.skipped.length) toast.warning(t('kept', { items: o.skipped.map((s) => t('keptItem', { label: s.label, reason: s.reason })).join('; ') }));
            await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.hostResources(hostId, kind) }), queryClient.invalidateQueries({ queryKey: queryKeys.resourcesAll(kind) })]);
            onClose();
          }}
        />
      </div>
    </Dialog>
  );
}
