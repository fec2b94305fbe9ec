import { describe, expect, it } from 'vitest';
import { toErrorPayload } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { explainDigitalOceanError, readErrorBody } from './explain-digitalocean-error.ts';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);
const body = (id: string, message: string, request_id = 'req-1') => ({ id, message, request_id });

describe('readErrorBody', () => {
  it('reads an object, JSON text, or gives nulls for anything else', () => {
    expect(readErrorBody(body('not_found', 'gone'))).toEqual({ id: 'not_found', message: 'gone', requestId: 'req-1' });
    expect(readErrorBody(JSON.stringify(body('x', 'y')))).toEqual({ id: 'x', message: 'y', requestId: 'req-1' });
    expect(readErrorBody('<html>Bad gateway</html>')).toEqual({ id: null, message: null, requestId: null });
    expect(readErrorBody(null)).toEqual({ id: null, message: null, requestId: null });
    expect(readErrorBody([1])).toEqual({ id: null, message: null, requestId: null });
  });
});

describe('explainDigitalOceanError', () => {
  it('401: PRECONDITION naming the token and its scopes', () => {
    const error = explainDigitalOceanError(401, body('unauthorized', 'Unable to authenticate you'));
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toContain('DigitalOcean refused the API token (401 Unauthorized): check the token and its scopes');
  });

  it('403: PRECONDITION about scopes and write access', () => {
    const error = explainDigitalOceanError(403, body('forbidden', 'You do not have access for the attempted action.'));
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toContain('403 Forbidden: You do not have access for the attempted action)');
    expect(error.message).toContain('write access');
    expect(error.message).toContain('req-1');
  });

  it('404: NOT_FOUND naming what was looked for', () => {
    const error = explainDigitalOceanError(404, body('not_found', 'The resource you were accessing could not be found.'), {}, { what: 'droplet 42' });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/^DigitalOcean has no droplet 42 \(404 Not Found: The resource you were accessing could not be found\)/);
  });

  it('422: INVALID_INPUT carrying the API message', () => {
    const error = explainDigitalOceanError(422, body('unprocessable_entity', 'Region is not available'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('DigitalOcean refused the request: Region is not available. Correct that and try again');
  });

  it('422 about the droplet limit: says how to get room', () => {
    const error = explainDigitalOceanError(422, body('unprocessable_entity', 'creating this/these droplet(s) will exceed your droplet limit'));
    expect(error.message).toContain('Delete droplets that are no longer needed, or ask DigitalOcean to raise');
  });

  it('429 with Retry-After: RATE_LIMITED saying when to retry', () => {
    const error = explainDigitalOceanError(429, body('too_many_requests', 'API Rate limit exceeded.'), { 'retry-after': '30' }, { nowMs: NOW });
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain('try again in 30 s');
  });

  it('429 with a far ratelimit-reset: a clock time and minutes', () => {
    const error = explainDigitalOceanError(429, body('too_many_requests', 'API Rate limit exceeded.'), { 'ratelimit-reset': String(NOW / 1000 + 1800) }, { nowMs: NOW });
    expect(error.message).toContain('try again after 12:30:00 UTC (in about 30 min)');
  });

  it('429 without headers: in a minute', () => {
    expect(explainDigitalOceanError(429, null, {}, { nowMs: NOW }).message).toContain('try again in a minute');
  });

  it.each([500, 502, 503, 504])('%i: ENGINE_ERROR, on DigitalOcean\'s side, try again', (status) => {
    const error = explainDigitalOceanError(status, body('server_error', 'Unexpected server-side error'));
    expect(error.code).toBe('ENGINE_ERROR');
    expect(error.message).toContain(`(${status} `);
    expect(error.message).toContain('try again in a few minutes');
    expect(error.message).toContain('request id req-1');
  });

  it('a request id may come from x-request-id', () => {
    expect(explainDigitalOceanError(500, 'oops', { 'x-request-id': 'hdr-7' }).message).toContain('request id hdr-7');
  });

  it('400 and 409 and others', () => {
    expect(explainDigitalOceanError(400, body('bad_request', 'unparseable json')).code).toBe('INVALID_INPUT');
    expect(explainDigitalOceanError(409, body('conflict', 'busy')).code).toBe('CONFLICT');
    const other = explainDigitalOceanError(418, null);
    expect(other.code).toBe('ENGINE_ERROR');
    expect(other.message).toBe('DigitalOcean answered HTTP 418.');
  });

  it('keeps a long or multi-line API message to one bounded line', () => {
    const error = explainDigitalOceanError(422, body('unprocessable_entity', `line one\nline two ${'x'.repeat(500)}`));
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(420);
  });
});

describe('in Chinese', () => {
  it('says the refusal in Chinese, keeping DigitalOcean\'s words and request id', () => {
    const error = explainDigitalOceanError(403, body('forbidden', 'You do not have access for the attempted action.'));
    expect(toErrorPayload(error, 'zh-CN').message).toBe(
      'DigitalOcean 不允许此操作（403 Forbidden：You do not have access for the attempted action）。令牌可能是只读的，或缺少 Wharf 需要的权限范围（droplets、SSH keys、actions、regions、sizes、images），也可能账户已被锁定；请使用对 Droplet 和 SSH 密钥有写权限的令牌（DigitalOcean 请求 ID req-1）。',
    );
    expect(toErrorPayload(explainDigitalOceanError(404, null, undefined, { what: msg('driverText.do.what.droplet', { id: '42' }) }), 'zh-CN').message).toBe('DigitalOcean 上没有 Droplet 42（404 Not Found）；它可能已在 Wharf 之外被删除。');
  });

  it('says a slow or failed droplet action the way it always did in English', () => {
    const within = msg('driverText.do.minutes', { minutes: 5 });
    expect(renderMessage(msg('driverText.do.actionSlow', { id: '7', hasType: 'yes', type: 'power_on', within, status: 'in-progress' }), 'en')).toBe(
      'DigitalOcean action 7 (power_on) did not complete within 5 min; it is still in-progress. Look at the droplet in the DigitalOcean control panel.',
    );
    expect(renderMessage(msg('driverText.do.actionSlow', { id: '7', hasType: 'no', type: '', within, status: msg('driverText.do.unknownStatus') }), 'en')).toBe(
      'DigitalOcean action 7 did not complete within 5 min; it is still unknown. Look at the droplet in the DigitalOcean control panel.',
    );
  });
});
