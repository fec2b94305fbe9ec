import { describe, expect, it } from 'vitest';
import { apiSegments } from '@/lib/http/api/api-path.ts';

describe('apiSegments: which requests the API door answers ahead of Next.js', () => {
  it('gives the decoded segments after /api/v1/, without the query', () => {
    expect(apiSegments('/api/v1/hosts')).toEqual(['hosts']);
    expect(apiSegments('/api/v1/hosts/h1/images/pulls/j1?wait=500')).toEqual(['hosts', 'h1', 'images', 'pulls', 'j1']);
    expect(apiSegments('/api/v1/stacks/s%20x#frag')).toEqual(['stacks', 's x']);
  });

  it('drops empty segments, as a catch-all route never sees them', () => {
    expect(apiSegments('/api/v1/hosts/')).toEqual(['hosts']);
    expect(apiSegments('/api/v1//hosts')).toEqual(['hosts']);
    expect(apiSegments('/api/v1/')).toEqual([]);
  });

  it('keeps decoded traversal as a segment, for the door’s id rule to refuse', () => {
    expect(apiSegments('/api/v1/hosts/..%2F..%2Fetc')).toEqual(['hosts', '../../etc']);
  });

  it('leaves to Next.js what is not the API, the OpenAPI document, and escapes that do not decode', () => {
    expect(apiSegments(undefined)).toBeNull();
    expect(apiSegments('/api/hosts')).toBeNull();
    expect(apiSegments('/api/v1')).toBeNull();
    expect(apiSegments('/api/v10/hosts')).toBeNull();
    expect(apiSegments('/API/V1/hosts')).toBeNull();
    expect(apiSegments('/api/v1/openapi.json')).toBeNull();
    expect(apiSegments('/api/v1/openapi.json?x=1')).toBeNull();
    expect(apiSegments('/api/v1/hosts/%E0%A4%A')).toBeNull();
  });
});
