// What a workload policy is made of, what the default policy says (the built-in rules Wharf had
// before policies could be shaped), the names of its rules, and what changed between two sets of
// rules. Pure: the judge (lib/services/policy/workload-policy.ts), the schema that validates saved
// rules (lib/schemas/policies.ts) and the Policies page share it.
import { normalize } from 'pathe';
import type { Messages } from '@/lib/i18n/catalogue.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { listed, semicolons } from '../joined-messages.ts';

export const HOST_NAMESPACES = ['network', 'pid', 'ipc', 'uts', 'userns', 'cgroupns'] as const;
export type HostNamespace = (typeof HOST_NAMESPACES)[number];

/** The predefined networks a policy may allow besides host (host is the network namespace rule). */
export const ALLOWABLE_NETWORKS = ['bridge', 'none', 'ingress', 'docker_gwbridge'] as const;
export type AllowableNetwork = (typeof ALLOWABLE_NETWORKS)[number];

/** tmpfs: a driver's volumes may carry tmpfs settings only (size, mode, uid, gid); any: whatever options the driver takes. */
export type DriverOptions = 'tmpfs' | 'any';

export type PolicyRules = {
  /** Host paths a bind may use: the path itself and everything under it; readOnly: only read-only binds. */
  binds: { path: string; readOnly: boolean }[];
  /** The engine's socket, which gives control of the host, whatever the bind paths say. */
  engineSocket: boolean;
  privileged: boolean;
  /** Capabilities that may be added beyond the engine's default set (names without CAP_; ALL allows every one). */
  capabilities: string[];
  /** seccomp, AppArmor or SELinux confinement removed (seccomp=unconfined and the like). */
  unconfined: boolean;
  hostNamespaces: Record<HostNamespace, boolean>;
  /** Joining another container's namespaces (container:<id>). */
  sharedNamespaces: boolean;
  devices: boolean;
  sysctls: boolean;
  cgroupParent: boolean;
  /** The volume drivers a named volume may use, each with the options it may carry. */
  volumeDrivers: { name: string; options: DriverOptions }[];
  /** Predefined networks a workload may join (host is judged as the network namespace). */
  networks: AllowableNetwork[];
  /** Image name patterns (registry/repository, glob: * within a path segment, ** across); empty allows any image. */
  images: string[];
  /** Resource limits each container or task must have. */
  limits: { required: boolean; maxMemoryMb: number | null; maxCpus: number | null };
  /** Label keys each container or service must carry. */
  labels: string[];
};

/** The built-in rules: exactly what Wharf allowed before policies could be shaped. */
export const DEFAULT_RULES: PolicyRules = {
  binds: [],
  engineSocket: false,
  privileged: false,
  capabilities: [],
  unconfined: false,
  hostNamespaces: { network: false, pid: false, ipc: false, uts: false, userns: false, cgroupns: false },
  sharedNamespaces: false,
  devices: false,
  sysctls: false,
  cgroupParent: false,
  volumeDrivers: [{ name: 'local', options: 'tmpfs' }],
  networks: [],
  images: [],
  limits: { required: false, maxMemoryMb: null, maxCpus: null },
  labels: [],
};

/** A policy as the judge sees it: its rules and how a refusal names it. */
export type Policy = { name: string; version: number | null; rules: PolicyRules };

export const DEFAULT_POLICY_NAME = 'Default';
export const DEFAULT_POLICY: Policy = { name: DEFAULT_POLICY_NAME, version: null, rules: DEFAULT_RULES };

/** How a refusal names a policy: "Default" (built in), "web-team" version 3. */
export const policyLabel = (policy: Pick<Policy, 'name' | 'version'>): Message =>
  policy.version === null ? msg('modelText.policy.builtIn', { name: policy.name }) : msg('modelText.policy.version', { name: policy.name, version: String(policy.version) });

/** The rules a refusal names (each has a name in the catalogue, modelText.rules). */
export const RULES = [
  'privileged', 'host-bind', 'bind-read-only', 'engine-socket', 'volume-driver', 'volume-options', 'volume-unchecked', 'host-namespace', 'shared-namespace',
  'predefined-network', 'capability', 'unconfined', 'devices', 'sysctls', 'cgroup-parent', 'image', 'limits', 'labels',
] as const;
export type RuleId = (typeof RULES)[number];
const isRule = (rule: string): rule is RuleId => (RULES as readonly string[]).includes(rule);

/** Each rule's name as the Policies page and refusals say it (an unknown rule as it is written). */
export const ruleName = (rule: string): Message | string => (isRule(rule) ? msg(`modelText.rules.${rule}`) : rule);

/** A host path as the kernel will resolve it: '//var/run/../run/docker.sock' → '/run/docker.sock', '/srv/data/' → '/srv/data'. */
export function normaliseHostPath(p: string): string {
  return normalize(`/${p}`).replace(/^\/+/, '/').replace(/\/+$/, '') || '/';
}

