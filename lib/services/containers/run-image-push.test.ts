import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { explainPushError, splitTarget } from './run-image-push.ts';

describe('push errors', () => {
  it('names the credentials when the registry refuses, and keeps the engine’s other words as they are', () => {
    expect(inEnglish(explainPushError('r:5000/a/b:1', 'lab', 'denied: requested access to the resource is denied'))).toMatch(/^lab refused the push to r:5000\/a\/b:1: the credentials Wharf keeps/);
    expect(inEnglish(explainPushError('r:5000/a/b:1', 'lab', 'unauthorized: authentication required'))).toMatch(/^lab refused the credentials Wharf keeps for it, so r:5000\/a\/b:1 was not pushed/);
    expect(inEnglish(explainPushError('r:5000/a/b:1', 'lab', 'http: server gave HTTP response to HTTPS client'))).toMatch(/only pushes to lab over HTTPS/);
    expect(explainPushError('r:5000/a/b:1', 'lab', 'something else')).toBe('something else');
  });

  it('splits a target at its tag, not at a registry port', () => {
    expect(splitTarget('10.0.0.1:5000/lab/x:1.0')).toEqual({ repository: '10.0.0.1:5000/lab/x', tag: '1.0' });
    expect(splitTarget('registry.example/x:latest')).toEqual({ repository: 'registry.example/x', tag: 'latest' });
  });
});
