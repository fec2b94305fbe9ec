// The keys and value types a compose file may use, per file version, as the docker CLI 28 checks them
// (its config_schema_v3.x files, probed version by version with `docker stack config`), and the check
// itself: unknown keys, keys too new for the file's version, wrong types, duplicates. Pure.
import 'server-only';
import { pathWords, problemAt, type ComposeProblem, type Locate, type PathSegment } from '@/lib/services/stacks/compose/compose-path.ts';
import { parseGoDuration } from '@/lib/services/stacks/compose/go-duration.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';

/** 3.0 … 3.13 as [3, minor]; a file without `version:` is read as 3.13, like the CLI does. */
export type ComposeVersion = { major: 3; minor: number; versionless: boolean };

type Kind = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'mapping' | 'list';

type Leaf = { t: 'leaf'; types: Kind[]; format?: 'duration'; enum?: string[]; min?: number };
type ObjectSchema = {
  t: 'object';
  props: Record<string, Prop>;
  /** What to do with other keys: the CLI refuses them where its schema says so, and silently ignores them elsewhere. */
  rest: 'error' | 'warn' | 'allow';
  /** The minor version from which x-… keys are allowed, if they are. */
  extensions?: number;
  required?: string[];
  nullable?: boolean;
  /** The first 3.x minor version that has this form at all (the long syntax of ports and volumes). */
  since?: number;
  /** What the form is called, for the message when the file's version is too old for it. */
  form?: 'ports' | 'volumes';
};
type MapSchema = { t: 'map'; names?: RegExp; values: Schema };
type ListSchema = { t: 'list'; items: Schema; unique?: boolean };
type OneOf = { t: 'oneOf'; options: Schema[] };
type Schema = Leaf | ObjectSchema | MapSchema | ListSchema | OneOf;
/** since: the first 3.x minor version that allows the key. wharf: a Wharf extension, allowed only without `version:`. */
type Prop = { schema: Schema; since?: number; wharf?: boolean };

// ---- Building blocks

const leaf = (...types: Kind[]): Leaf => ({ t: 'leaf', types });
const STRING = leaf('string');
const BOOLEAN = leaf('boolean');
const INTEGER = leaf('integer');
const COUNT: Leaf = { t: 'leaf', types: ['integer'], min: 0 };
const NUMBER = leaf('number');
const DURATION: Leaf = { t: 'leaf', types: ['string'], format: 'duration' };
const list = (items: Schema, unique = false): ListSchema => ({ t: 'list', items, unique });
const oneOf = (...options: Schema[]): OneOf => ({ t: 'oneOf', options });
const object = (props: Record<string, Schema | Prop>, rest: ObjectSchema['rest'] = 'error', more: Partial<ObjectSchema> = {}): ObjectSchema => ({
  t: 'object',
  props: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, 't' in v ? { schema: v } : v])),
  rest,
  ...more,
});
const since = (minor: number, schema: Schema): Prop => ({ schema, since: minor });
const wharfOnly = (schema: Schema): Prop => ({ schema, wharf: true });

const LIST_OF_STRINGS = list(STRING, true);
const STRING_OR_LIST = oneOf(STRING, LIST_OF_STRINGS);
const LIST_OR_DICT = oneOf({ t: 'map', values: leaf('string', 'number', 'null') }, LIST_OF_STRINGS);
const DRIVER_OPTS: MapSchema = { t: 'map', values: leaf('string', 'number') };
const COMMAND = oneOf(STRING, list(STRING));
const NAME = /^[a-zA-Z0-9._-]+$/;

const EXTERNAL = (rest: ObjectSchema['rest']) => oneOf(BOOLEAN, object({ name: STRING }, rest));

const FILE_REFERENCE = oneOf(STRING, object({ source: STRING, target: STRING, uid: STRING, gid: STRING, mode: NUMBER }, 'warn'));

const UPDATE_CONFIG = (orderSince: number) =>
  object({
    parallelism: COUNT,
    delay: DURATION,
    failure_action: STRING,
    monitor: DURATION,
    max_failure_ratio: NUMBER,
    order: since(orderSince, { t: 'leaf', types: ['string'], enum: ['start-first', 'stop-first'] }),
  });

const DEPLOY = object(
  {
    mode: STRING,
    endpoint_mode: since(2, STRING),
    replicas: COUNT,
    labels: LIST_OR_DICT,
    rollback_config: since(7, UPDATE_CONFIG(4)),
    update_config: UPDATE_CONFIG(4),
    resources: object({
      limits: object({ cpus: STRING, memory: STRING, pids: since(9, INTEGER) }),
      reservations: object({
        cpus: STRING,
        memory: STRING,
        generic_resources: since(5, list(object({ discrete_resource_spec: object({ kind: STRING, value: NUMBER }) }))),
      }),
    }),
    restart_policy: object({ condition: STRING, delay: DURATION, max_attempts: COUNT, window: DURATION }),
    placement: object({
      constraints: list(STRING),
      preferences: since(3, list(object({ spread: STRING }))),
      max_replicas_per_node: since(8, COUNT),
    }),
  },
  'error',
  { nullable: true },
);

