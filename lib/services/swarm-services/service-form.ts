// A service from the "Create service" form: the form's plain fields turned into the engine's
// ServiceSpec. Pure; the form's own validation lives in lib/schemas/services.ts.
import 'server-only';

export type ServiceForm = {
  name: string;
  image: string;
  command: string[];
  mode: 'replicated' | 'global';
  replicas: number;
  ports: { published: number | null; target: number; protocol: 'tcp' | 'udp'; mode: 'ingress' | 'host' }[];
  env: { name: string; value: string }[];
  mounts: { type: 'volume' | 'bind' | 'tmpfs'; source: string; target: string; readOnly: boolean }[];
  networks: string[];
  constraints: string[];
  cpus: number | null;
  memoryMb: number | null;
  restart: { condition: 'none' | 'on-failure' | 'any'; maxAttempts: number | null };
  update: { parallelism: number; delaySeconds: number; failureAction: 'pause' | 'continue' | 'rollback'; order: 'stop-first' | 'start-first' };
  preferences: string[];
  rollback: { parallelism: number; delaySeconds: number; failureAction: 'pause' | 'continue'; order: 'stop-first' | 'start-first' };
  healthcheck: { command: string[]; shell: boolean; intervalSeconds: number | null; timeoutSeconds: number | null; retries: number | null; startPeriodSeconds: number | null };
  secrets: { name: string; target: string }[];
  configs: { name: string; target: string }[];
  labels: Record<string, string>;
};

const SECOND = 1_000_000_000;

/** The health check as the engine takes it: durations in nanoseconds, only those given. */
function healthcheckOf(h: ServiceForm['healthcheck']): Record<string, unknown> {
  const ns = (seconds: number | null) => (seconds === null ? undefined : Math.round(seconds * SECOND));
  const fields = { Interval: ns(h.intervalSeconds), Timeout: ns(h.timeoutSeconds), Retries: h.retries ?? undefined, StartPeriod: ns(h.startPeriodSeconds) };
  return { Test: h.shell ? ['CMD-SHELL', h.command.join(' ')] : ['CMD', ...h.command], ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
}

/** Ids of secrets, configs and networks are resolved by the caller from their names. */
export function toServiceSpec(form: ServiceForm, ids: { secrets: Map<string, string>; configs: Map<string, string>; networks: Map<string, string> }): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    Name: form.name,
    Labels: form.labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: form.image,
        ...(form.command.length ? { Args: form.command } : {}),
        ...(form.env.length ? { Env: form.env.map((e) => `${e.name}=${e.value}`) } : {}),
        ...(form.healthcheck.command.length ? { Healthcheck: healthcheckOf(form.healthcheck) } : {}),
        ...(form.mounts.length
          ? { Mounts: form.mounts.map((m) => ({ Type: m.type, ...(m.type !== 'tmpfs' ? { Source: m.source } : {}), Target: m.target, ReadOnly: m.readOnly })) }
          : {}),
        ...(form.secrets.length
          ? { Secrets: form.secrets.map((s) => ({ SecretName: s.name, SecretID: ids.secrets.get(s.name) ?? '', File: { Name: s.target || s.name, UID: '0', GID: '0', Mode: 0o444 } })) }
          : {}),
        ...(form.configs.length
          ? { Configs: form.configs.map((c) => ({ ConfigName: c.name, ConfigID: ids.configs.get(c.name) ?? '', File: { Name: c.target || `/${c.name}`, UID: '0', GID: '0', Mode: 0o444 } })) }
          : {}),
      },
      Resources: {
        Limits: {
          ...(form.cpus ? { NanoCPUs: Math.round(form.cpus * 1e9) } : {}),
          ...(form.memoryMb ? { MemoryBytes: form.memoryMb * 1024 * 1024 } : {}),
        },
      },
      RestartPolicy: { Condition: form.restart.condition, ...(form.restart.maxAttempts !== null ? { MaxAttempts: form.restart.maxAttempts } : {}) },
      Placement: {
        ...(form.constraints.length ? { Constraints: form.constraints } : {}),
        ...(form.preferences.length ? { Preferences: form.preferences.map((p) => ({ Spread: { SpreadDescriptor: p } })) } : {}),
      },
      ...(form.networks.length ? { Networks: form.networks.map((n) => ({ Target: ids.networks.get(n) ?? n })) } : {}),
    },
    Mode: form.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: form.replicas } },
    UpdateConfig: { Parallelism: form.update.parallelism, Delay: form.update.delaySeconds * SECOND, FailureAction: form.update.failureAction, Order: form.update.order },
    RollbackConfig: { Parallelism: form.rollback.parallelism, Delay: form.rollback.delaySeconds * SECOND, FailureAction: form.rollback.failureAction, Order: form.rollback.order },
    EndpointSpec: {
      Ports: form.ports.map((p) => ({ Protocol: p.protocol, TargetPort: p.target, ...(p.published ? { PublishedPort: p.published } : {}), PublishMode: p.mode })),
    },
  };
  return spec;
}
