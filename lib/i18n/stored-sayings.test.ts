import { describe, expect, it } from 'vitest';
import { localizeText } from '@/lib/errors.ts';
import { msg, saidOfStored, storedSaying } from './message.ts';
import { renderMessage } from './render-message.ts';

describe('what a row keeps of something said', () => {
  it('a message is kept with its values (messages among them) and said in each reader\'s language', () => {
    const why = msg('guardText.why.disabled', { actor: 'alice', user: 'bob' });
    const stored = storedSaying(msg('hosts.bundles.reasons.userRevoked', { why, name: 'bob' }));
    expect(localizeText(stored, 'en')).toBe("alice disabled bob: bob's bundles are revoked.");
    expect(localizeText(stored, 'zh-CN')).toBe('alice 禁用了 bob：bob 的证书包已被撤销。');
    expect(saidOfStored(stored)).toEqual(msg('hosts.bundles.reasons.userRevoked', { why, name: 'bob' }));
  });

  it('text that is no message (engine output, rows written before) stays as it is', () => {
    for (const text of ['The engine at /run/x.sock closed the connection: it stopped, restarted or the network dropped.', 'manifest unknown', '']) {
      expect(storedSaying(text)).toBe(text);
      expect(saidOfStored(text)).toBe(text);
      expect(localizeText(text, 'zh-CN')).toBe(text);
    }
  });

  it('the phrases the gateway and the policy guard are given read in Chinese with their names', () => {
    expect(renderMessage(msg('engineText.failure.on', { doing: msg('guardText.doing.pull', { image: 'r/x:1' }), host: 'lab-1', reason: 'no route' }), 'en')).toMatch(/^Could not pull r\/x:1 on lab-1/);
    expect(renderMessage(msg('engineText.failure.on', { doing: msg('guardText.doing.pull', { image: 'r/x:1' }), host: 'lab-1', reason: 'no route' }), 'zh-CN')).toContain('拉取 r/x:1');
    expect(renderMessage(msg('policyText.refusals.existingContainerAdvice', { use: msg('guardText.needs.terminal'), host: 'lab-1' }), 'en')).toMatch(/^Opening a terminal in it/);
    expect(renderMessage(msg('policyText.refusals.existingContainerAdvice', { use: msg('guardText.needs.terminal'), host: 'lab-1' }), 'zh-CN')).toBe('在其中打开终端需要在 lab-1 上运行不受限工作负载的权限：请联系管理员。');
    expect(renderMessage(msg('guardText.why.roleChanged', { actor: 'alice', user: 'bob', role: 'operator' }), 'zh-CN')).toBe('alice 将 bob 设为 operator，该角色不能在那里运行不受限工作负载');
  });
});
