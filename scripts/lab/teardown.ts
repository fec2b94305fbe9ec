// Lab teardown: stops every lab process (by pidfile, then whatever is left in lab namespaces), unmounts, deletes netns/links/cgroups and the lab dir.
import { existsSync, readlinkSync, promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import type { LabState } from './state.ts';
import { BRIDGE, MACHINE_COUNT, hostLayout, machineLayout, registryLayout, sshLayout } from './state.ts';
import { deleteLink, deleteNamespace, listLabLinks, listLabNetns, netnsId, removeBridgeForwarding } from './network.ts';
import { engineRunning, stopDockerd } from './engines.ts';
import { stopRegistry } from './registry.ts';
import { stopTokenRegistry, tokenRegistryLayout } from './token-registry.ts';
import { stopEcr } from './ecr-registry.ts';
import { stopOidcProvider } from './oidc-provider.ts';
import { stopGitServer } from './git-host.ts';
import { stopSlapd } from './ldap-directory.ts';
import { killSshNamespaceProcesses, stopSshEngine } from './ssh-host.ts';
import { killMachineProcesses, removeNonRootUser } from './machines.ts';
import { stopLabBalancers } from './balancer.ts';
import { CGROUP_HIERARCHIES, allPids, descendantsOf, mapLimit, pidsInCgroup, pidsInNamespace, processArgv, progress, terminate, unmountBelow } from './run.ts';

/** File that marks a folder as a lab dir; `down` deletes only folders carrying it. */
export const LAB_MARKER = '.wharf-lab';

async function hostIndices(dir: string, state: LabState | null): Promise<number[]> {
  const set = new Set<number>(state?.hosts.map((h) => h.index) ?? []);
  try {
    for (const n of await fsp.readdir(dir)) {
      const m = /^h(\d+)$/.exec(n);
      if (m) set.add(Number(m[1]));
    }
  } catch {
    /* no dir */
  }
  return [...set].sort((a, b) => a - b);
}

/** Programs the lab starts (directly or through dockerd). */
const LAB_PROGRAMS = /^(dockerd|containerd|containerd-shim.*|docker-registry|sshd|docker-proxy|haproxy)$/;

/** Pids of lab programs whose command line mentions the lab dir (safety net for processes whose pidfile was lost). */
async function pidsMentioning(dir: string): Promise<number[]> {
  const needle = `${dir}/`;
  const out: number[] = [];
  for (const pid of await allPids()) {
    if (pid === process.pid) continue;
    const argv = processArgv(pid);
    if (!argv?.some((a) => a.includes(needle))) continue;
    let exe: string;
    try {
      exe = basename(readlinkSync(`/proc/${pid}/exe`));
    } catch {
      continue;
    }
    if (LAB_PROGRAMS.test(exe)) out.push(pid);
  }
  return out;
}

/** Pids in the lab's cgroups (every engine's --cgroup-parent is /wharf-lab-*). */
async function cgroupMembers(): Promise<number[]> {
  const out = new Set<number>();
  for (const hierarchy of CGROUP_HIERARCHIES) {
    const names = await fsp.readdir(hierarchy).catch(() => [] as string[]);
    for (const n of names) if (n.startsWith('wharf-lab-')) for (const p of await pidsInCgroup(`/${n}`)) out.add(p);
  }
  return [...out];
}


/** Removes the lab's cgroup folders (/sys/fs/cgroup/<controller>/wharf-lab-*) bottom-up; busy ones are left. */
async function removeCgroups(): Promise<void> {
  const root = '/sys/fs/cgroup';
  let controllers: string[];
  try {
    controllers = await fsp.readdir(root);
  } catch {
    return;
  }
  async function rmTree(p: string): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fsp.readdir(p, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) if (e.isDirectory()) await rmTree(join(p, e.name));
    await fsp.rmdir(p).catch(() => {});
  }
  for (const c of controllers) {
    const base = join(root, c);
    const names = await fsp.readdir(base).catch(() => [] as string[]);
    for (const n of names) if (n.startsWith('wharf-lab-')) await rmTree(join(base, n));
  }
}

/**
 * Every dockerd creates /run/docker/plugins and containerd shims /run/containerd/s, whatever their exec-root.
 * Remove those folders when they are empty and no system engine uses them.
 */
