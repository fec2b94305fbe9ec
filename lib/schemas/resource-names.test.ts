// Case 10 of docs/security.md: a name or id that could be a path (../../etc, an absolute path) or
// carries NUL or control characters is refused on every operation — create, read, update, delete —
// because every door parses its input with these schemas (actions, sockets) or checks its path
// segments with isIdSegment (routes) before anything else runs.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { containerRefSchema as containerActionSchema, createContainerSchema, removeContainerSchema, removeVolumeSchema as removeHostVolumeSchema, renameContainerSchema } from './containers.ts';
import { registerHostSchema, removeHostSchema, updateHostSchema } from './hosts.ts';
import { isIdSegment } from './ids.ts';
import { provisionJobIdSchema, startProvisionSchema } from './provision.ts';
import { createNetworkSchema, createObjectSchema, removeServiceSchema, removeVolumeSchema as removeNodeVolumeSchema, scaleServiceSchema, serviceFormSchema } from './services.ts';
import { deployStackSchema, recordStackStateSchema, removeStackSchema, rollbackStackSchema, stackNameSchema, stackRefSchema, validateStackSchema } from './stacks.ts';
import { execOpenSchema, logFollowSchema, statsWatchSchema } from './streams.ts';
import { initSwarmSchema, removeNodeSchema } from './swarms.ts';
import { changeRoleSchema, createUserSchema } from './users.ts';

const BAD = ['../../etc', '..', '/etc/passwd', '/', 'a/b', 'web\u0000', 'a\u0000b', 'a\u0001b', 'we\nb', '\u001b[31mred', 'a\u007fb'];

const HOST = 'cmabcdefghijklmnopqrstuvw';
const SWARM = 'abcdefghij0123456789abcde';
const CONTAINER = 'a'.repeat(64);
const composeText = 'services:\n  web: {image: nginx}\n';

type Case = [operation: string, schema: z.ZodType, input: (value: string) => unknown, good: string];

const CASES: Case[] = [
  // Stacks: deploy creates and updates, validate and the detail pages read, rollback updates, remove deletes.
  ['stack deploy', deployStackSchema, (stackName) => ({ swarmId: SWARM, stackName, composeText }), 'web'],
  ['stack validate', validateStackSchema, (stackName) => ({ stackName, composeText }), 'web'],
  ['stack page', stackRefSchema, (stackName) => ({ swarmId: SWARM, stackName }), 'web'],
  ['stack rollback', rollbackStackSchema, (stackName) => ({ swarmId: SWARM, stackName, toRevision: 1 }), 'web'],
  ['stack record', recordStackStateSchema, (stackName) => ({ swarmId: SWARM, stackName, basedOn: 1 }), 'web'],
  ['stack remove', removeStackSchema, (stackName) => ({ swarmId: SWARM, stackName, confirmName: 'web' }), 'web'],
  ['stack deploy, swarm id', deployStackSchema, (swarmId) => ({ swarmId, stackName: 'web', composeText }), SWARM],
  // Hosts.
  ['host register', registerHostSchema, (name) => ({ name, transport: 'unix', socketPath: '/var/run/docker.sock' }), 'web-1'],
  ['host update', updateHostSchema, (id) => ({ id, name: 'web-1', transport: 'unix', socketPath: '/var/run/docker.sock' }), HOST],
  ['host remove', removeHostSchema, (id) => ({ id, confirmName: 'web-1' }), HOST],
  ['host provision', startProvisionSchema, (name) => ({ driver: 'local', name }), 'web-1'],
  ['provision run', provisionJobIdSchema, (jobId) => ({ jobId }), HOST],
  // Containers, images, volumes on a host.
  ['container create', createContainerSchema, (name) => ({ hostId: HOST, image: 'nginx', name }), 'web-1'],
  ['container create, host', createContainerSchema, (hostId) => ({ hostId, image: 'nginx' }), HOST],
  ['container rename', renameContainerSchema, (name) => ({ hostId: HOST, containerId: CONTAINER, name }), 'web-2'],
  ['container env', containerActionSchema, (containerId) => ({ hostId: HOST, containerId }), CONTAINER],
  ['container remove', removeContainerSchema, (containerId) => ({ hostId: HOST, containerId }), CONTAINER],
  ['volume remove', removeHostVolumeSchema, (name) => ({ hostId: HOST, name }), 'data'],
  // Swarms, services and their objects.
  ['swarm create', initSwarmSchema, (name) => ({ hostId: HOST, name }), 'prod'],
  ['node remove', removeNodeSchema, (nodeId) => ({ swarmId: SWARM, nodeId }), SWARM],
  ['service create', serviceFormSchema, (name) => ({ swarmId: SWARM, form: { name, image: 'nginx' } }), 'api'],
  ['service scale', scaleServiceSchema, (serviceId) => ({ swarmId: SWARM, serviceId, replicas: 2 }), SWARM],
  ['service remove', removeServiceSchema, (serviceId) => ({ swarmId: SWARM, serviceId, confirmName: 'api' }), SWARM],
  ['secret create', createObjectSchema, (name) => ({ swarmId: SWARM, kind: 'secret', name, data: 'x' }), 'db-pass'],
  ['network create', createNetworkSchema, (name) => ({ swarmId: SWARM, name }), 'backend'],
  ['node volume remove', removeNodeVolumeSchema, (name) => ({ swarmId: SWARM, hostId: HOST, name }), 'data'],
  // Users.
  ['user create', createUserSchema, (username) => ({ username, password: 'a long password', role: 'viewer' }), 'olga'],
  ['user role', changeRoleSchema, (userId) => ({ userId, role: 'viewer' }), HOST],
  // Streams (the socket door): logs, terminals, stats.
  ['logs', logFollowSchema, (containerId) => ({ source: { kind: 'container', hostId: HOST, containerId }, stdout: true, stderr: true }), 'web-1'],
  ['terminal', execOpenSchema, (hostId) => ({ hostId, containerId: 'web-1', cols: 80, rows: 24 }), HOST],
  ['stats', statsWatchSchema, (containerId) => ({ hostId: HOST, containerId }), 'web-1'],
];

describe('10. names and ids that are paths or carry control characters', () => {
  it.each(CASES)('%s: refused', (_operation, schema, input, good) => {
    expect(schema.safeParse(input(good)).success, `the good value ${good}`).toBe(true);
    const accepted = BAD.filter((value) => schema.safeParse(input(value)).success);
    expect(accepted).toEqual([]);
  });

  it('route path segments (reads and downloads: hosts, containers, stacks, revisions, services, runs) are checked before anything runs', () => {
    expect([HOST, SWARM, CONTAINER, 'web-1', 'web'].every(isIdSegment)).toBe(true);
    expect(BAD.filter(isIdSegment)).toEqual([]);
    expect(['.', '%2e%2e', '..%2fetc', ' web'].filter(isIdSegment)).toEqual([]);
  });

  it('the stack pages check the name as deploys do', () => {
    expect(BAD.filter((value) => stackNameSchema.safeParse(value).success)).toEqual([]);
  });
});
