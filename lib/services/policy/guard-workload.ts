// The workload policy on real engines. Before the pure judge (workload-policy.ts) sees a request,
// the networks it names by id are named the way its engine resolves them, and the named volumes it
// mounts that already exist where it will run are added with their driver and options (a volume
// created as a bind of /etc is mounted by its name alone). The policy that judges is the one in
// effect for the host or swarm (effective-policy.ts). A refusal is audited and answered with every
// finding (each naming its rule and the policy), each on the form field it concerns when the
// caller says which.
import 'server-only';
import { recordAudit, type AuditTarget } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import type { Requirement } from '@/lib/auth/permissions.ts';
import type { Db } from '@/lib/db/client.ts';
import { AppError, type DocumentProblem, type FieldErrors } from '@/lib/errors.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { sentences } from '@/lib/models/joined-messages.ts';
import type { ServiceDeps } from '../deps.ts';
import type { Policy } from '@/lib/models/policies/policy-rules.ts';
import { policyFor } from './effective-policy.ts';
import { hostEngine, type ContainerInspect, type EngineApi, type HostEngine } from '../engine/index.ts';
import { hostsByNodeId } from '../swarms/swarm-members.ts';
import {
  judgeWorkload, mountsOfVolume, namedVolumes, nameFromList, networkRefs, PREDEFINED_NETWORKS, requestFromContainerInspect, sameSaid, withNetworkNames,
  type PolicyPath, type Violation, type VolumeDefinition, type WorkloadRequest,
} from './workload-policy.ts';

/** One node's volumes get this long to be read; a node that does not answer cannot be checked. */
const NODE_VOLUMES_MS = 10_000;

const notFound = (error: unknown) => (error as { statusCode?: unknown } | null)?.statusCode === 404;
const predefined = (name: string | null | undefined) => !!name && (PREDEFINED_NETWORKS as readonly string[]).includes(name);

/**
 * Names every network the request refers to as the engine will: by its list (full id, name, id
 * prefix), and by asking the engine for anything the list does not settle, since a swarm's own
 * copies of host and bridge have ids the list leaves out. A prefix that may mean a predefined
 * network is taken to mean it.
 */
export async function nameNetworks(api: EngineApi, request: WorkloadRequest): Promise<WorkloadRequest> {
  const refs = networkRefs(request);
  if (refs.length === 0) return request;
  const known = (await api.listNetworks()).map((n) => ({ id: n.Id, name: n.Name }));
  const names = new Map<string, string>();
  await Promise.all(
    refs.map(async (ref) => {
      const listed = nameFromList(ref, known);
      const exact = known.some((n) => n.id === ref || n.name === ref);
      if (exact && listed) return void names.set(ref, listed);
      const asked = await api.inspectNetwork(ref).then(
        (n) => n.Name,
        (error: unknown) => {
          if (notFound(error)) return null;
          throw error;
        },
      );
      names.set(ref, [listed, asked].find(predefined) ?? asked ?? listed ?? ref);
    }),
  );
  return withNetworkNames(request, names);
}

/** The definitions of existing volumes the request mounts by name, on one engine, at each mount that uses them. */
function definitionsOf(request: WorkloadRequest, found: { name: string; driver: string | null; options: Record<string, string> }[], node: string): VolumeDefinition[] {
  return found.flatMap((volume) => mountsOfVolume(request, volume.name).map((at) => ({ ...volume, node, where: `volumes.${volume.name} on ${node}`, at })));
}

/** The named volumes of the request that already exist on this engine. */
export async function existingVolumesOnHost(api: EngineApi, hostName: string, request: WorkloadRequest): Promise<VolumeDefinition[]> {
  const names = namedVolumes(request);
  const found = await Promise.all(
    names.map((name) =>
      api.inspectVolume(name).then(
        (v) => ({ name, driver: v.Driver ?? null, options: v.Options ?? {} }),
        (error: unknown) => {
          if (notFound(error)) return null;
          throw error;
        },
      ),
    ),
  );
  return definitionsOf(request, found.filter((v) => v !== null), hostName);
}

/**
 * The named volumes of a service or stack that already exist on any node of the swarm (a task may
 * run on any of them), read through each node's registered host. A node Wharf cannot read is a
 * finding of its own: the volume could be anything there.
 */
export async function existingVolumesOnSwarm(deps: Pick<ServiceDeps, 'db' | 'engines'>, api: EngineApi, request: WorkloadRequest): Promise<{ definitions: VolumeDefinition[]; unchecked: Violation[] }> {
  const names = namedVolumes(request);
  if (names.length === 0) return { definitions: [], unchecked: [] };
  const [nodes, hosts] = await Promise.all([api.listNodes(), hostsByNodeId(deps.db)]);
  const perNode = await Promise.all(
    nodes.map(async (node): Promise<{ definitions: VolumeDefinition[]; unchecked: Violation[] }> => {
      const hostname = node.Description?.Hostname ?? node.ID.slice(0, 12);
      const host = hosts.get(node.ID);
      const cannot = (why: Message) => ({
        definitions: [],
        unchecked: names.flatMap((name) => mountsOfVolume(request, name).map((at) => ({ rule: 'volume-unchecked', where: `volumes.${name} on ${hostname}`, at, said: msg('policyText.volume.unchecked', { name, node: hostname, why }) }))),
      });
      if (!host) return cannot(msg('policyText.volume.notRegistered'));
      try {
        const engine = await hostEngine(deps, host.id);
        const volumes = await engine.call(msg('guardText.doing.readVolumesOf', { host: hostname }), (nodeApi) => nodeApi.listVolumes(), { ms: NODE_VOLUMES_MS });
        const found = volumes.filter((v) => names.includes(v.Name)).map((v) => ({ name: v.Name, driver: v.Driver ?? null, options: v.Options ?? {} }));
        return { definitions: definitionsOf(request, found, hostname), unchecked: [] };
      } catch (error) {
        return cannot(error instanceof AppError ? msg('policyText.volume.noAnswerBecause', { detail: error.said ?? error.message }) : msg('policyText.volume.noAnswer'));
      }
    }),
  );
  return { definitions: perNode.flatMap((n) => n.definitions), unchecked: perNode.flatMap((n) => n.unchecked) };
}

