// How a local machine's dockerd is started (pure): its arguments, its own daemon.json, the fixed
// wrapper script that sets the hostname of its private UTS namespace, and the full argv.
import 'server-only';
import { ENGINE_TLS_PORT } from '../step-io.ts';
import { localEnginePaths, type LocalMachine } from './local-layout.ts';

/** Seconds dockerd gives containers to stop when it shuts down. */
export const ENGINE_SHUTDOWN_SECONDS = 10;

/** What one of several dockerds on a machine keeps to itself (files, sockets, cgroup, containerd namespaces). */
export interface IsolatedDockerd {
  dataRoot: string;
  execRoot: string;
  pidfile: string;
  configFile: string;
  socket: string;
  /** The TCP listener (TLS, client certificates required) and the swarm advertise address. */
  address: string;
  port: number;
  caFile: string;
  certFile: string;
  tlsKeyFile: string;
  /** Flags after --iptables=false: the local driver turns IP forwarding off; the test lab names its registry. */
  networkFlags: string[];
  cgroupParent: string;
  containerdNamespace: string;
  shutdownSeconds: number;
}

/**
 * dockerd's arguments for one of several engines on one machine, as the test lab found necessary
 * (scripts/lab starts its engines with the same function): its own data root, exec root, pidfile
 * and sockets; no iptables rules; its own cgroup parent and containerd namespaces; its own
 * daemon.json (never this machine's /etc/docker/daemon.json).
 */
export function isolatedDockerdArgs(d: IsolatedDockerd): string[] {
  return [
    '--data-root', d.dataRoot,
    '--exec-root', d.execRoot,
    '--pidfile', d.pidfile,
    '--config-file', d.configFile,
    '-H', `unix://${d.socket}`,
    '-H', `tcp://${d.address}:${d.port}`,
    '--tlsverify',
    '--tlscacert', d.caFile,
    '--tlscert', d.certFile,
    '--tlskey', d.tlsKeyFile,
    '--iptables=false',
    ...d.networkFlags,
    '--cgroup-parent', d.cgroupParent,
    '--containerd-namespace', d.containerdNamespace,
    '--containerd-plugins-namespace', `${d.containerdNamespace}-plugins`,
    '--swarm-default-advertise-addr', d.address,
    '--shutdown-timeout', String(d.shutdownSeconds),
  ];
}

/**
 * A local machine's dockerd arguments: isolated as above, and no IP forwarding either (containers
 * reach nothing beyond their engine; published ports go through docker-proxy on the machine's address).
 */
export function localDockerdArgs(m: LocalMachine): string[] {
  const p = localEnginePaths(m);
  return isolatedDockerdArgs({
    ...p,
    execRoot: m.execRoot,
    address: m.address,
    port: ENGINE_TLS_PORT,
    tlsKeyFile: p.keyPemFile,
    networkFlags: ['--ip-forward=false'],
    shutdownSeconds: ENGINE_SHUTDOWN_SECONDS,
  });
}

/** The machine's daemon.json: its own identity key (otherwise every engine would share /etc/docker/key.json). */
export function localDaemonJson(m: LocalMachine): string {
  return JSON.stringify({ 'deprecated-key-path': localEnginePaths(m).keyFile }, null, 2) + '\n';
}

/** Fixed content: nothing in it depends on the machine; the hostname and command arrive as arguments. */
export const HOSTNAME_WRAPPER = `#!/bin/sh
# Wharf local machine: set this (private) UTS namespace's hostname to $1, then become the rest of the arguments.
set -e
hostname -- "$1"
shift
exec "$@"
`;

/** The command that starts the engine: into the machine's network namespace, a new UTS namespace, the wrapper, dockerd. */
export function localEngineCommand(m: LocalMachine): { command: string; args: string[] } {
  const p = localEnginePaths(m);
  return {
    command: 'nsenter',
    args: [`--net=${p.netnsPath}`, '--', 'unshare', '--uts', '--', '/bin/sh', p.wrapper, m.hostname, 'dockerd', ...localDockerdArgs(m)],
  };
}
