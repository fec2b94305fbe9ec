import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors.ts';
import {
  DEFAULT_LOCAL_SUBNET,
  ipv4ToNumber,
  isMachineAddress,
  localSubnetFromEnv,
  lowestFreeAddress,
  machineCapacity,
  numberToIpv4,
  overlapsSubnet,
  parseLocalSubnet,
} from './local-subnet.ts';

function problem(text: string): string {
  try {
    parseLocalSubnet(text);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('PRECONDITION');
    return (e as AppError).message;
  }
  throw new Error(`${text} was accepted`);
}

describe('parseLocalSubnet', () => {
  it('reads the default range: bridge on .1, machines .2 to .254', () => {
    const s = parseLocalSubnet(DEFAULT_LOCAL_SUBNET);
    expect(s).toMatchObject({ cidr: '10.213.0.0/24', prefix: 24, gateway: '10.213.0.1' });
    expect(numberToIpv4(s.first)).toBe('10.213.0.2');
    expect(numberToIpv4(s.last)).toBe('10.213.0.254');
    expect(machineCapacity(s)).toBe(253);
  });

  it('accepts every private range from /16 to /28', () => {
    expect(parseLocalSubnet('172.16.0.0/16').gateway).toBe('172.16.0.1');
    expect(parseLocalSubnet('172.31.255.240/28').gateway).toBe('172.31.255.241');
    expect(parseLocalSubnet(' 192.168.77.0/24 ').cidr).toBe('192.168.77.0/24');
    expect(machineCapacity(parseLocalSubnet('10.1.2.16/28'))).toBe(13);
    expect(machineCapacity(parseLocalSubnet('10.9.0.0/16'))).toBe(65533);
  });

  it('refuses public, misaligned, too large or too small ranges and non-ranges, saying what to set', () => {
    expect(problem('8.8.8.0/24')).toMatch(/not inside a private range/);
    expect(problem('172.32.0.0/24')).toMatch(/not inside a private range/);
    expect(problem('192.169.0.0/24')).toMatch(/not inside a private range/);
    expect(problem('10.0.0.0/8')).toMatch(/\/8 prefix/);
    expect(problem('10.0.0.0/15')).toMatch(/\/15 prefix/);
    expect(problem('10.0.0.0/29')).toMatch(/\/29 prefix/);
    expect(problem('10.213.0.5/24')).toMatch(/would be 10\.213\.0\.0\/24/);
    expect(problem('10.213.0.0')).toMatch(/not an IPv4 range/);
    expect(problem('10.213.0.0/24; rm -rf /')).toMatch(/not an IPv4 range/);
    expect(problem('10.213.00.0/24')).toMatch(/not an IPv4 range/);
    expect(problem('10.256.0.0/24')).toMatch(/not an IPv4 range/);
    expect(problem('fd00::/64')).toMatch(/not an IPv4 range/);
    expect(problem('')).toContain('WHARF_LOCAL_SUBNET');
  });

  it('comes from WHARF_LOCAL_SUBNET, or the default when unset or empty', () => {
    expect(localSubnetFromEnv({}).cidr).toBe(DEFAULT_LOCAL_SUBNET);
    expect(localSubnetFromEnv({ WHARF_LOCAL_SUBNET: '  ' }).cidr).toBe(DEFAULT_LOCAL_SUBNET);
    expect(localSubnetFromEnv({ WHARF_LOCAL_SUBNET: '192.168.50.0/26' }).gateway).toBe('192.168.50.1');
    expect(() => localSubnetFromEnv({ WHARF_LOCAL_SUBNET: '1.2.3.0/24' })).toThrow(AppError);
  });
});

describe('addresses', () => {
  const s = parseLocalSubnet('10.213.0.0/24');

  it('converts dotted addresses to numbers and back', () => {
    expect(ipv4ToNumber('10.213.0.1')).toBe(10 * 2 ** 24 + 213 * 2 ** 16 + 1);
    expect(numberToIpv4(ipv4ToNumber('255.255.255.255')!)).toBe('255.255.255.255');
    expect(ipv4ToNumber('1.2.3')).toBeNull();
    expect(ipv4ToNumber('1.2.3.4.5')).toBeNull();
  });

  it('gives the lowest free address, skipping used ones and holes', () => {
    expect(lowestFreeAddress(s, [])).toBe('10.213.0.2');
    expect(lowestFreeAddress(s, ['10.213.0.2', '10.213.0.3'])).toBe('10.213.0.4');
    expect(lowestFreeAddress(s, ['10.213.0.3', '10.213.0.2', '10.213.0.5'])).toBe('10.213.0.4');
    expect(lowestFreeAddress(s, ['10.213.0.2/24', ' 10.213.0.3 ', 'not an address', '192.168.0.2'])).toBe('10.213.0.4');
  });

  it('never gives the network, bridge or broadcast address, and null when full', () => {
    const small = parseLocalSubnet('10.213.0.16/28');
    const used = Array.from({ length: 12 }, (_, i) => `10.213.0.${18 + i}`);
    expect(lowestFreeAddress(small, used)).toBe('10.213.0.30');
    expect(lowestFreeAddress(small, [...used, '10.213.0.30'])).toBeNull();
    expect(isMachineAddress(small, '10.213.0.16')).toBe(false);
    expect(isMachineAddress(small, '10.213.0.17')).toBe(false);
    expect(isMachineAddress(small, '10.213.0.18')).toBe(true);
    expect(isMachineAddress(small, '10.213.0.30')).toBe(true);
    expect(isMachineAddress(small, '10.213.0.31')).toBe(false);
    expect(isMachineAddress(small, '10.213.0.32')).toBe(false);
  });

  it('tells which interface ranges overlap the subnet', () => {
    expect(overlapsSubnet(s, '10.213.0.77', 24)).toBe(true);
    expect(overlapsSubnet(s, '10.0.0.1', 8)).toBe(true);
    expect(overlapsSubnet(s, '10.213.0.200', 32)).toBe(true);
    expect(overlapsSubnet(s, '10.213.1.1', 24)).toBe(false);
    expect(overlapsSubnet(s, '10.99.0.1', 24)).toBe(false);
    expect(overlapsSubnet(s, '127.0.0.1', 8)).toBe(false);
    expect(overlapsSubnet(s, 'x', 24)).toBe(false);
  });
});