const HEALTHCHECK = object({
  disable: BOOLEAN,
  interval: DURATION,
  retries: { t: 'leaf', types: ['number'], min: 0 },
  test: COMMAND,
  timeout: DURATION,
  start_period: since(4, DURATION),
  start_interval: since(12, DURATION),
});

const SERVICE_NETWORKS = oneOf(LIST_OF_STRINGS, {
  t: 'map',
  names: NAME,
  values: object({ aliases: LIST_OF_STRINGS, driver_opts: since(13, DRIVER_OPTS), ipv4_address: STRING, ipv6_address: STRING }, 'error', { nullable: true }),
});

const LONG_PORT = object({ mode: STRING, target: INTEGER, published: INTEGER, protocol: STRING }, 'error', { since: 2, form: 'ports' });

const LONG_VOLUME = object(
  {
    type: STRING,
    source: STRING,
    target: STRING,
    read_only: BOOLEAN,
    consistency: STRING,
    bind: object({ propagation: STRING }, 'warn'),
    volume: object({ nocopy: BOOLEAN, subpath: STRING }, 'warn'),
    tmpfs: since(6, object({ size: { t: 'leaf', types: ['integer'], min: 0 } }, 'warn')),
  },
  'error',
  { required: ['type'], since: 2, form: 'volumes' },
);

const ULIMIT = oneOf(INTEGER, object({ hard: INTEGER, soft: INTEGER }, 'error', { required: ['soft', 'hard'] }));

const SERVICE = object(
  {
    deploy: DEPLOY,
    build: oneOf(STRING, object({}, 'allow')),
    cap_add: list(STRING, true),
    cap_drop: list(STRING, true),
    cgroupns_mode: since(9, STRING),
    cgroup_parent: STRING,
    command: COMMAND,
    configs: since(3, list(FILE_REFERENCE)),
    container_name: STRING,
    credential_spec: since(3, object({ config: since(8, STRING), file: STRING, registry: STRING })),
    depends_on: LIST_OF_STRINGS,
    devices: list(STRING, true),
    dns: STRING_OR_LIST,
    dns_search: STRING_OR_LIST,
    domainname: STRING,
    entrypoint: COMMAND,
    env_file: STRING_OR_LIST,
    environment: LIST_OR_DICT,
    expose: list(leaf('string', 'number'), true),
    external_links: list(STRING, true),
    extra_hosts: LIST_OR_DICT,
    healthcheck: HEALTHCHECK,
    hostname: STRING,
    image: STRING,
    init: since(7, BOOLEAN),
    ipc: STRING,
    isolation: since(5, STRING),
    labels: LIST_OR_DICT,
    links: list(STRING, true),
    logging: object({ driver: STRING, options: { t: 'map', values: leaf('string', 'number', 'null') } }),
    mac_address: STRING,
    network_mode: STRING,
    networks: SERVICE_NETWORKS,
    oom_score_adj: since(13, INTEGER),
    pid: leaf('string', 'null'),
    ports: list(oneOf(NUMBER, STRING, LONG_PORT), true),
    privileged: BOOLEAN,
    read_only: BOOLEAN,
    restart: STRING,
    security_opt: list(STRING, true),
    shm_size: leaf('number', 'string'),
    secrets: since(1, list(FILE_REFERENCE)),
    sysctls: LIST_OR_DICT,
    stdin_open: BOOLEAN,
    stop_grace_period: DURATION,
    stop_signal: STRING,
    tmpfs: STRING_OR_LIST,
    tty: BOOLEAN,
    ulimits: { t: 'map', values: ULIMIT },
    user: STRING,
    userns_mode: STRING,
    volumes: list(oneOf(STRING, LONG_VOLUME), true),
    working_dir: STRING,
  },
  'error',
  { extensions: 7 },
);

const NETWORK = object(
  {
    name: since(5, STRING),
    driver: STRING,
    driver_opts: DRIVER_OPTS,
    ipam: object({ driver: STRING, config: list(object({ subnet: STRING })) }),
    external: EXTERNAL('error'),
    internal: BOOLEAN,
    attachable: since(2, BOOLEAN),
    labels: LIST_OR_DICT,
  },
  'error',
  { extensions: 7, nullable: true },
);