async function removeEmptyRunDirs(): Promise<void> {
  if (existsSync('/run/docker.sock') || existsSync('/run/containerd/containerd.sock')) return;
  for (const d of ['/run/docker/plugins', '/run/docker', '/run/containerd/s', '/run/containerd']) await fsp.rmdir(d).catch(() => {});
}

export async function teardown(dir: string, state: LabState | null): Promise<void> {
  // 1. Engines, gracefully and in parallel.
  const hosts = (await hostIndices(dir, state)).map((i) => hostLayout(dir, i));
  const running = hosts.filter((h) => engineRunning(h.pidfile)).length;
  if (running) progress(`stopping ${running} engine(s)`);
  await mapLimit(hosts, 32, (h) => stopDockerd(`engine ${h.name}`, h.pidfile, h.socket, h).catch((e) => progress(String(e))));

  // 2. SSH host engine, then the registry.
  const ssh = state?.ssh ?? sshLayout(dir);
  await stopSshEngine(ssh).catch((e) => progress(String(e)));
  await killSshNamespaceProcesses(ssh).catch((e) => progress(String(e)));
  await stopRegistry(state?.registry ?? registryLayout(dir, '')).catch((e) => progress(String(e)));
  if (state?.ecr) await stopEcr(state.ecr).catch((e) => progress(String(e)));
  if (existsSync(join(dir, 'token-registry'))) await stopTokenRegistry(state?.tokenRegistry ?? (await tokenRegistryLayout(dir))).catch((e) => progress(String(e)));
  // The directory services (their processes also mention the lab dir, step 3 would find them).
  if (state?.oidc) await stopOidcProvider(state.oidc).catch((e) => progress(String(e)));
  if (state?.ldap) await stopSlapd(state.ldap).catch((e) => progress(String(e)));
  if (state?.git) await stopGitServer(state.git).catch((e) => progress(String(e)));
  // Load balancers tests and benchmarks put in front of console replicas (scripts/lab/balancer.ts).
  await stopLabBalancers(dir).catch((e) => progress(String(e)));

  // 2b. Bare machines: sshd and whatever a provisioner started there (dockerd, its supervisor, containers).
  const machines = state?.machines ?? Array.from({ length: MACHINE_COUNT }, (_, i) => machineLayout(dir, i + 1));
  await Promise.all(machines.map((m) => killMachineProcesses(m).catch((e) => progress(String(e)))));

  // 3. Whatever is left: processes inside lab namespaces (sshd, containerd, shims, docker-proxy) with all their
  //    descendants (container processes live in their own namespaces under the shims), processes in the lab's
  //    cgroups (containers whose shim is already gone), and lab programs started with paths in the lab dir.
  const namespaces = await listLabNetns();
  const leftovers = new Set<number>();
  for (const ns of namespaces) {
    const id = netnsId(ns);
    if (id) for (const p of await pidsInNamespace('net', id)) leftovers.add(p);
  }
  for (const p of await pidsMentioning(dir)) leftovers.add(p);
  for (const p of await descendantsOf([...leftovers])) leftovers.add(p);
  for (const p of await cgroupMembers()) leftovers.add(p);
  leftovers.delete(process.pid);
  if (leftovers.size) progress(`stopping ${leftovers.size} leftover lab process(es)`);
  await Promise.all([...leftovers].map((p) => terminate(p, 5_000, 5_000)));

  // 5. Mounts, namespaces, links, firewall exception, cgroups.
  await unmountBelow(dir);
  for (const ns of namespaces) await deleteNamespace(ns);
  for (const l of await listLabLinks()) if (l !== BRIDGE) await deleteLink(l);
  await deleteLink(BRIDGE);
  await removeBridgeForwarding();
  await removeCgroups();
  await removeEmptyRunDirs();
  await removeNonRootUser().catch((e) => progress(String(e)));

  // 6. The lab dir (only if it is one).
  if (existsSync(dir)) {
    const known = /^(\.wharf-lab|state\.json.*|bin|h\d+|m\d+|tls|ssh|registry|token-registry|ecr|image|docker-config|oidc|ldap|git|balancers)$/;
    const isLab = existsSync(join(dir, LAB_MARKER)) || (await fsp.readdir(dir)).every((n) => known.test(n));
    if (!isLab) {
      progress(`not deleting ${dir}: it has no ${LAB_MARKER} marker`);
      return;
    }
    try {
      await fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      await unmountBelow(dir);
      await fsp.rm(dir, { recursive: true, force: true, maxRetries: 5 });
    }
  }
}
