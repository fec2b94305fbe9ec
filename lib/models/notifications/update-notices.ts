// The "update available" notices an update check raises: one per running container or service whose
// tag now points to another digest, keyed by the object and the new digest so a channel hears of
// each (object, digest) once however often the lists are checked. Pure.
import type { UpdateJudgement } from '@/lib/models/registries/image-updates.ts';
import type { EventScope, NotificationEvent } from './notifications.ts';

export type CheckedObject = { kind: 'container' | 'service'; id: string; name: string; scope: EventScope };
export type UpdateNotice = { event: NotificationEvent; dedupeKey: string };

export function updateNotices(checked: readonly CheckedObject[], judgements: Readonly<Record<string, UpdateJudgement>>, at: string): UpdateNotice[] {
  return checked.flatMap((object) => {
    const judgement = judgements[object.id];
    if (judgement?.state !== 'available') return [];
    const where = object.scope.hostName ?? object.scope.swarmName ?? '';
    return [{
      event: {
        event: 'update.available' as const,
        at,
        title: `Update available for ${object.kind} ${object.name}: ${judgement.image}`,
        text: `The registry has ${judgement.latest} for ${judgement.image}; ${object.kind} ${object.name}${where ? ` on ${where}` : ''} runs ${judgement.running ?? 'another digest'}.`,
        scope: object.scope,
      },
      dedupeKey: `update.available:${object.kind}:${object.id}:${judgement.latest}`,
    }];
  });
}
