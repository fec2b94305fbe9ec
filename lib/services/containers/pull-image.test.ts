import { describe, expect, it } from 'vitest';
import { explainPullError } from './pull-image.ts';

describe('pull errors', () => {
  it('explains the common pull failures', () => {
    expect(explainPullError('r/x:1', 'no basic auth credentials')).toMatch(/^The registry of r\/x:1 wants credentials/);
    expect(explainPullError('x:1', 'manifest unknown')).toMatch(/was not found/);
    expect(explainPullError('x:1', 'dial tcp: lookup registry-1.docker.io: no such host')).toMatch(/could not reach the registry/);
    expect(explainPullError('x:1', 'other')).toBe('other');
  });
});
