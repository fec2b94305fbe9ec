// What the "Create service" form holds (strings, as typed) and how it becomes the action's input:
// empty optional numbers become null, the command line is split into arguments, rows left blank
// are dropped. Problems the browser can see itself come back keyed like the server's field errors
// (without the "form." prefix). Pure.
import { parseCommandLine } from '@/lib/models/command-line.ts';

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
  secrets: {},
  configs: {},
  labels: [],
});

const blank = (value: string) => value.trim() === '';
const optional = (value: string) => (blank(value) ? null : value.trim());

export type FormInput = { swarmId: string; form: Record<string, unknown> };

/** What the form sees wrong itself; `say` puts it in the page's language (services.form.check.<problem>). */
export type FormProblem = 'number' | 'port' | 'variableName' | 'labelKey' | 'labelTwice';

export function toServiceInput(swarmId: string, state: ServiceFormState, say: (problem: FormProblem) => string): { ok: true; input: FormInput } | { ok: false; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const need = (key: string, value: string, problem: FormProblem = 'number') => {
    if (blank(value)) errors[key] = [say(problem)];
  };

  const command = parseCommandLine(state.command);
  if (!command.ok) errors.command = [command.error];
  if (state.mode === 'replicated') need('replicas', state.replicas);
  need('update.parallelism', state.updateParallelism);
  need('update.delaySeconds', state.updateDelaySeconds);

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
        constraints: state.constraints.split('\n').map((c) => c.trim()).filter(Boolean),
        cpus: optional(state.cpus),
        memoryMb: optional(state.memoryMb),
        restart: { condition: state.restartCondition, maxAttempts: optional(state.restartMaxAttempts) },
        update: { parallelism: state.updateParallelism.trim(), delaySeconds: state.updateDelaySeconds.trim(), failureAction: state.updateFailureAction, order: state.updateOrder },
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
