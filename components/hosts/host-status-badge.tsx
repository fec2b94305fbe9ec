'use client';
// A host's live status: up, unreachable (with the reason and since when), or not yet known.
import { Badge } from '@/components/ui/badge.tsx';
import type { HostView } from '@/lib/services/hosts/host-view.ts';

export function HostStatusBadge({ host }: { host: Pick<HostView, 'status' | 'statusReason' | 'statusSince'> }) {
  if (host.status === 'up') return <Badge tone="ok">● Up</Badge>;
  if (host.status === 'unreachable')
    return (
      <span title={host.statusReason ?? undefined}>
        <Badge tone="danger">● Unreachable</Badge>
      </span>
    );
  return <Badge tone="neutral">● Checking…</Badge>;
}
