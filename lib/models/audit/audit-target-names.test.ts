import { describe, expect, it } from 'vitest';
import { nameTargets, targetIdsToName } from './audit-target-names.ts';

const row = (targetType: string | null, targetId: string | null, targetName: string | null = null) => ({ id: '1', targetType, targetId, targetName });
const names = { swarm: new Map([['o5abj68zrb3v', 'prod']]), host: new Map([['h1', 'web-1']]) };

describe('targetIdsToName', () => {
  it('collects swarm and host ids, including the swarm of a task container\'s description', () => {
    const ids = targetIdsToName([row('swarm', 'o5abj68zrb3v'), row('host', 'h1', 'a task of stack demo on swarm sw2'), row('node', 'n1'), row(null, null)]);
    expect([...ids.swarm].sort()).toEqual(['o5abj68zrb3v', 'sw2']);
    expect([...ids.host]).toEqual(['h1']);
  });
});

describe('nameTargets', () => {
  it('names a swarm or host target stored by its id, keeping the id', () => {
    expect(nameTargets([row('swarm', 'o5abj68zrb3v')], names)).toEqual([row('swarm', 'o5abj68zrb3v', 'prod')]);
    expect(nameTargets([row('host', 'h1')], names)).toEqual([row('host', 'h1', 'web-1')]);
  });
  it('reads "on swarm <id>" in a stored name as the swarm\'s name', () => {
    expect(nameTargets([row('host', 'h9', 'a task of stack demo on swarm o5abj68zrb3v')], names)[0]!.targetName).toBe('a task of stack demo on swarm prod');
  });
  it('keeps stored names, and ids it has no name for (a target the reader may not see is not named)', () => {
    expect(nameTargets([row('swarm', 'secret-swarm')], names)[0]!.targetName).toBeNull();
    expect(nameTargets([row('host', 'h9', 'a task on swarm secret-swarm')], names)[0]!.targetName).toBe('a task on swarm secret-swarm');
    expect(nameTargets([row('service', 'svc1', 'demo_app')], names)[0]!.targetName).toBe('demo_app');
  });
});
