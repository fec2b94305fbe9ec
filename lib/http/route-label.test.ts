import { describe, expect, it } from 'vitest';
import { fixedWordsOf, routeLabel } from './route-label.ts';

const words = fixedWordsOf(['(console)', '(auth)', 'api', 'hosts', '[hostId]', 'swarms', '[swarmId]', 'stacks', '[name]', 'services', 'login', '_lib', '@modal', 'healthz']);

describe('routeLabel', () => {
  it('keeps the fixed words of the routes and hides everything users name', () => {
    expect(routeLabel('/hosts', words)).toBe('/hosts');
    expect(routeLabel('/hosts/cmabc123def456ghi789jkl0', words)).toBe('/hosts/:param');
    expect(routeLabel('/api/swarms/w1/stacks/payments?tab=services', words)).toBe('/api/swarms/:param/stacks/:param');
    expect(routeLabel('/swarms/w1/stacks/<script>', words)).toBe('/swarms/:param/stacks/:param');
  });

  it('collapses static files and the socket transport to one series each', () => {
    expect(routeLabel('/_next/static/chunks/abc.js', words)).toBe('/_next');
    expect(routeLabel('/socket.io/?EIO=4&transport=polling', words)).toBe('/socket.io');
  });

  it('names the root and bounds very long paths', () => {
    expect(routeLabel('/', words)).toBe('/');
    expect(routeLabel('', words)).toBe('/');
    expect(routeLabel('/a/b/c/d/e/f/g/h', words)).toBe('/:param/:param/:param/:param/:param/:param/…');
  });
});

describe('fixedWordsOf', () => {
  it('leaves out dynamic segments, route groups, private folders and slots', () => {
    expect([...words].sort()).toEqual(['api', 'healthz', 'hosts', 'login', 'services', 'stacks', 'swarms']);
  });
});
