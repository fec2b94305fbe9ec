import { describe, expect, it } from 'vitest';
import { msg } from '@/lib/i18n/message.ts';
import { StepLog, appendToLog, cleanLine, renderLog } from './step-log.ts';

describe('step logs', () => {
  it('drops escape sequences and control characters but keeps tabs', () => {
    expect(cleanLine('\x1b[31mred\x1b[0m\tok\x07\x00')).toBe('red\tok');
  });

  it('clips long lines and keeps only the newest part of a huge log', () => {
    expect(cleanLine('x'.repeat(5000))).toHaveLength(2001);
    let log = '';
    for (let i = 0; i < 400; i++) log = appendToLog(log, [`${i} ${'y'.repeat(1000)}`]);
    expect(log.length).toBeLessThanOrEqual(200_100);
    expect(renderLog(log, 'en').startsWith('… earlier lines dropped …\n')).toBe(true);
    expect(log).toContain('399 y');
    expect(log).not.toContain('\n0 y');
  });

  it('keeps what Wharf says as a message, said in each reader’s language, and output as printed', () => {
    const log = appendToLog('', [msg('provisioning.log.dockerInstalled', { version: 'Docker 27.1' }), 'Reading package lists…']);
    expect(renderLog(log, 'en')).toBe('Installed Docker 27.1\nReading package lists…\n');
    expect(renderLog(log, 'zh-CN')).toBe('已安装 Docker 27.1\nReading package lists…\n');
  });

  it('never reads printed output as a message, even when it starts with the mark', () => {
    const log = appendToLog('', ['\x1eprovisioning.log.dropped']);
    expect(renderLog(log, 'en')).toBe('provisioning.log.dropped\n');
  });

  it('batches lines and writes them in order', async () => {
    const writes: string[] = [];
    const log = new StepLog('before\n', async (text) => {
      writes.push(text);
    });
    log.line('one');
    log.line('two\nthree');
    await log.flush();
    log.line('four');
    await log.flush();
    await log.flush();
    expect(writes).toEqual(['before\none\ntwo\nthree\n', 'before\none\ntwo\nthree\nfour\n']);
  });
});
