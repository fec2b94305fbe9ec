import { describe, expect, it } from 'vitest';
import { channelSchema, ruleSchema, updateChannelSchema } from './notifications.ts';

const CHANNEL = 'cm1abcdefghijk0000000000';
const SWARM = 'abcdefghijklmnopqrstuvwxy';

describe('channelSchema', () => {
  it('takes http(s) URLs without credentials, and a kind it knows', () => {
    expect(channelSchema.parse({ name: ' ci ', kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x' })).toEqual({ name: 'ci', kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: '', generateSecret: false });
    for (const url of ['ftp://h/x', 'file:///etc/passwd', 'https://u:p@h/x', 'not a url', '']) expect(channelSchema.safeParse({ name: 'x', kind: 'webhook', url }).success).toBe(false);
    expect(channelSchema.safeParse({ name: 'x', kind: 'teams', url: 'https://h/' }).success).toBe(false);
    expect(channelSchema.safeParse({ name: 'a\u0007b', kind: 'slack', url: 'https://h/' }).success).toBe(false);
  });

  it('an edit may leave the URL empty (the saved one is kept)', () => {
    expect(updateChannelSchema.parse({ channelId: CHANNEL, name: 'ci', kind: 'webhook' })).toMatchObject({ url: '', clearSecret: false });
  });
});

describe('ruleSchema', () => {
  it('keeps only the narrowing its scope names', () => {
    expect(ruleSchema.parse({ channelId: CHANNEL, events: ['node.down', 'node.down'], scope: 'swarm', swarmId: SWARM, stackName: 'shop' })).toEqual({ channelId: CHANNEL, events: ['node.down'], hostId: null, swarmId: SWARM, stackName: null });
    expect(ruleSchema.parse({ channelId: CHANNEL, events: ['deploy.failed'], scope: 'stack', swarmId: SWARM, stackName: 'shop' })).toMatchObject({ swarmId: SWARM, stackName: 'shop' });
    expect(ruleSchema.parse({ channelId: CHANNEL, events: ['audit.chain-broken'] })).toMatchObject({ hostId: null, swarmId: null, stackName: null });
  });

  it('asks for what its scope needs, at the field, and for at least one known event', () => {
    const fields = (input: object) => ruleSchema.safeParse({ channelId: CHANNEL, events: ['deploy.failed'], ...input }).error?.issues.map((i) => i.path.join('.'));
    expect(fields({ scope: 'host' })).toEqual(['hostId']);
    expect(fields({ scope: 'stack' })).toEqual(['swarmId', 'stackName']);
    expect(fields({ events: [] })).toEqual(['events']);
    expect(fields({ events: ['stack.exploded'] })).toEqual(['events.0']);
  });
});
