// What Wharf's SSH logins to a machine share, whether provisioning it (remote/machine-shell.ts) or
// opening a browser shell on it (streams/terminals/ssh-session.ts): key authentication with
// keepalives, the host key offered by its SHA256 fingerprint to the caller's check, and a failed
// connection said in a few words.
import 'server-only';
import type { ConnectConfig } from 'ssh2';
import { fingerprintOf } from '@/lib/services/engine/ssh-dial-agent.ts';
import type { SshLogin } from '../drivers/step-io.ts';

/** ssh2's options for logging in with the login's key; `acceptHostKey` decides on the fingerprint of the key the machine shows. */
export function keyLoginConfig(login: SshLogin, readyTimeoutMs: number, acceptHostKey: (fingerprint: string) => boolean): ConnectConfig {
  return {
    host: login.host,
    port: login.port,
    username: login.username,
    privateKey: login.privateKey,
    readyTimeout: readyTimeoutMs,
    keepaliveInterval: 15_000,
    keepaliveCountMax: 4,
    hostVerifier: (key: Buffer) => acceptHostKey(fingerprintOf(key)),
  };
}

/** The reason of a connection error in a few words, ssh2's own message cut to `maxLength` otherwise (no secrets: ssh2 errors carry none). */
export function describeSshError(error: unknown, maxLength = 200): string {
  const e = error as { code?: string; level?: string; message?: string } | null;
  const text = e?.message ?? String(error);
  if (e?.code === 'ECONNREFUSED') return 'connection refused';
  if (e?.code === 'EHOSTUNREACH' || e?.code === 'EHOSTDOWN') return 'host unreachable';
  if (e?.code === 'ENETUNREACH') return 'network unreachable';
  if (e?.code === 'ETIMEDOUT' || e?.level === 'client-timeout' || /timed out/i.test(text)) return 'timed out';
  if (e?.code === 'ENOTFOUND') return 'name not found';
  return text.slice(0, maxLength);
}
