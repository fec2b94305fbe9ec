// One page of the audit log: when, who, what, to which target, the outcome and from where.
// Names come from users and engines: they are rendered as text only, never as markup.
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import type { AuditRow } from '@/lib/services/audit/list-audit-entries.ts';
import { AuditResultBadge } from './audit-result-badge.tsx';

function Target({ entry }: { entry: AuditRow }) {
  if (!entry.targetType && !entry.targetName && !entry.targetId) return <span className="text-muted">—</span>;
  return (
    <div className="min-w-0">
      <div className="wrap-anywhere">
        {entry.targetType && <span className="text-muted">{entry.targetType} </span>}
        {entry.targetName && <span className="font-medium">{entry.targetName}</span>}
      </div>
      {entry.targetId && <div className="break-all font-mono text-xs text-muted">{entry.targetId}</div>}
    </div>
  );
}

export function AuditTable({ entries }: { entries: AuditRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-left">
        <caption className="sr-only">Audit log, newest first</caption>
        <thead className="border-b border-border text-xs uppercase text-muted">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Time</th>
            <th scope="col" className="px-3 py-2 font-medium">Actor</th>
            <th scope="col" className="px-3 py-2 font-medium">Action</th>
            <th scope="col" className="px-3 py-2 font-medium">Target</th>
            <th scope="col" className="px-3 py-2 font-medium">Result</th>
            <th scope="col" className="px-3 py-2 font-medium">Message</th>
            <th scope="col" className="px-3 py-2 font-medium">IP</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-b border-border align-top last:border-0 hover:bg-surface-2">
              <td className="whitespace-nowrap px-3 py-3 text-xs">
                <RelativeTime iso={entry.at} />
              </td>
              <td className="min-w-28 max-w-40 px-3 py-3 wrap-anywhere">
                {entry.actorName}
                {!entry.actorId && <div className="text-xs text-muted">not signed in</div>}
              </td>
              <td className="whitespace-nowrap px-3 py-3 font-mono text-xs">{entry.action}</td>
              <td className="min-w-52 max-w-64 px-3 py-3">
                <Target entry={entry} />
              </td>
              <td className="px-3 py-3">
                <AuditResultBadge result={entry.result} />
              </td>
              <td className="min-w-48 max-w-80 px-3 py-3 text-xs wrap-anywhere">{entry.message ?? <span className="text-muted">—</span>}</td>
              <td className="min-w-28 px-3 py-3 font-mono text-xs break-all">{entry.ip ?? <span className="text-muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
