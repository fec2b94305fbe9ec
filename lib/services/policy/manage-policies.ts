// Workload policies an administrator shapes: created from the default rules, each save a new
// version (audited with what changed), attached to the global scope, a host or a swarm (one policy
// per scope; attaching judges new requests only, nothing running is changed), deleted only when
// nothing uses them. A compose file can be checked against a policy without deploying it.
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { Db } from '@/lib/db/client.ts';
import { AppError, type DocumentProblem } from '@/lib/errors.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { listed } from '@/lib/models/joined-messages.ts';
import { DEFAULT_POLICY, DEFAULT_RULES, ruleChanges, summariseChanges, type Policy, type PolicyRules } from '@/lib/models/policies/policy-rules.ts';
import type { PolicyScope } from '@/lib/schemas/policies.ts';
import { locateNearest, type ComposeProblem } from '@/lib/services/stacks/compose/compose-path.ts';
import { parseComposeSource } from '@/lib/services/stacks/compose/parse-compose.ts';
import { translateStack } from '@/lib/services/stacks/compose/translate-stack.ts';
import { stackWorkloadRequest } from '@/lib/services/stacks/stack-policy-request.ts';
import { savedPolicy } from './effective-policy.ts';
import { judgeWorkload, sameSaid } from './workload-policy.ts';

type Deps = { db: Db };

/** `name`: the scope in English (audit rows); `said`: the same for each reader's language. */
export type PolicyScopeView = { type: 'global' | 'host' | 'swarm'; id: string; name: string; said: Message };
/** `summary`: what the version changed, as stored (a message as issueText; versions saved before it was one, English text). */
export type PolicyVersionView = { number: number; rules: PolicyRules; summary: string; createdByName: string; createdAt: string };
export type PolicySummary = { id: string; name: string; description: string | null; version: number; rules: PolicyRules; updatedAt: string; updatedBy: string; attachedTo: PolicyScopeView[] };
export type PolicyDetail = PolicySummary & { versions: PolicyVersionView[] };
/** Where policies may be attached, and what is attached there now (null: the scope falls back). */
export type AttachmentTargets = { scopes: (PolicyScopeView & { policyId: string | null })[] };

const scopeSaid = (type: string, name: string): Message =>
  type === 'global' ? msg('policyText.scopes.global') : type === 'host' ? msg('policyText.scopes.host', { name }) : msg('policyText.scopes.swarm', { name });
const scopeLabel = (type: string, name: string) => renderMessage(scopeSaid(type, name), 'en');
const scopeView = (type: PolicyScopeView['type'], id: string, name: string) => ({ type, id, name: scopeLabel(type, name), said: scopeSaid(type, name) });

async function scopeNames(db: Db): Promise<Map<string, string>> {
  const [hosts, swarms] = await Promise.all([db.host.findMany({ select: { id: true, name: true } }), db.swarm.findMany({ select: { id: true, name: true } })]);
  return new Map([['global/', 'global'], ...hosts.map((h) => [`host/${h.id}`, h.name] as [string, string]), ...swarms.map((s) => [`swarm/${s.id}`, s.name] as [string, string])]);
}

const asScope = (names: Map<string, string>) => (a: { scopeType: string; scopeId: string }): PolicyScopeView =>
  scopeView(a.scopeType as PolicyScopeView['type'], a.scopeId, names.get(`${a.scopeType}/${a.scopeId}`) ?? a.scopeId);

export async function listPolicies(deps: Deps): Promise<PolicySummary[]> {
  const [rows, names] = await Promise.all([
    deps.db.policy.findMany({ orderBy: { name: 'asc' }, include: { versions: { orderBy: { number: 'desc' }, take: 1 }, attachments: true } }),
    scopeNames(deps.db),
  ]);
  return rows.flatMap((row) => {
    const newest = row.versions[0];
    if (!newest) return [];
    return [{
      id: row.id, name: row.name, description: row.description, version: newest.number, rules: savedPolicy(row.name, newest).rules,
      updatedAt: newest.createdAt.toISOString(), updatedBy: newest.createdByName, attachedTo: row.attachments.map(asScope(names)),
    }];
  });
}

export async function readPolicy(deps: Deps, policyId: string): Promise<PolicyDetail> {
  const [row, names] = await Promise.all([
    deps.db.policy.findUnique({ where: { id: policyId }, include: { versions: { orderBy: { number: 'desc' } }, attachments: true } }),
    scopeNames(deps.db),
  ]);
  if (!row || !row.versions[0]) throw new AppError('NOT_FOUND', msg('policyText.errors.noSuchPolicy'));
  const versions = row.versions.map((v) => ({ number: v.number, rules: savedPolicy(row.name, v).rules, summary: v.summary, createdByName: v.createdByName, createdAt: v.createdAt.toISOString() }));
  return {
    id: row.id, name: row.name, description: row.description, version: versions[0].number, rules: versions[0].rules,
    updatedAt: versions[0].createdAt, updatedBy: versions[0].createdByName, attachedTo: row.attachments.map(asScope(names)), versions,
  };
}

