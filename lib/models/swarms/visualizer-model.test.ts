// The visualizer model: column order, which tasks show, card order, colours and tones, and caps on huge columns.
import { describe, expect, it } from 'vitest';
import type { NodeView, TaskView } from '@/lib/services/swarms/swarm-views.ts';
import { buildVisualizer, COLOURS, serviceColour, toneOf } from '@/lib/models/swarms/visualizer-model.ts';

function node(id: string, hostname: string, role: 'manager' | 'worker', options: Partial<NodeView> = {}): NodeView {
  return {
    id,
    hostname,
    role,
    availability: 'active',
    state: 'ready',
    stateMessage: null,
    managerStatus: role === 'manager' ? 'reachable' : null,
    engineVersion: '24.0.7',
    address: '10.99.0.1',
    cpus: 2,
    memoryBytes: 2e9,
    os: 'linux',
    architecture: 'x86_64',
    labels: {},
    runningTasks: 0,
    hostId: null,
    createdAt: '',
    updatedAt: '',
    version: 1,
    ...options,
  };
}

let seq = 0;
function task(nodeId: string | null, serviceName: string, options: Partial<TaskView> = {}): TaskView {
  seq += 1;
  return {
    id: `t${String(seq).padStart(5, '0')}`,
    serviceId: `svc-${serviceName}`,
    serviceName,
    slot: 1,
    nodeId,
    image: 'nginx:1.25',
    state: 'running',
    desiredState: 'running',
    message: '',
    error: null,
    exitCode: null,
    updatedAt: '',
    ...options,
  };
}

const NODES = [
  node('nw2', 'worker-b', 'worker'),
  node('nm10', 'lab-10', 'manager'),
  node('nw1', 'worker-a', 'worker', { availability: 'drain' }),
  node('nm2', 'lab-2', 'manager'),
  node('nm1', 'lab-1', 'manager', { managerStatus: 'leader' }),
];

const columnIds = (columns: { nodeId: string | null }[]) => columns.map((c) => c.nodeId);

