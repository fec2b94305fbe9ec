// What "Duplicate" prefills the create form with: a container's configuration read from its
// engine and turned into the form's values (lib/models/containers/duplicate-container.ts). Its
// environment values go to the browser only for a reader the caller found may see them
// (container.env), and that read is audited as a reveal, as on the detail page.
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { msg } from '@/lib/i18n/message.ts';
import { duplicateFromInspect, type Duplicate, type InspectForForm } from '@/lib/models/containers/duplicate-container.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export type ContainerCopy = Duplicate & { from: string };

export async function readContainerCopy(deps: Deps, actor: Actor, ref: { hostId: string; containerId: string }, options: { withEnv: boolean }): Promise<ContainerCopy> {
  const engine = await hostEngine(deps, ref.hostId);
  const read = () => engine.call(msg('engineText.doing.readContainer', { name: ref.containerId.slice(0, 12) }), (api) => api.inspectContainer(ref.containerId));
  const inspect = options.withEnv
    ? await audited(deps.db, subjectOf(actor), 'container.env.reveal', { type: 'container', id: `${ref.hostId}/${ref.containerId.slice(0, 12)}`, name: `on ${engine.hostName}` }, read, (r) => ({ name: `${r.Name.replace(/^\//, '')} on ${engine.hostName}` }))
    : await read();
  return { ...duplicateFromInspect(inspect as InspectForForm, options), from: inspect.Name.replace(/^\//, '') };
}
