// Reading the listening TCP ports of an engine's network namespace from /proc/<pid>/net/tcp{,6}.
import { describe, expect, it } from 'vitest';
import { SWARM_GOSSIP_PORT, listeningTcpPorts } from './engines.ts';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0B00630A:0949 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 101 1 0000000000000000 100 0 0 10 0
   1: 0B00630A:B0D6 0D00630A:1F0A 01 00000000:00000000 00:00000000 00000000     0        0 102 1 0000000000000000 20 4 30 10 -1
   2: 0B00630A:0948 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 103 1 0000000000000000 100 0 0 10 0
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1F0A 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 104 1 0000000000000000 100 0 0 10 0
`;

describe('listeningTcpPorts', () => {
  it('reads the ports in state LISTEN, IPv4 and IPv6, and not the connections', () => {
    expect([...listeningTcpPorts(`${TCP}\n${TCP6}`)].sort((a, b) => a - b)).toEqual([2376, 2377, SWARM_GOSSIP_PORT]);
  });

  it('finds no gossip listener when only a connection to another node uses the port', () => {
    expect(listeningTcpPorts(TCP).has(SWARM_GOSSIP_PORT)).toBe(false);
  });

  it('reads nothing from an empty or unreadable table', () => {
    expect(listeningTcpPorts('').size).toBe(0);
  });
});
