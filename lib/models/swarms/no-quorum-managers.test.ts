// The no-quorum view's managers as their engines answered the view's own pings, whatever the stored status says.
import { describe, expect, it } from 'vitest';
import { managersAsProbed, type ManagerProbe, type StoredManager } from '@/lib/models/swarms/no-quorum-managers.ts';

const m = (hostId: string, status: string, statusReason: string | null = null): StoredManager => ({ hostId, hostName: `host ${hostId}`, status, statusReason });
const answered: ManagerProbe = { answered: true };
const silent = (reason: string): ManagerProbe => ({ answered: false, reason });

describe('managersAsProbed', () => {
  it('marks a manager whose engine did not answer unreachable, with why, while its stored status still says up', () => {
    const probed = managersAsProbed([m('lab-2', 'up')], new Map([['lab-2', silent('connection refused')]]));
    expect(probed.managers).toEqual([m('lab-2', 'unreachable', 'connection refused')]);
    expect(probed.stale).toEqual(['lab-2']);
  });

  it('says the fresh reason of a manager already stored unreachable, and does not call it stale', () => {
    const probed = managersAsProbed([m('lab-2', 'unreachable', 'stream closed')], new Map([['lab-2', silent('no such socket')]]));
    expect(probed.managers).toEqual([m('lab-2', 'unreachable', 'no such socket')]);
    expect(probed.stale).toEqual([]);
  });

  it('marks a manager that answered up, dropping a stored reason, and calls a contradicted status stale', () => {
    const probed = managersAsProbed([m('lab-1', 'unreachable', 'old'), m('lab-3', 'unknown'), m('lab-4', 'up')], new Map([['lab-1', answered], ['lab-3', answered], ['lab-4', answered]]));
    expect(probed.managers).toEqual([m('lab-1', 'up'), m('lab-3', 'up'), m('lab-4', 'up')]);
    expect(probed.stale).toEqual(['lab-1', 'lab-3']);
  });

  it('leaves a manager that was not asked as stored, and keeps the order it was given', () => {
    const stored = [m('b', 'up'), m('a', 'unknown'), m('c', 'up')];
    const probed = managersAsProbed(stored, new Map([['c', silent('timed out')]]));
    expect(probed.managers).toEqual([m('b', 'up'), m('a', 'unknown'), m('c', 'unreachable', 'timed out')]);
    expect(probed.stale).toEqual(['c']);
  });

  it('with two of three managers stopped, lists exactly those two unreachable on the first read', () => {
    const stored = [m('lab-1', 'up'), m('lab-2', 'up'), m('lab-3', 'up')];
    const probed = managersAsProbed(stored, new Map([['lab-1', silent('refused')], ['lab-2', answered], ['lab-3', silent('refused')]]));
    expect(probed.managers.filter((x) => x.status === 'unreachable').map((x) => x.hostId)).toEqual(['lab-1', 'lab-3']);
  });
});
