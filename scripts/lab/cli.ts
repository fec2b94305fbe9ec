// Command line for the Wharf test lab: `npm run lab -- up [--hosts N] | down | status | engine stop|start <host> | smoke`.
import { LabError, labDown, labStatus, labUp, readLabState, resetLabMachine, startEngine, stopEngine } from './index.ts';
import { labSmoke } from './smoke.ts';
import { startLabBalancer, stopLabBalancer } from './balancer.ts';
import { LAB_NODE_IMAGE, LAB_POSTGRES_IMAGE, ensureLabBaseImages } from './base-images.ts';

const USAGE = `usage: npm run lab -- <command>
  up [--hosts N]            create or repair the lab (default 3 hosts; never removes hosts); prints the LabState JSON
  down                      stop and remove everything the lab made
  status                    print the LabState JSON plus liveness ("live"); exit 1 when not fully up
  engine stop <host>        stop a host's dockerd (e.g. lab-2, lab-ssh)
  engine start <host>       start it again and wait for /_ping
  machine reset <machine>   put a bare machine (lab-m1, lab-m2) back as up made it (kills what runs there)
  base-images [host…]       build (once) and import ${LAB_NODE_IMAGE} and ${LAB_POSTGRES_IMAGE} into these hosts' engines (default lab-1)
  balancer start <name> <port>…  haproxy on 127.0.0.1 in front of console replicas on these ports (round robin, checks on /readyz); prints its JSON
  balancer stop <name>      stop it (down stops every balancer)
  smoke                     check a running lab: engine TLS, SSH host, machines, engine stop/start, 2-node swarm, registry
Environment: WHARF_LAB_DIR (default /tmp/wharf-lab), WHARF_LAB_QUIET=1 (no progress lines),
             WHARF_LAB_NO_BROWSER=1 (do not install chromium).`;

function parseHosts(args: string[]): number | undefined {
  let hosts: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v: string | undefined;
    if (a === '--hosts' || a === '-n') v = args[++i];
    else if (a.startsWith('--hosts=')) v = a.slice('--hosts='.length);
    else throw new LabError('cli', `unknown option ${a}\n${USAGE}`);
    if (v === undefined || !/^\d+$/.test(v)) throw new LabError('cli', `--hosts needs a number\n${USAGE}`);
    hosts = Number(v);
  }
  return hosts;
}

const seconds = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const t = Date.now();
  switch (cmd) {
    case 'up': {
      const state = await labUp({ hosts: parseHosts(rest) });
      process.stdout.write(JSON.stringify(state, null, 2) + '\n');
      process.stderr.write(`lab up (${state.hosts.length} hosts + ${state.ssh.name} + ${state.machines.length} machines) in ${seconds(t)}\n`);
      return 0;
    }
    case 'down':
      if (rest.length) throw new LabError('cli', `down takes no arguments\n${USAGE}`);
      await labDown();
      process.stderr.write(`lab down in ${seconds(t)}\n`);
      return 0;
    case 'status': {
      const { state, live } = await labStatus();
      process.stdout.write(JSON.stringify({ ...(state ?? { dir: live.dir }), live }, null, 2) + '\n');
      if (!state) process.stderr.write(`lab is not up (no state in ${live.dir})\n`);
      else if (!live.up) process.stderr.write('lab is not fully up: see "live" (run `npm run lab -- up` to repair)\n');
      return live.up ? 0 : 1;
    }
    case 'engine': {
      const [action, host, ...extra] = rest;
      if (!host || extra.length || (action !== 'stop' && action !== 'start')) throw new LabError('cli', `engine needs stop|start <host>\n${USAGE}`);
      if (action === 'stop') await stopEngine(host);
      else await startEngine(host);
      process.stderr.write(`engine ${host} ${action === 'stop' ? 'stopped' : 'started'} in ${seconds(t)}\n`);
      return 0;
    }
    case 'machine': {
      const [action, name, ...extra] = rest;
      if (!name || extra.length || action !== 'reset') throw new LabError('cli', `machine needs reset <machine>\n${USAGE}`);
      const state = await readLabState();
      if (!state) throw new LabError('cli', 'no lab state: run `npm run lab -- up` first');
      await resetLabMachine(state, name);
      process.stderr.write(`machine ${name} reset in ${seconds(t)}\n`);
      return 0;
    }
    case 'base-images': {
      const state = await readLabState();
      if (!state) throw new LabError('cli', 'no lab state: run `npm run lab -- up` first');
      const names = rest.length ? rest : [state.hosts[0].name];
      const sockets = names.map((name) => {
        const host = state.hosts.find((h) => h.name === name);
        if (!host) throw new LabError('cli', `no lab host ${name}\n${USAGE}`);
        return host.socket;
      });
      const imported = await ensureLabBaseImages(sockets);
      for (const [i, socket] of sockets.entries()) process.stderr.write(`${names[i]}: ${imported[socket].length ? `imported ${imported[socket].join(', ')}` : 'already has the base images'}\n`);
      process.stderr.write(`base images ready in ${seconds(t)}\n`);
      return 0;
    }
    case 'balancer': {
      const [action, name, ...ports] = rest;
      if (action === 'start' && name && ports.length && ports.every((p) => /^\d+$/.test(p))) {
        const balancer = await startLabBalancer({ name, servers: ports.map((port, i) => ({ name: `replica-${i + 1}`, port: Number(port) })) });
        process.stdout.write(JSON.stringify(balancer, null, 2) + '\n');
        return 0;
      }
      if (action === 'stop' && name && ports.length === 0) {
        await stopLabBalancer(name);
        return 0;
      }
      throw new LabError('cli', `balancer needs start <name> <port>… or stop <name>\n${USAGE}`);
    }
    case 'smoke':
      await labSmoke();
      process.stderr.write(`lab smoke test passed in ${seconds(t)}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE + '\n');
      return cmd === undefined ? 2 : 0;
    default:
      throw new LabError('cli', `unknown command ${cmd}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`lab failed: ${msg}\n`);
    process.exit(1);
  },
);
