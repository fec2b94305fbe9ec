// Short port syntax. Expected results were checked with `docker stack config` (CLI 28.2).
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { parsePortSpec } from '@/lib/services/stacks/compose/port-spec.ts';

const ingress = (target: number, published: number | undefined, protocol = 'tcp') => (published === undefined ? { mode: 'ingress', target, protocol } : { mode: 'ingress', target, published, protocol });

describe('parsePortSpec (checked with docker stack config)', () => {
  it.each([
    ['3000', [ingress(3000, undefined)]],
    ['80:80', [ingress(80, 80)]],
    ['9090:9090/udp', [ingress(9090, 9090, 'udp')]],
    ['80/UDP', [ingress(80, undefined, 'udp')]],
    ['80/', [ingress(80, undefined)]],
    ['8080:80/tcp/x', [ingress(80, 8080)]],
    [':80', [ingress(80, undefined)]],
    ['0.0.0.0:80:80', [ingress(80, 80)]],
    ['80-81', [ingress(80, undefined), ingress(81, undefined)]],
    ['8000-8001:80-81', [ingress(80, 8000), ingress(81, 8001)]],
    ['8000-8001:80', [ingress(80, 8000), ingress(80, 8001)]],
    // A range is ordered as strings, as the CLI sorts "100/sctp" before "99/sctp".
    ['99-101:99-101/sctp', [ingress(100, 100, 'sctp'), ingress(101, 101, 'sctp'), ingress(99, 99, 'sctp')]],
  ])('%s', (spec, ports) => {
    expect(inEnglish(parsePortSpec(spec))).toEqual({ ports, warnings: [] });
  });

  it('publishes on every address, warning that a host IP is ignored (as the CLI logs)', () => {
    expect(inEnglish(parsePortSpec('127.0.0.1:53:53/udp'))).toEqual({ ports: [ingress(53, 53, 'udp')], warnings: ["ignoring IP-address (127.0.0.1:53:53/udp): a swarm service listens on every address"] });
    expect(inEnglish(parsePortSpec('[::1]:8080:80'))).toEqual({ ports: [ingress(80, 8080)], warnings: ["ignoring IP-address ([::1]:8080:80): a swarm service listens on every address"] });
  });

  it.each([
    ['1.2.3:80:80', 'invalid IP address: 1.2.3'],
    ['80:80:80:80', 'invalid IP address: 80:80'],
    ['80:', 'no port specified: 80:<empty>'],
    ['65536', 'invalid containerPort: 65536'],
    ['80-79', 'invalid containerPort: 80-79'],
    ['abc:80', 'invalid hostPort: abc'],
    ['80-81:90-95', 'invalid ranges specified for container and host Ports: 90-95 and 80-81'],
    ['80/icmp', 'invalid proto: icmp'],
  ])('%s is refused: %s', (spec, error) => {
    expect(inEnglish(parsePortSpec(spec))).toEqual({ error });
  });
});
