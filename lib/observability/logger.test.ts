// The console's log lines: JSON with the request id, secrets redacted at any depth, a readable
// format for people, and the environment's choice of format and level.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { REDACTED, REDACTED_KEYS, createLogger, logFormat, logLevel, redactionPaths } from './logger.ts';
import { withRequest } from './request-context.ts';

function capture(format: 'json' | 'pretty') {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ format, level: 'debug', destination });
  return { logger, text: () => chunks.join(''), lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger (json)', () => {
  it('writes one JSON object a line with level, time, component and message', () => {
    const out = capture('json');
    out.logger.child({ component: 'door' }).info({ action: 'hosts.create' }, 'action finished');
    const [line] = out.lines();
    expect(line).toMatchObject({ level: 'info', service: 'wharf', component: 'door', action: 'hosts.create', msg: 'action finished' });
    expect(typeof line!.time).toBe('string');
    expect(line).not.toHaveProperty('requestId');
  });

  it('adds the id of the request the line is written for', async () => {
    const out = capture('json');
    await withRequest('req-7', async () => {
      await Promise.resolve();
      out.logger.child({ component: 'gateway' }).debug('engine call');
    });
    out.logger.info('outside');
    expect(out.lines().map((l) => [l.msg, l.requestId])).toEqual([['engine call', 'req-7'], ['outside', undefined]]);
  });

  it('never writes a value kept under a secret key, at the top or nested', () => {
    const out = capture('json');
    const secrets = REDACTED_KEYS.map((key, i) => [key, `s3cr3t-${i}-value`] as const);
    const flat = Object.fromEntries(secrets);
    out.logger.info(flat, 'top level');
    out.logger.info({ host: flat }, 'one level down');
    out.logger.info({ request: { headers: flat } }, 'two levels down');
    const text = out.text();
    for (const [, value] of secrets) expect(text).not.toContain(value);
    for (const line of out.lines()) {
      const bag = (line.host ?? (line.request as { headers?: unknown } | undefined)?.headers ?? line) as Record<string, unknown>;
      for (const [key] of secrets) expect(bag[key], `${String(line.msg)}: ${key}`).toBe(REDACTED);
    }
  });

  it('keeps everything else, and an error with its message and stack', () => {
    const out = capture('json');
    out.logger.warn({ hostId: 'h1', operation: 'listContainers', err: new Error('connect ECONNREFUSED') }, 'engine call failed');
    const [line] = out.lines();
    expect(line).toMatchObject({ hostId: 'h1', operation: 'listContainers', err: { type: 'Error', message: 'connect ECONNREFUSED' } });
    expect((line!.err as { stack: string }).stack).toContain('connect ECONNREFUSED');
  });

  it('has paths for every key at three depths, bracketed where a key is no identifier', () => {
    const paths = redactionPaths(['password', 'x-registry-auth']);
    expect(paths).toEqual(['password', '*.password', '*.*.password', '["x-registry-auth"]', '*["x-registry-auth"]', '*.*["x-registry-auth"]']);
  });
});

describe('createLogger (pretty)', () => {
  it('writes lines a person reads, with the request id and secrets still redacted', async () => {
    const out = capture('pretty');
    await withRequest('req-9', async () => out.logger.child({ component: 'door' }).info({ password: 'hunter2hunter2' }, 'action finished'));
    const text = out.text();
    expect(text).toMatch(/INFO.*action finished/);
    expect(text).toContain('req-9');
    expect(text).not.toContain('hunter2hunter2');
    expect(() => JSON.parse(text.split('\n')[0]!)).toThrow();
  });
});

describe('logFormat and logLevel', () => {
  it('is JSON for a program reading the output, pretty for a terminal or development', () => {
    expect(logFormat({ tty: false, dev: false })).toBe('json');
    expect(logFormat({ tty: true, dev: false })).toBe('pretty');
    expect(logFormat({ tty: false, dev: true })).toBe('pretty');
  });

  it('follows WHARF_LOG_FORMAT when it names a format, whatever the output is', () => {
    expect(logFormat({ setting: 'json', tty: true, dev: true })).toBe('json');
    expect(logFormat({ setting: ' Pretty ', tty: false, dev: false })).toBe('pretty');
    expect(logFormat({ setting: 'xml', tty: false, dev: false })).toBe('json');
  });

  it('takes a known WHARF_LOG_LEVEL, info otherwise', () => {
    expect(logLevel('debug')).toBe('debug');
    expect(logLevel('WARN')).toBe('warn');
    expect(logLevel(undefined)).toBe('info');
    expect(logLevel('loud')).toBe('info');
  });
});
