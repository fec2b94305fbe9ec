// Adding, changing and removing registries (registry.manage). The connection is tested before
// anything is saved (the failing part named on its field: address, CA, user name or secret); the
// password or token is sealed bound to `registry:<id>` and never returned; an empty secret on an
// edit keeps the saved one. The address is judged by what it resolves to: metadata and link-local
// addresses for nobody, the console's own machine only for those who may connect engines there.
import 'server-only';
import { newId } from '@/lib/db/new-id.ts';
import { AppError, isAppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { can } from '@/lib/auth/authorize.ts';
import { permissionPhrase } from '@/lib/auth/permissions.ts';
import { issueText, msg, storedSaying } from '@/lib/i18n/message.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { open } from '@/lib/crypto/secret-box.ts';
import { apiAddress, DOCKER_HUB_ADDRESS, PRESET_DEFAULTS } from '@/lib/models/registries/registry-kinds.ts';
import type { RegistryView } from '@/lib/models/registries/registry-views.ts';
import type { RegistryForm } from '@/lib/schemas/registries.ts';
import { isConsoleMachine, judgeName, systemLookup, type Lookup } from '@/lib/services/hosts/connection-target.ts';
import type { ServiceDeps } from '../deps.ts';
import { RegistryClient } from './registry-client.ts';
import { withRegistry } from './explain-registry-error.ts';
import { accessFrom, readRegistry, registrySecretContext, sealRegistrySecret, toRegistryView } from './registry-rows.ts';
import { registryUsage, type RegistryUsage } from './registry-usage.ts';
import { ecrLogin } from './ecr-login.ts';
import { ecrAddress } from '@/lib/models/registries/ecr-token.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

const target = (id: string | null, name: string) => ({ type: 'registry', id, name });

/** The settings with what the kind and preset decide filled in (Docker Hub's address; a preset's; none for ECR until it answers). */
function normalise(form: RegistryForm): RegistryForm {
  if (form.kind === 'dockerhub') return { ...form, address: DOCKER_HUB_ADDRESS, plainHttp: false, preset: null };
  if (form.kind === 'ecr') return { ...form, address: '', plainHttp: false, caCert: '', preset: null };
  if (form.preset && !form.address) return { ...form, address: PRESET_DEFAULTS[form.preset].address ?? '' };
  return form;
}

/** Where the address leads, judged: refused addresses for nobody, this machine only with host.local. */
async function screenAddress(actor: Actor, form: RegistryForm, lookup: Lookup): Promise<void> {
  const host = apiAddress(form.kind, form.address)
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  const { addresses, refused } = await judgeName(host, lookup).catch((error: unknown) => {
    const said = isAppError(error) && error.said ? error.said : (error as Error).message;
    throw new AppError('PRECONDITION', said, { fieldErrors: { address: [storedSaying(said)] } });
  });
  if (refused) throw new AppError('FORBIDDEN', msg('registries.errors.refusedAddress', { where: refused }), { fieldErrors: { address: [issueText('registries.errors.refusedAddress', { where: refused })] } });
  if (addresses.some(isConsoleMachine) && !can(actor, 'host.local')) {
    const said = ['registries.errors.consoleMachine', { action: permissionPhrase('host.local') }] as const;
    throw new AppError('FORBIDDEN', msg(...said), { fieldErrors: { address: [issueText(...said)] } });
  }
}

/**
 * The form with what an edit left empty taken from the saved registry: the secret (while the user
 * name stays the same) and the CA.
 */
async function withSaved(deps: Deps, form: RegistryForm, registryId: string | null): Promise<{ form: RegistryForm; secret: string }> {
  if (!registryId) return { form, secret: form.secret };
  const row = await readRegistry(deps.db, registryId);
  const secret = form.secret || (row.secretSealed && row.username === (form.username || null) ? open(deps.keyring, row.secretSealed, registrySecretContext(row.id)) : '');
  return { form: { ...form, caCert: form.caCert || (form.kind === 'dockerhub' ? '' : (row.caCert ?? '')) }, secret };
}

/** What the registry is logged in with: the form's user name and secret, or for ECR the token its key pair gets. */
type Login = { username: string; secret: string };

/**
 * For ECR, the key pair exchanged for a token: the form gets the registry's address (and plain
 * HTTP when the proxy endpoint is http, as only a stand-in's is) from it. Others log in as given.
 */
async function resolveLogin(deps: Deps, form: RegistryForm, secret: string): Promise<{ form: RegistryForm; login: Login }> {
  if (form.kind !== 'ecr') return { form, login: { username: form.username, secret } };
  if (!secret) throw new AppError('INVALID_INPUT', msg('registryText.ecr.secretRequired'), { fieldErrors: { secret: [issueText('registryText.ecr.secretRequired')] } });
  const login = await ecrLogin(deps, { region: form.region, accessKeyId: form.username, secretAccessKey: secret });
  return { form: { ...form, address: ecrAddress(login), plainHttp: login.proxyEndpoint.protocol === 'http:' }, login: { username: login.username, secret: login.password } };
}

/** Pings the registry with these settings: the v2 API answers and accepts the credentials. */
async function check(form: RegistryForm, login: Login, actor: Actor, lookup: Lookup): Promise<void> {
  await screenAddress(actor, form, lookup);
  await withRegistry(form.address, () => new RegistryClient({ ...accessFrom(form, login.secret), username: login.username || null }).ping());
}

export async function testRegistry(deps: Deps, actor: Actor, input: RegistryForm, registryId: string | null = null, lookup: Lookup = systemLookup): Promise<void> {
  const { form: given, secret } = await withSaved(deps, normalise(input), registryId);
  await audited(deps.db, subjectOf(actor), 'registry.test', target(registryId, given.name), async () => {
    const { form, login } = await resolveLogin(deps, given, secret);
    await check(form, login, actor, lookup);
  });
}

function rowData(form: RegistryForm) {
  return { name: form.name, kind: form.kind, preset: form.preset, address: form.address, plainHttp: form.plainHttp, caCert: form.caCert || null, username: form.username || null, region: form.kind === 'ecr' ? form.region : null };
}

async function unique(deps: Deps, form: RegistryForm, exceptId: string | null): Promise<void> {
  const clash = await deps.db.registry.findFirst({ where: { OR: [{ name: form.name }, { address: form.address }], ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (!clash) return;
  const field = clash.name === form.name ? 'name' : 'address';
  if (field === 'name') throw new AppError('CONFLICT', msg('registries.errors.nameTaken', { name: form.name }), { fieldErrors: { name: [issueText('registries.errors.nameTaken', { name: form.name })] } });
  const values = { name: clash.name, address: form.address };
  throw new AppError('CONFLICT', msg('registries.errors.addressTaken', values), { fieldErrors: { address: [issueText('registries.errors.addressTaken', values)] } });
}

export async function addRegistry(deps: Deps, actor: Actor, input: RegistryForm, lookup: Lookup = systemLookup): Promise<RegistryView> {
  const given = normalise(input);
  return audited(deps.db, subjectOf(actor), 'registry.add', target(null, given.name), async () => {
    const { form, login } = await resolveLogin(deps, given, given.secret);
    await unique(deps, form, null);
    await check(form, login, actor, lookup);
    const id = newId();
    const row = await deps.db.registry.create({ data: { id, ...rowData(form), secretSealed: sealRegistrySecret(deps.keyring, id, form.secret), createdById: actor.id } });
    return toRegistryView(row);
  });
}

export async function updateRegistry(deps: Deps, actor: Actor, registryId: string, input: RegistryForm, lookup: Lookup = systemLookup): Promise<RegistryView> {
  const { form: given, secret } = await withSaved(deps, normalise(input), registryId);
  return audited(deps.db, subjectOf(actor), 'registry.update', target(registryId, given.name), async () => {
    const { form, login } = await resolveLogin(deps, given, secret);
    await unique(deps, form, registryId);
    await check(form, login, actor, lookup);
    const row = await deps.db.registry.update({ where: { id: registryId }, data: { ...rowData(form), secretSealed: sealRegistrySecret(deps.keyring, registryId, secret) } });
    return toRegistryView(row);
  });
}

/** Removes a registry; its grants go with it. Answers which stacks used it (they keep running, but pulls lose its credentials). */
export async function removeRegistry(deps: Deps, actor: Actor, registryId: string): Promise<RegistryUsage> {
  const row = await readRegistry(deps.db, registryId);
  return audited(deps.db, subjectOf(actor), 'registry.remove', target(registryId, row.name), async () => {
    const usage = await registryUsage(deps, row);
    await deps.db.registry.delete({ where: { id: registryId } });
    return usage;
  });
}
