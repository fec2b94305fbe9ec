// Deploys a compose file as a stack on a swarm, the way `docker stack deploy --prune` does:
// external networks must exist; secrets, configs and networks are created (or their labels
// updated); services are created or updated with their secret and config ids filled in; services
// no longer in the file are removed. Every attempt is kept as a revision, its inputs sealed.
// Every caller deploys through the job queue (deployStack: start the job, wait for its end); the
// worker that takes the job runs deployStackHere, writing each step into the deploy's row.
import 'server-only';
import pLimit from 'p-limit';
import { AppError } from '@/lib/errors.ts';
import { msg, storedSaying } from '@/lib/i18n/message.ts';
import { audited, recordAudit } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { newId } from '@/lib/db/new-id.ts';
import { notify } from '@/lib/services/notifications/raise-notification.ts';
import { policyFor } from '@/lib/services/policy/effective-policy.ts';
import { judgeOnSwarm, refuseWorkload } from '@/lib/services/policy/guard-workload.ts';
import { locateNearest, type ComposeProblem } from '@/lib/services/stacks/compose/compose-path.ts';
import { parseComposeSource } from '@/lib/services/stacks/compose/parse-compose.ts';
import { translateStack, type TranslatedStack } from '@/lib/services/stacks/compose/translate-stack.ts';
import { credentialsForImages, type PullCredentials } from '@/lib/services/registries/registry-auth.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, engineMessage, type EngineApi, type Manager, type SwarmObject } from '../engine/index.ts';
import { inheritInputs, inputUses } from './inherited-inputs.ts';
import { openInputs, sealInputs, type StackInputs } from './stack-inputs.ts';
import { namespaceFilter } from './stack-labels.ts';
import { stackWorkloadRequest } from './stack-policy-request.ts';
import { ownerLabelProblems, ownerOfServices } from './stack-owner.ts';
import type { Owner } from '@/lib/auth/ownership.ts';
import { ownerForCreate } from '../access/owner-for-create.ts';
import { withOwner } from '../swarm-services/manage-services.ts';
import type { DeployStep } from '@/lib/models/stacks/deploy-steps.ts';
import { awaitStackDeploy, startStackDeploy } from './start-stack-deploy.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

export type DeployStackInput = {
  swarmId: string;
  stackName: string;
  composeText: string;
  /** keep this revision's variables and files, except those given */
  inheritFrom?: number;
  /** the team a new stack is made for; a deployed stack keeps its owner */
  teamId?: string | null;
} & StackInputs;
/** `warnings`: the file's warnings, said by the door in the requester's language (spokenBody).
 * `registries`: those whose credentials went with the services (the swarm gives them to every node that pulls). */
export type DeployStackResult = { revision: number; created: string[]; updated: string[]; removed: string[]; warnings: ComposeProblem[]; via: string; registries: string[] };

/** `restoredFrom`: the revision a rollback restores. `gitCommit`: the commit of the stack's repository
 * this file and its files were read at (git stacks). */
export type DeployStackOptions = { restoredFrom?: number; gitCommit?: string };

/** Where a running deploy reports its step (written into its row) and the revision it writes. */
export type DeployTrack = { step(step: DeployStep): Promise<void>; revision(number: number): Promise<void> };

const untracked: DeployTrack = { step: async () => {}, revision: async () => {} };

/** How many service creates or updates are in flight at once during a deploy. */
const SERVICE_CONCURRENCY = 4;

/** Networks every node has: a stack may name them without creating them. */
const PREDEFINED = new Set(['host', 'bridge', 'none', 'ingress', 'docker_gwbridge']);

/** A secret or config whose content changed: the engine refuses that in place, so say what to do. */
async function updateInPlace(manager: Manager, kind: 'secret' | 'config', name: string, update: Promise<void>): Promise<void> {
  await manager.step(msg('guardText.doing.updateSwarmObject', { kind, name }), update).catch((error: AppError) => {
    if (!/only updates to Labels are allowed/i.test(engineMessage(error.cause))) throw error;
    throw new AppError('CONFLICT', msg(kind === 'secret' ? 'stacks.errors.secretChanged' : 'stacks.errors.configChanged', { name }), { cause: error.cause });
  });
}

/** The stack's secrets (or configs): external ones must exist, its own are created or their
 * labels updated. Answers the id of each name. */
