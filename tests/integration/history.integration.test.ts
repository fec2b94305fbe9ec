// History on the lab: the sampler's rounds against a swarm host running a busy service and a
// plain container store points for the host and for the service (its tasks' containers); the
// sampler started by the inventory with a watched host stores points by itself; retention keeps
// each subject within 360 fine + 1,440 coarse rows however many rounds run; a user whose grants
// do not cover the host is refused its history and sees nothing of it on the dashboard; the
// dashboard's recent events list a container started on the host, and nothing to that user.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorizeAll } from '@/lib/auth/authorize.ts';
import { AppError } from '@/lib/errors.ts';
import { COARSE_POINTS, FINE_POINTS, historyPlan, type HistoryPoint } from '@/lib/models/history/history-math.ts';
import { serviceFormSchema } from '@/lib/schemas/services.ts';
import { HistorySampler } from '@/lib/services/history/history-sampler.ts';
import { readRecentEvents } from '@/lib/services/dashboard/read-recent-events.ts';
import { readHostHistory, readNodeHistory, readOverviewHistory, readServiceHistory } from '@/lib/services/history/read-history.ts';
import { recordRound, sampleHostHistory, type SamplerMemory } from '@/lib/services/history/sample-host-history.ts';
import { Inventory } from '@/lib/services/inventory/inventory.ts';
import { createSwarmService, readService, removeSwarmService } from '@/lib/services/swarm-services/manage-services.ts';
import { labState, seedUser, TestContainers, type TestDeps } from '../support/integration.ts';
import { leaveAllSwarms, swarmTestBed } from '../support/swarm-lab.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const hosts = lab.hosts.slice(0, 1);
const [l1] = hosts;
const mine = new TestContainers(new Dockerode({ socketPath: l1.socket }), 'history', lab.image);
let deps: TestDeps;
let inventory: Inventory;
let admin: Actor;
let swarmId: string;
let hostId: string;
let serviceId: string;
let plainId: string;
const busy = ['sh', '-c', 'trap "exit 0" TERM; while true; do :; done'];

beforeAll(async () => {
  await mine.removeAll();
  await leaveAllSwarms(hosts.map((h) => h.socket));
  ({ deps, inventory, admin, swarmId } = await swarmTestBed('history', 'hist', hosts));
  hostId = (await deps.db.host.findFirstOrThrow({ select: { id: true } })).id;
  const form = serviceFormSchema.parse({ swarmId, form: { image: lab.image, command: busy, name: 'hist-busy', replicas: 2 } }).form;
  serviceId = (await createSwarmService(deps, admin, swarmId, form)).id;
  await waitFor(async () => (await readService(deps, swarmId, serviceId)).tasks.filter((t) => t.state === 'running').length === 2, { timeoutMs: 60_000, what: 'two running tasks' });
  plainId = (await mine.start('plain', ['sleep', '600'])).id;
}, 180_000);

afterAll(async () => {
  inventory?.stop();
  if (serviceId) await removeSwarmService(deps, admin, { swarmId, serviceId, confirmName: 'hist-busy' }).catch(() => {});
  await mine.removeAll();
  await leaveAllSwarms(hosts.map((h) => h.socket));
  await deps?.close();
}, 120_000);

describe('the sampler', () => {
  it('stores points for the host and for the swarm service of its tasks, with CPU from the round before', async () => {
    const plan = historyPlan(10);
    let memory: SamplerMemory = { readings: new Map(), lastAt: null };
    const start = Date.now();
    // Rounds are stamped 10 s apart (the engine's own read times give the rates and CPU %).
    for (let i = 0; i < 3; i++) memory = await sampleHostHistory(deps, hostId, memory, plan, new Date(start + i * 10_000));
    const rows = await deps.db.historyPoint.findMany({ where: { hostId, resolution: 10 }, orderBy: { at: 'asc' } });
    const hostRows = rows.filter((r) => r.subjectType === 'host');
    const serviceRows = rows.filter((r) => r.subjectType === 'service' && r.subjectId === serviceId);
    expect(hostRows).toHaveLength(3);
    expect(serviceRows).toHaveLength(3);
    // Two tasks and the plain container on the host; the service counts only its tasks.
    expect(hostRows.at(-1)?.containers).toBeGreaterThanOrEqual(3);
    expect(serviceRows.at(-1)?.containers).toBe(2);
    // The first round has nothing to compare CPU with; the next ones see the busy loops.
    expect(hostRows[0].cpuPercent).toBeNull();
    expect(serviceRows.at(-1)?.cpuPercent ?? 0).toBeGreaterThan(10);
    expect(hostRows.at(-1)?.memoryUsed ?? 0).toBeGreaterThan(0);
    expect(hostRows.at(-1)?.netRxRate).not.toBeNull();

    const hostHistory = await readHostHistory(deps, plan, hostId, 'hour', new Date(start + 20_000));
    expect(hostHistory.series.times).toHaveLength(3);
    const serviceHistory = await readServiceHistory(deps, plan, serviceId, 'hour', new Date(start + 20_000));
    expect(serviceHistory.series.cpuPercent.at(-1) ?? 0).toBeGreaterThan(10);
    const node = (await deps.db.host.findUniqueOrThrow({ where: { id: hostId }, select: { facts: true } })).facts as { swarm: { nodeId: string } };
    const nodeHistory = await readNodeHistory(deps, plan, node.swarm.nodeId, 'hour', new Date(start + 20_000));
    expect(nodeHistory?.hostId).toBe(hostId);
    expect(nodeHistory?.series.times).toEqual(hostHistory.series.times);
    await deps.db.historyPoint.deleteMany({});
  }, 60_000);

  it('runs with the host it belongs to, on the inventory that watches it', async () => {
    inventory.stop();
    const plan = historyPlan(1);
    const sampling = new Inventory({ ...deps, companions: (id) => [new HistorySampler(id, deps, plan)] });
    try {
      await sampling.start();
      await waitFor(async () => (await deps.db.historyPoint.count({ where: { hostId, subjectType: 'host', resolution: 1, cpuPercent: { not: null } } })) >= 2, { timeoutMs: 20_000, what: 'sampled points' });
      expect(await deps.db.historyPoint.count({ where: { subjectType: 'service', subjectId: serviceId } })).toBeGreaterThan(0);
    } finally {
      sampling.stop();
    }
    // Stopped with its host's watcher: no more points.
    const count = await deps.db.historyPoint.count();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await deps.db.historyPoint.count()).toBe(count);
    await deps.db.historyPoint.deleteMany({});
  }, 60_000);
});

