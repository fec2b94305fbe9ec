// Turns host form input into a ConnectionSpec, checking the secret material offline first so
// that the user learns which field is wrong before any connection is tried.
import 'server-only';
import ssh2 from 'ssh2';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import type { ConnectionSpec } from '@/lib/models/hosts/connection-spec.ts';
import { checkTlsMaterial } from '@/lib/services/engine/check-tls-material.ts';
import { fingerprintOf } from '@/lib/services/engine/ssh-dial-agent.ts';

export type ConnectionInfo =
  | { transport: 'unix' }
  | { transport: 'tcp'; caSubject: string; certSubject: string; certNotAfter: string }
  | { transport: 'ssh'; keyType: string; keyFingerprint: string };

type Fields = {
  transport: 'unix' | 'tcp' | 'ssh';
  socketPath?: string;
  host?: string;
  port?: number;
  ca?: string;
  cert?: string;
  key?: string;
  username?: string;
  privateKey?: string;
  passphrase?: string;
};

export function connectionFromInput(input: Fields, pinnedHostKey: string | null = null): { spec: ConnectionSpec; info: ConnectionInfo } {
  switch (input.transport) {
    case 'unix':
      return { spec: { transport: 'unix', socketPath: input.socketPath! }, info: { transport: 'unix' } };
    case 'tcp': {
      const tls = { ca: input.ca!, cert: input.cert!, key: input.key! };
      const checked = checkTlsMaterial(tls);
      if (checked.errors) {
        const fields = Object.keys(checked.errors);
        throw new AppError('INVALID_INPUT', msg('hosts.errors.tlsUnusable', { ca: fields.includes('ca') ? 'yes' : 'no', cert: fields.includes('cert') ? 'yes' : 'no', key: fields.includes('key') ? 'yes' : 'no' }), { fieldErrors: checked.errors });
      }
      return { spec: { transport: 'tcp', host: input.host!, port: input.port!, tls }, info: { transport: 'tcp', ...checked.summary! } };
    }
    case 'ssh': {
      const passphrase = input.passphrase || undefined;
      const parsed = ssh2.utils.parseKey(input.privateKey!, passphrase);
      if (parsed instanceof Error || !parsed || (Array.isArray(parsed) && parsed.length === 0)) {
        const passphrase = parsed instanceof Error && /passphrase/i.test(parsed.message);
        const message = passphrase ? msg('hosts.errors.keyPassphrase') : msg('hosts.errors.keyUnreadable');
        throw new AppError('INVALID_INPUT', message, { fieldErrors: { [passphrase ? 'passphrase' : 'privateKey']: [issueText(message.key)] } });
      }
      const key = Array.isArray(parsed) ? parsed[0] : parsed;
      if (!key.isPrivateKey()) {
        throw new AppError('INVALID_INPUT', msg('hosts.errors.publicKey'), { fieldErrors: { privateKey: [issueText('hosts.errors.publicKey')] } });
      }
      return {
        spec: { transport: 'ssh', host: input.host!, port: input.port!, username: input.username!, ssh: { privateKey: input.privateKey!, ...(passphrase ? { passphrase } : {}) }, hostKey: pinnedHostKey },
        info: { transport: 'ssh', keyType: key.type, keyFingerprint: fingerprintOf(key.getPublicSSH()) },
      };
    }
  }
}
