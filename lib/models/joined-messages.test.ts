import { describe, expect, it } from 'vitest';
import { msg } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { describeRevocation } from './hosts/cli-bundles.ts';
import { listed, namesJoined, sentences } from './joined-messages.ts';

const say = (m: ReturnType<typeof sentences> | string | null, locale: 'en' | 'zh-CN' = 'en') => (m === null ? null : typeof m === 'string' ? m : renderMessage(m, locale));

describe('joined messages', () => {
  it('say sentences one after another: with a space in English, without one in Chinese', () => {
    const two = sentences([msg('modelText.commandLine.unclosedSingle'), msg('modelText.commandLine.loneBackslash')]);
    expect(say(two)).toBe('A single quote is not closed. The command ends with a lone backslash.');
    expect(say(two, 'zh-CN')).toBe('单引号没有闭合。命令以单独的反斜杠结尾。');
    expect(say(sentences([msg('modelText.commandLine.unclosedSingle')]))).toBe('A single quote is not closed.');
  });

  it('list items with commas (、 in Chinese), and names with "and" before the last (和 in Chinese)', () => {
    expect(say(listed(['a', 'b', 'c']))).toBe('a, b, c');
    expect(say(listed(['a', 'b', 'c']), 'zh-CN')).toBe('a、b、c');
    expect(listed([])).toBeNull();
    expect(say(namesJoined(['alice', 'bob', 'carol']))).toBe('alice, bob and carol');
    expect(say(namesJoined(['alice', 'bob', 'carol']), 'zh-CN')).toBe('alice、bob 和 carol');
    expect(namesJoined(['alice'])).toBe('alice');
    expect(namesJoined([])).toBe('');
  });
});

describe('describeRevocation', () => {
  it('says what revoking a user\'s bundles did, host by host, in either language', () => {
    const result = { rotated: ['lab-1', 'lab-2'], failed: [{ hostName: 'lab-3', message: msg('modelText.bundles.unexpected') }, { hostName: null, message: msg('modelText.bundles.forgottenHost', { until: '2027-01-05' }) }] };
    expect(say(describeRevocation('bob', result))).toBe(
      "bob's docker CLI bundles were revoked: the CA of lab-1 and lab-2 was rotated. Could not revoke bob's bundle on lab-3: Unexpected error (see the server log). Could not revoke bob's bundle on a removed host: Wharf no longer manages this host, so it cannot revoke the bundle; it opens that engine until 2027-01-05 unless the machine's certificates are replaced.",
    );
    expect(say(describeRevocation('bob', result), 'zh-CN')).toBe(
      '已撤销 bob 的 docker CLI 证书包：已轮换 lab-1 和 lab-2 的 CA。无法撤销 bob 在 lab-3 上的证书包：意外错误（请查看服务器日志）。无法撤销 bob 在 一台已移除的主机 上的证书包：Wharf 已不再管理这台主机，因此无法撤销该证书包；除非更换该机器的证书，否则它在 2027-01-05 之前仍可访问那个引擎。',
    );
    expect(describeRevocation('bob', { rotated: [], failed: [] })).toBeNull();
  });

  it('keeps an error\'s English text as it is (errors not yet said as messages)', () => {
    expect(say(describeRevocation('bob', { rotated: [], failed: [{ hostName: 'lab-1', message: 'engine said no' }] }), 'zh-CN')).toBe('无法撤销 bob 在 lab-1 上的证书包：engine said no');
  });
});
