// Volumes and networks created on a host from the console, on a real lab engine: made with their
// driver options, labels and addressing and audited; a name already taken refused on the name
// field; a bind volume and a macvlan network refused to an operator by the workload policy (on the
// field at fault, audited, nothing made); bad addressing refused by the schema before any engine.
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { AppError, localizeText } from '@/lib/errors.ts';
import { createHostNetworkSchema, createHostVolumeSchema } from '@/lib/schemas/containers.ts';
import { createHostNetwork } from '@/lib/services/containers/create-host-network.ts';
import { createHostVolume } from '@/lib/services/containers/create-host-volume.ts';
import { createTestDeps, labState, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';
import { auditLines } from '../support/audit-rows.ts';

const lab = labState();
const host = lab.hosts[0];
const run = randomBytes(3).toString('hex');
const docker = new Dockerode({ socketPath: host.socket });
const VOLUME = `obj-vol-${run}`;
const BIND = `obj-bind-${run}`;
const NETWORK = `obj-net-${run}`;
const MACVLAN = `obj-mac-${run}`;
let deps: TestDeps;
let operator: Actor;
let hostId: string;

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}

async function cleanUp() {
  for (const name of [VOLUME, BIND]) await docker.getVolume(name).remove().catch(() => {});
  for (const name of [NETWORK, MACVLAN]) await docker.getNetwork(name).remove().catch(() => {});
}

const volumeInput = (over: Record<string, unknown>) => createHostVolumeSchema.parse({ hostId, name: VOLUME, ...over });
const networkInput = (over: Record<string, unknown>) => createHostNetworkSchema.parse({ hostId, name: NETWORK, ...over });

beforeAll(async () => {
  await cleanUp();
  deps = await createTestDeps('host_objects');
  const admin = (await seedUser(deps.db, 'admin')).actor;
  operator = (await seedUser(deps.db, 'operator')).actor;
  hostId = await registerLabHost(deps, admin, host);
});

afterAll(async () => {
  await cleanUp();
  await deps?.close();
});

describe('volumes', () => {
  it('an operator makes a tmpfs volume with labels; it is audited, and the name cannot be used twice', async () => {
    const made = await createHostVolume(deps, operator, volumeInput({ options: 'type=tmpfs\ndevice=tmpfs\no=size=16m', labels: 'team=web' }));
    expect(made.message).toBe(`Volume ${VOLUME} created on ${host.name}.`);
    const inspect = await docker.getVolume(VOLUME).inspect();
    expect(inspect.Driver).toBe('local');
    expect(inspect.Options).toEqual({ type: 'tmpfs', device: 'tmpfs', o: 'size=16m' });
    expect(inspect.Labels).toEqual({ team: 'web', 'wharf.created-by': operator.username });
    expect(await auditLines(deps.db, { action: 'volume.create', actorId: operator.id, result: 'succeeded' })).toHaveLength(1);

    const twice = await failure(createHostVolume(deps, operator, volumeInput({})));
    expect(twice.code).toBe('CONFLICT');
    expect(twice.fieldErrors?.name).toHaveLength(1);
  });

  it('a bind of a host path is refused to an operator by the policy, on the options field, audited, and not made', async () => {
    const refused = await failure(createHostVolume(deps, operator, volumeInput({ name: BIND, options: 'type=none\no=bind\ndevice=/etc' })));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain(`Volume ${BIND} asks for more than your role allows on ${host.name}`);
    expect(refused.message).toContain('/etc');
    expect(Object.keys(refused.fieldErrors ?? {})).toEqual(['options']);
    expect(await auditLines(deps.db, { action: 'volume.create', actorId: operator.id, result: 'denied' })).toHaveLength(1);
    expect((await docker.listVolumes({ filters: JSON.stringify({ name: [BIND] }) })).Volumes ?? []).toHaveLength(0);
  });

  it('bad key=value lines are refused by the schema on their field', () => {
    const parsed = createHostVolumeSchema.safeParse({ hostId, name: VOLUME, labels: 'team' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['labels']);
  });
});

describe('networks', () => {
  it('an operator makes an internal bridge with a subnet, gateway and labels; audited; the name cannot be used twice', async () => {
    const made = await createHostNetwork(deps, operator, networkInput({ subnet: '10.231.7.0/24', gateway: '10.231.7.1', internal: true, labels: 'team=web' }));
    expect(made.message).toBe(`Network ${NETWORK} created on ${host.name}.`);
    const inspect = await docker.getNetwork(NETWORK).inspect();
    expect(inspect).toMatchObject({ Driver: 'bridge', Internal: true, Labels: { team: 'web', 'wharf.created-by': operator.username } });
    expect(inspect.IPAM?.Config).toEqual([{ Subnet: '10.231.7.0/24', Gateway: '10.231.7.1' }]);
    expect(await auditLines(deps.db, { action: 'network.create', actorId: operator.id, result: 'succeeded' })).toHaveLength(1);

    const twice = await failure(createHostNetwork(deps, operator, networkInput({})));
    expect(twice.code).toBe('CONFLICT');
    expect(twice.fieldErrors?.name).toHaveLength(1);
  });

  it("a macvlan network is refused to an operator by the policy's host network rule, on the driver field, audited, and not made", async () => {
    const refused = await failure(createHostNetwork(deps, operator, networkInput({ name: MACVLAN, driver: 'macvlan' })));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain(`Network ${MACVLAN} asks for more than your role allows on ${host.name}`);
    expect(Object.keys(refused.fieldErrors ?? {})).toEqual(['driver']);
    expect(localizeText(refused.fieldErrors!.driver[0], 'en')).toContain('macvlan');
    expect(await auditLines(deps.db, { action: 'network.create', actorId: operator.id, result: 'denied' })).toHaveLength(1);
    expect(await docker.listNetworks({ filters: JSON.stringify({ name: [MACVLAN] }) })).toHaveLength(0);
  });

  it('a gateway outside the subnet, or without one, is refused by the schema on the gateway field', () => {
    for (const over of [{ subnet: '10.231.7.0/24', gateway: '10.231.8.1' }, { gateway: '10.231.7.1' }]) {
      const parsed = createHostNetworkSchema.safeParse({ hostId, name: NETWORK, ...over });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['gateway']);
    }
  });
});
