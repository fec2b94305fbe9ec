import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { describeLocalProblems as described, NEEDS_ROOT as ROOT } from './check-local-support.ts';

const describeLocalProblems = (...args: Parameters<typeof described>) => described(...args).map((problem) => renderMessage(problem, 'en'));
const NEEDS_ROOT = renderMessage(ROOT, 'en');

describe('describeLocalProblems', () => {
  it('has nothing to say for root with every program', () => {
    expect(describeLocalProblems(0, [])).toEqual([]);
  });

  it('says the driver needs root, and what to do instead', () => {
    expect(describeLocalProblems(1000, [])).toEqual(['The local driver needs root: run the console as root, or use the generic driver over SSH.']);
    expect(describeLocalProblems(null, [])).toEqual([NEEDS_ROOT]);
  });

  it('names missing programs grouped by the Debian package that installs them', () => {
    expect(describeLocalProblems(0, ['dockerd', 'runc', 'nsenter'])).toEqual([
      'The local driver needs dockerd and runc, which are not installed: install the Debian package docker.io (apt-get install docker.io).',
      'The local driver needs nsenter, which is not installed: install the Debian package util-linux (apt-get install util-linux).',
    ]);
    expect(describeLocalProblems(0, ['dockerd', 'containerd', 'runc'])[0]).toMatch(/^The local driver needs dockerd, containerd and runc, which are not installed/);
    expect(describeLocalProblems(1000, ['ip'])).toEqual([NEEDS_ROOT, expect.stringContaining('iproute2')]);
  });
});
