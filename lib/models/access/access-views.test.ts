import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { scopeLabel, scopeSaid } from './access-views.ts';

const names = { hosts: new Map([['h1', 'web-1']]), swarms: new Map([['s1', 'lab']]) };

describe('a grant scope in words', () => {
  it('in English as the pages and audit rows always said it', () => {
    expect(scopeLabel({ type: 'global' }, names)).toBe('everything');
    expect(scopeLabel({ type: 'host', id: 'h1' }, names)).toBe('host web-1');
    expect(scopeLabel({ type: 'swarm', id: 's9' }, names)).toBe('swarm s9');
    expect(scopeLabel({ type: 'stack', swarmId: 's1', name: 'payments' }, names)).toBe('stack payments on swarm lab');
  });

  it('in Chinese, with the names', () => {
    expect(renderMessage(scopeSaid({ type: 'global' }, names), 'zh-CN')).toBe('全部');
    expect(renderMessage(scopeSaid({ type: 'host', id: 'h1' }, names), 'zh-CN')).toBe('主机 web-1');
    expect(renderMessage(scopeSaid({ type: 'stack', swarmId: 's1', name: 'payments' }, names), 'zh-CN')).toBe('Swarm 集群 lab 上的堆栈 payments');
  });
});
