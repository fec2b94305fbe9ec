// Administrators' changes to directory sign-in settings. A connection is tested before anything is
// saved (the failing part named on its field); the client secret or bind password is sealed bound
// to `directory:<kind>` and never returned; an empty secret field keeps the saved one. Every test
// and change is audited (directory.<kind>.test / .save / .remove).
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { seal } from '@/lib/crypto/secret-box.ts';
import type { DirectoryKind } from '@/lib/models/directory/directory-source.ts';
import type { LdapSettings, OidcSettings } from '@/lib/schemas/directory.ts';
import type { ServiceDeps } from '../deps.ts';
import { DIRECTORY_REQUIRED_SETTING, directorySecretContext, readLdapConfig, readOidcConfig } from './directory-config.ts';
import { checkLdapSettings } from './ldap-directory.ts';
import { checkOidcClient, discoverOidcProvider } from './oidc-provider-check.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;
const target = (kind: DirectoryKind) => ({ type: 'directory', id: kind, name: kind === 'oidc' ? 'OpenID Connect' : 'LDAP' });

/** The secret typed, or the one saved when the field was left empty. */
async function secretFor(deps: Deps, kind: DirectoryKind, typed: string): Promise<string> {
  if (typed) return typed;
  const saved = kind === 'oidc' ? (await readOidcConfig(deps, { evenDisabled: true }))?.clientSecret : (await readLdapConfig(deps, { evenDisabled: true }))?.bindPassword;
  if (saved) return saved;
  const field = kind === 'oidc' ? 'clientSecret' : 'bindPassword';
  const key = kind === 'oidc' ? 'directory.errors.clientSecret' : 'directory.errors.bindPassword';
  throw new AppError('INVALID_INPUT', msg(key), { fieldErrors: { [field]: [issueText(key)] } });
}

async function checkOidc(settings: OidcSettings, clientSecret: string): Promise<void> {
  await checkOidcClient(await discoverOidcProvider(settings.issuerUrl), settings, clientSecret);
}

export async function testOidcSettings(deps: Deps, actor: Actor, settings: OidcSettings): Promise<void> {
  const secret = await secretFor(deps, 'oidc', settings.clientSecret);
  await audited(deps.db, subjectOf(actor), 'directory.oidc.test', target('oidc'), () => checkOidc(settings, secret));
}

export async function testLdapSettings(deps: Deps, actor: Actor, settings: LdapSettings): Promise<void> {
  const secret = await secretFor(deps, 'ldap', settings.bindPassword);
  await audited(deps.db, subjectOf(actor), 'directory.ldap.test', target('ldap'), () => checkLdapSettings(settings, secret));
}

async function store(deps: Deps, actor: Actor, kind: DirectoryKind, enabled: boolean, settings: object, secret: string): Promise<void> {
  const data = { enabled, settings: settings as never, secretSealed: seal(deps.keyring, secret, directorySecretContext(kind)), updatedById: actor.id };
  await deps.db.directoryConfig.upsert({ where: { kind }, create: { kind, ...data }, update: data });
}

export async function saveOidcSettings(deps: Deps, actor: Actor, input: OidcSettings): Promise<void> {
  const secret = await secretFor(deps, 'oidc', input.clientSecret);
  const { clientSecret: _typed, enabled, ...settings } = input;
  await audited(deps.db, subjectOf(actor), 'directory.oidc.save', target('oidc'), async () => {
    // A provider that is switched off need not answer; one that signs people in must.
    if (enabled) await checkOidc(input, secret);
    await store(deps, actor, 'oidc', enabled, settings, secret);
  });
}

export async function saveLdapSettings(deps: Deps, actor: Actor, input: LdapSettings): Promise<void> {
  const secret = await secretFor(deps, 'ldap', input.bindPassword);
  const { bindPassword: _typed, enabled, ...settings } = input;
  await audited(deps.db, subjectOf(actor), 'directory.ldap.save', target('ldap'), async () => {
    if (enabled) await checkLdapSettings(input, secret);
    await store(deps, actor, 'ldap', enabled, settings, secret);
  });
}

/** Removes a directory's settings. Refused while directory sign-in is required and it is the last one. */
export async function removeDirectoryConfig(deps: Deps, actor: Actor, kind: DirectoryKind): Promise<void> {
  await audited(deps.db, subjectOf(actor), `directory.${kind}.remove`, target(kind), async () => {
    await deps.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${DIRECTORY_REQUIRED_SETTING}))`;
      const others = await tx.directoryConfig.count({ where: { kind: { not: kind }, enabled: true } });
      const required = (await tx.setting.findUnique({ where: { key: DIRECTORY_REQUIRED_SETTING } }))?.value as { required?: boolean } | undefined;
      if (required?.required && others === 0) throw new AppError('PRECONDITION', msg('directory.errors.onlyDirectory'));
      const { count } = await tx.directoryConfig.deleteMany({ where: { kind } });
      if (count === 0) throw new AppError('NOT_FOUND', msg('directory.errors.nothingToRemove'));
    });
  });
}
