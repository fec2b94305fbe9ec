// What the "Create service" form holds (strings, as typed) and how it becomes the action's input:
// empty optional numbers become null, the command line is split into arguments, rows left blank
// are dropped. Problems the browser can see itself come back keyed like the server's field errors
// (without the "form." prefix). Pure.
import type { Message } from '@/lib/i18n/message.ts';
import { formatCommandLine, parseCommandLine } from '@/lib/models/command-line.ts';
import { ownerLabelKeys } from '@/lib/models/access/containment.ts';
import { stripDigest } from '@/lib/models/registries/image-reference.ts';

export type PortRow = { published: string; target: string; protocol: 'tcp' | 'udp'; mode: 'ingress' | 'host' };
export type EnvRow = { name: string; value: string };
export type MountRow = { type: 'volume' | 'bind' | 'tmpfs'; source: string; target: string; readOnly: boolean };
export type LabelRow = { key: string; value: string };
export type Picked = { picked: boolean; target: string };

export type ServiceFormState = {
  name: string;
  image: string;
  command: string;
  mode: 'replicated' | 'global';
  replicas: string;
  ports: PortRow[];
  env: EnvRow[];
  mounts: MountRow[];
  networks: string[];
  constraints: string;
  cpus: string;
  memoryMb: string;
  restartCondition: 'none' | 'on-failure' | 'any';
  restartMaxAttempts: string;
  updateParallelism: string;
  updateDelaySeconds: string;
  updateFailureAction: 'pause' | 'continue' | 'rollback';
  updateOrder: 'stop-first' | 'start-first';
  preferences: string;
  rollbackParallelism: string;
  rollbackDelaySeconds: string;
  rollbackFailureAction: 'pause' | 'continue';
  rollbackOrder: 'stop-first' | 'start-first';
  healthCommand: string;
  healthShell: boolean;
  healthInterval: string;
  healthTimeout: string;
  healthRetries: string;
  healthStartPeriod: string;
  secrets: Record<string, Picked>;
  configs: Record<string, Picked>;
  labels: LabelRow[];
};

export const emptyServiceForm = (): ServiceFormState => ({
  name: '',
  image: '',
  command: '',
  mode: 'replicated',
  replicas: '1',
  ports: [],
  env: [],
  mounts: [],
  networks: [],
  constraints: '',
  cpus: '',
  memoryMb: '',
  restartCondition: 'any',
  restartMaxAttempts: '',
  updateParallelism: '1',
  updateDelaySeconds: '0',
  updateFailureAction: 'pause',
  updateOrder: 'stop-first',
  preferences: '',
  rollbackParallelism: '1',
  rollbackDelaySeconds: '0',
  rollbackFailureAction: 'pause',
  rollbackOrder: 'stop-first',
  healthCommand: '',
  healthShell: false,
  healthInterval: '',
  healthTimeout: '',
  healthRetries: '',
  healthStartPeriod: '',
  secrets: {},
  configs: {},
  labels: [],
});

const blank = (value: string) => value.trim() === '';
const optional = (value: string) => (blank(value) ? null : value.trim());
const lines = (value: string) => value.split('\n').map((c) => c.trim()).filter(Boolean);

export type FormInput = { swarmId: string; form: Record<string, unknown> };

/** What the form sees wrong itself; `say` puts it in the page's language (services.form.check.<problem>). */
export type FormProblem = 'number' | 'port' | 'variableName' | 'labelKey' | 'labelTwice';

