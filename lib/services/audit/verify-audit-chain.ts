// Checks the audit chain: from the newest checkpoint (the start of the chain or a retention cut)
// through the head recorded with the newest entry, reading entries in batches of `batch` by id.
// Says "intact through entry N" or names the first entry that does not follow.
import 'server-only';
import { ChainVerifier, type ChainRow, type ChainVerdict } from '@/lib/audit/audit-chain.ts';
import type { ServiceDeps } from '../deps.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { raiseNotification } from '../notifications/raise-notification.ts';
import { log } from '@/lib/observability/logger.ts';

export type ChainReport = {
  intact: boolean;
  /** The last entry found intact (null: none after the checkpoint). */
  through: string | null;
  /** The first entry that does not follow (broken chains only). */
  brokenAt: string | null;
  /** Why it is broken, in English (the command, logs); `reasonSaid` the same for each reader's language. */
  reason: string | null;
  reasonSaid: Message | null;
  checkedRows: number;
  /** Where the check started: entry id of the checkpoint (0: the start of the chain). */
  from: string;
  checkpointAt: string | null;
  checkedAt: string;
  /** One sentence for people, in English (the command, logs); `summarySaid` the same for each reader's language (the badge). */
  summary: string;
  summarySaid: Message;
};

const rowSelect = { id: true, at: true, actorId: true, actorName: true, ip: true, action: true, targetType: true, targetId: true, targetName: true, result: true, message: true, settles: true, hash: true } as const;

export function describeVerdict(verdict: ChainVerdict): Message {
  if (!verdict.intact) return msg('accessText.chain.broken', { entry: String(verdict.brokenAt), reason: verdict.reason });
  const from = verdict.from > 0n ? 'yes' : 'no';
  return verdict.through === null
    ? msg('accessText.chain.intactEmpty', { fromCheckpoint: from, checkpoint: String(verdict.from) })
    : msg('accessText.chain.intact', { through: String(verdict.through), fromCheckpoint: from, checkpoint: String(verdict.from) });
}

async function walk(deps: Pick<ServiceDeps, 'db'>, batch: number): Promise<{ verdict: ChainVerdict; checkpointAt: Date | null; checkpointId: number | null }> {
  // The head first: every entry up to it is committed (the head moves in the inserting transaction).
  const head = await deps.db.auditChainHead.findUnique({ where: { id: 1 } });
  const checkpoint = await deps.db.auditCheckpoint.findFirst({ orderBy: [{ throughId: 'desc' }, { id: 'desc' }] });
  if (!head || !checkpoint) {
    const reason = msg(!head ? 'accessText.chain.noHead' : 'accessText.chain.noCheckpoint');
    return { verdict: { intact: false, checkedRows: 0, from: 0n, through: null, brokenAt: 0n, reason }, checkpointAt: null, checkpointId: null };
  }
  const verifier = new ChainVerifier({ throughId: checkpoint.throughId, hash: checkpoint.hash }, { lastId: head.lastId, hash: head.hash });
  while (!verifier.done) {
    const rows: ChainRow[] = await deps.db.auditEntry.findMany({
      where: { id: { gt: verifier.cursor, lte: head.lastId } },
      orderBy: { id: 'asc' },
      take: batch,
      select: rowSelect,
    });
    verifier.push(rows);
    if (rows.length < batch) break;
  }
  return { verdict: verifier.finish(), checkpointAt: checkpoint.at, checkpointId: checkpoint.id };
}

export async function verifyAuditChain(deps: Pick<ServiceDeps, 'db'>, options: { batch?: number } = {}): Promise<ChainReport> {
  const batch = options.batch ?? 2000;
  let result = await walk(deps, batch);
  if (!result.verdict.intact) {
    // Retention may have cut the log while it was read: check again from the new checkpoint.
    const latest = await deps.db.auditCheckpoint.findFirst({ orderBy: [{ throughId: 'desc' }, { id: 'desc' }], select: { id: true } });
    if (latest && latest.id !== result.checkpointId) result = await walk(deps, batch);
  }
  const { verdict, checkpointAt } = result;
  if (!verdict.intact) {
    // Said once per channel for each first broken entry, however often the chain is checked. Waited
    // for (one insert) so that `npm run audit:verify` raises it before it disconnects; never fails the check.
    const reason = renderMessage(verdict.reason, 'en');
    await raiseNotification(deps, { event: 'audit.chain-broken', at: new Date().toISOString(), title: `The audit chain is broken at entry ${verdict.brokenAt}`, text: reason, scope: {} }, { dedupeKey: `audit.chain-broken:${verdict.brokenAt}` }).catch((error: unknown) =>
      log('notifications').error({ err: error }, 'could not raise audit.chain-broken'),
    );
  }
  return {
    intact: verdict.intact,
    through: verdict.through?.toString() ?? null,
    brokenAt: verdict.intact ? null : verdict.brokenAt.toString(),
    reason: verdict.intact ? null : renderMessage(verdict.reason, 'en'),
    reasonSaid: verdict.intact ? null : verdict.reason,
    checkedRows: verdict.checkedRows,
    from: verdict.from.toString(),
    checkpointAt: checkpointAt?.toISOString() ?? null,
    checkedAt: new Date().toISOString(),
    summary: renderMessage(describeVerdict(verdict), 'en'),
    summarySaid: describeVerdict(verdict),
  };
}
