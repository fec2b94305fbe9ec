// What a provisioned machine's power buttons offer, from what Wharf sees of it: an engine that
// answers runs on a machine that is on (stop, restart); one that does not may be off (start, or
// restart a machine that is on but whose engine hangs); before the first answer, everything. Pure.

export type PowerAction = 'start' | 'stop' | 'restart';

export type MachinePower = { state: string; offers: PowerAction[] };

export function machinePower(hostStatus: string): MachinePower {
  if (hostStatus === 'up') return { state: 'On: its engine answers', offers: ['stop', 'restart'] };
  if (hostStatus === 'unreachable') return { state: 'Off, or its engine does not answer', offers: ['start', 'restart'] };
  return { state: 'Not known yet', offers: ['start', 'stop', 'restart'] };
}