async function applyObjects(
  api: EngineApi,
  manager: Manager,
  kind: 'secret' | 'config',
  objects: { external: string[]; own: { name: string; spec: object }[]; existing: SwarmObject[] },
  done: { created: string[]; updated: string[] },
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const name of objects.external) {
    const found = objects.existing.find((o) => o.Spec.Name === name);
    if (!found) throw new AppError('PRECONDITION', msg(kind === 'secret' ? 'stacks.errors.externalSecretMissing' : 'stacks.errors.externalConfigMissing', { name }));
    ids.set(name, found.ID);
  }
  for (const { name, spec } of objects.own) {
    const found = objects.existing.find((o) => o.Spec.Name === name);
    const what = `${kind} ${name}`;
    const body = spec as Record<string, unknown>;
    if (found) {
      await updateInPlace(manager, kind, name, kind === 'secret' ? api.updateSecret(found.ID, found.Version.Index, body) : api.updateConfig(found.ID, found.Version.Index, body));
      ids.set(name, found.ID);
      done.updated.push(what);
    } else {
      ids.set(name, await manager.step(msg('engineText.doing.createSwarmObject', { kind, name }), kind === 'secret' ? api.createSecret(body) : api.createConfig(body)));
      done.created.push(what);
    }
  }
  return ids;
}

/** `credentials`: per image, what the swarm is given to pull it (null: anonymous). `owner`: of a new
 * stack (a deployed one keeps the owner its services record). */
async function applyStack(api: EngineApi, manager: Manager, stack: TranslatedStack, credentials: Map<string, PullCredentials | null>, owner: Owner | null, track: DeployTrack): Promise<Omit<DeployStackResult, 'revision' | 'warnings' | 'via' | 'registries'>> {
  const created: string[] = [];
  const updated: string[] = [];
  const removed: string[] = [];
  const namespace = namespaceFilter(stack.namespace);

  // Everything the deploy compares against, read at once (nothing below changes these lists'
  // answers for the names it looks up). External networks, secrets and configs must already exist.
  const [networks, existingSecrets, existingConfigs, stackNetworks, existingServices] = await Promise.all([
    api.listNetworks(),
    api.listSecrets(),
    api.listConfigs(),
    api.listNetworks({ label: [namespace] }),
    api.listServices({ status: true, filters: { label: [namespace] } }),
  ]);
  for (const name of stack.externalNetworks) {
    const network = networks.find((n) => n.Name === name);
    if (!network && !PREDEFINED.has(name)) throw new AppError('PRECONDITION', msg('stacks.errors.externalNetworkMissing', { name }));
    if (network && network.Scope !== 'swarm' && !PREDEFINED.has(name)) throw new AppError('PRECONDITION', msg('stacks.errors.externalNetworkNotSwarm', { name, scope: network.Scope }));
  }

  const stackOwner = existingServices.length ? (ownerOfServices(existingServices) ?? null) : owner;
  const done = { created, updated };
  await track.step('secrets-configs');
  const secretIds = await applyObjects(api, manager, 'secret', { external: stack.externalSecrets, own: stack.secrets, existing: existingSecrets }, done);
  const configIds = await applyObjects(api, manager, 'config', { external: stack.externalConfigs, own: stack.configs, existing: existingConfigs }, done);

  await track.step('networks');
  for (const { name, spec } of stack.networks) {
    if (stackNetworks.some((n) => n.Name === name)) continue;
    // Engines before API 1.44 need CheckDuplicate, as the CLI sends it.
    await manager.step(msg('engineText.doing.createNetwork', { name }), api.createNetwork({ ...spec, CheckDuplicate: true } as Record<string, unknown>));
    created.push(`network ${name}`);
  }

  // Services go to the manager a few at a time (the CLI sends them one by one); what was done is
  // reported in the file's order whatever the order of the answers.
  await track.step('services');
  const limit = pLimit(SERVICE_CONCURRENCY);
  const outcomes = await Promise.allSettled(
    stack.services.map(({ name, spec }) =>
      limit(async (): Promise<'created' | 'updated'> => {
        const containerSpec = spec.TaskTemplate.ContainerSpec;
        const withIds = {
          ...withOwner(spec, stackOwner),
          TaskTemplate: {
            ...spec.TaskTemplate,
            ContainerSpec: {
              ...withOwner(spec, stackOwner).TaskTemplate.ContainerSpec,
              ...(containerSpec.Secrets ? { Secrets: containerSpec.Secrets.map((s) => ({ ...s, SecretID: secretIds.get(s.SecretName) ?? '' })) } : {}),
              ...(containerSpec.Configs ? { Configs: containerSpec.Configs.map((c) => ({ ...c, ConfigID: configIds.get(c.ConfigName) ?? '' })) } : {}),
            },
          },
        };
        const auth = credentials.get(containerSpec.Image)?.auth;
        const found = existingServices.find((s) => s.Spec.Name === name);
        if (found) {
          const current = await manager.step(msg('engineText.doing.readService', { name }), api.inspectService(found.ID));
          // Like the CLI: keep the service's force-update counter, so an update is not a forced restart.
          const forceUpdate = (current.Spec.TaskTemplate as { ForceUpdate?: number } | undefined)?.ForceUpdate ?? 0;
          await manager.step(msg('guardText.doing.updateService', { name }), api.updateService(found.ID, current.Version.Index, { ...withIds, TaskTemplate: { ...withIds.TaskTemplate, ForceUpdate: forceUpdate } }, auth));
          return 'updated';
        }
        await manager.step(msg('engineText.doing.createService', { name }), api.createService(withIds as Record<string, unknown>, auth));
        return 'created';
      }),
    ),
  );
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') (outcome.value === 'created' ? created : updated).push(`service ${stack.services[i].name}`);
  });
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;

  await track.step('prune');
  const wanted = new Set(stack.services.map((s) => s.name));
  for (const service of existingServices.filter((s) => !wanted.has(s.Spec.Name))) {
    await manager.step(msg('engineText.doing.removeService', { name: service.Spec.Name }), api.removeService(service.ID));
    removed.push(`service ${service.Spec.Name}`);
  }
  return { created, updated, removed };
}