/** Every scope a policy may be attached to, with what is attached there now. */
export async function attachmentTargets(deps: Deps): Promise<AttachmentTargets> {
  const [hosts, swarms, attachments] = await Promise.all([
    deps.db.host.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    deps.db.swarm.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    deps.db.policyAttachment.findMany(),
  ]);
  const attached = (type: string, id: string) => attachments.find((a) => a.scopeType === type && a.scopeId === id)?.policyId ?? null;
  return {
    scopes: [
      { ...scopeView('global', '', ''), policyId: attached('global', '') },
      ...hosts.map((h) => ({ ...scopeView('host', h.id, h.name), policyId: attached('host', h.id) })),
      ...swarms.map((s) => ({ ...scopeView('swarm', s.id, s.name), policyId: attached('swarm', s.id) })),
    ],
  };
}

const uniqueName = (error: unknown, name: string) => {
  if ((error as { code?: string } | null)?.code === 'P2002') throw new AppError('CONFLICT', msg('policyText.errors.nameExists', { name }), { fieldErrors: { name: [issueText('policyText.errors.nameTaken', { name })] } });
  throw error;
};

/** A new policy, its version 1 the default policy's rules. */
export async function createPolicy(deps: Deps, actor: Actor, input: { name: string; description: string | null }): Promise<{ id: string }> {
  return audited(deps.db, subjectOf(actor), 'policy.create', { type: 'policy', name: input.name }, async () => {
    const row = await deps.db.policy
      .create({
        data: {
          name: input.name, description: input.description, createdById: actor.id, createdByName: actor.username,
          versions: { create: { number: 1, rules: DEFAULT_RULES, summary: issueText('policyText.versions.created'), createdById: actor.id, createdByName: actor.username } },
        },
        select: { id: true },
      })
      .catch((error: unknown) => uniqueName(error, input.name));
    return { id: row.id };
  }, (r) => ({ id: r.id, message: 'Version 1: the default policy\'s rules.' }));
}

/** Saves the rules as the next version; `basedOn` is the version the editor started from (a save in between is a conflict). */
export async function savePolicyVersion(deps: Deps, actor: Actor, input: { policyId: string; rules: PolicyRules; basedOn: number }): Promise<{ version: number; summary: Message }> {
  const policy = await deps.db.policy.findUnique({ where: { id: input.policyId }, include: { versions: { orderBy: { number: 'desc' }, take: 1 } } });
  const newest = policy?.versions[0];
  if (!policy || !newest) throw new AppError('NOT_FOUND', msg('policyText.errors.noSuchPolicy'));
  if (newest.number !== input.basedOn) throw new AppError('CONFLICT', msg('policyText.errors.savedMeanwhile', { version: String(newest.number), name: policy.name, by: newest.createdByName, edited: String(input.basedOn) }));
  const changes = ruleChanges(savedPolicy(policy.name, newest).rules, input.rules);
  if (changes.length === 0) throw new AppError('INVALID_INPUT', msg('policyText.errors.nothingChanged'));
  const summary = summariseChanges(changes);
  const number = newest.number + 1;
  await audited(deps.db, subjectOf(actor), 'policy.update', { type: 'policy', id: policy.id, name: `${policy.name} version ${number}` }, async () => {
    await deps.db.policyVersion
      .create({ data: { policyId: policy.id, number, rules: input.rules, summary: issueText(summary.key, summary.values), createdById: actor.id, createdByName: actor.username } })
      .catch((error: unknown) => {
        if ((error as { code?: string } | null)?.code === 'P2002') throw new AppError('CONFLICT', msg('policyText.errors.savedSameMoment', { version: String(number), name: policy.name }));
        throw error;
      });
  }, () => ({ message: renderMessage(summary, 'en') }));
  return { version: number, summary };
}

async function scopeName(db: Db, scope: PolicyScope): Promise<string> {
  if (scope.type === 'global') return scopeLabel('global', '');
  const row = scope.type === 'host' ? await db.host.findUnique({ where: { id: scope.id }, select: { name: true } }) : await db.swarm.findUnique({ where: { id: scope.id }, select: { name: true } });
  if (!row) throw new AppError('NOT_FOUND', scope.type === 'host' ? msg('policyText.errors.noSuchHost') : msg('policyText.errors.noSuchSwarm'));
  return scopeLabel(scope.type, row.name);
}

/**
 * Attaches a policy to a scope (replacing what was attached there), or detaches (policyId null):
 * new requests there are judged by it from now on; what already runs is not changed.
 */
