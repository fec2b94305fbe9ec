import { describe, expect, it } from 'vitest';
import { containerTarget, labelsOfOwner, ownerLabelKeys, ownerOfLabels, projectTarget, serviceTarget, stackTarget, withOwnerLabels } from './containment.ts';

const task = { 'com.docker.swarm.service.id': 'svc1', 'com.docker.stack.namespace': 'payments' };

describe('containment', () => {
  it('puts a stack task container in its swarm and stack, on its host', () => {
    expect(containerTarget('h1', task, 'w1')).toEqual({ type: 'host', id: 'h1', in: { swarmId: 'w1', stack: 'payments' } });
  });

  it('puts a task of a service outside stacks in its swarm only', () => {
    expect(containerTarget('h1', { 'com.docker.swarm.service.id': 'svc1' }, 'w1')).toEqual({ type: 'host', id: 'h1', in: { swarmId: 'w1' } });
  });

  it('keeps a standalone container on its host, whatever stack label it wears', () => {
    expect(containerTarget('h1', { 'com.docker.stack.namespace': 'payments' }, 'w1')).toEqual({ type: 'host', id: 'h1' });
    expect(containerTarget('h1', {}, 'w1')).toEqual({ type: 'host', id: 'h1' });
    expect(containerTarget('h1', null, 'w1')).toEqual({ type: 'host', id: 'h1' });
  });

  it('keeps a task on its host when the swarm of the host is unknown', () => {
    expect(containerTarget('h1', task, null)).toEqual({ type: 'host', id: 'h1' });
  });

  it('puts a service in its stack when it has one', () => {
    expect(serviceTarget('w1', { 'com.docker.stack.namespace': 'payments' })).toEqual({ type: 'swarm', id: 'w1', stack: 'payments' });
    expect(serviceTarget('w1', undefined)).toEqual({ type: 'swarm', id: 'w1' });
    expect(stackTarget('w1', 'shop')).toEqual({ type: 'swarm', id: 'w1', stack: 'shop' });
  });
});

describe('owner labels', () => {
  const owned = { 'wharf.owner.team': 'team-a', 'wharf.owner.creator': 'alice' };

  it('reads the owner the labels record, and none without a team', () => {
    expect(ownerOfLabels(owned)).toEqual({ team: 'team-a', creator: 'alice' });
    expect(ownerOfLabels({ ...owned, 'wharf.owner.everyone': 'true' })).toEqual({ team: 'team-a', creator: 'alice', everyone: true });
    expect(ownerOfLabels({ 'wharf.owner.creator': 'alice' })).toBeUndefined();
    expect(ownerOfLabels(null)).toBeUndefined();
  });

  it('writes an owner back as the same labels', () => {
    expect(ownerOfLabels(labelsOfOwner({ team: 'team-a', creator: 'alice', everyone: true }))).toEqual({ team: 'team-a', creator: 'alice', everyone: true });
    expect(labelsOfOwner(null)).toEqual({});
    expect(labelsOfOwner({ team: null, creator: 'alice' })).toEqual({});
  });

  it('finds owner labels in any case, and only those', () => {
    expect(ownerLabelKeys({ 'Wharf.Owner.Team': 'x', 'wharf.owner.creator': 'y', 'wharf.test': 'z', 'app.owner.team': 'w' })).toEqual(['Wharf.Owner.Team', 'wharf.owner.creator']);
    expect(ownerLabelKeys(undefined)).toEqual([]);
  });

  it('writes Wharf\'s owner over any supplied one, and drops a supplied one when there is no owner', () => {
    const forged = { app: 'web', 'WHARF.OWNER.TEAM': 'team-b', 'wharf.owner.everyone': 'true' };
    expect(withOwnerLabels(forged, { team: 'team-a', creator: 'alice' })).toEqual({ app: 'web', 'wharf.owner.team': 'team-a', 'wharf.owner.creator': 'alice' });
    expect(withOwnerLabels(forged, null)).toEqual({ app: 'web' });
  });

  it('targets carry the owner their labels record, and a Compose project\'s name', () => {
    expect(containerTarget('h1', { ...task, ...owned }, 'w1')).toEqual({ type: 'host', id: 'h1', in: { swarmId: 'w1', stack: 'payments' }, owner: { team: 'team-a', creator: 'alice' } });
    expect(serviceTarget('w1', { 'com.docker.stack.namespace': 'payments', ...owned })).toEqual({ type: 'swarm', id: 'w1', stack: 'payments', owner: { team: 'team-a', creator: 'alice' } });
    expect(containerTarget('h1', { 'com.docker.compose.project': 'web' }, null)).toEqual({ type: 'host', id: 'h1', project: 'web' });
    // The owner given (a project's row, a move's row) stands over the labels.
    expect(containerTarget('h1', { 'com.docker.compose.project': 'web', ...owned }, null, null)).toEqual({ type: 'host', id: 'h1', project: 'web' });
    expect(containerTarget('h1', owned, null, { team: 'team-b' })).toEqual({ type: 'host', id: 'h1', owner: { team: 'team-b' } });
    expect(projectTarget('h1', 'web', { team: 'team-b' })).toEqual({ type: 'host', id: 'h1', project: 'web', owner: { team: 'team-b' } });
    expect(stackTarget('w1', 'payments')).toEqual({ type: 'swarm', id: 'w1', stack: 'payments' });
  });
});