/**
 * An edit keeps the variables and files it does not change (the editor never receives their
 * values), but only where the revision it starts from used them: otherwise a deployer could print
 * a kept value into a config, a label or a command and read it back (inherited-inputs.ts).
 * Refused, audited, before anything is sent.
 */
async function withInherited(deps: Deps, actor: Actor, input: DeployStackInput): Promise<DeployStackInput> {
  if (!input.inheritFrom) return input;
  const base = await deps.db.stackRevision.findUnique({ where: { swarmId_stackName_number: { swarmId: input.swarmId, stackName: input.stackName, number: input.inheritFrom } } });
  if (!base) throw new AppError('NOT_FOUND', msg('stacks.errors.noBaseRevision', { name: input.stackName, number: input.inheritFrom }));
  const inherited = openInputs(deps.keyring, base.id, base.inputsSealed);
  const { merged: inputs, problems } = inheritInputs({ number: base.number, composeText: base.composeText, ...inherited }, input, (composeText, given) => inputUses({ stackName: input.stackName, composeText, ...given }));
  const merged = { ...input, ...inputs };
  if (problems.length === 0) return merged;
  const details = problems.map((p) => p.said).reduce((first, rest) => msg('composeChecks.joined', { first, rest }));
  const refused = new AppError('FORBIDDEN', msg('stacks.errors.misplacedInputs', { count: problems.length, number: base.number, details }), { problems });
  await recordAudit(deps.db, { subject: subjectOf(actor), action: 'stack.deploy', target: { type: 'stack', id: `${input.swarmId}/${input.stackName}`, name: input.stackName }, result: 'denied', message: refused.message });
  throw refused;
}

/**
 * What a deploy checks before it changes anything: the file translates without errors, claims no
 * owner label, and (for those without the unrestricted right) the workload policy allows it, judged
 * through a manager. Throws the reason; `audit: false` (a git check looking at a commit before anyone
 * applies it) judges without writing the refusal to the audit log.
 */
export async function vetStackFile(deps: Deps, actor: Actor, input: Pick<DeployStackInput, 'swarmId' | 'stackName' | 'composeText'> & StackInputs, options: { audit?: boolean; beforePolicy?: () => Promise<void> } = {}): Promise<{ stack: TranslatedStack; problems: ComposeProblem[] }> {
  const { stack, problems } = translateStack({ stackName: input.stackName, composeText: input.composeText, variables: input.variables, files: input.files });
  const errors = problems.filter((p) => p.severity === 'error');
  if (!stack || errors.length) {
    const first = errors[0]?.said;
    throw new AppError('INVALID_INPUT', first === undefined ? msg('stacks.errors.fileUnreadable') : msg('stacks.errors.fileProblems', { count: errors.length, first }), { problems });
  }
  // Only Wharf writes owner labels: a file claiming one is refused (and Wharf's own are written over any).
  const forged = ownerLabelProblems(stack, parseComposeSource(input.composeText).locate);
  if (forged.length) throw new AppError('INVALID_INPUT', msg('stacks.errors.fileProblems', { count: forged.length, first: forged[0].said }), { problems: forged });
  await options.beforePolicy?.();

  if (!can(actor, 'workload.unrestricted', { type: 'swarm', id: input.swarmId })) {
    // A translated service's findings are placed at its key in the file (its spec's order is not the file's).
    const source = parseComposeSource(input.composeText);
    const request = stackWorkloadRequest(source, input.variables, stack);
    // Through a manager (networks named by id) and the nodes (volumes that already exist there).
    const policy = await policyFor(deps.db, { type: 'swarm', id: input.swarmId });
    const { value: violations } = await callManager(deps, input.swarmId, { write: false, doing: msg('engineText.doing.checkStackPolicy') }, (api) => judgeOnSwarm(deps, api, request, policy));
    if (violations.length) {
      await refuseWorkload(deps.db, actor, violations, {
        action: 'stack.deploy',
        target: { type: 'stack', id: `${input.swarmId}/${input.stackName}`, name: input.stackName },
        lead: msg('policyText.refusals.stack'),
        advice: msg('policyText.refusals.stackAdvice'),
        asProblems: { locate: (at) => locateNearest(at, source.locate) },
        audit: options.audit ?? true,
      });
    }
  }
  return { stack, problems };
}

