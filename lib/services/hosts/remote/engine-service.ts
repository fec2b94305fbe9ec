// How dockerd runs on a provisioned machine: under systemd (Docker's own unit, with a Wharf drop-in)
// or, without systemd, under a small supervisor script Wharf installs. Start, stop, wait until the
// engine answers, and the tail of its log for errors. Every script here is a fixed constant.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { AppError } from '@/lib/errors.ts';
import { ENGINE_TLS_PORT, pauseStep, throwIfCancelled, type StepIo } from '../drivers/step-io.ts';
import type { MachineShell } from './machine-shell.ts';
import { assertSafePath, remoteScript } from './remote-command.ts';

export const SYSTEMD_DROP_IN_PATH = '/etc/systemd/system/docker.service.d/wharf.conf';
export const SUPERVISOR_PATH = '/usr/local/lib/wharf/dockerd-supervisor.sh';
export const SUPERVISOR_PIDFILE = '/var/run/wharf-dockerd-supervisor.pid';
/** How many times dockerd exited since the supervisor started (it restarts it each time). */
export const SUPERVISOR_EXITS_FILE = '/var/run/wharf-dockerd.exits';
export const SUPERVISED_LOG_PATH = '/var/log/wharf-dockerd.log';
const SYSTEM_CONTAINERD_SOCKET = '/run/containerd/containerd.sock';

/**
 * The supervisor (fixed content): runs dockerd (which reads /etc/docker/daemon.json), starts it again
 * 2 s after it exits, and on SIGTERM stops dockerd and itself. Started detached (setsid) so it
 * outlives the SSH session. It does not start by itself after a reboot: Wharf's "start" does.
 */
export const SUPERVISOR_SCRIPT = `#!/bin/sh
# Written by Wharf: keeps dockerd running on this machine, which has no systemd.
# dockerd reads /etc/docker/daemon.json (where it listens, TLS). Output: ${SUPERVISED_LOG_PATH}.
# To stop dockerd for good: kill -TERM "$(cat ${SUPERVISOR_PIDFILE})" (it stops dockerd first).
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
echo $$ > ${SUPERVISOR_PIDFILE}
echo 0 > ${SUPERVISOR_EXITS_FILE}
stopping=0
child=
on_term() {
  stopping=1
  if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; fi
}
trap on_term TERM INT HUP
exits=0
while [ "$stopping" = 0 ]; do
  echo "wharf-supervisor: starting dockerd ($(date))"
  dockerd &
  child=$!
  code=0
  while kill -0 "$child" 2>/dev/null; do
    wait "$child"
    code=$?
  done
  child=
  if [ "$stopping" = 1 ]; then break; fi
  exits=$((exits + 1))
  echo "$exits" > ${SUPERVISOR_EXITS_FILE}
  echo "wharf-supervisor: dockerd exited (code $code); starting it again in 2 s"
  sleep 2
done
rm -f ${SUPERVISOR_PIDFILE}
echo "wharf-supervisor: stopped ($(date))"
`;

/** The systemd drop-in: dockerd without -H flags, since daemon.json sets "hosts" (dockerd refuses both). */
export function systemdDropIn(dockerdPath: string, useSystemContainerd: boolean): string {
  assertSafePath(dockerdPath);
  return [
    '# Written by Wharf: dockerd takes where it listens and its TLS settings from /etc/docker/daemon.json,',
    '# so the unit must not pass -H (dockerd refuses "hosts" in both places).',
    '[Service]',
    'ExecStart=',
    `ExecStart=${dockerdPath}${useSystemContainerd ? ` --containerd=${SYSTEM_CONTAINERD_SOCKET}` : ''}`,
    '',
  ].join('\n');
}

const START_SUPERVISOR = `set -e
mkdir -p "$(dirname -- "$2")"
echo "wharf: starting the dockerd supervisor ($(date))" >> "$2"
if command -v setsid >/dev/null 2>&1; then
  setsid /bin/sh "$1" </dev/null >>"$2" 2>&1 &
else
  nohup /bin/sh "$1" </dev/null >>"$2" 2>&1 &
fi
exit 0`;

/**
 * Stops the supervisor (which stops its dockerd) and any other dockerd (by /var/run/docker.pid),
 * with $3 = "all" also a distribution's own docker service; waits up to $2 seconds, then SIGKILL.
 * $1: the supervisor's pidfile; $4: the supervisor script (its pid must be running exactly that).
 * Pids read from files are checked to be numbers and to belong to the expected program.
 */
