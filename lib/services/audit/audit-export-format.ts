// The lines of an audit export: CSV (RFC 4180, with a header) or JSON lines. Pure.
// Values come from users and engines: a CSV cell that a spreadsheet would read as a formula
// (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe.
import 'server-only';
import type { AuditRow } from './list-audit-entries.ts';

export const AUDIT_EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const COLUMNS = [
  ['id', 'id'],
  ['time', 'at'],
  ['actor', 'actorName'],
  ['actor_id', 'actorId'],
  ['ip', 'ip'],
  ['action', 'action'],
  ['target_type', 'targetType'],
  ['target_id', 'targetId'],
  ['target_name', 'targetName'],
  ['result', 'result'],
  ['message', 'message'],
  ['settled_at', 'settledAt'],
] as const satisfies readonly (readonly [string, keyof AuditRow])[];

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportHeader(format: AuditExportFormat): string {
  return format === 'csv' ? `${COLUMNS.map(([name]) => name).join(',')}\r\n` : '';
}

export function exportLine(format: AuditExportFormat, row: AuditRow): string {
  if (format === 'jsonl') return `${JSON.stringify(Object.fromEntries(COLUMNS.map(([name, key]) => [name, row[key]])))}\n`;
  return `${COLUMNS.map(([, key]) => csvCell(row[key])).join(',')}\r\n`;
}

export const exportContentType = (format: AuditExportFormat): string => (format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
