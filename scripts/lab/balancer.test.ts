import { describe, expect, it } from 'vitest';
import { balancerConfig } from './balancer.ts';

describe('balancerConfig', () => {
  const config = balancerConfig({ port: 4100, servers: [{ name: 'replica-1', port: 4101 }, { name: 'replica-2', port: 4102 }], adminSocket: '/tmp/lab/balancers/x/admin.sock' });
  const lines = config.split('\n').map((line) => line.trim());

  it('listens on loopback and balances round robin over every server, each checked on /readyz', () => {
    expect(lines).toContain('bind 127.0.0.1:4100');
    expect(lines).toContain('balance roundrobin');
    expect(lines).toContain('http-check send meth GET uri /readyz');
    expect(lines).toContain('http-check expect status 200');
    expect(lines).toContain('server replica-1 127.0.0.1:4101 check');
    expect(lines).toContain('server replica-2 127.0.0.1:4102 check');
  });

  it('keeps WebSockets open, retries a refused connection elsewhere and cuts what a downed server held', () => {
    expect(lines).toContain('timeout tunnel 1h');
    expect(lines).toContain('option redispatch');
    expect(lines).toContain('option http-server-close');
    expect(lines).toContain('retry-on conn-failure empty-response');
    expect(lines.find((line) => line.startsWith('default-server'))).toContain('on-marked-down shutdown-sessions');
  });

  it('needs no stickiness: no cookie or source balancing', () => {
    expect(config).not.toMatch(/^\s*(cookie|stick|balance source)/m);
  });

  it('offers its admin socket for the checks\' view of the servers', () => {
    expect(lines).toContain('stats socket /tmp/lab/balancers/x/admin.sock mode 600 level admin');
  });
});
