// What the audit log can be filtered and paged by: shared by the page's query-string parser (in
// the browser bundle too) and the service that reads the log. Pure.
import type { AuditResult } from '@/lib/audit/record-audit.ts';

export const AUDIT_PAGE_MAX = 200;

export type AuditFilter = {
  /** The acting user's name as recorded (for failed sign-ins: the name that was typed). Exact match. */
  actor?: string;
  /** An action (`user.create`), or a family of actions by its prefix (`user` matches `user.*`). */
  action?: string;
  result?: AuditResult;
  /** Cursor: only entries with a smaller id (older). */
  before?: bigint;
  /** Page size; default 50, at most 200. */
  limit?: number;
  /** Only rows of these actors: set by the server for readers without audit.view everywhere (their
   * own and their teams' rows), never read from the address. */
  actorIds?: readonly string[];
};
