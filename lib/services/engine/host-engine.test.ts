import { describe, expect, it } from 'vitest';
import { engineMessage } from './host-engine.ts';
import { explainPullError } from '../containers/pull-image.ts';

describe('engine messages', () => {
  it('takes the JSON message, else the text after the reason, else the reason', () => {
    expect(engineMessage({ statusCode: 409, json: { message: 'Conflict. The name is in use' }, reason: 'conflict' })).toBe('Conflict. The name is in use');
    expect(engineMessage({ statusCode: 500, json: null, reason: 'server error', message: '(HTTP code 500) server error - Head "http://r/v2/x/manifests/1": no basic auth credentials ' })).toBe('Head "http://r/v2/x/manifests/1": no basic auth credentials');
    expect(engineMessage({ statusCode: 404, reason: 'no such container', message: 'x' })).toBe('no such container');
    expect(engineMessage(null)).toBe('');
  });
  it('explains the common pull failures', () => {
    expect(explainPullError('r/x:1', 'no basic auth credentials')).toMatch(/^The registry of r\/x:1 wants credentials/);
    expect(explainPullError('x:1', 'manifest unknown')).toMatch(/was not found/);
    expect(explainPullError('x:1', 'dial tcp: lookup registry-1.docker.io: no such host')).toMatch(/could not reach the registry/);
    expect(explainPullError('x:1', 'other')).toBe('other');
  });
});
