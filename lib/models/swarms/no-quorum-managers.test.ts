import { describe, expect, it } from 'vitest';
import { managersAsProbed } from './no-quorum-managers.ts';

const m = (hostId: string, status: string, statusReason: string | null = null) => ({ hostId, hostName: hostId, status, statusReason });

describe('managersAsProbed', () => {
  it('marks a manager whose engine did not answer unreachable, even while its stored status still says up', () => {
    expect(managersAsProbed([m('lab-2', 'up')], new Map([['lab-2', false]]))).toEqual([m('lab-2', 'unreachable')]);
  });
  it('keeps the stored reason of a manager already known to be unreachable', () => {
    expect(managersAsProbed([m('lab-2', 'unreachable', 'connection refused')], new Map([['lab-2', false]]))).toEqual([m('lab-2', 'unreachable', 'connection refused')]);
  });
  it('marks a manager that answered up, and leaves one not asked as stored', () => {
    expect(managersAsProbed([m('lab-1', 'unreachable', 'old'), m('lab-3', 'unknown')], new Map([['lab-1', true]]))).toEqual([m('lab-1', 'up'), m('lab-3', 'unknown')]);
  });
});
