// `docker compose up -d` for a project Wharf keeps: the plan from what the host has (plan-up.ts),
// then networks and volumes, then each service once the services it depends on are up (independent
// ones in parallel, as Compose does) — waiting first for what it depends on to be started, healthy
// or completed — removing, recreating, creating and starting its
// containers. Only what changed is touched. A failure stops up with a sentence naming the service
// (a dependency that never became healthy, a port another container holds, a host that stopped
// answering); what already started is left running and listed in the revision's outcome.
import 'server-only';
import pLimit from 'p-limit';
import { AppError } from '@/lib/errors.ts';
import { type Message, msg, storedSaying } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { policyFor } from '@/lib/services/policy/effective-policy.ts';
import { judgeOnHost, refuseWorkload } from '@/lib/services/policy/guard-workload.ts';
import { emptyRequest, mergeRequests, requestFromContainerCreate } from '@/lib/services/policy/workload-policy.ts';
import type { ServiceDeps } from '../deps.ts';
import { engineMessage, type EngineApi, type HostEngine, hostEngine } from '../engine/index.ts';
import { LABEL, networkLabels, volumeLabels } from './compose-labels.ts';
import { createBody, extraNetworks, nameOf } from './container-body.ts';
import { contentKey } from './project-files.ts';
import { describePlan, planUp, type ServicePlan, type UpPlan } from './plan-up.ts';
import { composeContainers, parsedProject, requireStoredProject, type StoredProject } from './project-host.ts';
import type { ComposeProject, DependsCondition, ProjectService } from './read-project.ts';
import { explainStartFailure, upFailureMessage, waitVerdict, type WaitState } from './up-failures.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

export type UpProjectInput = {
  hostId: string;
  name: string;
  /** how long to wait for one dependency; 120 s by default */
  waitSeconds?: number;
  /** Recreate these services' containers even when unchanged (recreate-project.ts); audited as project.recreate. */
  recreate?: string[];
};
export type UpProjectResult = { name: string; revision: number; plan: string[]; started: string[]; orphans: string[] };

const CALL_MS = 30_000;
const POLL_MS = 500;

/** The actor may run these containers and make these volumes on the host, or up is refused (audited) before anything is made. */
async function guardProject(deps: Deps, actor: Actor, engine: HostEngine, project: ComposeProject): Promise<void> {
  if (can(actor, 'workload.unrestricted', { type: 'host', id: engine.hostId })) return;
  const requests = project.services.map((service) => {
    const body = createBody({ project, service, number: 1, hash: '', serviceContainer: () => 'a-container-of-the-project' });
    const request = requestFromContainerCreate(body);
    return { ...request, workloads: request.workloads.map((w) => ({ ...w, what: msg('policyText.workload.service', { name: service.name }) })) };
  });
  const volumes = { ...emptyRequest(), volumeDefinitions: project.volumes.filter((v) => !v.external).map((v) => ({ name: v.name, driver: v.driver, options: v.driverOpts, where: `volumes.${v.key}`, at: ['volumes', v.key] })) };
  const policy = await policyFor(deps.db, { type: 'host', id: engine.hostId });
  const violations = await engine.call(msg('engineText.doing.checkProjectPolicy'), (api) => judgeOnHost(api, engine.hostName, mergeRequests([...requests, volumes]), policy));
  if (!violations.length) return;
  await refuseWorkload(deps.db, actor, violations, {
    action: 'project.up',
    target: { type: 'compose-project', id: `${engine.hostId}/${project.name}`, name: `${project.name} on ${engine.hostName}` },
    lead: msg('policyText.refusals.project', { name: project.name, host: engine.hostName }),
    advice: msg('policyText.refusals.projectAdvice'),
  });
}

/** What a dependency's containers say now, for the wait. */
async function dependencyState(api: EngineApi, project: string, service: string): Promise<WaitState[]> {
  const containers = (await composeContainers(api, project)).filter((c) => c.labels[LABEL.service] === service);
  return Promise.all(
    containers.map(async (c) => {
      const inspect = await api.inspectContainer(c.id);
      return { name: c.name, status: inspect.State?.Status ?? '', exitCode: inspect.State?.ExitCode ?? 0, health: inspect.State?.Health?.Status ?? null };
    }),
  );
}

type Run = { engine: HostEngine; project: ComposeProject; started: string[]; waitMs: number };

/** Pings the engine over ENGINE_GRACE_MS after a dependency stopped: an engine shutting down stops its containers before it stops answering. */
const ENGINE_GRACE_MS = 2_000;

/**
 * A dependency that stopped may have been stopped by its engine going down (it stops its
 * containers first): before blaming the dependency, the engine must still answer a moment later,
 * or the host's going away is the answer (ENGINE_UNREACHABLE, said as such by upFailureMessage).
 */
async function engineStillAnswers(engine: HostEngine): Promise<void> {
  for (let waited = 0; waited < ENGINE_GRACE_MS; waited += POLL_MS) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    await engine.call(msg('engineText.doing.checkEngineStillAnswers'), (api) => api.ping(), { ms: CALL_MS });
  }
}

