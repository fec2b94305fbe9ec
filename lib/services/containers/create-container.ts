// Create and run a container from the form. The create body is judged by the workload policy on
// the host's engine (unless the actor may run unrestricted workloads there), each finding on the
// form field it comes from; a container that was created but could not start is removed again, so
// a failed run leaves nothing behind.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import type { CreateContainerInput } from '@/lib/schemas/containers.ts';
import { policyFor } from '@/lib/services/policy/effective-policy.ts';
import { judgeOnHost, refuseWorkload } from '@/lib/services/policy/guard-workload.ts';
import { requestFromContainerCreate, type PolicyPath } from '@/lib/services/policy/workload-policy.ts';
import type { ServiceDeps } from '../deps.ts';
import { toCreateBody } from '@/lib/models/containers/container-form.ts';
import { engineMessage, hostEngine, type HostEngine } from '../engine/index.ts';
import { ownerForCreate } from '../access/owner-for-create.ts';
import { withOwnerLabels } from '@/lib/models/access/containment.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;
const CREATE_MS = 30_000;

/** The form's field for a finding: toCreateBody puts the form's volumes, in order, in HostConfig.Mounts. */
const FORM_FIELDS: Record<string, string> = { mounts: 'volumes', network: 'network', privileged: 'privileged', image: 'image', memory: 'memoryMb', cpus: 'cpus', labels: 'labels' };
const formField = (at: PolicyPath): string | null => FORM_FIELDS[String(at[0])] ?? null;

/** Refuses (and audits) a create body asking for more than the actor's role allows on that host. */
export async function guardContainerCreate(db: Deps['db'], actor: Actor, engine: HostEngine, body: unknown, name: string): Promise<void> {
  if (can(actor, 'workload.unrestricted', { type: 'host', id: engine.hostId })) return;
  const policy = await policyFor(db, { type: 'host', id: engine.hostId });
  const violations = await engine.call(msg('engineText.doing.checkContainerPolicy'), (api) => judgeOnHost(api, engine.hostName, requestFromContainerCreate(body), policy));
  if (!violations.length) return;
  const lines = violations.map((v) => ({ ...v, said: v.at?.[0] === 'mounts' ? msg('policyText.line', { line: String(Number(v.at[1]) + 1), finding: v.said }) : v.said }));
  await refuseWorkload(db, actor, lines, {
    action: 'container.create',
    target: { type: 'container', id: engine.hostId, name: `${name} on ${engine.hostName}` },
    lead: msg('policyText.refusals.container', { name, host: engine.hostName }),
    advice: msg('policyText.refusals.containerAdvice'),
    fieldOf: formField,
  });
}

export async function createContainer(deps: Deps, actor: Actor, input: CreateContainerInput): Promise<{ hostId: string; id: string; name: string; started: boolean }> {
  const engine = await hostEngine(deps, input.hostId);
  // The owner's labels are Wharf's own (the schema refuses them in the form's labels).
  const owner = await ownerForCreate(deps, actor, input.teamId);
  const body = toCreateBody(input, actor.username, withOwnerLabels(input.labels, owner));
  const label = input.name ?? input.image;
  await guardContainerCreate(deps.db, actor, engine, body, label);
  return audited(deps.db, subjectOf(actor), 'container.create', { type: 'container', id: input.hostId, name: `${label} on ${engine.hostName}` }, async () => {
    const id = await engine.call(msg('engineText.doing.createTheContainer'), (api) => api.createContainer(body, input.name ?? undefined), { ms: CREATE_MS }).catch((error: AppError) => {
      if (error.code === 'NOT_FOUND' && /image/i.test(engineMessage(error.cause))) {
        throw new AppError('NOT_FOUND', msg('containers.errors.imageMissing', { image: input.image, host: engine.hostName }), { fieldErrors: { image: [issueText('containers.errors.imageMissingField', { image: input.image, host: engine.hostName })] } });
      }
      if (error.code === 'NOT_FOUND' && input.network) {
        throw new AppError('NOT_FOUND', msg('containers.errors.networkMissing', { network: input.network, host: engine.hostName }), { fieldErrors: { network: [issueText('containers.errors.networkMissingField', { network: input.network, host: engine.hostName })] } });
      }
      if (error.code === 'CONFLICT' && input.name) {
        throw new AppError('CONFLICT', msg('containers.errors.nameExists', { name: input.name, host: engine.hostName }), { fieldErrors: { name: [issueText('containers.errors.nameTaken', { name: input.name, host: engine.hostName })] } });
      }
      throw error;
    });
    const inspect = await engine.call(msg('engineText.doing.readNewContainer'), (api) => api.inspectContainer(id)).catch(() => ({ Name: input.name ?? id.slice(0, 12) }));
    const name = inspect.Name.replace(/^\//, '');
    if (!input.start) return { hostId: input.hostId, id, name, started: false };
    try {
      await engine.call(msg('engineText.doing.startContainer', { name }), (api) => api.changeContainerState(id, 'start'), { ms: CREATE_MS });
    } catch (error) {
      // Do not leave a container behind that the user did not get.
      await engine.call(msg('engineText.doing.removeContainer', { name }), (api) => api.removeContainer(id, { force: true, volumes: true })).catch(() => {});
      const failure = error as AppError;
      throw new AppError('ENGINE_ERROR', msg('containers.errors.startFailed', { host: engine.hostName, detail: engineMessage(failure.cause) || failure.message }), { cause: failure.cause });
    }
    return { hostId: input.hostId, id, name, started: true };
  }, (r) => ({ id: `${r.hostId}/${r.id.slice(0, 12)}`, name: `${r.name} on ${engine.hostName}` }));
}
