// What a provisioned machine's power buttons offer, from what Wharf sees of it: an engine that
// answers runs on a machine that is on (stop, restart); one that does not may be off (start, or
// restart a machine that is on but whose engine hangs); before the first answer, everything. Pure.

export type PowerAction = 'start' | 'stop' | 'restart';

/** `state` names the words shown (hosts.machine.power.*). */
export type MachinePower = { state: 'on' | 'off' | 'unknown'; offers: PowerAction[] };

export function machinePower(hostStatus: string): MachinePower {
  if (hostStatus === 'up') return { state: 'on', offers: ['stop', 'restart'] };
  if (hostStatus === 'unreachable') return { state: 'off', offers: ['start', 'restart'] };
  return { state: 'unknown', offers: ['start', 'stop', 'restart'] };
}
