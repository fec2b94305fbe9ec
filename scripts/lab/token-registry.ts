// The lab's second registry: Debian's docker-registry with bearer-token auth (its `auth.token`
// section) on 10.99.0.1:5006, deletes turned off, and the token server it trusts
// (scripts/lab/token-server.ts) on 10.99.0.1:5007. Two users: `wharf` may pull, push and delete;
// `reader` may only pull. Passwords and the token key are kept in <labDir>/token-registry/ so a
// restart (or a state written by an older lab) keeps them.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY } from './state.ts';
import type { TokenRegistryState } from './state.ts';
import type { TokenServerConfig } from './token-server.ts';
import { httpRequest } from './http.ts';
import { registryConfigYaml } from './registry.ts';
import { LabError, livePid, progress, run, spawnDetached, tailFile, terminate, waitFor } from './run.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SERVER_SCRIPT = join(here, 'token-server.ts');
const REGISTER = join(here, '..', 'node', 'register.mjs');

export const TOKEN_REGISTRY_PORT = 5006;
export const TOKEN_SERVER_PORT = 5007;

type Kept = { pusherPassword: string; readerPassword: string; secret: string };

async function kept(dir: string): Promise<Kept> {
  const file = join(dir, 'token-registry', 'kept.json');
  const text = await fsp.readFile(file, 'utf8').catch(() => null);
  if (text) return JSON.parse(text) as Kept;
  const fresh: Kept = { pusherPassword: randomBytes(18).toString('base64url'), readerPassword: randomBytes(18).toString('base64url'), secret: randomBytes(16).toString('hex') };
  await fsp.mkdir(dirname(file), { recursive: true });
  await fsp.writeFile(file, JSON.stringify(fresh), { mode: 0o600 });
  return fresh;
}

export async function tokenRegistryLayout(dir: string): Promise<TokenRegistryState> {
  const t = join(dir, 'token-registry');
  const k = await kept(dir);
  return {
    url: `${GATEWAY}:${TOKEN_REGISTRY_PORT}`,
    host: GATEWAY,
    port: TOKEN_REGISTRY_PORT,
    realm: `http://${GATEWAY}:${TOKEN_SERVER_PORT}/token`,
    tokenPort: TOKEN_SERVER_PORT,
    service: 'wharf-lab-registry',
    issuer: 'wharf-lab-token',
    username: 'wharf',
    password: k.pusherPassword,
    readerUsername: 'reader',
    readerPassword: k.readerPassword,
    deletes: false,
    pidfile: join(t, 'registry.pid'),
    logFile: join(t, 'registry.log'),
    configFile: join(t, 'config.yml'),
    dataDir: join(t, 'data'),
    tokenPidfile: join(t, 'token-server.pid'),
    tokenLogFile: join(t, 'token-server.log'),
    tokenConfigFile: join(t, 'token-server.json'),
    certFile: join(t, 'token.crt'),
    keyFile: join(t, 'token.key'),
  };
}

const registryPid = (t: TokenRegistryState) => livePid(t.pidfile, 'docker-registry');
const tokenPid = (t: TokenRegistryState) => livePid(t.tokenPidfile, 'node');
const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

/** A token for `scope` from the lab token server (throws when refused). */
export async function labToken(t: TokenRegistryState, scope: string, user = t.username, password = t.password): Promise<string> {
  const qs = new URLSearchParams({ service: t.service, scope });
  const res = await httpRequest({ host: t.host, port: t.tokenPort, path: `/token?${qs}`, headers: { Authorization: basic(user, password) }, timeoutMs: 3_000 });
  if (res.status !== 200) throw new Error(`token server answered ${res.status}`);
  return (JSON.parse(res.body.toString()) as { token: string }).token;
}

/** /v2/ challenges for a bearer token, accepts one from the token server, and the server refuses a wrong password. */
export async function tokenRegistryHealthy(t: TokenRegistryState): Promise<boolean> {
  try {
    const bare = await httpRequest({ host: t.host, port: t.port, path: '/v2/', timeoutMs: 3_000 });
    if (bare.status !== 401 || !String(bare.headers['www-authenticate'] ?? '').startsWith(`Bearer realm="${t.realm}"`)) return false;
    const token = await labToken(t, 'registry:catalog:*');
    const authed = await httpRequest({ host: t.host, port: t.port, path: '/v2/_catalog', headers: { Authorization: `Bearer ${token}` }, timeoutMs: 3_000 });
    if (authed.status !== 200) return false;
    return (await labToken(t, 'registry:catalog:*', t.username, 'wrong').then(() => 'accepted', () => 'refused')) === 'refused';
  } catch {
    return false;
  }
}

