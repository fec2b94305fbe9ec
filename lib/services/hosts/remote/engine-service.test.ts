import { describe, expect, it } from 'vitest';
import { SUPERVISOR_PIDFILE, SUPERVISOR_SCRIPT, parseEngineStatus, systemdDropIn } from './engine-service.ts';

describe('systemdDropIn', () => {
  it('clears ExecStart and starts dockerd without -H (daemon.json has "hosts")', () => {
    const text = systemdDropIn('/usr/bin/dockerd', false);
    expect(text).toMatch(/^\[Service\]$/m);
    expect(text).toMatch(/^ExecStart=$/m);
    expect(text).toMatch(/^ExecStart=\/usr\/bin\/dockerd$/m);
    expect(text.split('\n').filter((l) => l.startsWith('ExecStart=')).join(' ')).not.toMatch(/ -H/);
  });
  it("keeps Docker's separate containerd when the unit used it", () => {
    expect(systemdDropIn('/usr/sbin/dockerd', true)).toMatch(/^ExecStart=\/usr\/sbin\/dockerd --containerd=\/run\/containerd\/containerd\.sock$/m);
  });
  it('refuses a path that is not plain', () => {
    expect(() => systemdDropIn('/usr/bin/dockerd\nExecStartPre=/bin/evil', false)).toThrow();
  });
});

describe('parseEngineStatus', () => {
  it('reads the status line', () => {
    expect(parseEngineStatus('socket=1 port=0 exits=2 unit=none dockerd=1 supervisor=1\n')).toEqual({ socket: true, port: false, exits: 2, unit: 'none', dockerd: true, supervisor: true });
  });
  it('treats missing values as down', () => {
    expect(parseEngineStatus('')).toEqual({ socket: false, port: false, exits: 0, unit: 'none', dockerd: false, supervisor: false });
  });
});

describe('the supervisor script', () => {
  it('records its pid, runs dockerd in a loop, stops on TERM, and takes no input', () => {
    expect(SUPERVISOR_SCRIPT.startsWith('#!/bin/sh\n')).toBe(true);
    expect(SUPERVISOR_SCRIPT).toContain(`echo $$ > ${SUPERVISOR_PIDFILE}`);
    expect(SUPERVISOR_SCRIPT).toMatch(/trap on_term TERM INT HUP/);
    expect(SUPERVISOR_SCRIPT).toMatch(/^\s+dockerd &$/m);
    expect(SUPERVISOR_SCRIPT).not.toMatch(/\$1|\$\{1/);
  });
});
