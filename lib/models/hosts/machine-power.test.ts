import { describe, expect, it } from 'vitest';
import { machinePower } from './machine-power.ts';

describe('machinePower', () => {
  it('offers stop and restart for a machine whose engine answers', () => {
    expect(machinePower('up')).toEqual({ state: 'on', offers: ['stop', 'restart'] });
  });
  it('offers start and restart when the engine does not answer', () => {
    expect(machinePower('unreachable')).toEqual({ state: 'off', offers: ['start', 'restart'] });
  });
  it('offers everything before the first answer', () => {
    expect(machinePower('unknown').offers).toEqual(['start', 'stop', 'restart']);
  });
});
