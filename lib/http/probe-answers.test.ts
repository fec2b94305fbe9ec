import { describe, expect, it } from 'vitest';
import { databaseAwayPage, databaseAwaySentence, probeAnswer, type DatabaseState } from './probe-answers.ts';

const up: DatabaseState = { ready: true, since: Date.UTC(2026, 11, 6, 10, 0, 0), own: true };
const down: DatabaseState = { ...up, ready: false };
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('probeAnswer', () => {
  it('says alive on /healthz whatever the database does', () => {
    for (const state of [up, down]) {
      const answer = probeAnswer('GET', '/healthz', state)!;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ status: 'alive' });
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });

  it('says ready on /readyz while the database answers, 503 with since and Retry-After while it does not', () => {
    expect(probeAnswer('GET', '/readyz', up)).toMatchObject({ status: 200 });
    expect(JSON.parse(probeAnswer('GET', '/readyz', up)!.body)).toEqual({ status: 'ready', database: 'up' });
    const answer = probeAnswer('HEAD', '/readyz', down)!;
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(JSON.parse(answer.body)).toEqual({ status: 'not ready', database: 'unavailable', since: '2026-12-06T10:00:00.000Z' });
  });

  it('leaves other methods and paths to Next', () => {
    expect(probeAnswer('POST', '/readyz', up)).toBeNull();
    expect(probeAnswer('GET', '/readyz/x', up)).toBeNull();
    expect(probeAnswer('GET', '/healthz.json', up)).toBeNull();
    expect(probeAnswer(undefined, '/healthz', up)).toBeNull();
  });
});

describe('databaseAwayPage', () => {
  it('answers a page request with 503, a sentence, a reload and a strict policy while the database is away', () => {
    const page = databaseAwayPage('GET', '/hosts', HTML, down)!;
    expect(page.status).toBe(503);
    expect(page.headers['retry-after']).toBe('5');
    expect(page.headers['content-security-policy']).toBe("default-src 'none'");
    expect(page.body).toContain('<meta http-equiv="refresh" content="5">');
    expect(page.body).toContain(databaseAwaySentence(down));
    expect(page.body).not.toMatch(/<script/i);
  });

  it('says who brings the database back: Wharf for its own, the operator for DATABASE_URL', () => {
    expect(databaseAwaySentence(down)).toMatch(/Wharf is starting it again/);
    expect(databaseAwaySentence({ ...down, own: false })).toMatch(/DATABASE_URL/);
  });

  it('lets everything through while the database answers', () => {
    expect(databaseAwayPage('GET', '/hosts', HTML, up)).toBeNull();
  });

  it('leaves static files, API calls, sockets, server actions and non-HTML requests to their own answers', () => {
    expect(databaseAwayPage('GET', '/_next/static/chunks/app.js', '*/*', down)).toBeNull();
    expect(databaseAwayPage('GET', '/api/hosts', HTML, down)).toBeNull();
    expect(databaseAwayPage('GET', '/socket.io/', HTML, down)).toBeNull();
    expect(databaseAwayPage('POST', '/hosts', HTML, down)).toBeNull();
    expect(databaseAwayPage('GET', '/hosts', 'application/json', down)).toBeNull();
    expect(databaseAwayPage('GET', '/hosts', undefined, down)).toBeNull();
  });
});
