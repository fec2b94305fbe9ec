import { describe, expect, it } from 'vitest';
import { messageOfIssue } from '@/lib/i18n/message.ts';
import { addressingProblem, parseKeyValues, toNetworkBody, toVolumeBody } from './host-object-form.ts';

const keyOf = (error: string) => messageOfIssue(error)?.key;

describe('key=value lines', () => {
  it('read one pair a line, skipping blanks and comments; a value may hold "="', () => {
    expect(parseKeyValues('type=tmpfs\n\n# size first\n o = size=64m,uid=1000 \ncom.example/team=web')).toEqual({ ok: true, value: { type: 'tmpfs', o: 'size=64m,uid=1000', 'com.example/team': 'web' } });
    expect(parseKeyValues('')).toEqual({ ok: true, value: {} });
  });

  it('say which line is wrong and why', () => {
    const cases: [string, string][] = [
      ['type', 'modelText.objectForm.noValue'],
      ['=x', 'modelText.objectForm.notAKey'],
      ['a b=1', 'modelText.objectForm.notAKey'],
      ['a=1\na=2', 'modelText.objectForm.twice'],
      [Array.from({ length: 65 }, (_, i) => `k${i}=v`).join('\n'), 'modelText.objectForm.tooMany'],
    ];
    for (const [text, key] of cases) {
      const parsed = parseKeyValues(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(keyOf(parsed.error), text).toBe(key);
    }
    const second = parseKeyValues('a=1\nbad key=2');
    expect(!second.ok && messageOfIssue(second.error)?.values).toMatchObject({ line: '2' });
  });
});

describe('create bodies', () => {
  it('a volume carries its driver, options and labels, and who made it', () => {
    expect(toVolumeBody({ name: 'data', driver: 'local', options: { type: 'tmpfs', device: 'tmpfs' }, labels: { team: 'web' } }, 'ann')).toEqual({
      Name: 'data', Driver: 'local', DriverOpts: { type: 'tmpfs', device: 'tmpfs' }, Labels: { team: 'web', 'wharf.created-by': 'ann' },
    });
  });

  it('a network carries its flags, and addressing only when a subnet is given', () => {
    const base = { name: 'web', driver: 'bridge' as const, subnet: null, gateway: null, internal: true, attachable: false, options: {}, labels: {} };
    const plain = toNetworkBody(base, 'ann');
    expect(plain).toMatchObject({ Name: 'web', Driver: 'bridge', Internal: true, Attachable: false, CheckDuplicate: true, Labels: { 'wharf.created-by': 'ann' } });
    expect(plain).not.toHaveProperty('IPAM');
    expect(toNetworkBody({ ...base, subnet: '10.20.0.0/24', gateway: '10.20.0.1' }, 'ann').IPAM).toEqual({ Driver: 'default', Config: [{ Subnet: '10.20.0.0/24', Gateway: '10.20.0.1' }] });
    expect(toNetworkBody({ ...base, subnet: '10.20.0.0/24' }, 'ann').IPAM).toEqual({ Driver: 'default', Config: [{ Subnet: '10.20.0.0/24' }] });
  });
});

describe('a network subnet and gateway', () => {
  it('go together when the gateway is inside the subnet, or either is absent', () => {
    expect(addressingProblem(null, null)).toBeNull();
    expect(addressingProblem('10.20.0.0/24', null)).toBeNull();
    expect(addressingProblem('10.20.0.0/24', '10.20.0.1')).toBeNull();
    expect(addressingProblem('fd00:1::/64', 'fd00:1::1')).toBeNull();
  });

  it('are refused on the field at fault otherwise', () => {
    expect(addressingProblem('10.20.0.0', null)).toMatchObject({ field: 'subnet' });
    expect(addressingProblem('10.20.0.0/40', null)).toMatchObject({ field: 'subnet' });
    expect(addressingProblem('10.20.0.0/24', 'gateway')).toMatchObject({ field: 'gateway' });
    expect(addressingProblem(null, '10.20.0.1')).toMatchObject({ field: 'gateway' });
    const outside = addressingProblem('10.20.0.0/24', '10.21.0.1');
    expect(outside?.field).toBe('gateway');
    expect(keyOf(outside!.error)).toBe('modelText.objectForm.gatewayOutside');
  });
});
