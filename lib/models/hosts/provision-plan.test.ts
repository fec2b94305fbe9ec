import { describe, expect, it } from 'vitest';
import { DRIVERS, STEPS_BY_DRIVER, STEP_LABELS, isActive, isStopped, jobProgress, stepsToRun, type StepKey, type StepStatus } from './provision-plan.ts';

const steps = (pairs: [StepKey, StepStatus][]) => pairs.map(([key, status]) => ({ key, status }));

describe('provision plan', () => {
  it('gives every driver a plan that starts with pre-create checks and ends by checking the connection', () => {
    for (const driver of DRIVERS) {
      const plan = STEPS_BY_DRIVER[driver];
      expect(plan[0]).toBe('pre-create');
      expect(plan.at(-1)).toBe('check-connection');
      expect(new Set(plan).size).toBe(plan.length);
      for (const key of plan) expect(STEP_LABELS[key]).toBeTruthy();
    }
    expect(STEPS_BY_DRIVER.digitalocean).toContain('create-machine');
    expect(STEPS_BY_DRIVER.generic).not.toContain('create-machine');
    expect(STEPS_BY_DRIVER.local).not.toContain('wait-ssh');
  });

  it('retries from the first step that did not succeed', () => {
    expect(stepsToRun(steps([['pre-create', 'succeeded'], ['wait-ssh', 'failed'], ['detect-os', 'pending']]))).toEqual(['wait-ssh', 'detect-os']);
    expect(stepsToRun(steps([['pre-create', 'succeeded'], ['wait-ssh', 'cancelled'], ['detect-os', 'pending']]))).toEqual(['wait-ssh', 'detect-os']);
    expect(stepsToRun(steps([['pre-create', 'pending'], ['wait-ssh', 'pending']]))).toEqual(['pre-create', 'wait-ssh']);
    expect(stepsToRun(steps([['pre-create', 'succeeded'], ['wait-ssh', 'succeeded']]))).toEqual([]);
  });

  it('measures progress with a running step counting half', () => {
    expect(jobProgress([])).toBe(0);
    expect(jobProgress(steps([['pre-create', 'succeeded'], ['wait-ssh', 'running'], ['detect-os', 'pending'], ['install-docker', 'pending']]))).toBeCloseTo(0.375);
    expect(jobProgress(steps([['pre-create', 'succeeded'], ['wait-ssh', 'succeeded']]))).toBe(1);
    expect(jobProgress(steps([['pre-create', 'succeeded'], ['wait-ssh', 'failed']]))).toBe(0.5);
  });

  it('tells active runs from stopped ones', () => {
    expect(isActive('queued') && isActive('running')).toBe(true);
    expect(isActive('failed') || isActive('succeeded')).toBe(false);
    expect(['failed', 'cancelled', 'interrupted'].every((s) => isStopped(s as never))).toBe(true);
    expect(isStopped('succeeded') || isStopped('running')).toBe(false);
  });
});
