// Users, first-run setup, sign-in, sessions and throttling against a real Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession, resolveSessions, revokeSession } from '@/lib/auth/session-store.ts';
import { THROTTLE } from '@/lib/auth/throttle.ts';
import { AppError, localizeText } from '@/lib/errors.ts';
import { setupFirstAdmin, needsSetup, WRONG_SETUP_TOKEN } from '@/lib/services/users/setup-first-admin.ts';
import { SetupGate } from '@/lib/services/users/setup-gate.ts';
import { SignInThrottled, signInWithPassword, WRONG_CREDENTIALS } from '@/lib/services/users/sign-in-with-password.ts';
import { changeUserRole, createUser, resetUserPassword, setUserDisabled } from '@/lib/services/users/manage-users.ts';
import { listUsers } from '@/lib/services/users/list-users.ts';
import { createTestDeps, seedUser, type TestDeps } from '../support/integration.ts';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps('users');
});
afterAll(async () => {
  await deps.close();
});

const rejection = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('first-run setup (case 42)', () => {
  let gate: SetupGate;
  let token: string;
  /** This machine, as the gate would see it: its host name and one interface address. */
  const names = () => ({ publicHost: null, hostnames: ['dock-01'], addresses: ['0.0.0.0', '10.0.0.7'] });
  const setup = (input: { username: string; password: string; token: string }, request: { ip: string; host: string | null } = { ip: '10.0.0.1', host: 'localhost:3000' }) => setupFirstAdmin({ db: deps.db, setup: gate }, input, request);
  const refusals = () => deps.db.auditEntry.findMany({ where: { action: 'setup.first-admin', result: 'denied' }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    const opened = SetupGate.open(await needsSetup(deps), names);
    gate = opened.gate;
    token = opened.token!;
  });

  it('makes a fresh one-time token at each start while no user exists', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(gate.isOpen).toBe(true);
    expect(SetupGate.open(true, names).token).not.toBe(token);
  });

  it('refuses a request addressed to a name that is not the console\'s own (DNS rebinding), even with the right token', async () => {
    for (const host of ['evil.example:3000', 'dock-01.evil.example', '10.0.0.99:3000', null]) {
      const error = await rejection(setup({ username: 'rebound', password: 'a long password 0', token }, { ip: '10.0.0.1', host }));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/^Setup only works at an address of this machine/);
      if (host) expect(error.message).toContain(host);
    }
    expect(await deps.db.user.count()).toBe(0);
    const rows = await refusals();
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ actorName: 'rebound', ip: '10.0.0.1' });
  });

  it('refuses a wrong token on the token field, and says where the right one is', async () => {
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [wrong, 'x', '']) {
      const error = await rejection(setup({ username: 'guesser', password: 'a long password 0', token }));
      expect(error.code).toBe('FORBIDDEN');
      expect(localizeText(error.fieldErrors?.token?.[0] ?? '', 'en')).toBe(WRONG_SETUP_TOKEN);
    }
    expect(await deps.db.user.count()).toBe(0);
    expect(await refusals()).toHaveLength(7);
  });

  it('creates exactly one administrator even when two setups race, then the token is void', async () => {
    expect(await needsSetup(deps)).toBe(true);
    const results = await Promise.allSettled([
      setup({ username: 'root-a', password: 'a long password 1', token }, { ip: '10.0.0.1', host: '[::1]:3000' }),
      setup({ username: 'root-b', password: 'a long password 2', token: ` ${token} ` }, { ip: '10.0.0.2', host: 'dock-01:3000' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as AppError).code).toBe('CONFLICT');
    expect(await deps.db.user.count()).toBe(1);
    expect(await needsSetup(deps)).toBe(false);
    const admin = await deps.db.user.findFirstOrThrow();
    expect(admin.role).toBe('admin');
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await deps.db.auditEntry.count({ where: { action: 'setup.first-admin', result: 'succeeded' } })).toBe(1);
    expect(gate.isOpen).toBe(false);
    // The token it had is worth nothing now.
    expect((await rejection(setup({ username: 'late', password: 'another long password', token }))).code).toBe('CONFLICT');
  });

  it('refuses setup once a user exists, and a console started then has no token at all', async () => {
    const { gate: again, token: none } = SetupGate.open(await needsSetup(deps), names);
    expect(none).toBeNull();
    expect(again.isOpen).toBe(false);
    const error = await rejection(setupFirstAdmin({ db: deps.db, setup: again }, { username: 'late', password: 'another long password', token: 'anything' }, { ip: null, host: 'localhost' }));
    expect(error.code).toBe('CONFLICT');
    expect(await deps.db.user.count({ where: { username: 'late' } })).toBe(0);
  });
});

