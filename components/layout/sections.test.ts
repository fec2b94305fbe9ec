import { describe, expect, it } from 'vitest';
import { choose, CONTAINER_SECTIONS, sectionOf, serviceHref, withHost, withSwarm } from './sections.ts';

const a = { id: 'a', name: 'alpha' };
const b = { id: 'b', name: 'beta' };

describe('choose', () => {
  it('takes the choice the parameter names', () => {
    expect(choose([a, b], 'b', 'first')).toEqual({ chosen: b, unknown: false });
    expect(choose([a, b], 'b', 'none')).toEqual({ chosen: b, unknown: false });
  });
  it('says when the parameter names one that is not in the list', () => {
    expect(choose([a, b], 'gone', 'first')).toEqual({ chosen: null, unknown: true });
    expect(choose([], 'gone', 'none')).toEqual({ chosen: null, unknown: true });
  });
  it('without a parameter (absent, empty or repeated), takes the first or none', () => {
    for (const param of [undefined, '', ['a', 'b']]) {
      expect(choose([a, b], param, 'first')).toEqual({ chosen: a, unknown: false });
      expect(choose([a, b], param, 'none')).toEqual({ chosen: null, unknown: false });
    }
    expect(choose([], undefined, 'first')).toEqual({ chosen: null, unknown: false });
  });
});

describe('links', () => {
  it('keeps the host or swarm in the query, encoded', () => {
    expect(withHost('/containers/images', 'h 1')).toBe('/containers/images?host=h%201');
    expect(withHost('/containers', null)).toBe('/containers');
    expect(withSwarm('/services/secrets', 's1')).toBe('/services/secrets?swarm=s1');
    expect(serviceHref('s/1', 'x')).toBe('/services/s%2F1/x');
  });
  it('finds a section by key', () => {
    expect(sectionOf(CONTAINER_SECTIONS, 'images').path).toBe('/containers/images');
  });
});
