// Why a stream ended, as each watcher reads it: our sentences in their language, anything else as it came.
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { reasonOfError, sayReason } from './end-reason.ts';

describe('end reasons', () => {
  it('says a catalogue reason in the watcher\'s language, English by default', () => {
    expect(sayReason(msg('streamText.withdrawn.exec'))).toBe('Your access to terminals on this host was withdrawn.');
    expect(sayReason(msg('streamText.withdrawn.exec'), 'zh-CN')).toBe('你在此主机上使用终端的权限已被撤销。');
    expect(sayReason(msg('streamText.shell.refused', { detail: 'administratively prohibited' }), 'zh-CN')).toBe('该机器拒绝打开 Shell：administratively prohibited');
  });

  it('keeps text that is not ours as it is', () => {
    expect(sayReason('engine gone', 'zh-CN')).toBe('engine gone');
  });

  it('ends on a failure with its own message, or the generic sentence when it was unexpected', () => {
    const said = reasonOfError(new AppError('NOT_FOUND', msg('engineText.hostGone')));
    expect(sayReason(said, 'zh-CN')).toBe('该主机不存在。');
    expect(sayReason(reasonOfError(new AppError('NOT_FOUND', 'Plain text.')), 'zh-CN')).toBe('Plain text.');
    expect(sayReason(reasonOfError(new Error('boom')), 'en')).toBe('Something went wrong on the server. The details are in the server log.');
  });
});
