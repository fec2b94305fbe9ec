// What a workload policy is made of, what the default policy says (the built-in rules Wharf had
// before policies could be shaped), the names of its rules, and what changed between two sets of
// rules. Pure: the judge (lib/services/policy/workload-policy.ts), the schema that validates saved
// rules (lib/schemas/policies.ts) and the Policies page share it.
import { normalize } from 'pathe';

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

/** How a refusal names a policy: "Default (built in)", "web-team version 3". */
export const policyLabel = (policy: Pick<Policy, 'name' | 'version'>) => (policy.version === null ? `"${policy.name}" (built in)` : `"${policy.name}" version ${policy.version}`);

/** Each rule's name as the Policies page and refusals say it. */
export const RULE_NAMES: Record<string, string> = {
  privileged: 'Privileged mode',
  'host-bind': 'Bind paths',
  'bind-read-only': 'Bind paths (read-only)',
  'engine-socket': 'Engine socket',
  'volume-driver': 'Volume drivers',
  'volume-options': 'Volume driver options',
  'volume-unchecked': 'Volumes on every node',
  'host-namespace': 'Host namespaces',
  'shared-namespace': "Other containers' namespaces",
  'predefined-network': 'Predefined networks',
  capability: 'Capabilities',
  unconfined: 'Confinement',
  devices: 'Devices',
  sysctls: 'Sysctls',
  'cgroup-parent': 'Cgroup parent',
  image: 'Images',
  limits: 'Resource limits',
  labels: 'Required labels',
};

export const ruleName = (rule: string) => RULE_NAMES[rule] ?? rule;

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

const yesNo = (v: boolean) => (v ? 'allowed' : 'not allowed');
const listOf = (items: string[]) => (items.length ? items.join(', ') : 'none');
const mb = (v: number | null) => (v === null ? 'no maximum' : `${v} MB`);
const cpus = (v: number | null) => (v === null ? 'no maximum' : `${v} CPUs`);

/** Each rule as one line of words, in a fixed order: what the Policies page shows and versions are compared by. */
export function describeRules(rules: PolicyRules): { key: string; label: string; value: string }[] {
  return [
    { key: 'binds', label: 'Bind paths', value: rules.binds.length ? rules.binds.map((b) => `${b.path} (${b.readOnly ? 'read-only' : 'read-write'})`).join(', ') : 'none' },
    { key: 'engineSocket', label: 'Engine socket', value: yesNo(rules.engineSocket) },
    { key: 'privileged', label: 'Privileged mode', value: yesNo(rules.privileged) },
    { key: 'capabilities', label: 'Capabilities', value: listOf(rules.capabilities) },
    { key: 'unconfined', label: 'Confinement removed (seccomp, AppArmor, SELinux)', value: yesNo(rules.unconfined) },
    ...HOST_NAMESPACES.map((ns) => ({ key: `hostNamespaces.${ns}`, label: `Host ${ns} namespace`, value: yesNo(rules.hostNamespaces[ns]) })),
    { key: 'sharedNamespaces', label: "Other containers' namespaces", value: yesNo(rules.sharedNamespaces) },
    { key: 'devices', label: 'Devices', value: yesNo(rules.devices) },
    { key: 'sysctls', label: 'Sysctls', value: yesNo(rules.sysctls) },
    { key: 'cgroupParent', label: 'Cgroup parent', value: yesNo(rules.cgroupParent) },
    { key: 'volumeDrivers', label: 'Volume drivers', value: rules.volumeDrivers.length ? rules.volumeDrivers.map((d) => `${d.name} (${d.options === 'any' ? 'any options' : 'tmpfs options only'})`).join(', ') : 'none' },
    { key: 'networks', label: 'Predefined networks', value: listOf(rules.networks) },
    { key: 'images', label: 'Images', value: rules.images.length ? rules.images.join(', ') : 'any' },
    { key: 'limits.required', label: 'Limits required', value: rules.limits.required ? 'yes' : 'no' },
    { key: 'limits.maxMemoryMb', label: 'Maximum memory', value: mb(rules.limits.maxMemoryMb) },
    { key: 'limits.maxCpus', label: 'Maximum CPUs', value: cpus(rules.limits.maxCpus) },
    { key: 'labels', label: 'Required labels', value: listOf(rules.labels) },
  ];
}

export type RuleChange = { key: string; label: string; before: string; after: string };

/** The rules that differ between two versions, each with its value before and after. */
export function ruleChanges(before: PolicyRules, after: PolicyRules): RuleChange[] {
  const old = new Map(describeRules(before).map((r) => [r.key, r.value]));
  return describeRules(after).flatMap((r) => (old.get(r.key) === r.value ? [] : [{ key: r.key, label: r.label, before: old.get(r.key) ?? '', after: r.value }]));
}

/** One sentence for the audit log and the version list. */
export function summariseChanges(changes: RuleChange[]): string {
  if (changes.length === 0) return 'No rule changed.';
  return changes.map((c) => `${c.label}: ${c.before} → ${c.after}`).join('; ');
}
