import { AuditEmptyState } from '@/components/audit/audit-empty-state.tsx';
import { AuditFilterForm } from '@/components/audit/audit-filter-form.tsx';
import { AuditPager } from '@/components/audit/audit-pager.tsx';
import { AUDIT_RESULTS, auditHref, isFiltered, parseAuditSearchParams, type SearchParams } from '@/lib/models/audit/audit-search-params.ts';
import { AuditTable } from '@/components/audit/audit-table.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listAuditEntries } from '@/lib/services/audit/list-audit-entries.ts';

export const metadata = { title: 'Audit log' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const access = await pageAccess('audit.view');
  if (!access.ok) return <Forbidden message={access.message} />;
  const { filter, ignored } = parseAuditSearchParams(await searchParams);
  const { entries, nextCursor } = await listAuditEntries(getRuntime(), filter);
  const paged = filter.before !== undefined;
  return (
    <>
      <PageHeader title="Audit log" description="Who did what in Wharf, when, and with what result. Newest first." />
      <AuditFilterForm values={{ actor: filter.actor, action: filter.action, result: filter.result, limit: filter.limit }} results={AUDIT_RESULTS} />
      {ignored.length > 0 && (
        <p className="mb-4 text-xs text-muted">
          Ignored {ignored.length === 1 ? 'a parameter' : 'parameters'} in the address that did not make sense: {ignored.join(', ')}.
        </p>
      )}
      {entries.length === 0 ? (
        <AuditEmptyState filtered={isFiltered(filter)} paged={paged} />
      ) : (
        <AuditTable entries={entries} />
      )}
      <AuditPager newestHref={paged ? auditHref(filter) : null} olderHref={nextCursor ? auditHref(filter, nextCursor) : null} />
    </>
  );
}
