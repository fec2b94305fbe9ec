// How to reach one engine: the transport, its address and its secrets (in memory only).

export type TlsMaterial = { ca: string; cert: string; key: string };
export type SshMaterial = { privateKey: string; passphrase?: string };

export type ConnectionSpec =
  | { transport: 'unix'; socketPath: string }
  | { transport: 'tcp'; host: string; port: number; tls: TlsMaterial }
  | { transport: 'ssh'; host: string; port: number; username: string; ssh: SshMaterial; hostKey: string | null };

export type Transport = ConnectionSpec['transport'];

/** The address as stored and shown: a socket path, host:port or user@host:port. */
export function addressOf(spec: ConnectionSpec): string {
  switch (spec.transport) {
    case 'unix':
      return spec.socketPath;
    case 'tcp':
      return `${formatHost(spec.host)}:${spec.port}`;
    case 'ssh':
      return `${spec.username}@${formatHost(spec.host)}:${spec.port}`;
  }
}

const formatHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** Reads a stored address back into its parts. */
export function parseAddress(transport: Transport, address: string): { socketPath?: string; host?: string; port?: number; username?: string } {
  if (transport === 'unix') return { socketPath: address };
  const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+):(\d+)$/.exec(address);
  if (!match) throw new Error(`Stored address "${address}" is not host:port`);
  return { username: match[1], host: match[2].replace(/^\[|\]$/g, ''), port: Number(match[3]) };
}
