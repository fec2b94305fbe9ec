// Forgets a host after the user typed its name. The engine itself is not touched.
import { AppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';

export async function removeHost(deps: Pick<ServiceDeps, 'db' | 'changes'>, actor: Actor, input: { id: string; confirmName: string }): Promise<void> {
  const host = await deps.db.host.findUnique({ where: { id: input.id }, select: { id: true, name: true } });
  if (!host) throw new AppError('NOT_FOUND', 'That host does not exist.');
  if (input.confirmName.trim() !== host.name) {
    throw new AppError('INVALID_INPUT', `Type the host's name, ${host.name}, to confirm.`, { fieldErrors: { confirmName: ['The name does not match.'] } });
  }
  await audited(deps.db, subjectOf(actor), 'host.delete', { type: 'host', id: host.id, name: host.name }, async () => {
    await deps.db.host.delete({ where: { id: host.id } });
  });
  deps.changes.publish({ type: 'host.removed', hostId: host.id });
}
