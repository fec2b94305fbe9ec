import { describe, expect, it } from 'vitest';
import { dueForCheck, hasNewCommit, nextCheckAt } from './git-source.ts';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe('dueForCheck', () => {
  it('is due when never checked, never when paused', () => {
    expect(dueForCheck({ paused: false, pollSeconds: 60, checkedAt: null }, at(0), 0)).toBe(true);
    expect(dueForCheck({ paused: true, pollSeconds: 60, checkedAt: null }, at(0), 0)).toBe(false);
  });

  it('waits its interval, stretched by the jitter', () => {
    const source = { paused: false, pollSeconds: 100, checkedAt: at(0) };
    expect(dueForCheck(source, at(99), 0)).toBe(false);
    expect(dueForCheck(source, at(100), 0)).toBe(true);
    expect(dueForCheck(source, at(105), 0.9)).toBe(false);
    expect(dueForCheck(source, at(110), 0.99)).toBe(true);
  });
});

describe('hasNewCommit', () => {
  it('is true only for a seen commit that is not the deployed one', () => {
    expect(hasNewCommit({ seenCommit: null, deployedCommit: null })).toBe(false);
    expect(hasNewCommit({ seenCommit: 'a', deployedCommit: 'a' })).toBe(false);
    expect(hasNewCommit({ seenCommit: 'b', deployedCommit: 'a' })).toBe(true);
  });
});

describe('nextCheckAt', () => {
  it('is now for a source never checked, otherwise its interval after the last check, stretched by the jitter that dueForCheck allows', () => {
    expect(nextCheckAt({ pollSeconds: 100 }, null, at(7), 0.5)).toEqual(at(7));
    expect(nextCheckAt({ pollSeconds: 100 }, at(0), at(7), 0)).toEqual(at(100));
    expect(nextCheckAt({ pollSeconds: 100 }, at(0), at(7), 0.5)).toEqual(at(105));
    const source = { paused: false, pollSeconds: 100, checkedAt: at(0) };
    expect(dueForCheck(source, nextCheckAt(source, at(0), at(7), 0.5), 0.5)).toBe(true);
  });
});
