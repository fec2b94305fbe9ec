import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { compareStackDrift, describeDrift, type ServiceShape } from './stack-drift.ts';

const web: ServiceShape = { name: 'demo_web', image: 'local/busybox:latest', mode: 'replicated', replicas: 2 };
const worker: ServiceShape = { name: 'demo_worker', image: 'local/busybox:latest', mode: 'global', replicas: null };

describe('compareStackDrift', () => {
  it('finds nothing when the swarm runs what the revision asks', () => {
    expect(compareStackDrift([web, worker], [worker, web])).toEqual([]);
    expect(compareStackDrift([], [])).toEqual([]);
  });

  it('names a scale and an image change on the same service, replicas first', () => {
    expect(compareStackDrift([web], [{ ...web, replicas: 4, image: 'local/busybox:v2' }])).toEqual([
      {
        service: 'demo_web',
        kind: 'changed',
        changes: [
          { field: 'replicas', deployed: '2', running: '4' },
          { field: 'image', deployed: 'local/busybox:latest', running: 'local/busybox:v2' },
        ],
      },
    ]);
  });

  it('reports a changed mode instead of the replica counts it implies', () => {
    expect(compareStackDrift([web], [{ ...web, mode: 'global', replicas: null }])).toEqual([{ service: 'demo_web', kind: 'changed', changes: [{ field: 'mode', deployed: 'replicated', running: 'global' }] }]);
  });

  it('a replica count the service does not have is a dash in every language', () => {
    expect(compareStackDrift([{ ...web, replicas: null }], [{ ...web, replicas: 3 }])[0].changes).toEqual([{ field: 'replicas', deployed: '—', running: '3' }]);
  });

  it('a service scaled to 0 has drifted (0 is not "none")', () => {
    expect(compareStackDrift([web], [{ ...web, replicas: 0 }])[0].changes).toEqual([{ field: 'replicas', deployed: '2', running: '0' }]);
  });

  it('reports services removed by hand and services added with the stack label, sorted by name', () => {
    const extra: ServiceShape = { ...web, name: 'demo_adhoc' };
    expect(compareStackDrift([web, worker], [web, extra])).toEqual([
      { service: 'demo_adhoc', kind: 'added', changes: [] },
      { service: 'demo_worker', kind: 'missing', changes: [] },
    ]);
  });
});

describe('describeDrift', () => {
  const drift = compareStackDrift([web, worker], [{ ...web, replicas: 4, image: 'local/busybox:v2' }, { ...web, name: 'demo_adhoc' }]);

  it('says how each service differs, file first', () => {
    expect(drift.map((d) => renderMessage(describeDrift(d), 'en'))).toEqual([
      "demo_adhoc runs with the stack's label but is not in the file",
      'demo_web: replicas 2 in the file, 4 running; image local/busybox:latest in the file, local/busybox:v2 running',
      'demo_worker is in the file but no longer runs (it was removed outside the stack)',
    ]);
  });

  it('says it in Chinese too, with the names and values as they are', () => {
    expect(renderMessage(describeDrift(drift[1]), 'zh-CN')).toBe('demo_web：replicas 在文件中为 2，运行中为 4；image 在文件中为 local/busybox:latest，运行中为 local/busybox:v2');
  });
});
