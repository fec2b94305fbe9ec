import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuditChainBadge } from '@/components/audit/audit-chain-badge.tsx';
import { AuditEmptyState } from '@/components/audit/audit-empty-state.tsx';
import { AuditExportLinks } from '@/components/audit/audit-export-links.tsx';
import { AuditForwarding } from '@/components/audit/audit-forwarding.tsx';
import { AuditFilterForm } from '@/components/audit/audit-filter-form.tsx';
import { AuditPager } from '@/components/audit/audit-pager.tsx';
import { AuditRetentionForm } from '@/components/audit/audit-retention-form.tsx';
import { AUDIT_RESULTS, auditHref, isFiltered, parseAuditSearchParams, type SearchParams } from '@/lib/models/audit/audit-search-params.ts';
import { AuditTable } from '@/components/audit/audit-table.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { requireActor } from '@/lib/auth/next/current-actor.ts';
import { readableAuditActors } from '@/lib/services/access/audit-readers.ts';
import { GLOBAL, isAllowed } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { readAuditRetention } from '@/lib/services/audit/audit-retention.ts';
import { listAuditDestinations } from '@/lib/services/audit/forwarding/audit-destinations.ts';
import { listAuditEntries } from '@/lib/services/audit/list-audit-entries.ts';
import { nameAuditTargets } from '@/lib/services/audit/name-audit-targets.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('audit.page'))('title') };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const t = await getTranslations('audit.page');
  const actor = await requireActor();
  const { filter: asked, ignored } = parseAuditSearchParams(await searchParams);
  const rt = getRuntime();
  // Without audit.view everywhere: the reader's own rows and their teams' members' rows only.
  const actorIds = await readableAuditActors(rt, actor);
  const filter = actorIds ? { ...asked, actorIds } : asked;
  const [{ entries: stored, nextCursor }, retention] = await Promise.all([listAuditEntries(rt, filter), readAuditRetention(rt)]);
  // Swarms and hosts stored by id are shown by name, when the reader may see them.
  const entries = await nameAuditTargets(rt, actor, stored);
  const paged = filter.before !== undefined;
  const mayManage = isAllowed(actor.grants, 'audit.manage', GLOBAL);
  // Destinations are settings: only administrators see them (and only they may read their route).
  const destinations = mayManage ? await listAuditDestinations(rt) : null;
  return (
    <>
      <PageHeader
        title={t('title')}
        description={actorIds ? t('descriptionOwn') : t('description')}
        actions={actorIds ? undefined : <AuditExportLinks filter={filter} filtered={isFiltered(filter)} />}
      />
      {!actorIds && (
      <section aria-label={t('integrityAndRetention')} className="mb-4 flex flex-wrap items-start justify-between gap-4 rounded-lg border border-border bg-surface p-4">
        <div className="flex min-w-80 flex-1 flex-col gap-1">
          <h2 className="text-sm font-semibold">{t('integrity')}</h2>
          <p className="text-xs text-muted">{t('integrityText')}</p>
          <AuditChainBadge />
        </div>
        {mayManage ? (
          <AuditRetentionForm days={retention.days} />
        ) : (
          <p className="text-xs text-muted">{t('retention', { days: retention.days === null ? 'all' : 'some', count: retention.days ?? 0 })}</p>
        )}
      </section>
      )}
      {destinations && <AuditForwarding initial={destinations} />}
      <AuditFilterForm values={{ actor: filter.actor, action: filter.action, result: filter.result, limit: filter.limit }} results={AUDIT_RESULTS} />
      {ignored.length > 0 && (
        <p className="mb-4 text-xs text-muted">
          {t('ignored', { count: ignored.length, names: ignored.join(', ') })}
        </p>
      )}
      {entries.length === 0 ? (
        <AuditEmptyState filtered={isFiltered(filter)} paged={paged} />
      ) : (
        <AuditTable entries={entries} canExplain={isAllowed(actor.grants, 'user.view', GLOBAL)} />
      )}
      <AuditPager newestHref={paged ? auditHref(filter) : null} olderHref={nextCursor ? auditHref(filter, nextCursor) : null} />
    </>
  );
}
