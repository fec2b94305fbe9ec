// A webhook call, after its door (lib/http/webhooks/webhook-door.ts) found it by its secret: it acts
// as its creator, with their current grants (none once they are disabled), named as the webhook in
// the audit log, and makes the one service call the page's button makes — a service: a forced
// redeploy, or its image with the new tag (checked against the workload policy like any image
// change); a stack: its latest revision's file deployed again as a new revision, with new values
// of variables that revision already has (checked against the policy like any deploy); a stack that
// follows a git repository: its ref's newest commit deployed as a new revision.
import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorizeAll } from '@/lib/auth/authorize.ts';
import { actorOfUser } from '@/lib/auth/actor-of-user.ts';
import { hashToken } from '@/lib/auth/session-store.ts';
import type { Db } from '@/lib/db/client.ts';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { imageWithTag } from '@/lib/models/webhooks/webhooks.ts';
import type { WebhookCall } from '@/lib/schemas/webhooks.ts';
import type { ServiceDeps } from '../deps.ts';
import { onService, onStack } from '../access/locate-target.ts';
import { deployStack } from '../stacks/deploy-stack.ts';
import { applyGitStack } from '../stacks/git/check-git-stack.ts';
import { readRevision } from '../stacks/stack-revisions.ts';
import { forceRedeploy, readService, updateServiceImage } from '../swarm-services/manage-services.ts';

export type WebhookRow = { id: string; swarmId: string; kind: string; target: string; name: string; createdById: string };

export type WebhookOutcome =
  | { kind: 'service'; name: string; image: string | null; redeployed: true; warnings: string[] }
  | { kind: 'stack'; name: string; revision: number; created: string[]; updated: string[]; removed: string[] };

/** The webhook whose secret this is, or null: a wrong secret and a deleted webhook are the same lookup. */
export function findWebhook(db: Db, secret: string): Promise<WebhookRow | null> {
  return db.webhook.findUnique({ where: { secretHash: hashToken(secret.slice(0, 200)) }, select: { id: true, swarmId: true, kind: true, target: true, name: true, createdById: true } });
}

async function actorOfWebhook(db: Db, row: WebhookRow, ip: string | null): Promise<Actor> {
  const actor = await actorOfUser(db, row.createdById, { sessionId: `webhook:${row.id}`, ip, webhook: { id: row.id, name: row.name } });
  if (!actor) {
    const refused = new AppError('FORBIDDEN', msg('webhooks.errors.creatorGone', { name: row.name }));
    await recordAudit(db, { subject: { id: null, name: `webhook ${row.name}`, ip }, action: `webhook.${row.kind}`, target: { type: row.kind, id: row.target, name: row.name }, result: 'denied', message: refused.message });
    throw refused;
  }
  // A disabled creator's webhook holds no rights: authorize() refuses it, and audits the refusal.
  return actor;
}

async function redeployService(deps: ServiceDeps, actor: Actor, row: WebhookRow, call: WebhookCall): Promise<WebhookOutcome> {
  if (call.variables) throw new AppError('INVALID_INPUT', msg('webhooks.errors.serviceTakesTag'), { fieldErrors: { variables: [issueText('webhooks.errors.serviceTakesTagField')] } });
  const ref = { swarmId: row.swarmId, serviceId: row.target };
  await authorizeAll(deps.db, actor, await onService(deps, actor, ['service.manage'], ref));
  if (!call.tag) return { kind: 'service', name: row.name, image: null, redeployed: true, warnings: (await forceRedeploy(deps, actor, ref)).warnings };
  const image = imageWithTag((await readService(deps, ref.swarmId, ref.serviceId)).service.image, call.tag);
  return { kind: 'service', name: row.name, image, redeployed: true, warnings: (await updateServiceImage(deps, actor, { ...ref, image })).warnings };
}

async function redeployStack(deps: ServiceDeps, actor: Actor, row: WebhookRow, call: WebhookCall): Promise<WebhookOutcome> {
  if (call.tag) throw new AppError('INVALID_INPUT', msg('webhooks.errors.stackTakesVariables'), { fieldErrors: { tag: [issueText('webhooks.errors.stackTakesVariablesField')] } });
  const stackName = row.target;
  await authorizeAll(deps.db, actor, await onStack(deps, actor, 'stack.deploy', { swarmId: row.swarmId, stackName }));
  // A stack that follows a git repository deploys the ref's newest commit, with the files read there.
  if (await deps.db.stackGitSource.count({ where: { swarmId: row.swarmId, stackName } })) {
    if (call.variables) throw new AppError('INVALID_INPUT', msg('gitStacks.errors.webhookVariables'), { fieldErrors: { variables: [issueText('gitStacks.errors.webhookVariables')] } });
    const applied = await applyGitStack(deps, actor, { swarmId: row.swarmId, stackName });
    return { kind: 'stack', name: row.name, revision: applied.revision, created: applied.created, updated: applied.updated, removed: applied.removed };
  }
  const latest = await deps.db.stackRevision.findFirst({ where: { swarmId: row.swarmId, stackName }, orderBy: { number: 'desc' }, select: { number: true, composeText: true } });
  if (!latest) throw new AppError('PRECONDITION', msg('webhooks.errors.noRevision', { stack: stackName }));
  const given = call.variables ?? {};
  const known = new Set((await readRevision(deps, row.swarmId, stackName, latest.number)).variableNames);
  const unknown = Object.keys(given).filter((name) => !known.has(name));
  if (unknown.length) throw new AppError('INVALID_INPUT', msg('webhooks.errors.unknownVariables', { names: unknown.join(', '), number: latest.number }), { fieldErrors: { variables: [issueText('webhooks.errors.unknownVariablesField')] } });
  const result = await deployStack(deps, actor, { swarmId: row.swarmId, stackName, composeText: latest.composeText, inheritFrom: latest.number, variables: given, files: {} });
  return { kind: 'stack', name: row.name, revision: result.revision, created: result.created, updated: result.updated, removed: result.removed };
}

/** Runs the webhook `row` as its creator; its last use is recorded whatever the outcome. */
export async function runWebhook(deps: ServiceDeps, row: WebhookRow, call: WebhookCall, ip: string | null): Promise<WebhookOutcome> {
  await deps.db.webhook.update({ where: { id: row.id }, data: { lastUsedAt: new Date(), lastUsedIp: ip?.slice(0, 64) ?? null } }).catch(() => {});
  const actor = await actorOfWebhook(deps.db, row, ip);
  return row.kind === 'service' ? redeployService(deps, actor, row, call) : redeployStack(deps, actor, row, call);
}
