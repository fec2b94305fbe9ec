// Directory sign-in (issue 12) against the lab's real OpenID Connect provider (oidc-provider) and
// real LDAP directory (slapd, StartTLS required): settings tested before they are saved, naming the
// failing part; secrets sealed and never returned; LDAP sign-in (bind, search, StartTLS) creating
// the user at first sign-in with the base role 'none' and synchronising their directory-made team
// memberships to the mapped groups, never touching local ones; the same throttle and answer as a
// Wharf password; a directory that is down; a name that collides with a Wharf account; a group
// claim naming no team; directory sign-in required except for break-glass administrators.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession } from '@/lib/auth/session-store.ts';
import { THROTTLE } from '@/lib/auth/throttle.ts';
import { makeKeyring, open } from '@/lib/crypto/secret-box.ts';
import { AppError } from '@/lib/errors.ts';
import { pickFreePort } from '@/lib/net/ports.ts';
import { ldapSettingsSchema, oidcSettingsSchema, type LdapSettingsInput } from '@/lib/schemas/directory.ts';
import { nameTakenMessage } from '@/lib/services/directory/complete-directory-sign-in.ts';
import { directorySecretContext, readDirectorySettings, readSignInOptions } from '@/lib/services/directory/directory-config.ts';
import { setBreakGlass, setDirectoryRequired } from '@/lib/services/directory/directory-required.ts';
import { addGroupMapping, removeGroupMapping } from '@/lib/services/directory/group-mappings.ts';
import { removeDirectoryConfig, saveLdapSettings, saveOidcSettings, testLdapSettings, testOidcSettings } from '@/lib/services/directory/save-directory-config.ts';
import { LDAP_UNREACHABLE, signInWithLdap } from '@/lib/services/directory/sign-in-with-ldap.ts';
import { signInWithOidc } from '@/lib/services/directory/sign-in-with-oidc.ts';
import { resealSecrets } from '@/lib/services/secrets/reseal-secrets.ts';
import { DIRECTORY_REQUIRED_MESSAGE, signInWithPassword, WRONG_CREDENTIALS } from '@/lib/services/users/sign-in-with-password.ts';
import { labUp, type LabState } from '@/scripts/lab/index.ts';
import { createTestDeps, seedUser, type TestDeps } from '../support/integration.ts';

let deps: TestDeps;
let lab: LabState;
let admin: Awaited<ReturnType<typeof seedUser>>;
let oidcLab: NonNullable<LabState['oidc']>;
let ldapLab: NonNullable<LabState['ldap']>;

beforeAll(async () => {
  // The lab's own state (not the shared file, which a lab started by older code may have rewritten without the directories).
  lab = await labUp();
  oidcLab = lab.oidc!;
  ldapLab = lab.ldap!;
  deps = await createTestDeps('directory');
  admin = await seedUser(deps.db, 'admin', 'root-admin');
}, 120_000);
afterAll(async () => {
  await deps?.close();
});

const rejection = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};
const request = { ip: '10.2.0.1', userAgent: 'integration' };

const oidcInput = (more: Record<string, unknown> = {}) => oidcSettingsSchema.parse({ issuerUrl: oidcLab.issuer, clientId: oidcLab.clientId, clientSecret: oidcLab.clientSecret, buttonLabel: 'Sign in with Lab SSO', ...more });
const ldapInput = (more: Partial<LdapSettingsInput> = {}) =>
  ldapSettingsSchema.parse({
    url: ldapLab.url,
    startTls: true,
    caCert: readFileSync(ldapLab.caCert, 'utf8'),
    bindDn: ldapLab.bindDn,
    bindPassword: ldapLab.bindPassword,
    userBase: ldapLab.userBase,
    userFilter: ldapLab.userFilter,
    groupMode: 'search',
    groupBase: ldapLab.groupBase,
    groupFilter: ldapLab.groupFilter,
    groupAttribute: ldapLab.groupAttribute,
    ...more,
  });
const fieldOf = (error: AppError) => Object.keys(error.fieldErrors ?? {});

