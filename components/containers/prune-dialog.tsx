'use client';
// Prune in two steps: a dry run listing exactly what would go (and, for images, the space it
// frees), then the confirmed removal of those items only.
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
import type { PrunePlan } from '@/lib/models/containers/host-resources.ts';

type Kind = 'images' | 'volumes' | 'networks';
const MODES: Record<Kind, { value: string; label: string }[]> = {
  images: [
    { value: 'dangling', label: 'Dangling images (no tag, unused)' },
    { value: 'unused', label: 'Every image no container uses' },
  ],
  volumes: [
    { value: 'anonymous', label: 'Unused anonymous volumes' },
    { value: 'unused', label: 'Every unused volume, named ones too' },
  ],
  networks: [{ value: 'unused', label: 'Unused local networks' }],
};

export function PruneButton({ hostId, hostName, kind }: { hostId: string; hostName: string; kind: Kind }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Prune {kind}…
      </Button>
      {open && <PruneDialog hostId={hostId} hostName={hostName} kind={kind} onClose={() => setOpen(false)} />}
    </>
  );
}

function PruneDialog({ hostId, hostName, kind, onClose }: { hostId: string; hostName: string; kind: Kind; onClose: () => void }) {
  const [mode, setMode] = useState(MODES[kind][0].value);
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

  const noun = kind.slice(0, -1);
  const count = plan?.items.length ?? 0;
  return (
    <Dialog open onOpenChange={(o) => !o && !busy && onClose()} title={`Prune ${kind} on ${hostName}`} description="Nothing is removed until you confirm. Only what is listed goes.">
      <div className="flex flex-col gap-4">
        {MODES[kind].length > 1 && (
          <SelectField label="What to prune" value={mode} onChange={(e) => setMode(e.target.value)}>
            {MODES[kind].map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </SelectField>
        )}
        {!plan && !error && <p role="status" className="text-sm text-muted">Working out what would go…</p>}
        {plan && (
          <div className="flex flex-col gap-2">
            <p role="status" className="text-sm font-medium">
              {count === 0 ? `Nothing to prune: no ${kind} match.` : `${count} ${count === 1 ? noun : kind} would be removed${plan.bytes !== null ? `, reclaiming up to ${formatBytes(plan.bytes)}` : ''}.`}
            </p>
            {count > 0 && (
              <ul aria-label={`${kind} that would be removed`} className="max-h-56 overflow-y-auto rounded-md border border-border bg-surface-2 p-2 font-mono text-xs">
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
          label={count ? `Remove ${count} ${count === 1 ? noun : kind}` : 'Remove'}
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
            const freed = o.bytes !== null ? `, ${formatBytes(o.bytes)} reclaimed` : '';
            toast.success(`Removed ${o.removed.length} ${o.removed.length === 1 ? noun : kind} on ${hostName}${freed}.`);
            if (o.skipped.length) toast.warning(`Kept ${o.skipped.map((s) => `${s.label} (${s.reason})`).join('; ')}`);
            await queryClient.invalidateQueries({ queryKey: queryKeys.hostResources(hostId, kind) });
            onClose();
          }}
        />
      </div>
    </Dialog>
  );
}
