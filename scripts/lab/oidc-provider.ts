// Lab OpenID Connect provider: scripts/lab/oidc-server.ts (the `oidc-provider` package) run
// detached with a pidfile on a loopback port, with a confidential client for Wharf and test users
// whose `groups` claim the directory sign-in tests map to teams. Healthy = its discovery document
// names the configured issuer.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickFreePort, portIsFree } from '@/lib/net/ports.ts';
import type { OidcServerConfig } from './oidc-server.ts';
import type { OidcState } from './state.ts';
import { httpRequest } from './http.ts';
import { LabError, livePid, progress, spawnDetached, tailFile, terminate, waitFor } from './run.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SERVER_SCRIPT = join(here, 'oidc-server.ts');
const REGISTER = join(here, '..', 'node', 'register.mjs');

/** The lab's OIDC test users: one in a group the tests map to a team, one in a group nobody maps. */
export const OIDC_LAB_USERS: OidcState['users'] = [
  { username: 'odette', password: 'odette-lab-password', name: 'Odette Oidc', email: 'odette@wharf.lab', groups: ['payments-devs', 'everyone'] },
  { username: 'oscar', password: 'oscar-lab-password', name: 'Oscar Oidc', email: 'oscar@wharf.lab', groups: ['everyone'] },
];

/** The provider's own record of its port and client secret (its config file), when the lab state lost it. */
async function previousConfig(dir: string): Promise<Pick<OidcState, 'port' | 'clientSecret'> | undefined> {
  const text = await fsp.readFile(join(dir, 'oidc', 'config.json'), 'utf8').catch(() => null);
  return text ? (JSON.parse(text) as OidcServerConfig) : undefined;
}

/** Where the provider lives: its port is kept from the previous state (or its own config file), or picked when new. */
export async function oidcLayout(dir: string, given: Pick<OidcState, 'port' | 'clientSecret'> | undefined): Promise<OidcState> {
  const o = join(dir, 'oidc');
  const prev = given ?? (await previousConfig(dir));
  const port = prev?.port ?? (await pickFreePort());
  return {
    issuer: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    clientId: 'wharf',
    clientSecret: prev?.clientSecret ?? randomBytes(24).toString('base64url'),
    groupClaim: 'groups',
    users: OIDC_LAB_USERS,
    pidfile: join(o, 'oidc-provider.pid'),
    logFile: join(o, 'oidc-provider.log'),
    configFile: join(o, 'config.json'),
  };
}

export function oidcPid(o: OidcState): number | null {
  return livePid(o.pidfile, 'node');
}

/** The discovery document answers and names the configured issuer. */
export async function oidcHealthy(o: OidcState): Promise<boolean> {
  try {
    const res = await httpRequest({ host: o.host, port: o.port, path: '/.well-known/openid-configuration', timeoutMs: 3_000 });
    return res.status === 200 && (JSON.parse(res.body.toString('utf8')) as { issuer?: string }).issuer === o.issuer;
  } catch {
    return false;
  }
}

export async function stopOidcProvider(o: OidcState): Promise<void> {
  const pid = oidcPid(o);
  if (pid && !(await terminate(pid, 10_000, 5_000))) throw new LabError('oidc', `oidc-provider (pid ${pid}) did not exit`);
  await fsp.rm(o.pidfile, { force: true });
}

/** Starts the provider unless a healthy one runs with the current configuration. Returns the state (its port may have moved). */
export async function ensureOidcProvider(dir: string, prev: OidcState | undefined): Promise<OidcState> {
  let o = await oidcLayout(dir, prev);
  await fsp.mkdir(dirname(o.configFile), { recursive: true });
  // A provider started with other users or another version of its script (an older lab) is restarted.
  const script = createHash('sha256').update(await fsp.readFile(SERVER_SCRIPT)).digest('hex');
  const running = (await previousConfig(dir)) as (OidcServerConfig & { script?: string }) | undefined;
  const current = JSON.stringify(running?.users) === JSON.stringify(o.users) && running?.script === script;
  if (oidcPid(o) && current && (await oidcHealthy(o))) return o;
  if (oidcPid(o)) {
    progress(`oidc: pid ${oidcPid(o)} is not healthy, restarting it`);
    await stopOidcProvider(o);
  }
  // Another program took the port since: move to a free one.
  if (!(await portIsFree(o.port))) o = await oidcLayout(dir, { ...o, port: await pickFreePort() });
  const config: OidcServerConfig = { issuer: o.issuer, host: o.host, port: o.port, clientId: o.clientId, clientSecret: o.clientSecret, cookieKey: randomBytes(24).toString('base64url'), users: o.users };
  await fsp.writeFile(o.configFile, JSON.stringify({ ...config, script }, null, 2), { mode: 0o600 });
  await fsp.appendFile(o.logFile, `\n=== wharf lab: starting oidc-provider at ${new Date().toISOString()} ===\n`);
  const pid = spawnDetached(process.execPath, ['--import', REGISTER, SERVER_SCRIPT, o.configFile], o.logFile, { ...process.env, NODE_ENV: 'production' });
  await fsp.writeFile(o.pidfile, `${pid}\n`);
  try {
    await waitFor(
      `oidc-provider discovery at ${o.issuer}/.well-known/openid-configuration`,
      async () => {
        if (await oidcHealthy(o)) return true;
        if (!oidcPid(o)) throw new Error(`oidc-provider (pid ${pid}) exited`);
        return false;
      },
      30_000,
      200,
    );
  } catch (e) {
    throw new LabError('oidc', (e as Error).message, tailFile(o.logFile, 30));
  }
  return o;
}