describe('OpenID Connect settings against the lab provider', () => {
  it('a wrong client secret is named on its field, and nothing is saved', async () => {
    const error = await rejection(saveOidcSettings(deps, admin.actor, oidcInput({ clientSecret: 'not-the-secret' })));
    expect(fieldOf(error)).toEqual(['clientSecret']);
    expect(error.message).toBe('The provider does not accept this client id and secret.');
    expect(await deps.db.directoryConfig.count()).toBe(0);
  });

  it('a provider that is down is said so on the issuer field, and nothing is saved', async () => {
    const port = await pickFreePort();
    const error = await rejection(testOidcSettings(deps, admin.actor, oidcInput({ issuerUrl: `http://127.0.0.1:${port}` })));
    expect(fieldOf(error)).toEqual(['issuerUrl']);
    expect(error.message).toBe(`The OpenID Connect provider cannot be reached: Nothing answers at 127.0.0.1:${port}: the server is down, or the address or port is wrong.`);
    const wrongIssuer = await rejection(testOidcSettings(deps, admin.actor, oidcInput({ issuerUrl: `${oidcLab.issuer}/other` })));
    expect(fieldOf(wrongIssuer)).toEqual(['issuerUrl']);
    expect(await deps.db.directoryConfig.count()).toBe(0);
  });

  it('saves after a passing test, seals the client secret bound to its row, and never returns it (case 24)', async () => {
    await saveOidcSettings(deps, admin.actor, oidcInput());
    const row = await deps.db.directoryConfig.findUniqueOrThrow({ where: { kind: 'oidc' } });
    expect(row.secretSealed).not.toContain(oidcLab.clientSecret);
    expect(JSON.stringify(row.settings)).not.toContain(oidcLab.clientSecret);
    expect(open(deps.keyring, row.secretSealed!, directorySecretContext('oidc'))).toBe(oidcLab.clientSecret);
    expect(() => open(deps.keyring, row.secretSealed!, directorySecretContext('ldap'))).toThrow();
    const view = await readDirectorySettings(deps);
    expect(view.oidc).toMatchObject({ issuerUrl: oidcLab.issuer, clientId: 'wharf', hasSecret: true, groupClaim: 'groups', buttonLabel: 'Sign in with Lab SSO' });
    expect(JSON.stringify(view)).not.toContain(oidcLab.clientSecret);
    expect(await readSignInOptions(deps)).toMatchObject({ oidc: { buttonLabel: 'Sign in with Lab SSO' } });
    // An empty secret field keeps the saved secret.
    await saveOidcSettings(deps, admin.actor, oidcInput({ clientSecret: '', buttonLabel: 'Lab SSO' }));
    expect((await readSignInOptions(deps)).oidc).toEqual({ buttonLabel: 'Lab SSO' });
    const audit = await deps.db.auditEntry.findMany({ where: { action: { startsWith: 'directory.oidc' } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => `${a.action} ${a.result}`)).toEqual([
      'directory.oidc.save pending',
      'directory.oidc.save failed',
      'directory.oidc.test pending',
      'directory.oidc.test failed',
      'directory.oidc.test pending',
      'directory.oidc.test failed',
      'directory.oidc.save pending',
      'directory.oidc.save succeeded',
      'directory.oidc.save pending',
      'directory.oidc.save succeeded',
    ]);
    expect(audit.map((a) => a.message ?? '').join('\n')).not.toContain(oidcLab.clientSecret);
  });
});

describe('LDAP settings against the lab slapd', () => {
  it('names the failing part: the server, StartTLS, the CA, the bind password, the search base', async () => {
    const port = await pickFreePort();
    const cases: [Partial<LdapSettingsInput>, string, RegExp][] = [
      [{ url: `ldap://127.0.0.1:${port}` }, 'url', /^StartTLS with 127\.0\.0\.1:\d+ failed: Nothing answers at 127\.0\.0\.1:\d+/],
      [{ startTls: false }, 'startTls', /requires TLS: turn StartTLS on/],
      [{ caCert: readFileSync(lab.tls.caCert, 'utf8') }, 'caCert', /TLS certificate of 127\.0\.0\.1:\d+ is not trusted/],
      [{ bindPassword: 'wrong-bind-password' }, 'bindPassword', /refused the bind DN and password/],
      [{ userBase: 'ou=nobody,dc=wharf,dc=lab' }, 'userBase', /has no entry at the user search base/],
      [{ groupBase: 'ou=nogroups,dc=wharf,dc=lab' }, 'groupBase', /has no entry at the group search base/],
    ];
    for (const [change, field, message] of cases) {
      const error = await rejection(testLdapSettings(deps, admin.actor, ldapInput(change)));
      expect({ fields: fieldOf(error), message: error.message }).toEqual({ fields: [field], message: expect.stringMatching(message) });
    }
    expect(await deps.db.directoryConfig.count({ where: { kind: 'ldap' } })).toBe(0);
  });

  it('saves after a passing test (StartTLS with the lab CA), the bind password sealed and never returned', async () => {
    await saveLdapSettings(deps, admin.actor, ldapInput());
    const row = await deps.db.directoryConfig.findUniqueOrThrow({ where: { kind: 'ldap' } });
    expect(row.secretSealed).not.toContain(ldapLab.bindPassword);
    expect(JSON.stringify(await readDirectorySettings(deps))).not.toContain(ldapLab.bindPassword);
    expect((await readSignInOptions(deps)).ldap).toBe(true);
  });
});

describe('LDAP sign-in against the lab slapd', () => {
  let payments: string;
  let everyone: string;
  let handMade: string;

  beforeAll(async () => {
    payments = (await deps.db.team.create({ data: { name: 'payments' } })).id;
    everyone = (await deps.db.team.create({ data: { name: 'everyone-local' } })).id;
    handMade = (await deps.db.team.create({ data: { name: 'hand-made' } })).id;
    await addGroupMapping(deps, admin.actor, { source: 'ldap', groupName: 'payments-ops', teamId: payments });
    await addGroupMapping(deps, admin.actor, { source: 'oidc', groupName: 'payments-devs', teamId: payments });
  });

  const lars = () => ldapLab.users.find((u) => u.username === 'lars')!;

  it('first sign-in makes the user (role none, source ldap, display name) in the mapped team, audited, with a working session', async () => {
    const signedIn = await signInWithLdap(deps, { username: 'Lars', password: lars().password, ...request });
    expect(signedIn.teams).toEqual(['payments']);
    const user = await deps.db.user.findUniqueOrThrow({ where: { id: signedIn.userId }, include: { teams: true } });
    expect(user).toMatchObject({ username: 'lars', role: 'none', source: 'ldap', directoryId: `uid=lars,${ldapLab.userBase}`, displayName: 'Lars Ldap' });
    expect(user.teams.map((t) => ({ teamId: t.teamId, source: t.source }))).toEqual([{ teamId: payments, source: 'ldap' }]);
    expect(await resolveSession(deps.db, signedIn.token)).toMatchObject({ id: user.id, role: 'none' });
    const row = await deps.db.auditEntry.findFirstOrThrow({ where: { action: 'auth.sign-in', actorId: user.id }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ result: 'succeeded', ip: request.ip, message: 'ldap, first sign-in (account made); teams: payments' });
  });

  it('synchronises only its own memberships: adds mapped teams, removes unmapped ones, never touches local ones', async () => {
    const { id } = await deps.db.user.findUniqueOrThrow({ where: { username: 'lars' } });
    await deps.db.teamMember.create({ data: { teamId: handMade, userId: id, source: 'local', lead: true } });
    const mapping = await addGroupMapping(deps, admin.actor, { source: 'ldap', groupName: 'everyone', teamId: everyone });
    // A mapping to a team the user is in by hand adds nothing.
    await addGroupMapping(deps, admin.actor, { source: 'ldap', groupName: 'everyone', teamId: handMade });
    expect((await signInWithLdap(deps, { username: 'lars', password: lars().password, ...request })).teams).toEqual(['everyone-local', 'hand-made', 'payments']);
    const memberships = async () => (await deps.db.teamMember.findMany({ where: { userId: id }, orderBy: { teamId: 'asc' } })).map((m) => `${m.teamId === payments ? 'payments' : m.teamId === everyone ? 'everyone-local' : 'hand-made'}:${m.source}${m.lead ? ':lead' : ''}`).sort();
    expect(await memberships()).toEqual(['everyone-local:ldap', 'hand-made:local:lead', 'payments:ldap']);

    await removeGroupMapping(deps, admin.actor, mapping.id);
    await deps.db.directoryGroupMapping.deleteMany({ where: { source: 'ldap', groupName: 'everyone' } });
    expect((await signInWithLdap(deps, { username: 'lars', password: lars().password, ...request })).teams).toEqual(['hand-made', 'payments']);
    expect(await memberships()).toEqual(['hand-made:local:lead', 'payments:ldap']);
  });

  it('a wrong password, an unknown user, an empty password and a filter injection all get the Wharf password answer', async () => {
    for (const [username, password] of [
      ['lars', 'not-lars-password'],
      ['nobody-here', 'whatever-password'],
      ['lars', ''],
      ['*', 'lars-lab-password'],
      ['lar*', 'lars-lab-password'],
    ]) {
      const error = await rejection(signInWithLdap(deps, { username, password, ...request, ip: '10.2.0.9' }));
      expect({ code: error.code, message: error.message }).toEqual({ code: 'UNAUTHENTICATED', message: WRONG_CREDENTIALS });
    }
    const local = await rejection(signInWithPassword(deps, { username: 'root-admin', password: 'wrong password!', ip: '10.2.0.9', userAgent: null }));
    expect(local.message).toBe(WRONG_CREDENTIALS);
  });

  it('is throttled like a Wharf password', async () => {
    for (let i = 0; i < THROTTLE.perUsername; i++) await rejection(signInWithLdap(deps, { username: 'lena', password: `guess-${i}`, ...request, ip: '10.2.0.10' }));
    const throttled = await rejection(signInWithLdap(deps, { username: 'lena', password: 'lena-lab-password', ...request, ip: '10.2.0.10' }));
    expect(throttled.code).toBe('RATE_LIMITED');
    await deps.db.loginAttempt.deleteMany({ where: { username: 'lena' } });
  });

  it('refuses to merge with a Wharf account of the same name, and says what to do', async () => {
    const local = await seedUser(deps.db, 'viewer', 'lena');
    const error = await rejection(signInWithLdap(deps, { username: 'lena', password: 'lena-lab-password', ...request }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(nameTakenMessage('ldap', 'lena'));
    expect(error.message).toMatch(/Ask an administrator to rename or remove that Wharf account/);
    expect(await deps.db.user.findUniqueOrThrow({ where: { id: local.id } })).toMatchObject({ source: 'local', directoryId: null });
    expect(await deps.db.user.count({ where: { username: 'lena' } })).toBe(1);
  });

  it('an unreachable LDAP server is said so in a sentence, and local sign-in still works', async () => {
    const port = await pickFreePort();
    await deps.db.directoryConfig.update({ where: { kind: 'ldap' }, data: { settings: { ...ldapInput({ url: `ldap://127.0.0.1:${port}` }), bindPassword: undefined, enabled: undefined } } });
    const error = await rejection(signInWithLdap(deps, { username: 'lars', password: lars().password, ...request }));
    expect(error.message).toBe(LDAP_UNREACHABLE);
    const denied = await deps.db.auditEntry.findFirstOrThrow({ where: { action: 'auth.sign-in', result: 'denied' }, orderBy: { id: 'desc' } });
    expect(denied.message).toMatch(/^ldap: directory unreachable: StartTLS with 127\.0\.0\.1:\d+ failed: Nothing answers/);
    await expect(signInWithPassword(deps, { username: 'root-admin', password: admin.password, ...request })).resolves.toMatchObject({ username: 'root-admin' });
    await saveLdapSettings(deps, admin.actor, ldapInput());
  });

  it('a directory user cannot sign in with a Wharf password', async () => {
    await deps.db.user.update({ where: { username: 'lars' }, data: { passwordHash: (await deps.db.user.findUniqueOrThrow({ where: { username: 'root-admin' } })).passwordHash } });
    const error = await rejection(signInWithPassword(deps, { username: 'lars', password: admin.password, ...request }));
    expect(error.message).toBe(WRONG_CREDENTIALS);
  });
});

describe('OpenID Connect sign-in (claims as the lab provider issues them)', () => {
  const claims = (user: NonNullable<LabState['oidc']>['users'][number]) => ({ sub: user.username, preferred_username: user.username, name: user.name, email: user.email, groups: user.groups, iss: oidcLab.issuer });

  it('a group mapped to a team lands the user in it; the same subject signs in to the same user', async () => {
    const odette = oidcLab.users.find((u) => u.username === 'odette')!;
    const first = await signInWithOidc(deps, { issuerUrl: oidcLab.issuer, groupClaim: 'groups' }, claims(odette), request);
    expect(first.teams).toEqual(['payments']);
    const again = await signInWithOidc(deps, { issuerUrl: oidcLab.issuer, groupClaim: 'groups' }, { ...claims(odette), name: 'Odette O.' }, request);
    expect(again.userId).toBe(first.userId);
    expect(await deps.db.user.findUniqueOrThrow({ where: { id: first.userId } })).toMatchObject({ source: 'oidc', directoryId: `${oidcLab.issuer}#odette`, displayName: 'Odette O.', role: 'none' });
  });

  it('a group claim naming no team still signs the user in, with no team', async () => {
    const oscar = oidcLab.users.find((u) => u.username === 'oscar')!;
    const signedIn = await signInWithOidc(deps, { issuerUrl: oidcLab.issuer, groupClaim: 'groups' }, claims(oscar), request);
    expect(signedIn.teams).toEqual([]);
    expect(await resolveSession(deps.db, signedIn.token)).toMatchObject({ username: 'oscar', role: 'none' });
  });

  it('a subject whose name collides with a Wharf account, or cannot be a username, is refused with the reason', async () => {
    const taken = await rejection(signInWithOidc(deps, { issuerUrl: oidcLab.issuer, groupClaim: 'groups' }, { sub: 'other-root', preferred_username: 'root-admin' }, request));
    expect(taken).toMatchObject({ code: 'CONFLICT', reason: 'DirectoryNameTaken' });
    const odd = await rejection(signInWithOidc(deps, { issuerUrl: oidcLab.issuer, groupClaim: 'groups' }, { sub: 'x1', preferred_username: 'Not A Name!' }, request));
    expect(odd).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'DirectoryNameInvalid' });
  });
});

describe('directory sign-in required', () => {
  it('needs a break-glass administrator first; then only break-glass administrators use a Wharf password', async () => {
    const refused = await rejection(setDirectoryRequired(deps, admin.actor, true));
    expect(refused.message).toMatch(/^Mark at least one administrator as break-glass first/);
    const operator = await seedUser(deps.db, 'operator', 'plain-operator');
    expect((await rejection(setBreakGlass(deps, admin.actor, operator.id, true))).message).toBe('Only an enabled administrator with a Wharf password can be break-glass.');
    await setBreakGlass(deps, admin.actor, admin.id, true);
    await setDirectoryRequired(deps, admin.actor, true);
    expect((await readSignInOptions(deps)).required).toBe(true);

    const error = await rejection(signInWithPassword(deps, { username: operator.username, password: operator.password, ...request }));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'FORBIDDEN', message: DIRECTORY_REQUIRED_MESSAGE });
    // A wrong password still gets the same answer as ever (the requirement says nothing about the account).
    expect((await rejection(signInWithPassword(deps, { username: operator.username, password: 'wrong password!', ...request }))).message).toBe(WRONG_CREDENTIALS);
    await expect(signInWithPassword(deps, { username: 'root-admin', password: admin.password, ...request })).resolves.toMatchObject({ username: 'root-admin' });

    expect((await rejection(setBreakGlass(deps, admin.actor, admin.id, false))).message).toMatch(/last break-glass administrator/);
    await removeDirectoryConfig(deps, admin.actor, 'oidc');
    expect((await rejection(removeDirectoryConfig(deps, admin.actor, 'ldap'))).message).toMatch(/^Directory sign-in is required and this is the only directory/);
    await setDirectoryRequired(deps, admin.actor, false);
    await expect(signInWithPassword(deps, { username: operator.username, password: operator.password, ...request })).resolves.toMatchObject({ username: operator.username });
  });
});

describe('key rotation', () => {
  it('reseals the directory secrets with the new key', async () => {
    const rotated = makeKeyring(randomBytes(32), [deps.keyring.current.key]);
    await resealSecrets(deps.db, rotated);
    const row = await deps.db.directoryConfig.findUniqueOrThrow({ where: { kind: 'ldap' } });
    expect(row.secretSealed!.split('.')[1]).toBe(rotated.current.id);
    expect(open(rotated, row.secretSealed!, directorySecretContext('ldap'))).toBe(ldapLab.bindPassword);
  });
});