async function waitFor(run: Run, service: ProjectService, dependency: string, condition: DependsCondition): Promise<void> {
  if (condition === 'service_started') return;
  const deadline = Date.now() + run.waitMs;
  for (;;) {
    const states = await run.engine.call(msg('engineText.doing.readDependencyState', { name: dependency }), (api) => dependencyState(api, run.project.name, dependency));
    const verdict = waitVerdict(dependency, condition, states);
    if (verdict === 'ready') return;
    if (verdict !== 'waiting') {
      await engineStillAnswers(run.engine);
      throw new AppError('PRECONDITION', msg('driverText.up.dependencyFailed', { verdict, service: service.name }));
    }
    if (Date.now() >= deadline) {
      const each = states.map((s): Message => msg('driverText.up.stateOf', { container: s.name, state: s.health ?? s.status }));
      const health = each.length ? each.slice(1).reduce<Message>((list, next) => msg('driverText.up.stateList', { list, next }), each[0]!) : msg('driverText.up.noContainer');
      const what = condition === 'service_healthy' ? 'healthy' : 'completed';
      throw new AppError('PRECONDITION', msg('driverText.up.waitTimeout', { seconds: Math.round(run.waitMs / 1000), dependency, what, health, service: service.name }));
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function createAndStart(run: Run, service: ProjectService, plan: ServicePlan, number: number): Promise<void> {
  const { engine, project } = run;
  let serviceContainer: string | undefined;
  if (service.networkMode?.startsWith('service:')) {
    const target = service.networkMode.slice('service:'.length);
    const containers = await engine.call(msg('engineText.doing.findServiceContainer', { name: target }), (api) => composeContainers(api, project.name));
    serviceContainer = containers.find((c) => c.labels[LABEL.service] === target && c.state === 'running')?.id;
    if (!serviceContainer) throw new AppError('PRECONDITION', msg('compose.errors.networkTargetDown', { service: service.name, target, host: engine.hostName }));
  }
  const input = { project, service, number, hash: plan.hash, serviceContainer: () => serviceContainer };
  const name = nameOf(project.name, service, number);
  const id = await engine.call(msg('engineText.doing.createContainer', { name }), (api) => api.createContainer(createBody(input) as never, name), { ms: CALL_MS }).catch((error: AppError) => {
    if (error.code === 'NOT_FOUND' && /image/i.test(engineMessage(error.cause))) {
      throw new AppError('NOT_FOUND', msg('compose.errors.imageMissing', { image: service.image, service: service.name, host: engine.hostName }), { cause: error.cause });
    }
    throw error;
  });
  try {
    if (service.files.length) {
      const files = service.files.map((f) => ({ target: f.target, uid: f.uid, gid: f.gid, mode: f.mode, content: project.contents[contentKey(f.kind, f.source)] ?? '' }));
      await engine.call(msg('engineText.doing.writeContainerFiles', { name, count: files.length }), (api) => api.writeFilesBeforeStart(id, files), { ms: CALL_MS });
    }
    for (const network of extraNetworks(input)) await engine.call(msg('engineText.doing.joinNetwork', { name, network: network.name }), (api) => api.connectNetwork(network.name, id, network.aliases));
    await engine.call(msg('engineText.doing.startContainer', { name }), (api) => api.changeContainerState(id, 'start'), { ms: CALL_MS });
  } catch (error) {
    const explained = await explainStartFailure(engine, error as AppError, { container: name, service: service.name, ports: service.ports });
    // A container that could not start is removed again: up leaves nothing half-made of this one.
    await engine.call(msg('engineText.doing.removeContainer', { name }), (api) => api.removeContainer(id, { force: true, volumes: false })).catch(() => {});
    throw explained;
  }
  run.started.push(name);
}

async function applyService(run: Run, service: ProjectService, plan: ServicePlan): Promise<void> {
  const { engine } = run;
  for (const c of plan.remove) await engine.call(msg('engineText.doing.removeContainer', { name: c.name }), (api) => api.removeContainer(c.id, { force: true, volumes: false }), { ms: CALL_MS });
  for (const c of plan.recreate) {
    await engine.call(msg('engineText.doing.stopContainer', { name: c.name }), (api) => api.changeContainerState(c.id, 'stop'), { ms: CALL_MS });
    await engine.call(msg('engineText.doing.removeContainer', { name: c.name }), (api) => api.removeContainer(c.id, { force: true, volumes: false }), { ms: CALL_MS });
    await createAndStart(run, service, plan, c.number);
  }
  for (const number of plan.create) await createAndStart(run, service, plan, number);
  for (const c of plan.start) {
    await engine.call(msg('engineText.doing.startContainer', { name: c.name }), (api) => api.changeContainerState(c.id, 'start'), { ms: CALL_MS }).catch(async (error: AppError) => {
      throw await explainStartFailure(engine, error, { container: c.name, service: service.name, ports: service.ports });
    });
    run.started.push(c.name);
  }
}

/** "a and b and c" in the requester's language, one name at a time. */
const namesJoined = (names: string[]): string | Message => (names.length <= 1 ? (names[0] ?? '') : msg('compose.errors.and', { first: names[0]!, rest: namesJoined(names.slice(1)) }));

async function applyPlan(run: Run, plan: UpPlan): Promise<void> {
  const { engine, project } = run;
  if (plan.missing.length) throw new AppError('PRECONDITION', msg('compose.errors.externalMissing', { count: plan.missing.length, missing: namesJoined(plan.missing), host: engine.hostName }));
  for (const network of plan.networks) {
    const spec = { Name: network.name, Driver: network.driver, Options: network.driverOpts, Internal: network.internal, CheckDuplicate: true, Labels: { ...network.labels, ...networkLabels(project.name, network.key) } };
    await engine.call(msg('engineText.doing.createNetwork', { name: network.name }), (api) => api.createNetwork(spec));
  }
  for (const volume of plan.volumes) {
    const spec = { Name: volume.name, Driver: volume.driver, DriverOpts: volume.driverOpts, Labels: { ...volume.labels, ...volumeLabels(project.name, volume.key) } };
    await engine.call(msg('engineText.doing.createVolume', { name: volume.name }), (api) => api.createVolume(spec));
  }
  await applyServices(run, plan);
}

/** Services brought up at once on one engine, at most (Compose starts independent services in parallel too). */
const SERVICES_AT_ONCE = 8;

/**
 * Each service once the services it depends on are up (their conditions are then waited for by
 * applyService), independent ones in parallel. After a failure no further service begins: those
 * under way finish, and the first failure is the answer (dependents of a failed service never start).
 */
async function applyServices(run: Run, plan: UpPlan): Promise<void> {
  const limit = pLimit(SERVICES_AT_ONCE);
  const done = new Map<string, Promise<void>>();
  let failure: { error: unknown } | null = null;
  // plan.services is in start order, so each service's dependencies are already in `done`.
  for (const servicePlan of plan.services) {
    const service = run.project.services.find((s) => s.name === servicePlan.service)!;
    const before = Object.keys(service.dependsOn).flatMap((d) => done.get(d) ?? []);
    // Waiting for a dependency's health takes no place among the services being brought up.
    const up = Promise.all(before)
      .then(async () => {
        for (const [dependency, { condition }] of Object.entries(service.dependsOn)) await waitFor(run, service, dependency, condition);
      })
      .then(() => limit(() => (failure ? Promise.reject(failure.error) : applyService(run, service, servicePlan))))
      .catch((error: unknown) => {
        failure ??= { error };
        throw error;
      });
    done.set(service.name, up);
  }
  await Promise.allSettled(done.values());
  if (failure) throw (failure as { error: unknown }).error;
}

/** Brings up the project's newest revision (or the one stored just before, for a rollback). */
export async function upProject(deps: Deps, actor: Actor, input: UpProjectInput, given?: StoredProject): Promise<UpProjectResult> {
  const stored = given ?? (await requireStoredProject(deps, input.hostId, input.name));
  const project = parsedProject(stored);
  const engine = await hostEngine(deps, input.hostId);
  await guardProject(deps, actor, engine, project);
  const target = { type: 'compose-project', id: `${input.hostId}/${input.name}`, name: `${input.name} on ${engine.hostName}` };
  const action = input.recreate ? 'project.recreate' : 'project.up';
  const run: Run = { engine, project, started: [], waitMs: (input.waitSeconds ?? 120) * 1000 };
  const record = (outcome: 'up' | 'failed', message: string | null) => deps.db.composeProjectRevision.update({ where: { id: stored.revision.id }, data: { outcome, message } });
  return audited(deps.db, subjectOf(actor), action, target, async () => {
    const [containers, networks, volumes] = await engine.call(msg('engineText.doing.readProjectOnHost', { host: engine.hostName, name: project.name }), (api) =>
      Promise.all([composeContainers(api, project.name), api.listNetworks(), api.listVolumes()]),
    );
    const plan = planUp(project, { containers, networks: networks.map((n) => n.Name), volumes: volumes.map((v) => v.Name) }, stored.scales, new Set(input.recreate ?? []));
    try {
      await applyPlan(run, plan);
    } catch (error) {
      const failure = error instanceof AppError ? error : new AppError('INTERNAL', msg('driverText.up.unexpected'), { cause: error });
      const message = upFailureMessage({ host: engine.hostName, project: project.name, code: failure.code, message: failure.said ?? failure.message, started: run.started });
      // Stored as a message (key and values), said in each reader's language when the history is read.
      await record('failed', storedSaying(message)).catch(() => {});
      throw new AppError(failure.code, message, { cause: failure.cause, problems: failure.problems });
    }
    await record('up', null);
    return { name: project.name, revision: stored.revision.number, plan: describePlan(plan), started: run.started, orphans: plan.orphans.map((o) => o.name) };
  }, (r) => ({ message: r.plan.join('; ') }));
}
