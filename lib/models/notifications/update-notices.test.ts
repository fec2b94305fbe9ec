import { describe, expect, it } from 'vitest';
import { msg } from '@/lib/i18n/message.ts';
import type { UpdateJudgement } from '@/lib/models/registries/image-updates.ts';
import { updateNotices, type CheckedObject } from './update-notices.ts';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;
const AT = '2026-12-06T23:00:00.000Z';
const web: CheckedObject = { kind: 'service', id: 'svc1', name: 'shop_web', scope: { swarmId: 'sw1', stackName: 'shop' } };
const box: CheckedObject = { kind: 'container', id: 'c1', name: 'box', scope: { hostId: 'h1', hostName: 'lab-1' } };
const available = (image: string): UpdateJudgement => ({ state: 'available', image, running: OLD, latest: NEW, target: `${image}@${NEW}` });

describe('updateNotices', () => {
  it('raises one notice per object with an update, keyed by the object and the new digest', () => {
    const notices = updateNotices([web, box], { svc1: available('reg:5000/shop/web:1'), c1: available('busybox:1') }, AT);
    expect(notices).toEqual([
      {
        event: { event: 'update.available', at: AT, title: 'Update available for service shop_web: reg:5000/shop/web:1', text: `The registry has ${NEW} for reg:5000/shop/web:1; service shop_web runs ${OLD}.`, scope: web.scope },
        dedupeKey: `update.available:service:svc1:${NEW}`,
      },
      {
        event: { event: 'update.available', at: AT, title: 'Update available for container box: busybox:1', text: `The registry has ${NEW} for busybox:1; container box on lab-1 runs ${OLD}.`, scope: box.scope },
        dedupeKey: `update.available:container:c1:${NEW}`,
      },
    ]);
  });

  it('raises nothing for what is current, unknown, a task, or was not checked', () => {
    const judgements: Record<string, UpdateJudgement> = {
      svc1: { state: 'current', image: 'x:1', digest: NEW },
      c1: { state: 'unknown', image: 'x:1', reason: msg('imageUpdates.reasons.noTag', { image: 'x' }) },
      c2: { state: 'task', service: 'shop_web' },
    };
    expect(updateNotices([web, box, { ...box, id: 'c2' }, { ...box, id: 'c3' }], judgements, AT)).toEqual([]);
  });

  it('a newer digest for the same object is a new key; the same digest again is the same key', () => {
    const first = updateNotices([web], { svc1: available('r/web:1') }, AT)[0]!.dedupeKey;
    const again = updateNotices([web], { svc1: available('r/web:1') }, '2026-12-07T00:00:00.000Z')[0]!.dedupeKey;
    const newer = updateNotices([web], { svc1: { ...available('r/web:1'), latest: `sha256:${'c'.repeat(64)}` } as UpdateJudgement }, AT)[0]!.dedupeKey;
    expect(again).toBe(first);
    expect(newer).not.toBe(first);
  });
});