const VOLUME = object(
  { name: since(4, STRING), driver: STRING, driver_opts: DRIVER_OPTS, external: EXTERNAL('error'), labels: LIST_OR_DICT },
  'error',
  { extensions: 7, nullable: true },
);

const SECRET = object(
  {
    name: since(5, STRING),
    file: STRING,
    external: EXTERNAL('warn'),
    labels: LIST_OR_DICT,
    driver: since(8, STRING),
    driver_opts: since(8, DRIVER_OPTS),
    template_driver: since(8, STRING),
    environment: wharfOnly(STRING),
  },
  'error',
  { extensions: 7 },
);

const CONFIG = object(
  {
    name: since(5, STRING),
    file: STRING,
    external: EXTERNAL('warn'),
    labels: LIST_OR_DICT,
    template_driver: since(8, STRING),
    content: wharfOnly(STRING),
    environment: wharfOnly(STRING),
  },
  'error',
  { extensions: 7 },
);

const ROOT = object(
  {
    version: STRING,
    services: { t: 'map', names: NAME, values: SERVICE },
    networks: { t: 'map', names: NAME, values: NETWORK },
    volumes: { t: 'map', names: NAME, values: VOLUME },
    secrets: since(1, { t: 'map', names: NAME, values: SECRET }),
    configs: since(3, { t: 'map', names: NAME, values: CONFIG }),
  },
  'error',
  { extensions: 4 },
);

// ---- Versions

const SUPPORTED = new Set(Array.from({ length: 14 }, (_, minor) => `3.${minor}`));

/** The file's version as the CLI reads it: absent, "" or "3" mean 3.13; anything else must be 3.0 … 3.13, written as a string. */
export function readVersion(document: Record<string, unknown>): { version: ComposeVersion } | { error: Message } {
  if (!Object.hasOwn(document, 'version')) return { version: { major: 3, minor: 13, versionless: true } };
  const raw = document.version;
  if (typeof raw !== 'string') return { error: msg('composeChecks.schema.versionNotString') };
  if (raw === '' || raw === '3') return { version: { major: 3, minor: 13, versionless: false } };
  if (!SUPPORTED.has(raw)) return { error: msg('composeChecks.schema.versionUnsupported', { version: raw }) };
  return { version: { major: 3, minor: Number(raw.slice(2)), versionless: false } };
}

// ---- The check

type Check = { version: ComposeVersion; problems: ComposeProblem[]; locate?: Locate };

function kindOf(value: unknown): Kind | 'other' {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return 'other';
}

/** "a string", "a string or list", "a string, number or mapping": the first kind with its article. */
function describeKinds(kinds: Kind[]): Message {
  const words = kinds.map((k, i) => (i === 0 ? msg(`composeChecks.schema.kind.${k}`) : msg(`composeChecks.schema.kindBare.${k}`)));
  if (words.length === 1) return words[0];
  const head = words.slice(0, -1).reduce((joined, next) => msg('composeChecks.schema.kindsComma', { head: joined, next }));
  return msg('composeChecks.schema.kindsOr', { head, last: words[words.length - 1] });
}

function leafAccepts(types: Kind[], value: unknown): boolean {
  const kind = kindOf(value);
  if (kind === 'other') return false;
  if (types.includes(kind)) return true;
  return kind === 'integer' && types.includes('number');
}

/** The kinds of value a schema accepts at its top. */
function kindsOf(schema: Schema): Kind[] {
  switch (schema.t) {
    case 'leaf':
      return schema.types;
    case 'object':
      return schema.nullable ? ['mapping', 'null'] : ['mapping'];
    case 'map':
      return ['mapping'];
    case 'list':
      return ['list'];
    case 'oneOf':
      return [...new Set(schema.options.flatMap(kindsOf))];
  }
}

const error = (c: Check, path: readonly PathSegment[], said: Message): void => void c.problems.push(problemAt('error', path, said, c.locate));
const warn = (c: Check, path: readonly PathSegment[], said: Message): void => void c.problems.push(problemAt('warning', path, said, c.locate));

function fileVersion(c: Check): Message {
  return c.version.versionless ? msg('composeChecks.schema.versionless') : msg('composeChecks.schema.version', { minor: String(c.version.minor) });
}