export async function attachPolicy(deps: Deps, actor: Actor, input: { scope: PolicyScope; policyId: string | null }): Promise<void> {
  const scopeId = input.scope.type === 'global' ? '' : input.scope.id;
  const where = await scopeName(deps.db, input.scope);
  const policy = input.policyId ? await deps.db.policy.findUnique({ where: { id: input.policyId }, select: { id: true, name: true } }) : null;
  if (input.policyId && !policy) throw new AppError('NOT_FOUND', msg('policyText.errors.noSuchPolicy'));
  const key = { scopeType_scopeId: { scopeType: input.scope.type, scopeId } };
  if (!policy) {
    await audited(deps.db, subjectOf(actor), 'policy.detach', { type: input.scope.type, id: scopeId || null, name: where }, async () => {
      await deps.db.policyAttachment.deleteMany({ where: { scopeType: input.scope.type, scopeId } });
    }, () => ({ message: `${where} falls back to ${input.scope.type === 'global' ? 'the default policy' : 'the global policy, or the default'}; running workloads are not changed.` }));
    return;
  }
  await audited(deps.db, subjectOf(actor), 'policy.attach', { type: 'policy', id: policy.id, name: policy.name }, async () => {
    await deps.db.policyAttachment.upsert({
      where: key,
      create: { scopeType: input.scope.type, scopeId, policyId: policy.id, attachedById: actor.id, attachedByName: actor.username },
      update: { policyId: policy.id, attachedById: actor.id, attachedByName: actor.username, attachedAt: new Date() },
    });
  }, () => ({ message: `Attached to ${where}: new requests there are judged by it; running workloads are not changed.` }));
}

/** Deletes a policy nothing is attached to (its versions with it; the audit log keeps its history). */
export async function deletePolicy(deps: Deps, actor: Actor, input: { policyId: string }): Promise<void> {
  const policy = await deps.db.policy.findUnique({ where: { id: input.policyId }, include: { attachments: true } });
  if (!policy) throw new AppError('NOT_FOUND', msg('policyText.errors.noSuchPolicy'));
  if (policy.attachments.length) {
    const names = await scopeNames(deps.db);
    const where = listed(policy.attachments.map(asScope(names)).map((s) => s.said)) ?? '';
    throw new AppError('CONFLICT', msg('policyText.errors.stillAttached', { name: policy.name, where }));
  }
  await audited(deps.db, subjectOf(actor), 'policy.delete', { type: 'policy', id: policy.id, name: policy.name }, async () => {
    await deps.db.policy.delete({ where: { id: policy.id } }).catch((error: unknown) => {
      // Attached in the meantime: the attachment's foreign key refuses the delete.
      if ((error as { code?: string } | null)?.code === 'P2003') throw new AppError('CONFLICT', msg('policyText.errors.attachedMeanwhile', { name: policy.name }));
      throw error;
    });
  });
}

/** `policy`: the policy judged by, as a message; findings' messages carry theirs (issueText). */
export type ComposeCheck = { policy: Message; findings: DocumentProblem[]; problems: DocumentProblem[] };
/** A check as the service answers it: the file's own problems said by the door (spokenProblem). */
export type ComposeCheckFound = Omit<ComposeCheck, 'problems'> & { problems: ComposeProblem[] };

/**
 * Judges a compose file by a policy (the default one when none is named) without deploying it:
 * the file as written and the specs it translates to, each finding at its line. Networks given by
 * id and volumes that already exist on nodes are judged when it is deployed (that needs the engines).
 */
export async function checkCompose(deps: Deps, input: { policyId: string | null; composeText: string }): Promise<ComposeCheckFound> {
  let policy: Policy = DEFAULT_POLICY;
  if (input.policyId) {
    const row = await deps.db.policy.findUnique({ where: { id: input.policyId }, include: { versions: { orderBy: { number: 'desc' }, take: 1 } } });
    if (!row?.versions[0]) throw new AppError('NOT_FOUND', msg('policyText.errors.noSuchPolicy'));
    policy = savedPolicy(row.name, row.versions[0]);
  }
  const label = policy.version === null ? msg('policyText.check.builtIn', { name: policy.name }) : msg('policyText.check.version', { name: policy.name, version: String(policy.version) });
  const { stack, problems } = translateStack({ stackName: 'check', composeText: input.composeText, variables: {}, files: {} });
  const errors = problems.filter((p) => p.severity === 'error');
  if (!stack || errors.length) return { policy: label, findings: [], problems: errors };
  const source = parseComposeSource(input.composeText);
  const violations = judgeWorkload(stackWorkloadRequest(source, {}, stack), policy);
  const unique = violations.filter((v, i) => violations.findIndex((w) => sameSaid(w, v)) === i);
  const findings = unique.map((v): DocumentProblem => ({ severity: 'error', message: issueText(v.said.key, v.said.values), path: v.where, ...(v.at && locateNearest(v.at, source.locate)) }));
  return { policy: label, findings, problems: [] };
}
