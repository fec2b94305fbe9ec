// The key Next.js encrypts the values server actions close over with, and — at build time —
// salts the actions' ids with: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (or its _FILE). Without it each
// build makes its own, so replicas agree only when they run the same build (one image, one copy
// of .next); replicas that build on their own machines must share this key, given when they build
// and when they run. A build records the key's fingerprint (never the key): a changed key rebuilds.
import 'server-only';
import { createHash } from 'node:crypto';
import { StartError } from './start-error.ts';

export const ACTIONS_KEY_VARIABLE = 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY';

/** The configured key (already read from its _FILE), checked: AES-GCM takes 16, 24 or 32 bytes. */
export function serverActionsKey(env: { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY?: string }): string | undefined {
  const key = env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY?.trim();
  if (!key) return undefined;
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(key) ? Buffer.from(key, 'base64') : Buffer.alloc(0);
  if (![16, 24, 32].includes(bytes.length)) {
    throw new StartError(`${ACTIONS_KEY_VARIABLE} must be 32 random bytes in base64 (openssl rand -base64 32), the same on every replica; fix it and start again.`);
  }
  return key;
}

/** What a build records of the key: enough to notice it changed, nothing that reveals it. */
export const actionsKeyFingerprint = (key: string | undefined): string => (key ? createHash('sha256').update(`wharf-actions-key:${key}`).digest('hex').slice(0, 16) : 'per-build');
