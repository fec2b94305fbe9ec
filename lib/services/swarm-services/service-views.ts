// What the services list and detail show, mapped from the engine's service and task objects
// (environment values masked, as for containers); and how far a rolling update has got. Pure.
import 'server-only';
import { envEntries, MASK, splitEnv, type EnvEntry } from '@/lib/models/containers/container-views.ts';
import { serviceConvergence, type Convergence } from '@/lib/models/stacks/convergence.ts';
import { NAMESPACE_LABEL } from '@/lib/services/stacks/stack-labels.ts';
import type { TaskView } from '@/lib/services/swarms/swarm-views.ts';

export type UpdateProgress = {
  state: string;
  message: string | null;
  startedAt: string | null;
  completedAt: string | null;
  /** Tasks already running the current spec's image, of those wanted. */
  updated: number;
  total: number;
  failureAction: string | null;
};

export type ServiceRow = {
  id: string;
  name: string;
  mode: 'replicated' | 'global' | 'replicated-job' | 'global-job';
  replicas: number | null;
  running: number;
  desired: number;
  image: string;
  /** The digest its spec pins the image to (`image@sha256:…`, as Wharf and `docker service create` deploy), null when it runs the tag unpinned. */
  digest: string | null;
  ports: string[];
  stack: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  update: UpdateProgress | null;
  /** Whether its tasks run, and if not, the tasks' errors (judged from the tasks given). */
  convergence: Convergence;
};

type RawService = {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: {
    Name: string;
    Labels?: Record<string, string>;
    Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: object; GlobalJob?: object };
    TaskTemplate?: { ContainerSpec?: { Image?: string } };
    UpdateConfig?: { FailureAction?: string };
  };
  Endpoint?: { Ports?: { PublishedPort?: number; TargetPort?: number; Protocol?: string; PublishMode?: string }[] };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number };
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string };
};

import { stripDigest } from '@/lib/models/registries/image-reference.ts';
export { stripDigest };
/** The digest an image reference pins (`…@sha256:<64 hex>`), else null. */
export const pinnedDigest = (image: string) => /@(sha256:[a-f0-9]{64})$/.exec(image)?.[1] ?? null;

function modeOf(spec: RawService['Spec']): ServiceRow['mode'] {
  if (spec.Mode?.Global) return 'global';
  if (spec.Mode?.ReplicatedJob) return 'replicated-job';
  if (spec.Mode?.GlobalJob) return 'global-job';
  return 'replicated';
}

export function formatPort(p: { PublishedPort?: number; TargetPort?: number; Protocol?: string; PublishMode?: string }): string {
  const published = p.PublishedPort ? `${p.PublishedPort}:` : '';
  return `${published}${p.TargetPort ?? '?'}/${p.Protocol ?? 'tcp'}${p.PublishMode === 'host' ? ' (host)' : ''}`;
}

/** Progress of the current rolling update from the service's status and its tasks. */
export function updateProgress(service: RawService, tasks: TaskView[]): UpdateProgress | null {
  const status = service.UpdateStatus;
  if (!status?.State) return null;
  const image = stripDigest(service.Spec.TaskTemplate?.ContainerSpec?.Image ?? '');
  const current = tasks.filter((t) => t.serviceId === service.ID && t.desiredState === 'running');
  return {
    state: status.State,
    message: status.Message ?? null,
    startedAt: status.StartedAt ?? null,
    completedAt: status.CompletedAt ?? null,
    updated: current.filter((t) => t.image === image && t.state === 'running').length,
    total: service.Spec.Mode?.Replicated?.Replicas ?? current.length,
    failureAction: service.Spec.UpdateConfig?.FailureAction ?? null,
  };
}

export function toServiceRow(raw: unknown, tasks: TaskView[] = []): ServiceRow {
  const service = raw as RawService;
  const spec = service.Spec;
  const running = service.ServiceStatus?.RunningTasks ?? 0;
  const desired = service.ServiceStatus?.DesiredTasks ?? 0;
  return {
    id: service.ID,
    name: spec.Name,
    mode: modeOf(spec),
    replicas: spec.Mode?.Replicated?.Replicas ?? null,
    running,
    desired,
    image: stripDigest(spec.TaskTemplate?.ContainerSpec?.Image ?? ''),
    digest: pinnedDigest(spec.TaskTemplate?.ContainerSpec?.Image ?? ''),
    ports: (service.Endpoint?.Ports ?? []).map(formatPort),
    stack: spec.Labels?.[NAMESPACE_LABEL] ?? null,
    createdAt: service.CreatedAt ?? null,
    updatedAt: service.UpdatedAt ?? null,
    update: updateProgress(service, tasks),
    convergence: serviceConvergence({ name: spec.Name, running, desired, updatedAt: service.UpdatedAt ?? null }, tasks.filter((t) => t.serviceId === service.ID).map((t) => ({ ...t, serviceName: spec.Name }))),
  };
}

type Json = Record<string, unknown>;
const asJson = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const containerSpecOf = (spec: unknown) => asJson(asJson(asJson(spec).TaskTemplate).ContainerSpec);

/** A service's environment: names always, values only when revealed. */
export const serviceEnv = (spec: unknown, reveal: boolean): EnvEntry[] => envEntries(containerSpecOf(spec).Env, reveal);

/** The spec with every environment value replaced by the mask (names kept): service specs hold
 * the same secrets container environments do (stack variables end up there too). */
export function maskServiceSpec(spec: unknown): unknown {
  const doc = asJson(spec);
  const task = asJson(doc.TaskTemplate);
  const container = asJson(task.ContainerSpec);
  if (!Array.isArray(container.Env)) return spec;
  return { ...doc, TaskTemplate: { ...task, ContainerSpec: { ...container, Env: container.Env.map((e) => `${splitEnv(String(e)).name}=${MASK}`) } } };
}