/** The findings for a request to one host's engine, under `policy`. */
export async function judgeOnHost(api: EngineApi, hostName: string, request: WorkloadRequest, policy: Policy): Promise<Violation[]> {
  const named = await nameNetworks(api, request);
  const existing = await existingVolumesOnHost(api, hostName, named);
  return judgeWorkload({ ...named, volumeDefinitions: [...named.volumeDefinitions, ...existing] }, policy);
}

/** The findings for a request to a swarm, `api` being one of its managers, under `policy`. */
export async function judgeOnSwarm(deps: Pick<ServiceDeps, 'db' | 'engines'>, api: EngineApi, request: WorkloadRequest, policy: Policy): Promise<Violation[]> {
  const named = await nameNetworks(api, request);
  const { definitions, unchecked } = await existingVolumesOnSwarm(deps, api, named);
  return [...judgeWorkload({ ...named, volumeDefinitions: [...named.volumeDefinitions, ...definitions] }, policy), ...unchecked];
}

export type Refusal = {
  /** The audit row's action and target. */
  action: string;
  target: AuditTarget;
  /** Opens the message: "Service web asks for more than your role allows: …". */
  lead: Message;
  /** Closes it: what to do. */
  advice: Message;
  /** The form field a finding belongs on (null: the message only). */
  fieldOf?: (at: PolicyPath) => string | null;
  /** Findings as problems of a document too (a compose file in the editor), each at the line and column `locate` gives its place. */
  asProblems?: { locate: (at: PolicyPath) => { line: number; column: number } | undefined };
  /** false: judged before anyone asked for it (a git check looking at a new commit), so nothing to audit. */
  audit?: boolean;
};

/** Audits the refusal and throws it, every finding named, each on its field when it has one. */
export async function refuseWorkload(db: Db, actor: Actor, violations: Violation[], refusal: Refusal): Promise<never> {
  const unique = violations.filter((v, i) => violations.findIndex((w) => sameSaid(w, v)) === i);
  const said = msg('policyText.refusal', { lead: refusal.lead, findings: sentences(unique.map((v) => v.said)), advice: refusal.advice });
  // The audit log keeps its rows' words in English, as every other row.
  if (refusal.audit !== false) await recordAudit(db, { subject: subjectOf(actor), action: refusal.action, target: refusal.target, result: 'denied', message: renderMessage(said, 'en') });
  const fieldErrors: FieldErrors = {};
  for (const v of unique) {
    const field = v.at && refusal.fieldOf ? refusal.fieldOf(v.at) : null;
    if (field) (fieldErrors[field] ??= []).push(issueText(v.said.key, v.said.values));
  }
  const located = refusal.asProblems;
  const problems: DocumentProblem[] | undefined = located ? unique.map((v) => ({ severity: 'error', message: issueText(v.said.key, v.said.values), path: v.where, ...(v.at && located.locate(v.at)) })) : undefined;
  throw new AppError('FORBIDDEN', said, { ...(Object.keys(fieldErrors).length ? { fieldErrors } : {}), ...(problems ? { problems } : {}) });
}

/**
 * Whether the actor may get into (a terminal) or start a container that already exists: if its
 * configuration is one they could not have created, that needs the unrestricted right on its host,
 * as creating it would have. Otherwise an operator could run as root in an administrator's
 * privileged container, or in any container that mounts the engine's socket. Answers the
 * requirement it relied on (none for an ordinary container), so a session opened on it can be
 * cut off when that right goes; a refusal is audited and names every finding.
 */
export async function guardExistingContainer(db: Db, actor: Actor, engine: HostEngine, inspect: ContainerInspect, use: { action: string; /** "Starting it": `msg('policyText.refusals.needs.start')`. */ needs: Message }): Promise<Requirement[]> {
  const name = inspect.Name.replace(/^\//, '');
  const policy = await policyFor(db, { type: 'host', id: engine.hostId });
  const violations = await engine.call(msg('guardText.doing.checkContainer', { name }), (api) => judgeOnHost(api, engine.hostName, requestFromContainerInspect(inspect), policy));
  if (violations.length === 0) return [];
  const unrestricted: Requirement = { permission: 'workload.unrestricted', target: { type: 'host', id: engine.hostId } };
  if (can(actor, unrestricted.permission, unrestricted.target)) return [unrestricted];
  return refuseWorkload(db, actor, violations, {
    action: use.action,
    target: { type: 'container', id: `${engine.hostId}/${inspect.Id.slice(0, 12)}`, name: `${name} on ${engine.hostName}` },
    lead: msg('policyText.refusals.existingContainer', { name, host: engine.hostName }),
    advice: msg('policyText.refusals.existingContainerAdvice', { use: use.needs, host: engine.hostName }),
  });
}