const STOP_SUPERVISED = `sup=$(cat "$1" 2>/dev/null || true)
case "$sup" in ''|*[!0-9]*) sup= ;; esac
if [ -n "$sup" ]; then
  case "$(tr '\\000' ' ' < "/proc/$sup/cmdline" 2>/dev/null)" in "/bin/sh $4 ") ;; *) sup= ;; esac
fi
if [ "$3" = all ]; then
  if command -v rc-service >/dev/null 2>&1; then rc-service docker stop >/dev/null 2>&1 || true
  elif [ -x /etc/init.d/docker ]; then /etc/init.d/docker stop >/dev/null 2>&1 || true
  fi
fi
if [ -n "$sup" ]; then kill -TERM "$sup" 2>/dev/null || true; fi
dpid=$(cat /var/run/docker.pid 2>/dev/null || true)
case "$dpid" in ''|*[!0-9]*) dpid= ;; esac
if [ -n "$dpid" ] && ! grep -q dockerd "/proc/$dpid/cmdline" 2>/dev/null; then dpid=; fi
if [ -n "$dpid" ]; then kill -TERM "$dpid" 2>/dev/null || true; fi
i=0
while [ "$i" -lt "$2" ]; do
  alive=0
  if [ -n "$sup" ] && [ -d "/proc/$sup" ]; then alive=1; fi
  if [ -n "$dpid" ] && [ -d "/proc/$dpid" ]; then alive=1; fi
  if [ "$alive" = 0 ]; then exit 0; fi
  sleep 1
  i=$((i + 1))
done
echo "dockerd did not stop within $2 s: killing it" >&2
if [ -n "$sup" ]; then kill -KILL "$sup" 2>/dev/null || true; fi
if [ -n "$dpid" ]; then kill -KILL "$dpid" 2>/dev/null || true; fi
exit 0`;

/** One line: socket=0|1 port=0|1 exits=N unit=STATE dockerd=0|1 supervisor=0|1. $1: port; $2: port in hex (4 digits). */
const ENGINE_STATUS = `sock=0
if command -v docker >/dev/null 2>&1; then
  if docker -H unix:///var/run/docker.sock version --format '{{.Server.Version}}' >/dev/null 2>&1; then sock=1; fi
elif [ -S /var/run/docker.sock ]; then sock=1; fi
port=0
if command -v ss >/dev/null 2>&1; then
  if ss -ltn "sport = :$1" 2>/dev/null | awk 'NR > 1' | grep -q .; then port=1; fi
elif awk -v p=":$2" '$4 == "0A" && substr($2, length($2) - 4) == p { f = 1 } END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null; then port=1; fi
exits=$(cat ${SUPERVISOR_EXITS_FILE} 2>/dev/null || echo 0)
case "$exits" in ''|*[!0-9]*) exits=0 ;; esac
unit=none
if [ -d /run/systemd/system ]; then unit=$(systemctl is-active docker.service 2>/dev/null || true); fi
# By their pidfiles: other dockerd processes (a user's rootless one, other containers' engines) are not this engine.
dockerd=0
dpid=$(cat /var/run/docker.pid 2>/dev/null || true)
case "$dpid" in ''|*[!0-9]*) ;; *) if [ "$(cat "/proc/$dpid/comm" 2>/dev/null)" = dockerd ]; then dockerd=1; fi ;; esac
supervisor=0
spid=$(cat ${SUPERVISOR_PIDFILE} 2>/dev/null || true)
case "$spid" in ''|*[!0-9]*) ;; *)
  case "$(tr '\\000' ' ' < "/proc/$spid/cmdline" 2>/dev/null)" in "/bin/sh ${SUPERVISOR_PATH} ") supervisor=1 ;; esac ;;
esac
echo "socket=$sock port=$port exits=$exits unit=$unit dockerd=$dockerd supervisor=$supervisor"`;

const SUPERVISED_LOG_TAIL = `tail -n "$2" -- "$1" 2>/dev/null || true`;

export interface EngineStatus {
  /** The local socket answers (docker version), or exists when there is no docker CLI. */
  socket: boolean;
  /** Something listens on the engine port. */
  port: boolean;
  /** dockerd exits seen by the supervisor since it started. */
  exits: number;
  /** systemctl is-active docker.service, or "none" without systemd. */
  unit: string;
  dockerd: boolean;
  supervisor: boolean;
}

export function parseEngineStatus(text: string): EngineStatus {
  const values: Record<string, string> = {};
  for (const m of text.matchAll(/(\w+)=(\S*)/g)) values[m[1]!] = m[2]!;
  return {
    socket: values.socket === '1',
    port: values.port === '1',
    exits: Number.parseInt(values.exits ?? '0', 10) || 0,
    unit: (values.unit ?? 'none').slice(0, 40),
    dockerd: values.dockerd === '1',
    supervisor: values.supervisor === '1',
  };
}

export async function engineStatus(shell: MachineShell, io: StepIo, port = ENGINE_TLS_PORT): Promise<EngineStatus> {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const res = await shell.run(remoteScript('engine status', ENGINE_STATUS, [String(port), hex]), io, { sudo: true, timeoutMs: 30_000 });
  return parseEngineStatus(res.stdout);
}