describe('buildVisualizer', () => {
  it('managers first, then workers, each by hostname (lab-2 before lab-10); every node has a column', () => {
    const { columns, hidden } = buildVisualizer(NODES, []);
    expect(columnIds(columns)).toEqual(['nm1', 'nm2', 'nm10', 'nw1', 'nw2']);
    expect(columns.map((c) => c.hostname)).toEqual(['lab-1', 'lab-2', 'lab-10', 'worker-a', 'worker-b']);
    expect(columns[3]).toEqual({ nodeId: 'nw1', hostname: 'worker-a', role: 'worker', availability: 'drain', state: 'ready', cards: [], hidden: 0 });
    expect(hidden).toBe(0);
  });

  it('nothing at all: no columns', () => {
    expect(buildVisualizer([], [])).toEqual({ columns: [], hidden: 0 });
  });

  it('puts each task on its node\'s column as a card', () => {
    const t = task('nw2', 'web', { slot: 3 });
    const { columns } = buildVisualizer(NODES, [t]);
    expect(columns.find((c) => c.nodeId === 'nw2')!.cards).toEqual([
      { taskId: t.id, serviceId: 'svc-web', serviceName: 'web', slot: 3, state: 'running', desiredState: 'running', colour: serviceColour('svc-web'), tone: 'running' },
    ]);
    expect(columns.filter((c) => c.nodeId !== 'nw2').every((c) => c.cards.length === 0)).toBe(true);
  });

  it('an Unassigned column, last, only when tasks have no node', () => {
    expect(buildVisualizer(NODES, [task('nm1', 'web')]).columns.some((c) => c.nodeId === null)).toBe(false);
    const { columns } = buildVisualizer(NODES, [task(null, 'api', { state: 'pending' }), task('nm1', 'web')]);
    const last = columns[columns.length - 1];
    expect(last).toMatchObject({ nodeId: null, hostname: 'Unassigned', role: null, availability: null, state: null });
    expect(last.cards).toHaveLength(1);
    expect(last.cards[0].tone).toBe('pending');
  });

  it('tasks on a node the list no longer has: their own column, before Unassigned', () => {
    const { columns } = buildVisualizer(NODES, [task(null, 'api', { state: 'pending' }), task('gone00000000000000000000x', 'web'), task('nw1', 'web')]);
    expect(columnIds(columns)).toEqual(['nm1', 'nm2', 'nm10', 'nw1', 'nw2', 'gone00000000000000000000x', null]);
    expect(columns[5]).toMatchObject({ hostname: 'gone00000000', role: null, availability: null, state: null });
  });

  describe('which tasks show', () => {
    const cases: [string, string, boolean][] = [
      ['running', 'running', true],
      ['starting', 'running', true],
      ['preparing', 'running', true],
      ['assigned', 'running', true],
      ['pending', 'running', true],
      ['new', 'running', true],
      // Just failed, still wanted: the orchestrator has not replaced it yet.
      ['failed', 'running', true],
      ['rejected', 'running', true],
      // Being stopped, e.g. on a node being drained: shows until it is gone.
      ['running', 'shutdown', true],
      ['starting', 'shutdown', true],
      ['running', 'remove', true],
      ['shutdown', 'shutdown', false],
      ['complete', 'shutdown', false],
      ['failed', 'shutdown', false],
      ['rejected', 'shutdown', false],
      ['orphaned', 'shutdown', false],
      ['remove', 'remove', false],
      // A job's task runs towards "complete", and is history once it is.
      ['running', 'complete', true],
      ['complete', 'complete', false],
    ];

    it.each(cases)('%s, desired %s: shown %s by default', (state, desiredState, shown) => {
      const { columns } = buildVisualizer(NODES, [task('nm1', 'web', { state, desiredState })]);
      expect(columns[0].cards).toHaveLength(shown ? 1 : 0);
    });

    it('includeStopped shows all of them', () => {
      const tasks = cases.map(([state, desiredState]) => task('nm1', 'web', { state, desiredState }));
      expect(buildVisualizer(NODES, tasks, { includeStopped: true }).columns[0].cards).toHaveLength(cases.length);
      expect(buildVisualizer(NODES, tasks).columns[0].cards).toHaveLength(cases.filter((c) => c[2]).length);
    });

    it('a drain in progress: the old task stopping on the drained node, its replacement starting elsewhere', () => {
      const stopping = task('nw1', 'web', { slot: 1, state: 'running', desiredState: 'shutdown' });
      const replacement = task('nw2', 'web', { slot: 1, state: 'starting', desiredState: 'running' });
      const { columns } = buildVisualizer(NODES, [stopping, replacement]);
      expect(columns.find((c) => c.nodeId === 'nw1')!.cards.map((c) => c.tone)).toEqual(['stopping']);
      expect(columns.find((c) => c.nodeId === 'nw2')!.cards.map((c) => c.tone)).toEqual(['starting']);
    });
  });

  it('cards by service name, then slot (global tasks, without a slot, last), then task id', () => {
    const tasks = [
      task('nm1', 'web', { slot: 10 }),
      task('nm1', 'api', { slot: 2 }),
      task('nm1', 'web', { slot: 2 }),
      task('nm1', 'agent', { slot: null }),
      task('nm1', 'api', { slot: null }),
      task('nm1', 'api', { slot: 1 }),
      task('nm1', 'web', { slot: 2, state: 'failed' }),
    ];
    const cards = buildVisualizer(NODES, tasks).columns[0].cards;
    expect(cards.map((c) => `${c.serviceName}.${c.slot ?? '-'}`)).toEqual(['agent.-', 'api.1', 'api.2', 'api.-', 'web.2', 'web.2', 'web.10']);
    const sameSlot = cards.filter((c) => c.serviceName === 'web' && c.slot === 2).map((c) => c.taskId);
    expect(sameSlot).toEqual([...sameSlot].sort());
  });

  it('two services with the same name (one removed and recreated) stay apart, by id', () => {
    const cards = buildVisualizer(NODES, [task('nm1', 'web', { serviceId: 'svc-b', slot: 1 }), task('nm1', 'web', { serviceId: 'svc-a', slot: 2 })]).columns[0].cards;
    expect(cards.map((c) => c.serviceId)).toEqual(['svc-a', 'svc-b']);
  });

  describe('colours', () => {
    it('are the same for a service on every node and every call', () => {
      const tasks = ['nm1', 'nm2', 'nw1', null].map((id) => task(id, 'web', { serviceId: 'vq5n0w2m8xk3b7e9r1t4y6u0i' }));
      const colours = buildVisualizer(NODES, tasks).columns.flatMap((c) => c.cards.map((card) => card.colour));
      expect(colours).toHaveLength(4);
      expect(new Set(colours).size).toBe(1);
      expect(serviceColour('vq5n0w2m8xk3b7e9r1t4y6u0i')).toBe(colours[0]);
      expect(serviceColour('vq5n0w2m8xk3b7e9r1t4y6u0i')).toBe(serviceColour('vq5n0w2m8xk3b7e9r1t4y6u0i'));
    });

    it('are whole numbers from 0 to 11, and spread over services', () => {
      const ids = Array.from({ length: 500 }, (_, i) => `service-${i}-${(i * 7919).toString(36)}`);
      const colours = ids.map(serviceColour);
      expect(COLOURS).toBe(12);
      for (const colour of colours) {
        expect(Number.isInteger(colour)).toBe(true);
        expect(colour).toBeGreaterThanOrEqual(0);
        expect(colour).toBeLessThan(12);
      }
      expect(new Set(colours).size).toBe(12);
    });

    it('a service id of odd characters, or none, still gets a colour in range', () => {
      for (const id of ['', 'é', '🚢', 'x'.repeat(10_000)]) expect(serviceColour(id)).toBeGreaterThanOrEqual(0);
      expect(serviceColour('')).toBeLessThan(12);
    });

    it('are fixed values (FNV-1a test vectors): a change would repaint every user\'s swarm', () => {
      // FNV-1a 32 of "a" is 0xe40c292c, of "foobar" 0xbf9cf968.
      expect(serviceColour('a')).toBe(0xe40c292c % 12);
      expect(serviceColour('foobar')).toBe(0xbf9cf968 % 12);
      expect(serviceColour('web')).toBe(1);
      expect(serviceColour('vq5n0w2m8xk3b7e9r1t4y6u0i')).toBe(10);
    });
  });

  describe('tones', () => {
    it.each([
      ['running', 'running', 'running'],
      ['running', 'complete', 'running'],
      ['new', 'running', 'pending'],
      ['allocated', 'running', 'pending'],
      ['pending', 'running', 'pending'],
      ['assigned', 'running', 'starting'],
      ['accepted', 'running', 'starting'],
      ['preparing', 'running', 'starting'],
      ['ready', 'running', 'starting'],
      ['starting', 'running', 'starting'],
      ['ready', 'ready', 'starting'],
      ['running', 'shutdown', 'stopping'],
      ['running', 'remove', 'stopping'],
      ['pending', 'shutdown', 'stopping'],
      ['failed', 'running', 'failed'],
      ['failed', 'shutdown', 'failed'],
      ['rejected', 'shutdown', 'failed'],
      ['complete', 'shutdown', 'other'],
      ['shutdown', 'shutdown', 'other'],
      ['orphaned', 'shutdown', 'other'],
      ['remove', 'remove', 'other'],
      ['unknown', 'running', 'other'],
      ['melting', 'unknown', 'other'],
      ['running', 'unknown', 'running'],
    ] as const)('%s, desired %s → %s', (state, desired, tone) => {
      expect(toneOf(state, desired)).toBe(tone);
    });
  });

  describe('caps', () => {
    it('5000 pending tasks become at most maxCardsPerColumn cards; the rest are counted', () => {
      const pending = Array.from({ length: 5000 }, (_, i) => task(null, 'batch', { state: 'pending', slot: i + 1 }));
      const running = Array.from({ length: 80 }, (_, i) => task('nw2', 'web', { slot: i + 1 }));
      const few = [task('nm1', 'web', { slot: 1 })];
      const { columns, hidden } = buildVisualizer(NODES, [...pending, ...running, ...few], { maxCardsPerColumn: 60 });
      const unassigned = columns[columns.length - 1];
      expect(unassigned.cards).toHaveLength(60);
      expect(unassigned.hidden).toBe(4940);
      // The cap keeps the first cards in order: slots 1..60.
      expect(unassigned.cards.map((c) => c.slot)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      const nw2 = columns.find((c) => c.nodeId === 'nw2')!;
      expect(nw2.cards).toHaveLength(60);
      expect(nw2.hidden).toBe(20);
      expect(columns[0]).toMatchObject({ hidden: 0 });
      expect(columns[0].cards).toHaveLength(1);
      expect(hidden).toBe(4960);
    });

    it('a column exactly at the cap hides nothing', () => {
      const tasks = Array.from({ length: 5 }, (_, i) => task('nm1', 'web', { slot: i + 1 }));
      expect(buildVisualizer(NODES, tasks, { maxCardsPerColumn: 5 })).toMatchObject({ hidden: 0 });
    });

    it('no cap: every card', () => {
      const tasks = Array.from({ length: 300 }, (_, i) => task('nm1', 'web', { slot: i + 1 }));
      const model = buildVisualizer(NODES, tasks);
      expect(model.columns[0].cards).toHaveLength(300);
      expect(model.hidden).toBe(0);
    });

    it('a cap of 0 (or less) hides every card; a fractional cap rounds down; NaN means no cap', () => {
      const tasks = Array.from({ length: 3 }, (_, i) => task('nm1', 'web', { slot: i + 1 }));
      expect(buildVisualizer(NODES, tasks, { maxCardsPerColumn: 0 })).toMatchObject({ hidden: 3 });
      expect(buildVisualizer(NODES, tasks, { maxCardsPerColumn: -4 })).toMatchObject({ hidden: 3 });
      expect(buildVisualizer(NODES, tasks, { maxCardsPerColumn: 2.9 }).columns[0].cards).toHaveLength(2);
      expect(buildVisualizer(NODES, tasks, { maxCardsPerColumn: Number.NaN })).toMatchObject({ hidden: 0 });
    });

    it('hidden tasks are only the ones that would show: stopped ones do not count', () => {
      const tasks = [...Array.from({ length: 3 }, (_, i) => task('nm1', 'web', { slot: i + 1 })), task('nm1', 'web', { state: 'shutdown', desiredState: 'shutdown' })];
      expect(buildVisualizer(NODES, tasks, { maxCardsPerColumn: 1 }).hidden).toBe(2);
    });
  });

  it('does not reorder or change the arrays it is given', () => {
    const nodes = [...NODES];
    const tasks = [task('nm2', 'web'), task('nm1', 'api')];
    const copy = structuredClone(tasks);
    buildVisualizer(nodes, tasks, { maxCardsPerColumn: 1 });
    expect(nodes).toEqual(NODES);
    expect(tasks).toEqual(copy);
  });

  it('a node listed twice gets one column', () => {
    expect(buildVisualizer([...NODES, NODES[0]], []).columns).toHaveLength(5);
  });
});
