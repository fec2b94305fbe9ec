import { describe, expect, it } from 'vitest';
import { metricsAccess } from './metrics-access.ts';

const TOKEN = 'a-scrape-token-of-enough-length-0123';

describe('metricsAccess', () => {
  it('is off without a configured token, whatever the request carries', () => {
    expect(metricsAccess(undefined, null)).toBe('off');
    expect(metricsAccess(`Bearer ${TOKEN}`, null)).toBe('off');
  });

  it('allows only the configured bearer token', () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, TOKEN)).toBe('allowed');
    expect(metricsAccess(`bearer ${TOKEN}`, TOKEN)).toBe('allowed');
    expect(metricsAccess(undefined, TOKEN)).toBe('denied');
    expect(metricsAccess('Bearer', TOKEN)).toBe('denied');
    expect(metricsAccess(`Bearer ${TOKEN}x`, TOKEN)).toBe('denied');
    expect(metricsAccess(`Basic ${Buffer.from(`wharf:${TOKEN}`).toString('base64')}`, TOKEN)).toBe('denied');
    expect(metricsAccess(`Bearer ${TOKEN} extra`, TOKEN)).toBe('denied');
  });
});
