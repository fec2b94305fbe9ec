// The audit page's query string: parsed into a filter for listAuditEntries (invalid values are
// dropped, not fatal, so a hand-edited or stale URL still shows the log) and turned back into links.
import { z } from 'zod';
import type { AuditResult } from '@/lib/audit/record-audit.ts';
import { AUDIT_PAGE_MAX, type AuditFilter } from '@/lib/models/audit/audit-filter.ts';

export type SearchParams = Record<string, string | string[] | undefined>;

export const AUDIT_RESULTS = ['succeeded', 'failed', 'denied', 'pending'] as const satisfies readonly AuditResult[];

const BIGINT_MAX = 9_223_372_036_854_775_807n;

const actorSchema = z.string().trim().min(1).max(100).regex(/^[^\p{Cc}]*$/u);

// "user", "user.", "user.*" and "User.*" all mean the family of user actions.
const actionSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/\.?\*$/, '').replace(/\.+$/, ''))
  .pipe(z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9._-]*$/));

const resultSchema = z.enum(AUDIT_RESULTS);

const cursorSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,18}$/)
  .transform((value) => BigInt(value))
  .refine((value) => value <= BIGINT_MAX);

const limitSchema = z
  .string()
  .regex(/^[0-9]{1,4}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(AUDIT_PAGE_MAX));

type Key = 'actor' | 'action' | 'result' | 'before' | 'limit';

export type ParsedAuditParams = { filter: AuditFilter; ignored: Key[] };

function reader(params: SearchParams, ignored: Key[]) {
  return <S extends z.ZodType>(key: Key, schema: S): z.output<S> | undefined => {
    const value = params[key];
    const raw = Array.isArray(value) ? value[0] : value;
    // An empty box in the GET form means "any".
    if (raw === undefined || raw.trim() === '') return undefined;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    ignored.push(key);
    return undefined;
  };
}

export function parseAuditSearchParams(params: SearchParams): ParsedAuditParams {
  const ignored: Key[] = [];
  const read = reader(params, ignored);
  const candidate: AuditFilter = {
    actor: read('actor', actorSchema),
    action: read('action', actionSchema),
    result: read('result', resultSchema),
    before: read('before', cursorSchema),
    limit: read('limit', limitSchema),
  };
  const filter = Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined)) as AuditFilter;
  return { filter, ignored };
}

/** Whether anything narrows the log (the cursor and page size do not). */
export const isFiltered = (filter: AuditFilter): boolean => !!(filter.actor || filter.action || filter.result);

/** A link to the audit page with `filter`'s narrowing and page size, starting before `before` (newest when absent). */
export function auditHref(filter: AuditFilter, before?: string | null): string {
  const query = new URLSearchParams();
  if (filter.actor) query.set('actor', filter.actor);
  if (filter.action) query.set('action', filter.action);
  if (filter.result) query.set('result', filter.result);
  if (filter.limit !== undefined) query.set('limit', String(filter.limit));
  if (before) query.set('before', before);
  const text = query.toString();
  return text ? `/audit?${text}` : '/audit';
}

/** The export of what `filter` narrows to (all of it: no cursor, no page size), as `format`. */
export function auditExportHref(filter: AuditFilter, format: 'csv' | 'jsonl'): string {
  const query = new URLSearchParams({ format });
  if (filter.actor) query.set('actor', filter.actor);
  if (filter.action) query.set('action', filter.action);
  if (filter.result) query.set('result', filter.result);
  return `/api/audit/export?${query.toString()}`;
}
