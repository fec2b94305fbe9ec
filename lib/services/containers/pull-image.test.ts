import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { isMessage } from '@/lib/i18n/message.ts';
import { pullJobWaitMs } from '@/lib/schemas/containers.ts';
import { explainPullError } from './pull-image.ts';

describe('pull errors', () => {
  it('explains the common pull failures', () => {
    expect(inEnglish(explainPullError('r/x:1', 'no basic auth credentials'))).toMatch(/^The registry of r\/x:1 wants credentials/);
    expect(inEnglish(explainPullError('x:1', 'manifest unknown'))).toMatch(/was not found/);
    expect(inEnglish(explainPullError('x:1', 'dial tcp: lookup registry-1.docker.io: no such host'))).toMatch(/could not reach the registry/);
    expect(inEnglish(explainPullError('x:1', 'http: server gave HTTP response to HTTPS client'))).toMatch(/speaks plain HTTP/);
    expect(explainPullError('x:1', 'other')).toBe('other');
  });

  it('says them in Chinese, the engine\'s words quoted as they are', () => {
    const said = explainPullError('r/x:1', 'manifest unknown');
    expect(isMessage(said) && renderMessage(said, 'zh-CN')).toBe('在其镜像仓库中找不到 r/x:1：manifest unknown');
    const unreachable = explainPullError('x:1', 'dial tcp: i/o timeout');
    expect(isMessage(unreachable) && renderMessage(unreachable, 'zh-CN')).toBe('引擎无法连接 x:1 的镜像仓库：dial tcp: i/o timeout');
  });
});

describe('the long poll a page reads a pull or push with', () => {
  it('takes ?wait= in milliseconds up to 30 s, anything else as no wait', () => {
    expect(pullJobWaitMs('500')).toBe(500);
    expect(pullJobWaitMs(null)).toBe(0);
    expect(pullJobWaitMs('40000')).toBe(0);
    expect(pullJobWaitMs('-1')).toBe(0);
    expect(pullJobWaitMs('soon')).toBe(0);
  });
});
