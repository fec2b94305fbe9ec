// Password hashing with Argon2id. Unknown usernames are checked against a fixed hash so that a
// wrong username costs as much time as a wrong password.
import 'server-only';
import { hash, verify } from '@node-rs/argon2';

export { PASSWORD_MAX, PASSWORD_MIN } from './password-policy.ts';

export const hashPassword = (password: string): Promise<string> => hash(password);

let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoy ??= hash('wharf-decoy-password-never-matches');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
