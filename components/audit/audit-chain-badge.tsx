'use client';
// The audit chain check on the Audit page: asks the server to walk the chain and says "intact
// through entry N" or names the first broken entry, with a way to check again.
import { useQuery } from '@tanstack/react-query';
import { Link2, Link2Off } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { fetchJson } from '@/lib/queries/fetch-json.ts';
import type { ChainReport } from '@/lib/services/audit/verify-audit-chain.ts';

export function AuditChainBadge() {
  const chain = useQuery({ queryKey: ['audit', 'chain'], queryFn: ({ signal }) => fetchJson<ChainReport>('/api/audit/chain', signal), staleTime: 30_000 });
  const report = chain.data;
  let badge;
  if (chain.isPending) badge = <Badge>Checking the chain…</Badge>;
  else if (chain.isError) badge = <Badge tone="warn">Chain not checked: {chain.error.message}</Badge>;
  else if (report!.intact) {
    badge = (
      <Badge tone="ok">
        <Link2 className="size-3.5" aria-hidden /> {report!.through === null ? 'Chain intact (no entries since its checkpoint)' : `Chain intact through entry ${report!.through}`}
      </Badge>
    );
  } else {
    badge = (
      <Badge tone="danger">
        <Link2Off className="size-3.5" aria-hidden /> Chain broken at entry {report!.brokenAt}
      </Badge>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="status" aria-label="Audit chain" aria-live="polite" title={report?.summary}>
        {badge}
      </div>
      {report && !report.intact && <p className="max-w-xl text-xs text-danger">{report.reason} Entries from there on may have been changed outside Wharf.</p>}
      <Button variant="ghost" size="sm" busy={chain.isFetching && !chain.isPending} onClick={() => void chain.refetch()}>
        Check again
      </Button>
    </div>
  );
}
