// The next spec of an edited service, from the spec it has now and either the create form's
// fields (built by toServiceSpec, the create form's one builder) or a whole spec written as YAML.
// What the form does not cover stays as it is (the command's entrypoint, container labels,
// reservations, network aliases, monitor periods…); environment
// values the browser only saw masked keep their value; the name and the owner labels stay. Pure.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { MASK, splitEnv } from '@/lib/models/containers/container-views.ts';
import { ownerLabelKeys } from '@/lib/models/access/containment.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const without = (o: Json, keys: string[]): Json => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
/** `key: value` when the value has something in it, nothing otherwise (the spec stays as the CLI would send it). */
const some = (key: string, value: unknown): Json => (value === undefined || (Array.isArray(value) && value.length === 0) ? {} : { [key]: value });

/** The fields of `built` (a spec from toServiceSpec) laid over `current`. */
export function mergeFormSpec(current: Json, built: Json): Json {
  const task = obj(current.TaskTemplate);
  const builtTask = obj(built.TaskTemplate);
  const container = obj(task.ContainerSpec);
  const builtContainer = obj(builtTask.ContainerSpec);
  // A secret or config kept keeps its file's owner and mode; a network kept keeps its aliases.
  const files = (key: 'Secrets' | 'Configs', nameKey: string) => {
    const before = new Map(list(container[key]).map((f) => [String(f[nameKey]), f]));
    return list(builtContainer[key]).map((f) => {
      const had = before.get(String(f[nameKey]));
      return had ? { ...f, File: { ...obj(had.File), Name: obj(f.File).Name } } : f;
    });
  };
  const networksBefore = new Map(list(task.Networks).map((n) => [String(n.Target), n]));
  const networks = list(builtTask.Networks).map((n) => networksBefore.get(String(n.Target)) ?? n);
  // The form shows no health check for ["NONE"] (the image's own check turned off): kept unless one is typed.
  const healthOff = list([obj(container.Healthcheck)]).some((h) => Array.isArray(h.Test) && h.Test[0] === 'NONE');
  const health = builtContainer.Healthcheck ?? (healthOff ? container.Healthcheck : undefined);
  const resources = obj(task.Resources);
  const endpoint = without(obj(current.EndpointSpec), ['Ports']);
  return {
    ...current,
    Labels: obj(built.Labels),
    TaskTemplate: {
      ...without(task, ['Networks']),
      ContainerSpec: {
        ...without(container, ['Image', 'Args', 'Env', 'Mounts', 'Secrets', 'Configs', 'Healthcheck']),
        Image: builtContainer.Image,
        ...some('Args', builtContainer.Args),
        ...some('Env', builtContainer.Env),
        ...some('Mounts', builtContainer.Mounts),
        ...some('Secrets', files('Secrets', 'SecretName')),
        ...some('Configs', files('Configs', 'ConfigName')),
        ...some('Healthcheck', health),
      },
      Resources: { ...resources, Limits: { ...without(obj(resources.Limits), ['NanoCPUs', 'MemoryBytes']), ...obj(obj(builtTask.Resources).Limits) } },
      RestartPolicy: { ...without(obj(task.RestartPolicy), ['Condition', 'MaxAttempts']), ...obj(builtTask.RestartPolicy) },
      Placement: { ...without(obj(task.Placement), ['Constraints', 'Preferences']), ...obj(builtTask.Placement) },
      ...some('Networks', networks),
    },
    Mode: built.Mode,
    UpdateConfig: { ...obj(current.UpdateConfig), ...obj(built.UpdateConfig) },
    RollbackConfig: { ...obj(current.RollbackConfig), ...obj(built.RollbackConfig) },
    EndpointSpec: { ...endpoint, ...some('Ports', obj(built.EndpointSpec).Ports) },
  };
}

const envOf = (spec: unknown): string[] => {
  const env = obj(obj(obj(spec).TaskTemplate).ContainerSpec).Env;
  return Array.isArray(env) ? env.map(String) : [];
};
const withEnv = (spec: Json, env: string[]): Json => {
  const task = obj(spec.TaskTemplate);
  const container = without(obj(task.ContainerSpec), ['Env']);
  return { ...spec, TaskTemplate: { ...task, ContainerSpec: { ...container, ...some('Env', env) } } };
};

/** Every `NAME=••••••` (a value the browser saw masked and left alone) gets the value NAME has now;
 * a new variable left masked is refused rather than set to the mask. */
export function restoreMaskedEnv(next: Json, current: Json): Json {
  const values = new Map(envOf(current).map((e) => [splitEnv(e).name, splitEnv(e).value]));
  const env = envOf(next).map((entry) => {
    const { name, value } = splitEnv(entry);
    if (value !== MASK) return entry;
    if (!values.has(name)) throw new AppError('INVALID_INPUT', msg('services.edit.errors.maskedNew', { name }));
    return `${name}=${values.get(name)}`;
  });
  return withEnv(next, env);
}

/** The next spec as the diff shows it: a value left as it is stays masked; a value the user typed is shown. */
export function maskUnchangedEnv(next: Json, current: Json): Json {
  const values = new Map(envOf(current).map((e) => [splitEnv(e).name, splitEnv(e).value]));
  return withEnv(next, envOf(next).map((entry) => {
    const { name, value } = splitEnv(entry);
    return values.get(name) === value ? `${name}=${MASK}` : entry;
  }));
}

/** The spec as it will be sent: the service's name (a service cannot be renamed) and the owner
 * labels it has now, on the service and on its tasks' containers (none added, none dropped). */
export function keepIdentity(next: Json, current: Json): Json {
  if (next.Name !== undefined && next.Name !== current.Name) throw new AppError('INVALID_INPUT', msg('services.edit.errors.rename', { name: String(current.Name) }));
  const owned = (labels: unknown, from: unknown): Json => {
    const kept = obj(from) as Record<string, string>;
    const own = new Set(ownerLabelKeys(obj(labels) as Record<string, string>));
    const next = { ...without(obj(labels), [...own]), ...Object.fromEntries(ownerLabelKeys(kept).map((k) => [k, kept[k]])) };
    return Object.keys(next).length || labels !== undefined ? { Labels: next } : {};
  };
  const task = obj(next.TaskTemplate);
  const container = obj(task.ContainerSpec);
  const currentContainer = obj(obj(current.TaskTemplate).ContainerSpec);
  return { ...next, Name: current.Name, ...owned(next.Labels, current.Labels), TaskTemplate: { ...task, ContainerSpec: { ...container, ...owned(container.Labels, currentContainer.Labels) } } };
}