describe('sign-in', () => {
  it('opens a database session whose token resolves to the user, storing only its hash', async () => {
    const user = await seedUser(deps.db, 'operator', 'olga');
    const signedIn = await signInWithPassword(deps, { username: ' OLGA ', password: user.password, ip: '192.0.2.1', userAgent: 'test' });
    expect(signedIn.username).toBe('olga');
    const session = await deps.db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.tokenHash).not.toContain(signedIn.token);
    const actor = await resolveSession(deps.db, signedIn.token);
    expect(actor).toMatchObject({ id: user.id, username: 'olga', role: 'operator' });
    expect(await deps.db.auditEntry.count({ where: { action: 'auth.sign-in', result: 'succeeded', actorId: user.id } })).toBe(1);
  });

  it('gives one message for unknown users, wrong passwords and disabled accounts', async () => {
    const disabled = await seedUser(deps.db, 'viewer', 'dora');
    await deps.db.user.update({ where: { id: disabled.id }, data: { disabled: true } });
    await seedUser(deps.db, 'viewer', 'vera');
    const attempts = [
      () => signInWithPassword(deps, { username: 'nobody-here', password: 'whatever at all', ip: '192.0.2.2', userAgent: null }),
      () => signInWithPassword(deps, { username: 'vera', password: 'not the password', ip: '192.0.2.2', userAgent: null }),
      () => signInWithPassword(deps, { username: 'dora', password: disabled.password, ip: '192.0.2.2', userAgent: null }),
    ];
    for (const attempt of attempts) {
      const error = await rejection(attempt());
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toBe(WRONG_CREDENTIALS);
    }
    expect(await deps.db.auditEntry.count({ where: { action: 'auth.sign-in', result: 'denied' } })).toBeGreaterThanOrEqual(3);
  });

  it('throttles a username after repeated failures, for existing and unknown names alike', async () => {
    const user = await seedUser(deps.db, 'viewer', 'tina');
    for (const username of ['tina', 'ghost-user']) {
      for (let i = 0; i < THROTTLE.perUsername; i++) {
        await rejection(signInWithPassword(deps, { username, password: 'wrong password!', ip: `198.51.100.${i}`, userAgent: null }));
      }
      const error = await rejection(signInWithPassword(deps, { username, password: username === 'tina' ? user.password : 'x', ip: '198.51.100.99', userAgent: null }));
      expect(error.code).toBe('RATE_LIMITED');
      expect(error.message).toMatch(/Too many sign-in attempts\. Try again in \d+ minutes?\./);
    }
    expect(await deps.db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('throttles an address that tries many usernames', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < THROTTLE.perIp; i++) {
      await deps.db.loginAttempt.create({ data: { username: `spray-${i}`, ip, succeeded: false } });
    }
    const user = await seedUser(deps.db, 'viewer', 'sam');
    const error = await rejection(signInWithPassword(deps, { username: 'sam', password: user.password, ip, userAgent: null }));
    expect(error.code).toBe('RATE_LIMITED');
  });
});