/** Deep equality for uniqueItems. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function check(c: Check, schema: Schema, value: unknown, path: PathSegment[]): void {
  const where = pathWords(path);
  switch (schema.t) {
    case 'leaf': {
      if (typeof value === 'number' && !Number.isFinite(value)) return error(c, path, msg('composeChecks.schema.finite', { where }));
      if (!leafAccepts(schema.types, value)) return error(c, path, msg('composeChecks.schema.mustBe', { where, kinds: describeKinds(schema.types) }));
      if (schema.min !== undefined && (typeof value === 'number' || typeof value === 'bigint') && value < schema.min) return error(c, path, msg('composeChecks.schema.atLeast', { where, min: String(schema.min) }));
      if (schema.enum && typeof value === 'string' && !schema.enum.includes(value)) {
        return error(c, path, msg('composeChecks.schema.oneOf', { where, values: schema.enum.map((e) => `"${e}"`).join(', ') }));
      }
      if (schema.format === 'duration' && typeof value === 'string') {
        const parsed = parseGoDuration(value);
        if ('error' in parsed) error(c, path, msg('composeChecks.schema.notDuration', { where, value }));
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) return error(c, path, msg('composeChecks.schema.mustBeList', { where }));
      value.forEach((item, index) => check(c, schema.items, item, [...path, index]));
      if (schema.unique) {
        for (let i = 0; i < value.length; i++) {
          for (let j = i + 1; j < value.length; j++) {
            if (same(value[i], value[j])) error(c, [...path, j], msg('composeChecks.schema.sameItemTwice', { where, first: String(i), second: String(j) }));
          }
        }
      }
      return;
    }
    case 'map': {
      if (kindOf(value) !== 'mapping') return error(c, path, msg('composeChecks.schema.mustBeMapping', { where }));
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (schema.names && !schema.names.test(key)) {
          error(c, [...path, key], msg('composeChecks.schema.badName', { where, key }));
          continue;
        }
        check(c, schema.values, item, [...path, key]);
      }
      return;
    }
    case 'object': {
      if (value === null && schema.nullable) return;
      if (kindOf(value) !== 'mapping') return error(c, path, msg('composeChecks.schema.mustBeMapping', { where }));
      if (schema.since !== undefined && c.version.minor < schema.since) {
        const form = msg(schema.form === 'ports' ? 'composeChecks.schema.form.ports' : schema.form === 'volumes' ? 'composeChecks.schema.form.volumes' : 'composeChecks.schema.form.this');
        return error(c, path, msg('composeChecks.schema.formTooNew', { form, where, since: String(schema.since), fileVersion: fileVersion(c) }));
      }
      const record = value as Record<string, unknown>;
      for (const [key, item] of Object.entries(record)) {
        const prop = Object.hasOwn(schema.props, key) ? schema.props[key] : undefined;
        if (!prop) {
          if (key.startsWith('x-') && schema.extensions !== undefined && c.version.minor >= schema.extensions) continue;
          if (key.startsWith('x-') && schema.extensions !== undefined) {
            error(c, [...path, key], msg('composeChecks.schema.extensionsTooNew', { where, since: String(schema.extensions), fileVersion: fileVersion(c) }));
          } else if (schema.rest === 'error') {
            error(c, [...path, key], msg('composeChecks.schema.unknownKey', { key, where }));
          } else if (schema.rest === 'warn') {
            warn(c, [...path, key], msg('composeChecks.schema.unknownKeyIgnored', { key, where }));
          }
          continue;
        }
        if (prop.wharf && !c.version.versionless) {
          error(c, [...path, key], msg('composeChecks.schema.wharfOnly', { key, where }));
          continue;
        }
        if (prop.since !== undefined && c.version.minor < prop.since) {
          error(c, [...path, key], msg('composeChecks.schema.keyTooNew', { key, where, since: String(prop.since), fileVersion: fileVersion(c) }));
          continue;
        }
        check(c, prop.schema, item, [...path, key]);
      }
      for (const key of schema.required ?? []) {
        if (!Object.hasOwn(record, key)) error(c, path, msg('composeChecks.schema.required', { where, key }));
      }
      return;
    }
    case 'oneOf': {
      const kind = kindOf(value);
      const candidates = schema.options.filter((option) => kindsOf(option).some((k) => k === kind || (k === 'number' && kind === 'integer')));
      if (candidates.length === 0) return error(c, path, msg('composeChecks.schema.mustBe', { where, kinds: describeKinds(kindsOf(schema)) }));
      // Report against the first form that fits the kind of value written: its errors are the useful ones.
      const attempts = candidates.map((option) => {
        const trial: Check = { ...c, problems: [] };
        check(trial, option, value, path);
        return trial.problems;
      });
      const clean = attempts.find((problems) => !problems.some((p) => p.severity === 'error'));
      c.problems.push(...(clean ?? attempts[0]));
      return;
    }
  }
}

/** Checks a whole (interpolated) document against the schema of its version. */
export function checkCompose(document: Record<string, unknown>, version: ComposeVersion, locate?: Locate): ComposeProblem[] {
  const c: Check = { version, problems: [], locate };
  check(c, ROOT, document, []);
  return c.problems;
}