export function toServiceInput(swarmId: string, state: ServiceFormState, say: (problem: FormProblem | Message) => string): { ok: true; input: FormInput } | { ok: false; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const need = (key: string, value: string, problem: FormProblem = 'number') => {
    if (blank(value)) errors[key] = [say(problem)];
  };

  const command = parseCommandLine(state.command);
  if (!command.ok) errors.command = [say(command.error)];
  if (state.mode === 'replicated') need('replicas', state.replicas);
  need('update.parallelism', state.updateParallelism);
  need('update.delaySeconds', state.updateDelaySeconds);
  need('rollback.parallelism', state.rollbackParallelism);
  need('rollback.delaySeconds', state.rollbackDelaySeconds);
  // Run by the shell, the check is the line as typed; otherwise its words, split like the command.
  const health = state.healthShell ? { ok: true as const, args: blank(state.healthCommand) ? [] : [state.healthCommand.trim()] } : parseCommandLine(state.healthCommand);
  if (!health.ok) errors['healthcheck.command'] = [say(health.error)];

  const ports = state.ports.filter((p) => !(blank(p.published) && blank(p.target)));
  ports.forEach((p, i) => need(`ports.${i}.target`, p.target, 'port'));
  const env = state.env.filter((e) => !(blank(e.name) && e.value === ''));
  env.forEach((e, i) => need(`env.${i}.name`, e.name, 'variableName'));
  const mounts = state.mounts.filter((m) => !(blank(m.source) && blank(m.target)));
  const labels = state.labels.filter((l) => !(blank(l.key) && l.value === ''));
  labels.forEach((l, i) => need(`labels.${i}`, l.key, 'labelKey'));
  const keys = labels.map((l) => l.key.trim());
  if (new Set(keys).size !== keys.length) errors.labels = [say('labelTwice')];

  if (Object.keys(errors).length) return { ok: false, errors };
  const picked = (objects: Record<string, Picked>) =>
    Object.entries(objects)
      .filter(([, p]) => p.picked)
      .map(([name, p]) => ({ name, target: p.target.trim() }));

  return {
    ok: true,
    input: {
      swarmId,
      form: {
        name: state.name.trim(),
        image: state.image.trim(),
        command: command.ok ? command.args : [],
        mode: state.mode,
        replicas: state.mode === 'replicated' ? state.replicas.trim() : 0,
        ports: ports.map((p) => ({ published: optional(p.published), target: p.target.trim(), protocol: p.protocol, mode: p.mode })),
        env: env.map((e) => ({ name: e.name.trim(), value: e.value })),
        mounts: mounts.map((m) => ({ type: m.type, source: m.type === 'tmpfs' ? '' : m.source.trim(), target: m.target.trim(), readOnly: m.readOnly })),
        networks: state.networks,
        constraints: lines(state.constraints),
        cpus: optional(state.cpus),
        memoryMb: optional(state.memoryMb),
        restart: { condition: state.restartCondition, maxAttempts: optional(state.restartMaxAttempts) },
        update: { parallelism: state.updateParallelism.trim(), delaySeconds: state.updateDelaySeconds.trim(), failureAction: state.updateFailureAction, order: state.updateOrder },
        preferences: lines(state.preferences),
        rollback: { parallelism: state.rollbackParallelism.trim(), delaySeconds: state.rollbackDelaySeconds.trim(), failureAction: state.rollbackFailureAction, order: state.rollbackOrder },
        healthcheck: {
          command: health.ok ? health.args : [],
          shell: state.healthShell,
          intervalSeconds: optional(state.healthInterval),
          timeoutSeconds: optional(state.healthTimeout),
          retries: optional(state.healthRetries),
          startPeriodSeconds: optional(state.healthStartPeriod),
        },
        secrets: picked(state.secrets),
        configs: picked(state.configs),
        labels: Object.fromEntries(labels.map((l) => [l.key.trim(), l.value])),
      },
    },
  };
}

/** The server's field errors ("form.ports.0.target") keyed as the form shows them ("ports.0.target"). */
export function formFieldErrors(fieldErrors: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fieldErrors ?? {})) {
    const local = key.replace(/^form\./, '');
    // A label's key problem is reported under the record's key name: show it on the labels.
    const shown = local.startsWith('labels.') ? 'labels' : local;
    (out[shown] ??= []).push(...messages);
  }
  return out;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const text = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v : '');
const SECOND = 1_000_000_000;

const seconds = (ns: unknown) => (typeof ns === 'number' && ns > 0 ? String(ns / SECOND) : '');

/** The health check's fields: `CMD` as its words, `CMD-SHELL` as its line run by the shell; none (or `NONE`) empty. */
function healthOf(value: unknown): Pick<ServiceFormState, 'healthCommand' | 'healthShell' | 'healthInterval' | 'healthTimeout' | 'healthRetries' | 'healthStartPeriod'> {
  const h = obj(value);
  const test = Array.isArray(h.Test) ? h.Test.map(String) : [];
  const shell = test[0] === 'CMD-SHELL';
  return {
    healthCommand: shell ? test.slice(1).join(' ') : test[0] === 'CMD' ? formatCommandLine(test.slice(1)) : '',
    healthShell: shell,
    healthInterval: seconds(h.Interval),
    healthTimeout: seconds(h.Timeout),
    healthRetries: text(h.Retries),
    healthStartPeriod: seconds(h.StartPeriod),
  };
}

