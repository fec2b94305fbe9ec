import { describe, expect, it } from 'vitest';
import { addressKind, canonicalIp, inCidr, parseCidr, parseIp } from './ip-address.ts';

describe('parseIp', () => {
  it('reads IPv4 and IPv6 in their usual spellings', () => {
    expect(parseIp('10.99.0.11')).toEqual({ family: 4, bytes: [10, 99, 0, 11] });
    expect(parseIp('[::1]')?.bytes).toEqual([...Array(15).fill(0), 1]);
    expect(parseIp('fe80::1%eth0')?.bytes.slice(0, 2)).toEqual([0xfe, 0x80]);
    expect(parseIp('::ffff:169.254.169.254')?.bytes.slice(12)).toEqual([169, 254, 169, 254]);
    expect(parseIp('2001:db8:0:0:0:0:0:1')).toEqual(parseIp('2001:db8::1'));
  });

  it('refuses what is not an address', () => {
    for (const text of ['', 'localhost', '256.1.1.1', '1.2.3', '010.0.0.1', '1::2::3', '1:2:3:4:5:6:7:8:9', 'g::1', '::ffff:1.2.3.999', '2852039166']) {
      expect(parseIp(text), text).toBeNull();
    }
  });
});

describe('addressKind', () => {
  it('finds cloud metadata and link-local addresses in every spelling', () => {
    for (const text of ['169.254.169.254', '169.254.0.1', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '[::ffff:169.254.169.254]', '64:ff9b::169.254.169.254', '2002:a9fe:a9fe::1', '::169.254.169.254', 'fe80::1', 'FEBF::1', 'fe80::1%eth0']) {
      expect(['link-local', 'metadata'], text).toContain(addressKind(text));
    }
    expect(addressKind('fd00:ec2::254')).toBe('metadata');
    expect(addressKind('100.100.100.200')).toBe('metadata');
  });

  it('knows "this machine" and loopback, however spelled', () => {
    expect(addressKind('0.0.0.0')).toBe('unspecified');
    expect(addressKind('::')).toBe('unspecified');
    expect(addressKind('::ffff:0.0.0.0')).toBe('unspecified');
    expect(addressKind('127.0.0.1')).toBe('loopback');
    expect(addressKind('127.8.9.10')).toBe('loopback');
    expect(addressKind('::1')).toBe('loopback');
    expect(addressKind('::ffff:127.0.0.1')).toBe('loopback');
  });

  it('leaves ordinary addresses alone', () => {
    for (const text of ['10.99.0.11', '192.168.1.10', '8.8.8.8', '2001:db8::1', 'fec0::1', '169.253.255.255', '169.255.0.1']) expect(addressKind(text), text).toBe('other');
    expect(addressKind('metadata.google.internal')).toBeNull();
  });
});

describe('ranges and one spelling per address', () => {
  it('matches ranges, mapped IPv4 included', () => {
    expect(inCidr(parseIp('10.1.2.3')!, parseCidr('10.0.0.0/8')!)).toBe(true);
    expect(inCidr(parseIp('::ffff:10.1.2.3')!, parseCidr('10.0.0.0/8')!)).toBe(true);
    expect(inCidr(parseIp('11.1.2.3')!, parseCidr('10.0.0.0/8')!)).toBe(false);
    expect(inCidr(parseIp('2001:db8::5')!, parseCidr('2001:db8::/32')!)).toBe(true);
    expect(inCidr(parseIp('10.1.2.3')!, parseCidr('2001:db8::/32')!)).toBe(false);
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('10.0.0.0/8/1')).toBeNull();
    expect(parseCidr('192.0.2.7')?.bits).toBe(32);
  });

  it('spells an address one way', () => {
    expect(canonicalIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(canonicalIp('[::1]')).toBe(canonicalIp('0:0:0:0:0:0:0:1'));
    expect(canonicalIp('FE80::A')).toBe('fe80:0:0:0:0:0:0:a');
    expect(canonicalIp('example.com')).toBeNull();
  });
});
