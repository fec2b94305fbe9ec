// Smoke test of a running lab (`npm run lab -- smoke`): engine TLS, SSH host, engine stop/start, a 2-node swarm, registry push/pull.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostState, LabState } from './state.ts';
import { IMAGE, readLabState } from './state.ts';
import { startEngine, stopEngine } from './index.ts';
import { sshArgs } from './ssh-host.ts';
import { verifyMachine } from './machines.ts';
import { dockerPing, httpRequest, tcpOpen } from './http.ts';
import { LabError, childEnv, progress, run, waitFor } from './run.ts';

function docker(dockerConfig: string, host: string, args: string[], opts: { allowFail?: boolean; input?: string; tls?: string[] } = {}) {
  return run('docker', ['-H', host, ...(opts.tls ?? []), ...args], {
    allowFail: opts.allowFail,
    input: opts.input,
    timeoutMs: 60_000,
    env: childEnv({ DOCKER_CONFIG: dockerConfig }),
  });
}

async function step(name: string, fn: () => Promise<void>): Promise<void> {
  const t = Date.now();
  try {
    await fn();
  } catch (e) {
    throw new LabError(`smoke: ${name}`, (e as Error).message);
  }
  progress(`ok  ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

export async function labSmoke(): Promise<void> {
  const state: LabState | null = await readLabState();
  if (!state) throw new LabError('smoke', 'no lab state: run `npm run lab -- up` first');
  if (state.hosts.length < 2) throw new LabError('smoke', 'needs at least 2 hosts');
  const [h1, h2] = state.hosts as [HostState, HostState];
  const cfg = mkdtempSync(join(tmpdir(), 'wharf-lab-smoke-'));
  const tcp = (h: HostState) => `tcp://${h.tcp.host}:${h.tcp.port}`;
  const good = ['--tlsverify', '--tlscacert', state.tls.caCert, '--tlscert', state.tls.clientCert, '--tlskey', state.tls.clientKey];
  const wrong = ['--tlsverify', '--tlscacert', state.tls.caCert, '--tlscert', state.tls.wrongClientCert, '--tlskey', state.tls.wrongClientKey];
  try {
    await step('engine TLS: lab client cert accepted, wrong client cert refused', async () => {
      const ok = await docker(cfg, tcp(h1), ['info', '--format', '{{.Name}}'], { tls: good });
      if (ok.stdout.trim() !== h1.name) throw new Error(`docker info over TLS named "${ok.stdout.trim()}"`);
      const bad = await docker(cfg, tcp(h1), ['info', '--format', '{{.Name}}'], { tls: wrong, allowFail: true });
      if (bad.code === 0) throw new Error('the wrong client certificate was accepted');
    });

    await step('SSH host: docker info over ssh, unauthorized key refused', async () => {
      const info = await run('ssh', [...sshArgs(state.ssh, state.ssh.privateKey, false), "docker info --format '{{.Name}}'"], { timeoutMs: 30_000 });
      if (info.stdout.trim() !== state.ssh.name) throw new Error(`ssh docker info named "${info.stdout.trim()}"`);
      const bad = await run('ssh', [...sshArgs(state.ssh, state.ssh.wrongPrivateKey, false), 'true'], { allowFail: true, timeoutMs: 30_000 });
      if (bad.code === 0) throw new Error('the unauthorized key was accepted');
    });

    await step('machines: root login and hostname, no root or sudo for the non-root user, wrong key refused, private /usr/local', async () => {
      if (!state.machines?.length) throw new Error('the lab state has no machines (run `npm run lab -- up`)');
      await Promise.all(state.machines.map((m) => verifyMachine(m)));
    });

    await step(`engine stop/start ${h2.name}`, async () => {
      await stopEngine(h2.name);
      if (await dockerPing(h2.socket, 1_000)) throw new Error('socket still answers after stop');
      if (await tcpOpen(h2.tcp.host, h2.tcp.port)) throw new Error(`${h2.tcp.host}:${h2.tcp.port} still accepts connections after stop`);
      await startEngine(h2.name);
      if (!(await dockerPing(h2.socket))) throw new Error('no /_ping after start');
    });

    await step(`swarm: init on ${h1.name}, ${h2.name} joins, 2-replica service spreads, leave`, async () => {
      const u1 = h1.dockerHost;
      const u2 = h2.dockerHost;
      await docker(cfg, u1, ['swarm', 'init', '--advertise-addr', h1.address]);
      try {
        const token = (await docker(cfg, u1, ['swarm', 'join-token', '-q', 'worker'])).stdout.trim();
        await docker(cfg, u2, ['swarm', 'join', '--token', token, `${h1.address}:2377`]);
        await docker(cfg, u1, ['service', 'create', '-d', '--name', 'lab-smoke', '--replicas', '2', '--stop-grace-period', '1s', '--placement-pref', 'spread=node.hostname', IMAGE, 'sleep', '1000']);
        await waitFor(
          'both tasks running on distinct nodes',
          async () => {
            const ps = await docker(cfg, u1, ['service', 'ps', 'lab-smoke', '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}']);
            const running = ps.stdout.split('\n').filter((l) => / Running /.test(l + ' ')).map((l) => l.split(' ')[0]);
            return new Set(running).size === 2 && running.includes(h1.name) && running.includes(h2.name);
          },
          60_000,
          500,
        );
        await docker(cfg, u1, ['service', 'rm', 'lab-smoke']);
      } finally {
        await docker(cfg, u2, ['swarm', 'leave', '--force'], { allowFail: true });
        await docker(cfg, u1, ['swarm', 'leave', '--force'], { allowFail: true });
      }
    });

    await step('registry: login, push from one engine, pull on another, delete', async () => {
      const r = state.registry;
      const ref = `${r.url}/lab-smoke/busybox:smoke`;
      await docker(cfg, h2.dockerHost, ['login', '-u', r.username, '--password-stdin', r.url], { input: r.password + '\n' });
      await docker(cfg, h2.dockerHost, ['tag', IMAGE, ref]);
      await docker(cfg, h2.dockerHost, ['push', ref]);
      await docker(cfg, h1.dockerHost, ['login', '-u', r.username, '--password-stdin', r.url], { input: r.password + '\n' });
      await docker(cfg, h1.dockerHost, ['pull', ref]);
      await docker(cfg, h1.dockerHost, ['rmi', ref]);
      await docker(cfg, h2.dockerHost, ['rmi', ref]);
      const auth = { Authorization: 'Basic ' + Buffer.from(`${r.username}:${r.password}`).toString('base64') };
      const head = await httpRequest({
        host: r.host,
        port: r.port,
        method: 'HEAD',
        path: '/v2/lab-smoke/busybox/manifests/smoke',
        headers: { ...auth, Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
      });
      const digest = head.headers['docker-content-digest'];
      if (head.status !== 200 || typeof digest !== 'string') throw new Error(`manifest HEAD answered ${head.status}`);
      const del = await httpRequest({ host: r.host, port: r.port, method: 'DELETE', path: `/v2/lab-smoke/busybox/manifests/${digest}`, headers: auth });
      if (del.status !== 202) throw new Error(`manifest DELETE answered ${del.status}`);
    });
  } finally {
    rmSync(cfg, { recursive: true, force: true });
  }
}
