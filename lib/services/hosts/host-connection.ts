// Between a stored host and a live connection: seals connection secrets into the row and opens
// them back into a ConnectionSpec. Secrets never leave this module except inside a spec.
import 'server-only';
import { open, seal, type Keyring } from '@/lib/crypto/secret-box.ts';
import { parseAddress, type ConnectionSpec, type SshMaterial, type TlsMaterial, type Transport } from '@/lib/models/hosts/connection-spec.ts';

type HostRow = { id: string; transport: string; address: string; secretsSealed: string | null; sshHostKey: string | null };

/** What a host's sealed secrets are bound to: they open only for this host's row. */
export const hostSecretContext = (hostId: string) => `host:${hostId}`;

export function sealSecrets(keyring: Keyring, hostId: string, spec: ConnectionSpec): string | null {
  switch (spec.transport) {
    case 'unix':
      return null;
    case 'tcp':
      return seal(keyring, JSON.stringify(spec.tls satisfies TlsMaterial), hostSecretContext(hostId));
    case 'ssh':
      return seal(keyring, JSON.stringify(spec.ssh satisfies SshMaterial), hostSecretContext(hostId));
  }
}

export function specOfHost(keyring: Keyring, host: HostRow): ConnectionSpec {
  const transport = host.transport as Transport;
  const parts = parseAddress(transport, host.address);
  const secrets = () => {
    if (!host.secretsSealed) throw new Error(`Host ${host.id} has no stored connection secrets`);
    return JSON.parse(open(keyring, host.secretsSealed, hostSecretContext(host.id)));
  };
  switch (transport) {
    case 'unix':
      return { transport, socketPath: parts.socketPath! };
    case 'tcp':
      return { transport, host: parts.host!, port: parts.port!, tls: secrets() as TlsMaterial };
    case 'ssh':
      return { transport, host: parts.host!, port: parts.port!, username: parts.username!, ssh: secrets() as SshMaterial, hostKey: host.sshHostKey };
    default:
      throw new Error(`Host ${host.id} has an unknown transport "${host.transport}"`);
  }
}
