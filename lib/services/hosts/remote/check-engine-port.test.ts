import { describe, expect, it } from 'vitest';
import { parseProcNetTcp, parseSsListeners, portBlocker } from './check-engine-port.ts';

const SS = `LISTEN 0      4096         0.0.0.0:2376       0.0.0.0:*    users:(("dockerd",pid=812,fd=9))
LISTEN 0      128          0.0.0.0:22         0.0.0.0:*    users:(("sshd",pid=301,fd=3))
LISTEN 0      511             [::]:80            [::]:*    users:(("nginx",pid=77,fd=6),("nginx",pid=78,fd=6))
LISTEN 0      4096   127.0.0.53%lo:53         0.0.0.0:*    users:(("systemd-resolve",pid=12,fd=14))
LISTEN 0      511                *:8080             *:*
`;

describe('parseSsListeners', () => {
  it('reads addresses, ports and programs (several per socket, IPv6, interface suffixes, none)', () => {
    expect(parseSsListeners(SS)).toEqual([
      { address: '0.0.0.0', port: 2376, processes: [{ name: 'dockerd', pid: 812 }] },
      { address: '0.0.0.0', port: 22, processes: [{ name: 'sshd', pid: 301 }] },
      { address: '::', port: 80, processes: [{ name: 'nginx', pid: 77 }, { name: 'nginx', pid: 78 }] },
      { address: '127.0.0.53%lo', port: 53, processes: [{ name: 'systemd-resolve', pid: 12 }] },
      { address: '*', port: 8080, processes: [] },
    ]);
  });

  it('skips a header line and copes with output without the State column', () => {
    const text = 'State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nLISTEN 0 4096 10.0.0.1:2376 0.0.0.0:* users:(("node",pid=5,fd=18))\n0 4096 10.0.0.1:9000 0.0.0.0:*\n';
    expect(parseSsListeners(text)).toEqual([
      { address: '10.0.0.1', port: 2376, processes: [{ name: 'node', pid: 5 }] },
      { address: '10.0.0.1', port: 9000, processes: [] },
    ]);
  });
});

describe('parseProcNetTcp', () => {
  it('reads listening sockets (state 0A) from /proc/net/tcp and tcp6, IPv4 in little-endian hex', () => {
    const text = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0948 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21001 1 0000000000000000 100 0 0 10 0
   1: 0100007F:0035 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1234 1 0000000000000000 100 0 0 10 0
   2: 3300630A:0016 0100630A:D1B4 01 00000000:00000000 02:0009B3A9 00000000     0        0 5678 2 0000000000000000 20 4 30 10 -1
  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 9 1 0000000000000000 100 0 0 10 0
`;
    expect(parseProcNetTcp(text)).toEqual([
      { address: '0.0.0.0', port: 2376, processes: [] },
      { address: '127.0.0.1', port: 53, processes: [] },
      { address: '::', port: 8080, processes: [] },
    ]);
  });
});

describe('portBlocker', () => {
  const listeners = parseSsListeners(SS);
  it('lets dockerd hold the port (a machine Wharf configured before)', () => {
    expect(portBlocker(listeners, 2376)).toBeNull();
  });
  it('names another program on the port', () => {
    expect(portBlocker(listeners, 80)).toMatchObject({ port: 80, processes: [{ name: 'nginx' }, { name: 'nginx' }] });
  });
  it('reports a listener whose program is unknown, and a free port as free', () => {
    expect(portBlocker(listeners, 8080)).toMatchObject({ port: 8080, processes: [] });
    expect(portBlocker(listeners, 9999)).toBeNull();
  });
});