/** The last lines of dockerd's log (journal under systemd, the supervisor's log file otherwise). */
export async function engineLogTail(shell: MachineShell, io: StepIo, systemd: boolean, lines = 30): Promise<string> {
  const res = systemd
    ? await shell.run(['journalctl', '-u', 'docker.service', '-n', String(lines), '--no-pager', '-o', 'cat'], io, { sudo: true, okCodes: 'any' })
    : await shell.run(remoteScript('read the dockerd log', SUPERVISED_LOG_TAIL, [SUPERVISED_LOG_PATH, String(lines)]), io, { sudo: true, okCodes: 'any' });
  return res.stdout.trimEnd().split('\n').slice(-lines).join('\n');
}

export async function installSupervisor(shell: MachineShell, io: StepIo): Promise<void> {
  await shell.writeFile(SUPERVISOR_PATH, SUPERVISOR_SCRIPT, 0o755, io);
}

export async function startSupervisor(shell: MachineShell, io: StepIo): Promise<void> {
  io.log(msg('driverText.log.supervisorStarting', { path: SUPERVISOR_PATH, logFile: SUPERVISED_LOG_PATH }));
  await shell.run(remoteScript('start the dockerd supervisor', START_SUPERVISOR, [SUPERVISOR_PATH, SUPERVISED_LOG_PATH]), io, { sudo: true });
}

/** Stops the supervised dockerd (and, with `includeSystemService`, a distribution's own docker service). */
export async function stopSupervised(shell: MachineShell, io: StepIo, options: { includeSystemService?: boolean; waitSeconds?: number } = {}): Promise<void> {
  const waitSeconds = options.waitSeconds ?? 40;
  await shell.run(remoteScript('stop dockerd', STOP_SUPERVISED, [SUPERVISOR_PIDFILE, String(waitSeconds), options.includeSystemService ? 'all' : 'supervised', SUPERVISOR_PATH]), io, {
    sudo: true,
    timeoutMs: (waitSeconds + 30) * 1000,
  });
}

export async function systemctl(shell: MachineShell, io: StepIo, args: string[], okCodes: readonly number[] | 'any' = [0]): Promise<void> {
  io.log(`$ systemctl ${args.join(' ')}`);
  await shell.run(['systemctl', ...args], io, { sudo: true, okCodes, timeoutMs: 120_000 });
}

/**
 * Waits until the engine answers on its local socket and listens on the TLS port. Fails early when
 * systemd reports the unit failed or the supervisor saw dockerd exit twice; the error carries the
 * tail of dockerd's log.
 */
export async function waitEngineReady(shell: MachineShell, io: StepIo, options: { systemd: boolean; timeoutMs?: number; port?: number | null }): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  // port null: only the local socket (an engine Wharf no longer configures).
  const needPort = options.port !== null;
  const port = options.port ?? ENGINE_TLS_PORT;
  const deadline = Date.now() + timeoutMs;
  let problem: Message | null = null;
  for (;;) {
    throwIfCancelled(io);
    const status = await engineStatus(shell, io, port);
    if (status.socket && (status.port || !needPort)) {
      io.log(needPort ? msg('driverText.log.dockerdAnswersPort', { port: String(port) }) : msg('driverText.log.dockerdAnswers'));
      return;
    }
    if (options.systemd && status.unit === 'failed') problem = msg('driverText.remote.unitFailed');
    else if (!options.systemd && status.exits >= 2) problem = msg('driverText.remote.dockerdExits', { count: status.exits });
    else if (!options.systemd && !status.supervisor && !status.dockerd) problem = msg('driverText.remote.nothingRuns');
    else if (Date.now() > deadline) problem = status.socket ? msg('driverText.remote.noPort', { port: String(port), seconds: Math.round(timeoutMs / 1000) }) : msg('driverText.remote.noSocket', { seconds: Math.round(timeoutMs / 1000) });
    if (problem) break;
    await pauseStep(io, 500);
  }
  const tail = await engineLogTail(shell, io, options.systemd).catch(() => '');
  throw new AppError(
    'ENGINE_ERROR',
    tail
      ? msg('driverText.remote.engineDownLog', { host: shell.host, problem: problem ?? '', source: options.systemd ? 'journalctl -u docker' : SUPERVISED_LOG_PATH, tail })
      : msg('driverText.remote.engineDownNoLog', { host: shell.host, problem: problem ?? '' }),
  );
}

/** Waits until no dockerd runs and the local socket no longer answers. */
export async function waitEngineStopped(shell: MachineShell, io: StepIo, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    throwIfCancelled(io);
    const status = await engineStatus(shell, io);
    if (!status.dockerd && !status.socket) return;
    if (Date.now() > deadline) throw new AppError('ENGINE_ERROR', msg('driverText.remote.stillRuns', { host: shell.host, seconds: Math.round(timeoutMs / 1000) }));
    await pauseStep(io, 500);
  }
}

/** True when the docker unit was started with Docker's separate containerd (so Wharf's drop-in keeps that). */
export async function unitUsesSystemContainerd(shell: MachineShell, io: StepIo): Promise<boolean> {
  const res = await shell.run(['systemctl', 'cat', 'docker.service'], io, { sudo: true, okCodes: 'any' });
  return res.code === 0 && res.stdout.includes(`--containerd=${SYSTEM_CONTAINERD_SOCKET}`);
}
