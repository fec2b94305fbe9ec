// One page of the audit log: when, who, what, to which target, the outcome and from where.
// Names come from users and engines: they are rendered as text only, never as markup.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { Table, Td, Tr } from '@/components/ui/table.tsx';
import type { AuditRow } from '@/lib/services/audit/list-audit-entries.ts';
import { AuditResultBadge } from './audit-result-badge.tsx';

/** The target's name first, its id on hover; the id itself only when no name is known. */
function Target({ entry }: { entry: AuditRow }) {
  if (!entry.targetType && !entry.targetName && !entry.targetId) return <span className="text-muted">—</span>;
  return (
    <div className="min-w-0">
      <div className="wrap-anywhere">
        {entry.targetType && <span className="text-muted">{entry.targetType} </span>}
        {entry.targetName && (
          <span className="font-medium" title={entry.targetId ?? undefined}>
            {entry.targetName}
          </span>
        )}
      </div>
      {entry.targetId && !entry.targetName && <div className="break-all font-mono text-xs text-muted">{entry.targetId}</div>}
    </div>
  );
}

/** `canExplain`: a refusal links to its user's Access page, which says what was missing where. */
export function AuditTable({ entries, canExplain = false }: { entries: AuditRow[]; canExplain?: boolean }) {
  const t = useTranslations('audit');
  // The stored action is a code (user.create); its name in the page's language is shown under it when known.
  const actionName = (action: string): string | null => {
    const key = `actions.${action.replaceAll('.', '_')}`;
    return t.has(key as 'actions.user_create') ? t(key as 'actions.user_create') : null;
  };
  return (
    <Table caption={t('table.caption')} columns={[t('table.time'), t('table.actor'), t('table.action'), t('table.target'), t('table.result'), t('table.message'), t('table.ip')].map((label) => ({ label }))}>
      {entries.map((entry) => (
        <Tr key={entry.id} className="align-top">
          <Td className="whitespace-nowrap text-xs">
            <RelativeTime iso={entry.at} />
            <div className="font-mono text-muted" title={t('table.entryNumber')}>#{entry.id}</div>
          </Td>
          <Td className="min-w-28 max-w-40 wrap-anywhere">
            {entry.actorName}
            {!entry.actorId && <div className="text-xs text-muted">{t('table.notSignedIn')}</div>}
          </Td>
          {/* Codes and names wrap: a long action name must not push the table past a 1280-px window. */}
          <Td className="min-w-32 max-w-48 text-xs">
            <div className="font-mono wrap-anywhere">{entry.action}</div>
            {actionName(entry.action) && <div className="text-muted">{actionName(entry.action)}</div>}
          </Td>
          <Td className="min-w-40 max-w-64">
            <Target entry={entry} />
          </Td>
          <Td>
            <AuditResultBadge result={entry.result} />
            {canExplain && entry.result === 'denied' && entry.actorId && (
              <Link href={`/users/${entry.actorId}/access`} className="mt-1 block text-xs text-accent hover:underline" aria-label={t('table.whyLabel', { id: entry.id })}>
                {t('table.why')}
              </Link>
            )}
          </Td>
          <Td className="min-w-40 max-w-80 text-xs wrap-anywhere">{entry.message ?? <span className="text-muted">—</span>}</Td>
          <Td className="min-w-24 font-mono text-xs break-all">{entry.ip ?? <span className="text-muted">—</span>}</Td>
        </Tr>
      ))}
    </Table>
  );
}
