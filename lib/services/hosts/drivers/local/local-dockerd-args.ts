// How a local machine's dockerd is started (pure): its arguments, its own daemon.json, the fixed
// wrapper script that sets the hostname of its private UTS namespace, and the full argv.
import { ENGINE_TLS_PORT } from '../step-io.ts';
import { localEnginePaths, type LocalMachine } from './local-layout.ts';

/** Seconds dockerd gives containers to stop when it shuts down. */
export const ENGINE_SHUTDOWN_SECONDS = 10;

/**
 * dockerd's arguments. Isolation, as the test lab found necessary for several engines on one
 * machine: its own data root, exec root, pidfile and sockets; no iptables rules and no IP
 * forwarding (containers reach nothing beyond their engine; published ports go through
 * docker-proxy on the machine's address); its own cgroup parent and containerd namespaces; its own
 * daemon.json (never this machine's /etc/docker/daemon.json).
 */
export function localDockerdArgs(m: LocalMachine): string[] {
  const p = localEnginePaths(m);
  return [
    '--data-root', p.dataRoot,
    '--exec-root', m.execRoot,
    '--pidfile', p.pidfile,
    '--config-file', p.configFile,
    '-H', `unix://${p.socket}`,
    '-H', `tcp://${m.address}:${ENGINE_TLS_PORT}`,
    '--tlsverify',
    '--tlscacert', p.caFile,
    '--tlscert', p.certFile,
    '--tlskey', p.keyPemFile,
    '--iptables=false',
    '--ip-forward=false',
    '--cgroup-parent', p.cgroupParent,
    '--containerd-namespace', p.containerdNamespace,
    '--containerd-plugins-namespace', `${p.containerdNamespace}-plugins`,
    '--swarm-default-advertise-addr', m.address,
    '--shutdown-timeout', String(ENGINE_SHUTDOWN_SECONDS),
  ];
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
