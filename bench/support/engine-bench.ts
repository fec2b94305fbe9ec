// Shared by the benchmarks that measure one engine through the console against the engine itself
// (log follow, terminal round trip, stream load, event latency): containers labelled
// wharf.bench=<name>, and lab-4's engine with a production console whose only host it is.
import Dockerode from 'dockerode';
import { labUp, type HostState, type LabState } from '@/scripts/lab/index.ts';
import type { BenchContext } from './benchmark.ts';
import { onCleanup } from './cleanup.ts';
import { startBenchConsole, type BenchConsole } from './console.ts';

export const BENCH_LABEL = 'wharf.bench';

/** Force-removes every container labelled wharf.bench=<value>; returns how many there were. */
export async function removeLabelled(docker: Dockerode, value: string): Promise<number> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${BENCH_LABEL}=${value}`] } });
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const c = list[next++];
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch((error: { statusCode?: number }) => {
          if (error.statusCode !== 404 && error.statusCode !== 409) throw error; // gone, or already being removed
        });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return list.length;
}

/** Creates and starts a container labelled wharf.bench=<label> (no network, stopped fast). */
export async function startContainer(docker: Dockerode, options: { name: string; image: string; cmd: string[]; label: string }): Promise<string> {
  const container = await docker.createContainer({
    name: options.name,
    Image: options.image,
    Cmd: options.cmd,
    Labels: { [BENCH_LABEL]: options.label },
    StopTimeout: 1,
    HostConfig: { NetworkMode: 'none' },
  });
  await container.start();
  return container.id;
}

export type EngineBench = { lab: LabState; engine: HostState; docker: Dockerode; con: BenchConsole; hostId: string; log: BenchContext['log'] };

/**
 * Runs `measure` on lab-4's engine (lab-1..3 belong to the test suite), cleared of the containers an
 * earlier run of benchmark `name` left, with a production console attached to that engine alone and
 * up. However `measure` ends, the console is stopped and the benchmark's containers are removed.
 */
/** lab-4's engine cleared of what an earlier run of benchmark `name` left; its containers are removed at cleanup unless undone. */
export async function benchEngine(name: string, log: BenchContext['log']): Promise<{ lab: LabState; engine: HostState; docker: Dockerode; undoContainers: () => void }> {
  const lab = await labUp({ hosts: 4 });
  const engine = lab.hosts[3];
  const docker = new Dockerode({ socketPath: engine.socket });
  const leftovers = await removeLabelled(docker, name);
  if (leftovers) log(`removed ${leftovers} containers left by an earlier run`);
  const undoContainers = onCleanup(`${name} containers`, async () => void (await removeLabelled(docker, name)));
  return { lab, engine, docker, undoContainers };
}

export async function withEngineBench<T>({ pg, log }: BenchContext, name: string, measure: (bench: EngineBench) => Promise<T>): Promise<T> {
  const { lab, engine, docker, undoContainers } = await benchEngine(name, log);
  const con = await startBenchConsole({ pg, name: name.replaceAll('-', '_'), hosts: [engine], log });
  try {
    await con.waitHostsUp();
    return await measure({ lab, engine, docker, con, hostId: con.hosts[0].id, log });
  } finally {
    await con.stop();
    undoContainers();
    const n = await removeLabelled(docker, name);
    log(`removed ${n} benchmark containers from ${engine.name}`);
  }
}
