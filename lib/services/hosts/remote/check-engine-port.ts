// Port 2376 must be free for the engine's TLS endpoint, or already held by dockerd (Wharf configured
// it before, or will reconfigure it now). Read with `ss -Hltnp`, or /proc/net/tcp{,6} where ss is missing.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { ENGINE_TLS_PORT, type StepIo } from '../drivers/step-io.ts';
import type { MachineShell } from './machine-shell.ts';
import { remoteScript } from './remote-command.ts';

export interface PortListener {
  address: string;
  port: number;
  /** Programs holding the socket; empty when unknown (no ss, or not allowed to see them). */
  processes: { name: string; pid: number }[];
}

function splitHostPort(local: string): { address: string; port: number } | null {
  const at = local.lastIndexOf(':');
  if (at < 0) return null;
  const port = Number(local.slice(at + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) return null;
  return { address: local.slice(0, at).replace(/^\[|\]$/g, ''), port };
}

/** Parses `ss -Hltnp` (or `ss -ltnp` with its header): State Recv-Q Send-Q Local Peer [users:((…))]. */
export function parseSsListeners(text: string): PortListener[] {
  const out: PortListener[] = [];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || cols[0] === 'State' || cols[0] === 'Recv-Q') continue;
    // Some ss versions leave the State column out when one state is asked for (-l).
    const localIdx = /^\d+$/.test(cols[0] ?? '') ? 2 : 3;
    const hp = splitHostPort(cols[localIdx] ?? '');
    if (!hp) continue;
    const users = line.slice(line.indexOf('users:') >= 0 ? line.indexOf('users:') : line.length);
    const processes = [...users.matchAll(/\("([^"]*)",pid=(\d+)/g)].map((m) => ({ name: m[1]!, pid: Number(m[2]) }));
    out.push({ ...hp, processes });
  }
  return out;
}

/** Parses /proc/net/tcp and /proc/net/tcp6 content: the sockets in state 0A (LISTEN). */
export function parseProcNetTcp(text: string): PortListener[] {
  const out: PortListener[] = [];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || !/^\d+:$/.test(cols[0]!) || cols[3] !== '0A') continue;
    const [hex, portHex] = cols[1]!.split(':');
    if (!hex || !portHex) continue;
    const port = Number.parseInt(portHex, 16);
    let address = hex;
    if (hex.length === 8) address = [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
    else if (/^0+$/.test(hex)) address = '::';
    out.push({ address, port, processes: [] });
  }
  return out;
}

/** The first listener on `port` held by something other than dockerd; null when the port is free or dockerd's. */
export function portBlocker(listeners: PortListener[], port: number): PortListener | null {
  for (const l of listeners) {
    if (l.port !== port) continue;
    if (l.processes.length === 0 || l.processes.some((p) => p.name !== 'dockerd')) return l;
  }
  return null;
}

const READ_LISTENERS = `if command -v ss >/dev/null 2>&1; then echo ss; exec ss -Hltnp; fi
echo proc
cat /proc/net/tcp /proc/net/tcp6 2>/dev/null
exit 0`;

const DOCKERD_RUNNING = `pid=$(cat /var/run/docker.pid 2>/dev/null || true)
case "$pid" in ''|*[!0-9]*) exit 1 ;; esac
[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]`;

/** The machine's listening TCP sockets (read as root so ss can name every program). */
export async function readListeners(shell: MachineShell, io: StepIo): Promise<PortListener[]> {
  const res = await shell.run(remoteScript('list listening ports', READ_LISTENERS), io, { sudo: true });
  const [source, ...rest] = res.stdout.split('\n');
  const body = rest.join('\n');
  return source?.trim() === 'ss' ? parseSsListeners(body) : parseProcNetTcp(body);
}

export async function checkEnginePort(shell: MachineShell, io: StepIo, port = ENGINE_TLS_PORT): Promise<void> {
  const listeners = await readListeners(shell, io);
  const blocker = portBlocker(listeners, port);
  if (!blocker) {
    const ours = listeners.some((l) => l.port === port);
    io.log(msg(ours ? 'provisioning.log.portDockerd' : 'provisioning.log.portFree', { port: String(port) }));
    return;
  }
  if (blocker.processes.length === 0) {
    // Without ss we cannot see who listens; a running dockerd is taken to be it.
    const dockerd = await shell.run(remoteScript('find a running dockerd', DOCKERD_RUNNING), io, { sudo: true, okCodes: [0, 1] });
    if (dockerd.code === 0) {
      io.log(msg('provisioning.log.portTakenDockerd', { port: String(port) }));
      return;
    }
  }
  const who = blocker.processes.length
    ? blocker.processes
        .filter((p) => p.name !== 'dockerd')
        .map((p) => `${p.name.slice(0, 40)} (pid ${p.pid})`)
        .join(', ')
    : msg('provisioning.errors.unknownProgram');
  throw new AppError('PRECONDITION', msg('provisioning.errors.portInUse', { port: String(port), host: shell.host, who }));
}