/** Deploys through the job queue, as every caller does: the deploy's row written and its job sent,
 * then waited for; answers (or throws) what the deploy did, as if it had run in the caller's request. */
export async function deployStack(deps: Pick<ServiceDeps, 'db' | 'keyring' | 'deploys'>, actor: Actor, input: DeployStackInput, options: DeployStackOptions = {}): Promise<DeployStackResult> {
  return awaitStackDeploy(deps, await startStackDeploy(deps, actor, input, options));
}

/** The deploy itself, run here: by the queue's worker that claimed the deploy (run-stack-deploy.ts). */
export async function deployStackHere(deps: Deps, actor: Actor, given: DeployStackInput, options: DeployStackOptions & { track?: DeployTrack } = {}): Promise<DeployStackResult> {
  const track = options.track ?? untracked;
  const input = await withInherited(deps, actor, given);
  let owner: Owner | null = null;
  const { stack, problems } = await vetStackFile(deps, actor, input, {
    beforePolicy: async () => {
      owner = await ownerForCreate(deps, actor, input.teamId);
    },
  });

  return audited(deps.db, subjectOf(actor), options.restoredFrom ? 'stack.rollback' : 'stack.deploy', { type: 'stack', id: `${input.swarmId}/${input.stackName}`, name: input.stackName }, async () => {
    const last = await deps.db.stackRevision.findFirst({ where: { swarmId: input.swarmId, stackName: input.stackName }, orderBy: { number: 'desc' }, select: { number: true } });
    const id = newId();
    const number = (last?.number ?? 0) + 1;
    await track.revision(number);
    const record = (outcome: 'deployed' | 'failed', message: string | null) =>
      deps.db.stackRevision.create({
        data: {
          id, swarmId: input.swarmId, stackName: input.stackName, number, composeText: input.composeText,
          inputsSealed: sealInputs(deps.keyring, id, { variables: input.variables, files: input.files }),
          createdById: actor.id, createdByName: actor.username, outcome, message, restoredFrom: options.restoredFrom ?? null, gitCommit: options.gitCommit ?? null,
        },
      });
    try {
      const credentials = await credentialsForImages(deps, actor, stack.services.map((s) => s.spec.TaskTemplate.ContainerSpec.Image));
      const registries = [...new Set([...credentials.values()].flatMap((c) => (c ? [c.registry.name] : [])))].sort();
      const result = await callManager(deps, input.swarmId, { write: true, doing: msg('engineText.doing.deployStack', { name: input.stackName }) }, (api, manager) => applyStack(api, manager, stack, credentials, owner, track));
      await track.step('recording');
      await record('deployed', null);
      const { created, updated, removed } = result.value;
      notify(deps, {
        event: 'deploy.finished',
        at: new Date().toISOString(),
        title: `Stack ${input.stackName} deployed as revision ${number} by ${actor.username}`,
        text: `Objects created: ${created.length}, updated: ${updated.length}, removed: ${removed.length}.`,
        scope: { swarmId: input.swarmId, stackName: input.stackName },
      });
      return { revision: number, ...result.value, warnings: problems.filter((p) => p.severity === 'warning'), via: result.via.hostName, registries };
    } catch (error) {
      // A deploy that stopped half-way is recorded too: the next deploy converges from there.
      const message = error instanceof AppError ? error.message : 'Unexpected error';
      // Stored as a message (key and values), said in each reader's language when the history is read.
      await record('failed', storedSaying(error instanceof AppError ? (error.said ?? error.message) : msg('revisionText.unexpected'))).catch(() => {});
      notify(deps, { event: 'deploy.failed', at: new Date().toISOString(), title: `Deploying stack ${input.stackName} (revision ${number}) by ${actor.username} failed`, text: message, scope: { swarmId: input.swarmId, stackName: input.stackName } });
      throw error;
    }
  }, (result) => ({ name: `${input.stackName} (revision ${result.revision})` }));
}