export async function stopTokenRegistry(t: TokenRegistryState): Promise<void> {
  for (const [pid, file, what] of [
    [registryPid(t), t.pidfile, 'docker-registry'],
    [tokenPid(t), t.tokenPidfile, 'token server'],
  ] as const) {
    if (pid && !(await terminate(pid, 10_000, 5_000))) throw new LabError('token registry', `${what} (pid ${pid}) did not exit`);
    await fsp.rm(file, { force: true });
  }
}

async function ensureTokenKey(t: TokenRegistryState): Promise<void> {
  if (existsSync(t.certFile) && existsSync(t.keyFile)) return;
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '3650', '-subj', `/CN=${t.issuer}`, '-keyout', t.keyFile, '-out', t.certFile]);
  await fsp.chmod(t.keyFile, 0o600);
}

function registryYaml(t: TokenRegistryState, secret: string): string {
  const auth = ['  token:', `    realm: ${t.realm}`, `    service: ${t.service}`, `    issuer: ${t.issuer}`, `    rootcertbundle: ${t.certFile}`];
  return registryConfigYaml(t, secret, auth, t.deletes);
}

/** Starts the token server and the registry unless both run healthy with the current configuration. */
export async function ensureTokenRegistry(dir: string): Promise<TokenRegistryState> {
  const t = await tokenRegistryLayout(dir);
  await fsp.mkdir(t.dataDir, { recursive: true });
  await ensureTokenKey(t);
  const script = createHash('sha256').update(await fsp.readFile(SERVER_SCRIPT)).digest('hex');
  const serverConfig: TokenServerConfig & { script: string } = {
    host: t.host,
    port: t.tokenPort,
    service: t.service,
    issuer: t.issuer,
    keyFile: t.keyFile,
    certFile: t.certFile,
    users: [
      { username: t.username, password: t.password, actions: ['pull', 'push', 'delete', '*'] },
      { username: t.readerUsername, password: t.readerPassword, actions: ['pull'] },
    ],
    script,
  };
  const written = await fsp.readFile(t.tokenConfigFile, 'utf8').catch(() => '');
  const current = written === JSON.stringify(serverConfig);
  if (current && registryPid(t) && tokenPid(t) && (await tokenRegistryHealthy(t))) return t;
  if (registryPid(t) || tokenPid(t)) progress('token registry: not healthy or changed, restarting it');
  await stopTokenRegistry(t);

  const { secret } = await kept(dir);
  await fsp.writeFile(t.tokenConfigFile, JSON.stringify(serverConfig), { mode: 0o600 });
  await fsp.writeFile(t.configFile, registryYaml(t, secret), { mode: 0o600 });
  const stamp = `\n=== wharf lab: starting at ${new Date().toISOString()} ===\n`;
  await fsp.appendFile(t.tokenLogFile, stamp);
  await fsp.appendFile(t.logFile, stamp);
  await fsp.writeFile(t.tokenPidfile, `${spawnDetached(process.execPath, ['--import', REGISTER, SERVER_SCRIPT, t.tokenConfigFile], t.tokenLogFile, { ...process.env, NODE_ENV: 'production' })}\n`);
  await fsp.writeFile(t.pidfile, `${spawnDetached('docker-registry', ['serve', t.configFile], t.logFile)}\n`);
  try {
    await waitFor(
      `bearer registry on http://${t.url}/v2/ with tokens from ${t.realm}`,
      async () => {
        if (await tokenRegistryHealthy(t)) return true;
        if (!registryPid(t)) throw new Error('docker-registry exited');
        if (!tokenPid(t)) throw new Error(`token server exited: ${tailFile(t.tokenLogFile, 10)}`);
        return false;
      },
      30_000,
      200,
    );
  } catch (e) {
    throw new LabError('token registry', (e as Error).message, tailFile(t.logFile, 30));
  }
  return t;
}
