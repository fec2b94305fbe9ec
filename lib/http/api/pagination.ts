// Pages of a list answer: `limit` items from the opaque `cursor` on, and the cursor of the next page
// (null on the last). Lists Wharf reads whole (from the engines) are paged here; the audit log pages
// in its query. Pure.
import 'server-only';
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';

export const PAGE_DEFAULT = 50;
export const PAGE_MAX = 500;

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int(issueText('apiTokens.api.limitWhole')).min(1, issueText('apiTokens.api.limitMin')).max(PAGE_MAX, issueText('apiTokens.api.limitMax', { max: PAGE_MAX })).default(PAGE_DEFAULT),
  cursor: z.string().regex(/^\d{1,18}$/, issueText('apiTokens.api.badCursor')).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export type Page<T> = { items: T[]; nextCursor: string | null };

export function pageOf<T>(all: readonly T[], query: PageQuery): Page<T> {
  const from = query.cursor ? Number(query.cursor) : 0;
  const items = all.slice(from, from + query.limit);
  return { items, nextCursor: from + query.limit < all.length ? String(from + query.limit) : null };
}