describe('retention', () => {
  it(`keeps at most ${FINE_POINTS} fine and ${COARSE_POINTS} coarse rows per subject, however many rounds`, async () => {
    const plan = historyPlan(10);
    const point = (subjectType: 'host' | 'service', subjectId: string, at: Date): HistoryPoint => ({ subjectType, subjectId, at, cpuPercent: 5, memoryUsed: 1000, netRxRate: 1, netTxRate: 1, blockReadRate: 0, blockWriteRate: 0, containers: 1 });
    let at = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    let previous: Date | null = null;
    const round = async () => {
      await recordRound(deps.db, hostId, [point('host', hostId, at), point('service', serviceId, at)], at, previous, plan);
      previous = at;
    };
    // 400 rounds at 10 s: past the hour of fine points.
    for (let i = 0; i < 400; i++) {
      await round();
      at = new Date(at.getTime() + 10_000);
    }
    expect(await deps.db.historyPoint.count({ where: { subjectType: 'host', resolution: 10 } })).toBe(FINE_POINTS);
    // Then 1,500 rounds a minute apart (a slow clock): past the day of coarse points.
    for (let i = 0; i < 1500; i++) {
      await round();
      at = new Date(at.getTime() + 60_000);
    }
    for (const [subjectType, subjectId] of [['host', hostId], ['service', serviceId]]) {
      const fine = await deps.db.historyPoint.count({ where: { subjectType, subjectId, resolution: 10 } });
      const coarse = await deps.db.historyPoint.count({ where: { subjectType, subjectId, resolution: 60 } });
      expect(fine).toBeLessThanOrEqual(FINE_POINTS);
      expect(coarse).toBe(COARSE_POINTS);
      expect(fine + coarse).toBeLessThanOrEqual(FINE_POINTS + COARSE_POINTS);
    }
    const day = await readHostHistory(deps, plan, hostId, 'day', previous ?? at);
    expect(day.series.times.length).toBeGreaterThan(1400);
    expect(day.series.cpuPercent.every((v) => v === 5)).toBe(true);
  }, 300_000);
});

describe('access', () => {
  it('refuses a host’s history to a user without grants on it, and leaves it out of their dashboard', async () => {
    await sampleHostHistory(deps, hostId, { readings: new Map(), lastAt: null }, historyPlan(10), new Date());
    const outsider = (await seedUser(deps.db, 'none')).actor;
    const refused = await authorizeAll(deps.db, outsider, { permission: 'host.view', target: { type: 'host', id: hostId } }).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    const theirs = await readOverviewHistory(deps, historyPlan(10), outsider);
    expect(theirs.hosts).toBe(0);
    expect(theirs.series.times).toEqual([]);
    const admins = await readOverviewHistory(deps, historyPlan(10), admin);
    expect(admins.hosts).toBe(1);
    expect(admins.series.times.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('the dashboard’s recent events', () => {
  it('lists the containers started on the hosts a user may see, newest first, each linked to its page', async () => {
    // Restarted now, so its start is among the newest of a lab engine other tests use too.
    await new Dockerode({ socketPath: l1.socket }).getContainer(plainId).restart({ t: 0 });
    const events = await readRecentEvents(deps, admin);
    const start = events.find((e) => e.action === 'start' && e.href === `/containers/${hostId}/${plainId}`);
    expect(start, JSON.stringify(events.slice(0, 5))).toBeDefined();
    expect(start?.name).toMatch(/^wharf-plain-/);
    expect(events.map((e) => e.time)).toEqual([...events.map((e) => e.time)].sort().reverse());
    const outsider = (await seedUser(deps.db, 'none')).actor;
    expect(await readRecentEvents(deps, outsider)).toEqual([]);
  }, 30_000);
});
