import { describe, expect, it } from 'vitest';
import { appliesTo, bulkNeedsConfirmation, bulkTaskConsequence, selectAllState, selectedRows, summarizeBulk, toggleAll, type BulkOutcome } from './bulk-actions.ts';

const row = (key: string, state: string, service: string | null = null) => ({ key, name: key, state, service });
const web = row('h/web', 'running');
const db = row('h/db', 'exited');
const paused = row('h/cache', 'paused');
const task = row('h/demo_app.1.x', 'running', 'demo_app');

describe('appliesTo', () => {
  it('starts only stopped containers, stops and restarts only running ones, removes all', () => {
    const rows = [web, db, paused, task];
    expect(appliesTo('start', rows).map((r) => r.key)).toEqual(['h/db']);
    expect(appliesTo('stop', rows).map((r) => r.key)).toEqual(['h/web', 'h/demo_app.1.x']);
    expect(appliesTo('restart', rows).map((r) => r.key)).toEqual(['h/web', 'h/demo_app.1.x']);
    expect(appliesTo('remove', rows).map((r) => r.key)).toEqual(['h/web', 'h/db', 'h/cache', 'h/demo_app.1.x']);
  });
});

describe('confirmation', () => {
  it('always asks before stopping or removing, before restarting only a task, never before starting', () => {
    expect(bulkNeedsConfirmation('stop', [web])).toBe(true);
    expect(bulkNeedsConfirmation('remove', [db])).toBe(true);
    expect(bulkNeedsConfirmation('restart', [web])).toBe(false);
    expect(bulkNeedsConfirmation('restart', [web, task])).toBe(true);
    expect(bulkNeedsConfirmation('start', [db, task])).toBe(false);
    expect(bulkNeedsConfirmation('stop', [])).toBe(false);
  });
  it('says what the swarm does for each task container, with the single action\'s words', () => {
    expect(bulkTaskConsequence('stop', task)).toBe('replaced');
    expect(bulkTaskConsequence('restart', task)).toBe('mayReplace');
    expect(bulkTaskConsequence('remove', task)).toBe('mayReplace');
    expect(bulkTaskConsequence('start', task)).toBeNull();
    expect(bulkTaskConsequence('remove', web)).toBeNull();
  });
});

describe('selection', () => {
  it('keeps only the selected rows still shown', () => {
    expect(selectedRows([web, db], new Set(['h/db', 'h/gone']))).toEqual([db]);
  });
  it('selects every shown row, or clears them, leaving rows not shown alone', () => {
    const shown = [web, db];
    expect(selectAllState(shown, new Set())).toBe('none');
    expect(selectAllState(shown, new Set(['h/web']))).toBe('some');
    expect(selectAllState(shown, new Set(['h/web', 'h/db']))).toBe('all');
    expect(selectAllState([], new Set())).toBe('none');
    expect([...toggleAll(shown, new Set(['h/web', 'h/hidden']))].sort()).toEqual(['h/db', 'h/hidden', 'h/web']);
    expect([...toggleAll(shown, new Set(['h/web', 'h/db', 'h/hidden']))]).toEqual(['h/hidden']);
  });
});

describe('summarizeBulk', () => {
  it('counts what is done and lists every failure by container', () => {
    const outcomes: BulkOutcome[] = [
      { key: 'h/web', name: 'web', hostName: 'h', ok: true, message: 'Stopped web.' },
      { key: 'h/db', name: 'db', hostName: 'h', ok: false, error: 'You may not stop db.' },
    ];
    expect(summarizeBulk(3, outcomes)).toEqual({ done: 2, succeeded: 1, failed: [outcomes[1]], finished: false });
    expect(summarizeBulk(2, outcomes).finished).toBe(true);
  });
});
