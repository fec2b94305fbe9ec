// Inbound webhooks of a service or a stack, managed from its page: make one (or regenerate it: a
// new secret replaces the old, which stops at once), delete it, read what the page shows. The
// secret is answered once, as the webhook's path; only its SHA-256 is kept.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { hashToken } from '@/lib/auth/session-store.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { WEBHOOK_PREFIX, webhookPath, type CreatedWebhook, type WebhookKind, type WebhookView } from '@/lib/models/webhooks/webhooks.ts';
import type { ServiceDeps } from '../deps.ts';
import { readService } from '../swarm-services/manage-services.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

export type WebhookTarget = { kind: 'service'; swarmId: string; serviceId: string } | { kind: 'stack'; swarmId: string; stackName: string };

const keyOf = (target: WebhookTarget) => ({ swarmId: target.swarmId, kind: target.kind as WebhookKind, target: target.kind === 'service' ? target.serviceId : target.stackName });
const auditTarget = (target: WebhookTarget, name: string) =>
  target.kind === 'service' ? { type: 'service', id: target.serviceId, name } : { type: 'stack', id: `${target.swarmId}/${target.stackName}`, name };

/** A new secret and the hash to store. */
export function mintWebhookSecret(): { secret: string; secretHash: string } {
  const secret = `${WEBHOOK_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, secretHash: hashToken(secret) };
}

/** The name audit rows give the webhook: the service's name (read from the swarm), or the stack's. A stack needs a revision to redeploy. */
async function nameOf(deps: Deps, target: WebhookTarget): Promise<string> {
  if (target.kind === 'service') return (await readService(deps, target.swarmId, target.serviceId)).service.name;
  const revision = await deps.db.stackRevision.findFirst({ where: { swarmId: target.swarmId, stackName: target.stackName }, select: { number: true } });
  if (!revision) throw new AppError('PRECONDITION', msg('webhooks.errors.noRevision', { stack: target.stackName }));
  return target.stackName;
}

export async function readWebhook(deps: Pick<ServiceDeps, 'db'>, target: WebhookTarget): Promise<WebhookView | null> {
  const row = await deps.db.webhook.findUnique({ where: { swarmId_kind_target: keyOf(target) } });
  if (!row) return null;
  const creator = await deps.db.user.findUnique({ where: { id: row.createdById }, select: { username: true } });
  return {
    id: row.id,
    kind: row.kind as WebhookKind,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    createdByName: creator?.username ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: row.lastUsedIp,
  };
}

/** Makes the webhook of `target`, or gives the existing one a new secret (the old one stops at once). */
export async function createWebhook(deps: Deps, actor: Actor, target: WebhookTarget): Promise<CreatedWebhook> {
  const name = await nameOf(deps, target);
  const key = keyOf(target);
  const existing = await deps.db.webhook.findUnique({ where: { swarmId_kind_target: key }, select: { id: true } });
  const { secret, secretHash } = mintWebhookSecret();
  const row = await audited(deps.db, subjectOf(actor), existing ? 'webhook.regenerate' : 'webhook.create', auditTarget(target, name), () =>
    deps.db.webhook.upsert({
      where: { swarmId_kind_target: key },
      create: { ...key, name, secretHash, createdById: actor.id },
      update: { name, secretHash, createdById: actor.id, createdAt: new Date(), lastUsedAt: null, lastUsedIp: null },
      select: { id: true },
    }),
  );
  return { id: row.id, name, path: webhookPath(secret) };
}

export async function deleteWebhook(deps: Pick<ServiceDeps, 'db'>, actor: Actor, target: WebhookTarget): Promise<void> {
  const row = await deps.db.webhook.findUnique({ where: { swarmId_kind_target: keyOf(target) } });
  if (!row) throw new AppError('NOT_FOUND', msg('webhooks.errors.none'));
  await audited(deps.db, subjectOf(actor), 'webhook.delete', auditTarget(target, row.name), () => deps.db.webhook.delete({ where: { id: row.id } }));
}
