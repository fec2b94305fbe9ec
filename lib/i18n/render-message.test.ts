import { describe, expect, it } from 'vitest';
import { msg } from '@/lib/i18n/message.ts';
import { spokenBody } from './render-message.ts';

describe('spokenBody', () => {
  it("says a service's message in the caller's language and drops the message object", () => {
    const said = msg('errors.notFound');
    expect(spokenBody({ name: 'web', message: 'Not found.', said, changed: true }, 'zh-CN')).toEqual({ name: 'web', message: '未找到。', changed: true });
    expect(spokenBody([{ message: 'Not found.', said }], 'en')).toEqual([{ message: 'Not found.' }]);
  });

  it("says the messages of the objects inside an outcome too (a deploy's warnings), keeping everything else", () => {
    const when = new Date(0);
    const labels = JSON.parse('{"__proto__": "kept"}') as Record<string, string>;
    const outcome = { revision: 2, at: when, labels, warnings: [{ severity: 'warning', line: 3, column: 5, said: msg('composeChecks.service.keyIgnored', { key: 'privileged', reason: msg('composeChecks.service.ignoredBecause.privileged') }) }] };
    const spoken = spokenBody(outcome, 'zh-CN') as typeof outcome & { warnings: { message: string }[] };
    expect(spoken.warnings).toEqual([{ severity: 'warning', line: 3, column: 5, message: '已忽略“privileged”：Swarm 服务不能以特权模式运行' }]);
    expect(spoken.at).toBe(when);
    expect(Object.keys(spoken.labels)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(spoken)).toBe(Object.prototype);
    expect((spokenBody(outcome, 'en') as typeof spoken).warnings[0]!.message).toBe('"privileged" is ignored: swarm services cannot run privileged');
  });

  it('leaves everything else as it is', () => {
    const data = { items: [{ id: 'a', said: 'plain text is not a message' }], nextCursor: null };
    expect(spokenBody(data, 'zh-CN')).toBe(data);
    expect(spokenBody(null, 'en')).toBeNull();
  });
});