/**
 * The form prefilled from a service's spec (environment values as the spec has them: masked ones
 * stay masked and are kept by the server). `networkNames` names networks the spec holds by id.
 * The image shows its tag without the digest pin (the pin stays unless the tag changes).
 */
export function formStateFromSpec(spec: unknown, networkNames: Record<string, string> = {}): ServiceFormState {
  const doc = obj(spec);
  const task = obj(doc.TaskTemplate);
  const container = obj(task.ContainerSpec);
  const limits = obj(obj(task.Resources).Limits);
  const restart = obj(task.RestartPolicy);
  const update = obj(doc.UpdateConfig);
  const rollback = obj(doc.RollbackConfig);
  const replicated = obj(obj(doc.Mode).Replicated);
  const files = (entries: unknown, nameKey: string): Record<string, Picked> =>
    Object.fromEntries(list(entries).map((f) => [text(f[nameKey]), { picked: true, target: text(obj(f.File).Name) }]));
  const base = emptyServiceForm();
  return {
    name: text(doc.Name),
    image: stripDigest(text(container.Image)),
    command: formatCommandLine(Array.isArray(container.Args) ? container.Args.map(String) : []),
    mode: obj(doc.Mode).Global ? 'global' : 'replicated',
    replicas: text(replicated.Replicas) || (obj(doc.Mode).Global ? base.replicas : '0'),
    ports: list(obj(doc.EndpointSpec).Ports).map((p) => ({
      published: text(p.PublishedPort),
      target: text(p.TargetPort),
      protocol: p.Protocol === 'udp' ? 'udp' : 'tcp',
      mode: p.PublishMode === 'host' ? 'host' : 'ingress',
    })),
    env: (Array.isArray(container.Env) ? container.Env.map(String) : []).map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? { name: entry, value: '' } : { name: entry.slice(0, at), value: entry.slice(at + 1) };
    }),
    mounts: list(container.Mounts)
      .filter((m) => m.Type === 'volume' || m.Type === 'bind' || m.Type === 'tmpfs')
      .map((m) => ({ type: m.Type as MountRow['type'], source: text(m.Source), target: text(m.Target), readOnly: m.ReadOnly === true })),
    networks: list(task.Networks ?? doc.Networks).map((n) => networkNames[text(n.Target)] ?? text(n.Target)),
    constraints: (Array.isArray(obj(task.Placement).Constraints) ? (obj(task.Placement).Constraints as unknown[]).map(String) : []).join('\n'),
    cpus: typeof limits.NanoCPUs === 'number' && limits.NanoCPUs > 0 ? String(limits.NanoCPUs / 1e9) : '',
    memoryMb: typeof limits.MemoryBytes === 'number' && limits.MemoryBytes > 0 ? String(Math.round(limits.MemoryBytes / (1024 * 1024))) : '',
    restartCondition: restart.Condition === 'none' || restart.Condition === 'on-failure' ? restart.Condition : 'any',
    restartMaxAttempts: text(restart.MaxAttempts),
    updateParallelism: text(update.Parallelism) || (doc.UpdateConfig ? '0' : base.updateParallelism),
    updateDelaySeconds: typeof update.Delay === 'number' ? String(update.Delay / SECOND) : '0',
    updateFailureAction: update.FailureAction === 'continue' || update.FailureAction === 'rollback' ? update.FailureAction : 'pause',
    updateOrder: update.Order === 'start-first' ? 'start-first' : 'stop-first',
    preferences: list(obj(task.Placement).Preferences).map((p) => text(obj(p.Spread).SpreadDescriptor)).filter(Boolean).join('\n'),
    rollbackParallelism: text(rollback.Parallelism) || (doc.RollbackConfig ? '0' : base.rollbackParallelism),
    rollbackDelaySeconds: typeof rollback.Delay === 'number' ? String(rollback.Delay / SECOND) : '0',
    rollbackFailureAction: rollback.FailureAction === 'continue' ? 'continue' : 'pause',
    rollbackOrder: rollback.Order === 'start-first' ? 'start-first' : 'stop-first',
    ...healthOf(container.Healthcheck),
    secrets: files(container.Secrets, 'SecretName'),
    configs: files(container.Configs, 'ConfigName'),
    labels: Object.entries(obj(doc.Labels))
      .filter(([key]) => !ownerLabelKeys({ [key]: '' }).length)
      .map(([key, value]) => ({ key, value: text(value) })),
  };
}
