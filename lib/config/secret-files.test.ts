import { describe, expect, it } from 'vitest';
import { resolveSecretFiles } from './secret-files.ts';
import { StartError } from './start-error.ts';

const files: Record<string, string> = {
  '/run/secrets/key': 'c2VhbGluZy1rZXk=\n',
  '/run/secrets/auth': 'auth-secret',
  '/run/secrets/empty': '\n',
};
const read = (file: string) => {
  if (file in files) return files[file];
  throw Object.assign(new Error('nope'), { code: 'ENOENT' });
};

describe('resolveSecretFiles', () => {
  it('reads the sealing key, auth secret, database URL and metrics token from their files, without the final line break', () => {
    const env = resolveSecretFiles({ WHARF_SECRET_KEY_FILE: '/run/secrets/key', NEXTAUTH_SECRET_FILE: '/run/secrets/auth', PORT: '3000' }, read);
    expect(env).toEqual({ WHARF_SECRET_KEY: 'c2VhbGluZy1rZXk=', NEXTAUTH_SECRET: 'auth-secret', PORT: '3000' });
  });

  it('leaves variables alone when no file is named, and ignores _FILE of anything that is not a secret', () => {
    expect(resolveSecretFiles({ WHARF_SECRET_KEY: 'k', PORT_FILE: '/etc/passwd' }, read)).toEqual({ WHARF_SECRET_KEY: 'k', PORT_FILE: '/etc/passwd' });
  });

  it('refuses both a value and its file, a file it cannot read, and an empty file, each in a sentence naming the variable', () => {
    expect(() => resolveSecretFiles({ NEXTAUTH_SECRET: 'a', NEXTAUTH_SECRET_FILE: '/run/secrets/auth' }, read)).toThrow(
      new StartError('Both NEXTAUTH_SECRET and NEXTAUTH_SECRET_FILE are set; keep one of them and start again.'),
    );
    expect(() => resolveSecretFiles({ DATABASE_URL_FILE: '/run/secrets/missing' }, read)).toThrow(/^DATABASE_URL_FILE names \/run\/secrets\/missing, which Wharf cannot read \(ENOENT\)/);
    expect(() => resolveSecretFiles({ WHARF_METRICS_TOKEN_FILE: '/run/secrets/empty' }, read)).toThrow(/which is empty/);
  });
});
