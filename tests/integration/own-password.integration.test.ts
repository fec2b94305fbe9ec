// A user changes their own password (issue 12): the current password is required and guesses at it
// are throttled, the new one follows the policy, every other session of the user ends (this one
// stays), the change is audited, and accounts kept by a directory are told to change it there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, resolveSession } from '@/lib/auth/session-store.ts';
import { THROTTLE } from '@/lib/auth/throttle.ts';
import { AppError, localizeText } from '@/lib/errors.ts';
import { changeOwnPasswordSchema } from '@/lib/schemas/users.ts';
import { changeOwnPassword, WRONG_CURRENT_PASSWORD } from '@/lib/services/users/change-own-password.ts';
import { signInWithPassword, WRONG_CREDENTIALS } from '@/lib/services/users/sign-in-with-password.ts';
import { createTestDeps, seedUser, type TestDeps } from '../support/integration.ts';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps('own_password');
});
afterAll(async () => {
  await deps.close();
});

const rejection = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};
const signIn = (username: string, password: string) => signInWithPassword(deps, { username, password, ip: '10.1.0.1', userAgent: 'test' });

describe('changing one\'s own password', () => {
  it('needs the current password, keeps this session, ends the others, and is audited', async () => {
    const user = await seedUser(deps.db, 'viewer');
    const here = await createSession(deps.db, user.id, { hours: 1, ip: null, userAgent: null });
    const elsewhere = await createSession(deps.db, user.id, { hours: 1, ip: null, userAgent: null });
    const actor = (await resolveSession(deps.db, here.token, '10.1.0.2'))!;

    const wrong = await rejection(changeOwnPassword(deps, actor, { currentPassword: 'not my password', password: 'a brand new password' }));
    expect(wrong.code).toBe('UNAUTHENTICATED');
    expect(wrong.fieldErrors?.currentPassword?.map((text) => localizeText(text, 'en'))).toEqual([WRONG_CURRENT_PASSWORD]);
    expect(await resolveSession(deps.db, elsewhere.token)).not.toBeNull();

    await changeOwnPassword(deps, actor, { currentPassword: user.password, password: 'a brand new password' });
    expect(await resolveSession(deps.db, here.token)).not.toBeNull();
    expect(await resolveSession(deps.db, elsewhere.token)).toBeNull();
    expect((await rejection(signIn(user.username, user.password))).message).toBe(WRONG_CREDENTIALS);
    await expect(signIn(user.username, 'a brand new password')).resolves.toMatchObject({ userId: user.id });

    const rows = await deps.db.auditEntry.findMany({ where: { action: 'user.change-own-password', targetId: user.id }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.result)).toEqual(['denied', 'pending', 'succeeded']);
    expect(rows[0].message).toBe(WRONG_CURRENT_PASSWORD);
    expect(rows.map((r) => `${r.message ?? ''}`).join('\n')).not.toContain('a brand new password');
  });

  it('holds the new password to the policy (the schema every door parses with)', () => {
    const short = changeOwnPasswordSchema.safeParse({ currentPassword: 'x', password: 'short' });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.path).toEqual(['password']);
    expect(localizeText(short.error?.issues[0]?.message ?? '', 'en')).toBe('At least 10 characters.');
    expect(changeOwnPasswordSchema.safeParse({ currentPassword: '', password: 'long enough password' }).success).toBe(false);
  });

  it('throttles guesses at the current password like sign-in attempts', async () => {
    const user = await seedUser(deps.db, 'operator');
    const { token } = await createSession(deps.db, user.id, { hours: 1, ip: null, userAgent: null });
    const actor = (await resolveSession(deps.db, token, '10.1.0.3'))!;
    for (let i = 0; i < THROTTLE.perUsername; i++) {
      expect((await rejection(changeOwnPassword(deps, actor, { currentPassword: `guess ${i}`, password: 'a brand new password' }))).code).toBe('UNAUTHENTICATED');
    }
    const throttled = await rejection(changeOwnPassword(deps, actor, { currentPassword: user.password, password: 'a brand new password' }));
    expect(throttled.code).toBe('RATE_LIMITED');
    expect(throttled.message).toMatch(/Try again in/);
  });

  it('tells a directory user to change their password in the directory, and changes nothing', async () => {
    const user = await seedUser(deps.db, 'none');
    await deps.db.user.update({ where: { id: user.id }, data: { source: 'ldap', directoryId: `uid=${user.username},ou=people,dc=wharf,dc=test` } });
    const { token } = await createSession(deps.db, user.id, { hours: 1, ip: null, userAgent: null });
    const actor = (await resolveSession(deps.db, token))!;
    const before = (await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const error = await rejection(changeOwnPassword(deps, actor, { currentPassword: user.password, password: 'a brand new password' }));
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toBe('Your account is kept by your organisation\'s LDAP directory: change your password there.');
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before);
  });
});
