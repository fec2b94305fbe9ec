import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors.ts';
import { formatDaemonJson, hasWharfDaemonConfig, mergeDaemonConfig, parseDaemonJson, removeWharfDaemonConfig, wharfDaemonSettings } from './daemon-config.ts';
import { WHARF_DAEMON_KEYS } from '@/tests/support/wharf-daemon-keys.ts';

const owner = { iptables: false, 'cgroup-parent': '/lab', 'insecure-registries': ['10.99.0.1:5005'], 'shutdown-timeout': 3, 'log-driver': 'json-file', 'log-opts': { 'max-size': '10m' } };

describe('parseDaemonJson', () => {
  it('takes a missing, empty or blank file as an empty config, and strips a BOM', () => {
    expect(parseDaemonJson(null)).toEqual({});
    expect(parseDaemonJson('')).toEqual({});
    expect(parseDaemonJson('  \n')).toEqual({});
    expect(parseDaemonJson('\uFEFF{"debug": true}')).toEqual({ debug: true });
  });

  it.each(['{ "iptables": false, ', '{ // comment\n }', "{'a': 1}"])('refuses invalid JSON %j with PRECONDITION and what to do', (text) => {
    let error: unknown;
    try {
      parseDaemonJson(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PRECONDITION');
    expect((error as AppError).message).toMatch(/\/etc\/docker\/daemon\.json on the machine is not valid JSON .*Fix the file .* or remove it/);
  });

  it.each(['[]', '"text"', '42', 'null'])('refuses %s: not an object', (text) => {
    expect(() => parseDaemonJson(text)).toThrow(/not a JSON object/);
  });
});

describe('mergeDaemonConfig', () => {
  it("sets Wharf's keys and keeps every other key as it was", () => {
    const { config, changed } = mergeDaemonConfig(owner);
    expect(config).toEqual({ ...owner, ...WHARF_DAEMON_KEYS });
    expect(changed).toEqual(['hosts', 'tls', 'tlsverify', 'tlscacert', 'tlscert', 'tlskey']);
    expect(owner).not.toHaveProperty('hosts');
  });

  it("replaces the owner's own hosts and TLS settings (an unauthenticated tcp listener must not stay)", () => {
    const { config, changed } = mergeDaemonConfig({ hosts: ['tcp://0.0.0.0:2375', 'fd://'], tls: false, debug: true });
    expect(config.hosts).toEqual(['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376']);
    expect(config.tls).toBe(true);
    expect(config.debug).toBe(true);
    expect(changed).toContain('hosts');
  });

  it('changes nothing the second time', () => {
    const once = mergeDaemonConfig(owner).config;
    const twice = mergeDaemonConfig(once);
    expect(twice.changed).toEqual([]);
    expect(twice.config).toEqual(once);
    expect(hasWharfDaemonConfig(once)).toBe(true);
    expect(hasWharfDaemonConfig(owner)).toBe(false);
  });

  it('uses the given port', () => {
    expect(mergeDaemonConfig({}, wharfDaemonSettings(12376)).config.hosts).toEqual(['unix:///var/run/docker.sock', 'tcp://0.0.0.0:12376']);
  });
});

describe('removeWharfDaemonConfig', () => {
  it("takes Wharf's keys out and leaves the owner's, and keys the owner changed since", () => {
    const merged = mergeDaemonConfig(owner).config;
    expect(removeWharfDaemonConfig(merged)).toEqual(owner);
    expect(removeWharfDaemonConfig({ ...merged, tlscert: '/mine.pem' })).toEqual({ ...owner, tlscert: '/mine.pem' });
  });
});

it('formats daemon.json with two-space indentation and a final newline', () => {
  expect(formatDaemonJson({ a: 1 })).toBe('{\n  "a": 1\n}\n');
});
