// Between a stored registry and a live client: the view the browser gets (never a credential),
// the sealed secret's context, and the access a client is built from.
import 'server-only';
import { open, seal, type Keyring } from '@/lib/crypto/secret-box.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { Db } from '@/lib/db/client.ts';
import { apiAddress, type RegistryKind, type RegistryPreset } from '@/lib/models/registries/registry-kinds.ts';
import type { RegistryView } from '@/lib/models/registries/registry-views.ts';
import { RegistryClient, type RegistryAccess } from './registry-client.ts';
import { ecrLogin } from './ecr-login.ts';

export type RegistryRow = {
  id: string;
  name: string;
  kind: string;
  preset: string | null;
  address: string;
  plainHttp: boolean;
  caCert: string | null;
  username: string | null;
  secretSealed: string | null;
  region: string | null;
  createdAt: Date;
};

/** What a registry's sealed secret is bound to: it opens only for this registry's row. */
export const registrySecretContext = (registryId: string) => `registry:${registryId}`;

export const sealRegistrySecret = (keyring: Keyring, registryId: string, secret: string): string | null => (secret ? seal(keyring, secret, registrySecretContext(registryId)) : null);

export function toRegistryView(row: RegistryRow): RegistryView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as RegistryKind,
    preset: (row.preset as RegistryPreset | null) ?? null,
    address: row.address,
    plainHttp: row.plainHttp,
    hasCaCert: !!row.caCert,
    username: row.username,
    hasSecret: !!row.secretSealed,
    region: row.region,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Where a registry's API answers and with what credentials. */
export function accessFrom(settings: Pick<RegistryRow, 'kind' | 'address' | 'plainHttp' | 'caCert' | 'username'>, secret: string | null): RegistryAccess {
  const address = apiAddress(settings.kind as RegistryKind, settings.address);
  return { base: new URL(`${settings.plainHttp ? 'http' : 'https'}://${address}/`), ca: settings.caCert || null, username: settings.username || null, secret: secret || null };
}

/**
 * The user name and password a stored registry logs in with (the secret opened here, used, never
 * kept): for ECR, the key pair exchanged for an authorization token (AWS and its password),
 * kept by `deps` until shortly before it expires.
 */
export async function registryLogin(deps: { keyring: Keyring }, row: Pick<RegistryRow, 'id' | 'kind' | 'region' | 'username' | 'secretSealed'>): Promise<{ username: string | null; secret: string | null }> {
  const secret = row.secretSealed ? open(deps.keyring, row.secretSealed, registrySecretContext(row.id)) : null;
  if (row.kind !== 'ecr') return { username: row.username, secret };
  if (!secret || !row.username || !row.region) return { username: null, secret: null };
  const login = await ecrLogin(deps, { region: row.region, accessKeyId: row.username, secretAccessKey: secret });
  return { username: login.username, secret: login.password };
}

/** A stored registry's access with its login. */
export async function accessOf(deps: { keyring: Keyring }, row: RegistryRow): Promise<RegistryAccess> {
  const login = await registryLogin(deps, row);
  return { ...accessFrom(row, login.secret), username: login.username };
}

/** The registry row, or NOT_FOUND (the door has already authorized on this id). */
export async function readRegistry(db: Db, registryId: string): Promise<RegistryRow> {
  const row = await db.registry.findUnique({ where: { id: registryId } });
  if (!row) throw new AppError('NOT_FOUND', msg('registries.errors.notFound'));
  return row;
}

export async function clientOf(deps: { db: Db; keyring: Keyring }, registryId: string): Promise<{ row: RegistryRow; client: RegistryClient }> {
  const row = await readRegistry(deps.db, registryId);
  return { row, client: new RegistryClient(await accessOf(deps, row)) };
}
