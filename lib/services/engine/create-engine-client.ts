// Builds a dockerode client for a connection spec. Clients keep connections alive (one SSH
// session per host); call close() when the client is no longer needed.
import 'server-only';
import https from 'node:https';
import { isIP } from 'node:net';
import Dockerode from 'dockerode';
import type { ConnectionSpec } from '../../models/hosts/connection-spec.ts';
import { SshDialAgent } from './ssh-dial-agent.ts';

export type EngineClient = {
  docker: Dockerode;
  /** The SSH host key fingerprint seen while connecting (SSH only). */
  seenHostKey(): string | null;
  close(): void;
};

/** `connectTo`: the address to open the connection to instead of resolving the spec's host again
 * (a connection test judged it); TLS still checks the certificate against the spec's host name. */
export function createEngineClient(spec: ConnectionSpec, connectTo?: string): EngineClient {
  switch (spec.transport) {
    case 'unix': {
      const docker = new Dockerode({ socketPath: spec.socketPath });
      return { docker, seenHostKey: () => null, close: () => {} };
    }
    case 'tcp': {
      const servername = connectTo && !isIP(spec.host) ? { servername: spec.host } : {};
      const agent = new https.Agent({ keepAlive: true, maxSockets: 32, ca: spec.tls.ca, cert: spec.tls.cert, key: spec.tls.key, ...servername });
      const docker = new Dockerode({ host: connectTo ?? spec.host, port: spec.port, protocol: 'https', ca: spec.tls.ca, cert: spec.tls.cert, key: spec.tls.key, agent } as Dockerode.DockerOptions);
      return { docker, seenHostKey: () => null, close: () => agent.destroy() };
    }
    case 'ssh': {
      const agent = new SshDialAgent({
        host: connectTo ?? spec.host,
        port: spec.port,
        username: spec.username,
        privateKey: spec.ssh.privateKey,
        passphrase: spec.ssh.passphrase,
        hostKey: spec.hostKey,
      });
      // The agent carries every request over SSH; host and port here only shape the HTTP request line.
      const docker = new Dockerode({ protocol: 'http', host: 'docker', port: 2375, agent } as Dockerode.DockerOptions);
      return { docker, seenHostKey: () => agent.seenHostKey, close: () => agent.destroy() };
    }
  }
}