describe('sign-in under concurrent attempts (case 43)', () => {
  /** Fires `count` attempts at once and sorts their answers by code. */
  async function burst(count: number, attempt: (i: number) => { username: string; password: string; ip: string }) {
    const results = await Promise.allSettled(Array.from({ length: count }, (_, i) => signInWithPassword(deps, { ...attempt(i), userAgent: null })));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as AppError).code : 'SIGNED_IN'));
    const throttled = results.flatMap((r) => (r.status === 'rejected' && r.reason instanceof SignInThrottled ? [r.reason] : []));
    return { evaluated: codes.filter((c) => c === 'UNAUTHENTICATED').length, throttled, codes };
  }

  it('evaluates no more wrong passwords than the limit for one username, however many arrive at once', async () => {
    const user = await seedUser(deps.db, 'viewer', 'rita');
    // An existing username and an unknown one are answered alike: nothing says which exists.
    for (const username of ['rita', 'ghost-rita']) {
      const { evaluated, throttled, codes } = await burst(12, (i) => ({ username, password: `wrong password ${i}`, ip: `198.51.100.${100 + i}` }));
      expect(evaluated, username).toBe(THROTTLE.perUsername);
      expect(throttled, username).toHaveLength(12 - THROTTLE.perUsername);
      expect(codes.filter((c) => c !== 'UNAUTHENTICATED' && c !== 'RATE_LIMITED')).toEqual([]);
      for (const refusal of throttled) {
        expect(refusal.retryAfterSeconds).toBeGreaterThan(THROTTLE.windowMs / 1000 - 60);
        expect(refusal.retryAfterSeconds).toBeLessThanOrEqual(THROTTLE.windowMs / 1000);
        expect(refusal.message).toBe('Too many sign-in attempts. Try again in 15 minutes.');
      }
      expect(await deps.db.loginAttempt.count({ where: { username } })).toBe(THROTTLE.perUsername);
    }
    // The right password is throttled too while the lock lasts.
    const error = await rejection(signInWithPassword(deps, { username: 'rita', password: user.password, ip: '198.51.100.200', userAgent: null }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(await deps.db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('evaluates no more attempts than the limit for one address, however many arrive at once', async () => {
    const { evaluated, throttled } = await burst(THROTTLE.perIp + 6, (i) => ({ username: `spray-at-once-${i}`, password: 'wrong password', ip: '203.0.113.9' }));
    expect(evaluated).toBe(THROTTLE.perIp);
    expect(throttled).toHaveLength(6);
    // Another address is not affected.
    const other = await seedUser(deps.db, 'viewer', 'walt');
    expect((await signInWithPassword(deps, { username: 'walt', password: other.password, ip: '203.0.113.10', userAgent: null })).username).toBe('walt');
  });

  it('a success ends the run of failures: the next wrong password is evaluated again', async () => {
    const user = await seedUser(deps.db, 'viewer', 'ursula');
    for (let i = 0; i < THROTTLE.perUsername - 1; i++) await rejection(signInWithPassword(deps, { username: 'ursula', password: 'wrong password', ip: '192.0.2.90', userAgent: null }));
    await signInWithPassword(deps, { username: 'ursula', password: user.password, ip: '192.0.2.90', userAgent: null });
    expect((await rejection(signInWithPassword(deps, { username: 'ursula', password: 'wrong again', ip: '192.0.2.91', userAgent: null }))).code).toBe('UNAUTHENTICATED');
    expect(await deps.db.loginAttempt.count({ where: { username: 'ursula', succeeded: true } })).toBe(1);
  });
});

describe('user administration', () => {
  it('creates users, refusing duplicate names with a field error', async () => {
    const admin = await seedUser(deps.db, 'admin', 'ada');
    const created = await createUser(deps, admin.actor, { username: 'newbie', password: 'a good long password', role: 'viewer' });
    expect(created.username).toBe('newbie');
    const error = await rejection(createUser(deps, admin.actor, { username: 'newbie', password: 'a good long password', role: 'viewer' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.fieldErrors?.username).toBeDefined();
    const rows = await listUsers(deps);
    expect(rows.find((r) => r.username === 'newbie')).toMatchObject({ role: 'viewer', disabled: false });
    expect(JSON.stringify(rows)).not.toContain('argon2');
    expect(await deps.db.auditEntry.count({ where: { action: 'user.create', result: 'failed' } })).toBe(1);
  });

  it('applies role changes and disabling to existing sessions at once', async () => {
    const admin = await seedUser(deps.db, 'admin', 'alma');
    const target = await seedUser(deps.db, 'operator', 'otto');
    const { token } = await signInWithPassword(deps, { username: 'otto', password: target.password, ip: '192.0.2.50', userAgent: null });
    const seen: string[] = [];
    const stop = deps.changes.subscribe((c) => c.type === 'user.access-changed' && seen.push(c.userId));

    await changeUserRole(deps, admin.actor, target.id, 'viewer');
    expect((await resolveSession(deps.db, token))?.role).toBe('viewer');

    await setUserDisabled(deps, admin.actor, target.id, true);
    expect(await resolveSession(deps.db, token)).toBeNull();
    expect(await deps.db.session.count({ where: { userId: target.id } })).toBe(0);

    await setUserDisabled(deps, admin.actor, target.id, false);
    expect(seen).toEqual([target.id, target.id, target.id]);
    stop();
  });

  it('never leaves Wharf without an enabled administrator', async () => {
    await deps.db.user.updateMany({ where: { role: 'admin' }, data: { role: 'viewer' } });
    const last = await seedUser(deps.db, 'admin', 'lastadmin');
    const other = await seedUser(deps.db, 'admin', 'otheradmin');
    await setUserDisabled(deps, other.actor, last.id, true).then(() => setUserDisabled(deps, other.actor, last.id, false));
    await changeUserRole(deps, last.actor, other.id, 'viewer');
    const demote = await rejection(changeUserRole(deps, last.actor, last.id, 'operator'));
    expect(demote.code).toBe('PRECONDITION');
    const self = await rejection(setUserDisabled(deps, last.actor, last.id, true));
    expect(self.message).toMatch(/your own account/);
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: last.id } })).role).toBe('admin');
  });

  it('resets a password and signs that user out everywhere', async () => {
    const admin = await seedUser(deps.db, 'admin', 'reese');
    const target = await seedUser(deps.db, 'viewer', 'paul');
    const { token } = await signInWithPassword(deps, { username: 'paul', password: target.password, ip: '192.0.2.60', userAgent: null });
    await resetUserPassword(deps, admin.actor, target.id, 'a brand new password');
    expect(await resolveSession(deps.db, token)).toBeNull();
    await rejection(signInWithPassword(deps, { username: 'paul', password: target.password, ip: '192.0.2.61', userAgent: null }));
    const ok = await signInWithPassword(deps, { username: 'paul', password: 'a brand new password', ip: '192.0.2.62', userAgent: null });
    expect(ok.username).toBe('paul');
  });
});

describe('checking many sessions at once', () => {
  it('resolves live sessions and refuses revoked, unknown and malformed tokens, in one call', async () => {
    const a = await seedUser(deps.db, 'viewer');
    const b = await seedUser(deps.db, 'operator');
    const sa = await signInWithPassword(deps, { username: a.username, password: a.password, ip: '192.0.2.70', userAgent: null });
    const sb = await signInWithPassword(deps, { username: b.username, password: b.password, ip: '192.0.2.71', userAgent: null });
    await revokeSession(deps.db, sb.token);
    const unknown = 'B'.repeat(43);
    const result = await resolveSessions(deps.db, [sa.token, sb.token, unknown, 'short', sa.token]);
    expect(result.get(sa.token)).toMatchObject({ id: a.id, role: 'viewer' });
    expect(result.get(sb.token)).toBeNull();
    expect(result.get(unknown)).toBeNull();
    expect(result.get('short')).toBeNull();
  });
});