/** Whether a host path is the prefix or lies under it ('/srv/data2' is not under '/srv/data'). */
export function underPrefix(hostPath: string, prefix: string): boolean {
  const p = normaliseHostPath(hostPath);
  const base = normaliseHostPath(prefix);
  return base === '/' || p === base || p.startsWith(`${base}/`);
}

/** A capability as the engine reads it: upper case, without CAP_. */
export const capabilityName = (cap: string) => cap.trim().toUpperCase().replace(/^CAP_/, '');

// ---------- what changed ----------

const NONE = msg('modelText.describe.none');
const yesNo = (v: boolean) => (v ? msg('modelText.describe.allowed') : msg('modelText.describe.notAllowed'));
const listOf = (items: string[]) => (items.length ? items.join(', ') : NONE);
const mb = (v: number | null) => (v === null ? msg('modelText.describe.noMaximum') : `${v} MB`);
const cpus = (v: number | null) => (v === null ? msg('modelText.describe.noMaximum') : msg('modelText.describe.cpus', { cpus: String(v) }));

/** One rule in words: its label and its value (a message, or names and paths as written). */
export type DescribedRule = { key: string; label: Message; value: Message | string };

/** Each rule as one line of words, in a fixed order: what the Policies page shows and versions are compared by. */
export function describeRules(rules: PolicyRules): DescribedRule[] {
  const l = (key: DescribedKey) => msg(`modelText.describe.labels.${key}`);
  return [
    { key: 'binds', label: l('binds'), value: listed(rules.binds.map((b) => msg('modelText.describe.bind', { path: b.path, readOnly: b.readOnly ? 'yes' : 'no' }))) ?? NONE },
    { key: 'engineSocket', label: l('engineSocket'), value: yesNo(rules.engineSocket) },
    { key: 'privileged', label: l('privileged'), value: yesNo(rules.privileged) },
    { key: 'capabilities', label: l('capabilities'), value: listOf(rules.capabilities) },
    { key: 'unconfined', label: l('unconfined'), value: yesNo(rules.unconfined) },
    ...HOST_NAMESPACES.map((ns) => ({ key: `hostNamespaces.${ns}`, label: msg('modelText.describe.labels.hostNamespace', { namespace: ns }), value: yesNo(rules.hostNamespaces[ns]) })),
    { key: 'sharedNamespaces', label: l('sharedNamespaces'), value: yesNo(rules.sharedNamespaces) },
    { key: 'devices', label: l('devices'), value: yesNo(rules.devices) },
    { key: 'sysctls', label: l('sysctls'), value: yesNo(rules.sysctls) },
    { key: 'cgroupParent', label: l('cgroupParent'), value: yesNo(rules.cgroupParent) },
    {
      key: 'volumeDrivers', label: l('volumeDrivers'),
      value: listed(rules.volumeDrivers.map((d) => msg('modelText.describe.volumeDriver', { name: d.name, options: d.options }))) ?? NONE,
    },
    { key: 'networks', label: l('networks'), value: listOf(rules.networks) },
    { key: 'images', label: l('images'), value: rules.images.length ? rules.images.join(', ') : msg('modelText.describe.any') },
    { key: 'limits.required', label: l('limitsRequired'), value: rules.limits.required ? msg('modelText.describe.yes') : msg('modelText.describe.no') },
    { key: 'limits.maxMemoryMb', label: l('maxMemory'), value: mb(rules.limits.maxMemoryMb) },
    { key: 'limits.maxCpus', label: l('maxCpus'), value: cpus(rules.limits.maxCpus) },
    { key: 'labels', label: l('labels'), value: listOf(rules.labels) },
  ];
}

type DescribedKey = Exclude<keyof Messages['modelText']['describe']['labels'], 'hostNamespace'>;

export type RuleChange = { key: string; label: Message; before: Message | string; after: Message | string };

const same = (a: Message | string | undefined, b: Message | string) => JSON.stringify(a) === JSON.stringify(b);

/** The rules that differ between two versions, each with its value before and after. */
export function ruleChanges(before: PolicyRules, after: PolicyRules): RuleChange[] {
  const old = new Map(describeRules(before).map((r) => [r.key, r.value]));
  return describeRules(after).flatMap((r) => (same(old.get(r.key), r.value) ? [] : [{ key: r.key, label: r.label, before: old.get(r.key) ?? '', after: r.value }]));
}

/** One sentence for the audit log and the version list. */
export function summariseChanges(changes: RuleChange[]): Message {
  if (changes.length === 0) return msg('modelText.changes.none');
  const each = changes.map((c) => msg('modelText.changes.change', { label: c.label, before: c.before, after: c.after }));
  return semicolons(each);
}
