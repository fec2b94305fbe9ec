// What up does from what the host has: only what changed is recreated, as Compose does.
import { describe, expect, it } from 'vitest';
import { configHash } from './container-body.ts';
import { planUp, type ExistingContainer } from './plan-up.ts';
import { readProject } from './read-project.ts';

const project = readProject({
  projectName: 'shop',
  composeText: 'services:\n  web: {image: x, depends_on: [db], scale: 2}\n  db: {image: y, volumes: ["data:/d"]}\nvolumes: {data: {}, ext: {external: true}}\nnetworks: {default: {}}\n',
  variables: {},
  files: {},
}).project!;
const hash = (service: string) => configHash(project, project.services.find((s) => s.name === service)!);
const container = (id: string, service: string, number: number, o: { hash?: string; state?: string; version?: string; project?: string; oneoff?: string } = {}): ExistingContainer => ({
  id,
  name: `shop-${service}-${number}`,
  state: o.state ?? 'running',
  labels: {
    'com.docker.compose.project': o.project ?? 'shop',
    'com.docker.compose.service': service,
    'com.docker.compose.container-number': String(number),
    'com.docker.compose.config-hash': o.hash ?? hash(service),
    'com.docker.compose.version': o.version ?? '2.0.0+wharf',
    'com.docker.compose.oneoff': o.oneoff ?? 'False',
  },
});

describe('planUp', () => {
  it('force-recreates the services asked for, running or stopped, and leaves the others as they are', () => {
    const host = { containers: [container('d1', 'db', 1), container('w1', 'web', 1), container('w2', 'web', 2, { state: 'exited' })], networks: ['shop_default'], volumes: ['shop_data'] };
    const plan = planUp(project, host, {}, new Set(['web']));
    expect(plan.services.map((s) => [s.service, s.recreate.map((c) => [c.id, c.why]), s.keep.map((c) => c.id), s.start.map((c) => c.id)])).toEqual([
      ['db', [], ['d1'], []],
      ['web', [['w1', 'forced'], ['w2', 'forced']], [], []],
    ]);
  });

  it('on an empty host: networks, volumes, then every container, dependencies first', () => {
    const plan = planUp(project, { containers: [], networks: [], volumes: [] });
    expect(plan.networks.map((n) => n.name)).toEqual(['shop_default']);
    expect(plan.volumes.map((v) => v.name)).toEqual(['shop_data']);
    expect(plan.services.map((s) => [s.service, s.create])).toEqual([['db', [1]], ['web', [1, 2]]]);
    expect(plan.missing).toEqual([]);
  });

  it('again, unchanged: keeps what runs, starts what stopped, creates nothing', () => {
    const plan = planUp(project, { containers: [container('d1', 'db', 1), container('w1', 'web', 1), container('w2', 'web', 2, { state: 'exited' })], networks: ['shop_default'], volumes: ['shop_data'] });
    expect(plan.networks).toEqual([]);
    expect(plan.volumes).toEqual([]);
    expect(plan.services).toEqual([
      { service: 'db', hash: hash('db'), create: [], recreate: [], start: [], keep: [{ id: 'd1', name: 'shop-db-1', number: 1 }], remove: [] },
      { service: 'web', hash: hash('web'), create: [], recreate: [], start: [{ id: 'w2', name: 'shop-web-2', number: 2 }], keep: [{ id: 'w1', name: 'shop-web-1', number: 1 }], remove: [] },
    ]);
  });

  it('recreates only the service whose hash differs, and what docker-compose v1 made', () => {
    const plan = planUp(project, { containers: [container('d1', 'db', 1, { hash: 'old' }), container('w1', 'web', 1, { version: '1.29.2' }), container('w2', 'web', 2)], networks: [], volumes: [] });
    expect(plan.services[0].recreate).toEqual([{ id: 'd1', name: 'shop-db-1', number: 1, why: 'changed' }]);
    expect(plan.services[1].recreate).toEqual([{ id: 'w1', name: 'shop-web-1', number: 1, why: 'made by docker-compose v1' }]);
    expect(plan.services[1].keep).toEqual([{ id: 'w2', name: 'shop-web-2', number: 2 }]);
  });

  it('scales: removes numbers above the scale, fills gaps, ignores one-off runs and other projects, reports orphans', () => {
    const plan = planUp(
      project,
      {
        containers: [container('w3', 'web', 3), container('w1', 'web', 1), container('run', 'web', 7, { oneoff: 'True' }), container('other', 'web', 2, { project: 'shopx' }), container('old', 'cache', 1, { hash: 'gone' })],
        networks: [],
        volumes: [],
      },
      { web: 2 },
    );
    const web = plan.services[1];
    expect(web.remove.map((c) => c.id)).toEqual(['w3']);
    expect(web.create).toEqual([2]);
    expect(plan.orphans).toEqual([{ id: 'old', name: 'shop-cache-1', number: 1, service: 'cache' }]);
    expect(planUp(project, { containers: [container('w1', 'web', 1), container('w2', 'web', 2)], networks: [], volumes: [] }, { web: 0 }).services[1].remove.map((c) => c.id)).toEqual(['w1', 'w2']);
  });

  it('names external objects the host lacks', () => {
    const withExternal = readProject({ projectName: 'shop', composeText: 'services:\n  a: {image: x, volumes: ["ext:/e"], networks: [out]}\nvolumes: {ext: {external: true}}\nnetworks: {out: {external: true, name: shared}}\n', variables: {}, files: {} }).project!;
    expect(planUp(withExternal, { containers: [], networks: [], volumes: [] }).missing).toEqual(['network shared', 'volume ext']);
    expect(planUp(withExternal, { containers: [], networks: ['shared'], volumes: ['ext'] }).missing).toEqual([]);
  });
});
