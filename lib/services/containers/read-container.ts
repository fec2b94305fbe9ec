// One container in detail: inspect (environment values masked), its processes when it runs, and
// revealing the environment values — a separate, audited step for those allowed.
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { envEntries, toContainerDetail, type ContainerDetail, type EnvEntry } from '../../models/containers/container-views.ts';
import { call, hostEngine } from '../engine/host-engine.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;
type Ref = { hostId: string; containerId: string };
type Top = { Titles?: string[]; Processes?: string[][] };

export async function readContainer(deps: Deps, ref: Ref): Promise<ContainerDetail> {
  const engine = await hostEngine(deps, ref.hostId);
  const container = engine.docker.getContainer(ref.containerId);
  return engine
    .within(async (signal) => {
      const inspect = await call<{ State?: { Running?: boolean; Paused?: boolean } }>(container, container.inspect, { abortSignal: signal });
      // A process list is only there while the container runs; a failure to read it is not a failure of the page.
      const top = inspect.State?.Running && !inspect.State.Paused ? await call<Top>(container, container.top, { ps_args: 'aux', abortSignal: signal }).catch(() => call<Top>(container, container.top, { abortSignal: signal })).catch(() => null) : null;
      return toContainerDetail(inspect, { hostId: ref.hostId, hostName: engine.hostName }, { reveal: false, top });
    })
    .catch((error: unknown) => {
      throw engine.fail(error, `read container ${ref.containerId.slice(0, 12)}`);
    });
}

/** The environment with its values. The caller has checked container.env; every reveal is audited. */
export async function revealContainerEnv(deps: Deps, actor: Actor, ref: Ref): Promise<EnvEntry[]> {
  const engine = await hostEngine(deps, ref.hostId);
  const container = engine.docker.getContainer(ref.containerId);
  return audited(deps.db, subjectOf(actor), 'container.env.reveal', { type: 'container', id: `${ref.hostId}/${ref.containerId.slice(0, 12)}`, name: `on ${engine.hostName}` }, async () => {
    const inspect = await engine.within((signal) => call<{ Name?: string; Config?: { Env?: string[] } }>(container, container.inspect, { abortSignal: signal })).catch((error: unknown) => {
      throw engine.fail(error, `read container ${ref.containerId.slice(0, 12)}`);
    });
    return { name: (inspect.Name ?? '').replace(/^\//, ''), env: envEntries(inspect.Config?.Env, true) };
  }, (r) => ({ name: `${r.name} on ${engine.hostName}` })).then((r) => r.env);
}
