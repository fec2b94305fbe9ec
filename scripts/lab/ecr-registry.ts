// The lab's Amazon ECR: the stand-in for ECR's API (scripts/lab/ecr-standin.ts) on 10.99.0.1:5008,
// whose tokens are good at the lab's htpasswd registry (10.99.0.1:5005, which every lab engine
// reaches) as the user AWS, as ECR's are at an account's registry. The key pair and the AWS user's
// password are kept in <labDir>/ecr/kept.json so a restart keeps them; the AWS line is added to the
// registry's htpasswd file, which the registry reads again when it changes.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { GATEWAY } from './state.ts';
import type { EcrState, RegistryState } from './state.ts';
import type { EcrStandinConfig } from './ecr-standin.ts';
import { httpRequest } from './http.ts';
import { LabError, livePid, progress, run, spawnDetached, tailFile, terminate, waitFor } from './run.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SERVER_SCRIPT = join(here, 'ecr-standin.ts');
const REGISTER = join(here, '..', 'node', 'register.mjs');

export const ECR_STANDIN_PORT = 5008;
export const ECR_REGION = 'eu-west-1';
/** The user name ECR's tokens carry. */
export const ECR_USER = 'AWS';

type Kept = { accessKeyId: string; secretAccessKey: string; password: string };

async function kept(dir: string): Promise<Kept> {
  const file = join(dir, 'ecr', 'kept.json');
  const text = await fsp.readFile(file, 'utf8').catch(() => null);
  if (text) return JSON.parse(text) as Kept;
  const fresh: Kept = {
    accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
    password: randomBytes(24).toString('base64url'),
  };
  await fsp.mkdir(dirname(file), { recursive: true });
  await fsp.writeFile(file, JSON.stringify(fresh), { mode: 0o600 });
  return fresh;
}

export async function ecrLayout(dir: string, registry: RegistryState): Promise<EcrState> {
  const e = join(dir, 'ecr');
  const k = await kept(dir);
  return {
    url: `http://${GATEWAY}:${ECR_STANDIN_PORT}`,
    host: GATEWAY,
    port: ECR_STANDIN_PORT,
    region: ECR_REGION,
    accessKeyId: k.accessKeyId,
    secretAccessKey: k.secretAccessKey,
    registry: registry.url,
    pidfile: join(e, 'ecr-standin.pid'),
    logFile: join(e, 'ecr-standin.log'),
    configFile: join(e, 'ecr-standin.json'),
  };
}

const standinPid = (e: EcrState) => livePid(e.pidfile, 'node');

/** An authorization token from the stand-in (the SDK signs; throws what it throws). */
export async function labEcrToken(e: EcrState, keys: { accessKeyId: string; secretAccessKey: string } = e, region = e.region) {
  const client = new ECRClient({ region, endpoint: e.url, credentials: keys, maxAttempts: 1 });
  try {
    const answer = await client.send(new GetAuthorizationTokenCommand({}));
    return answer.authorizationData?.[0] ?? null;
  } finally {
    client.destroy();
  }
}

/** A token from the right keys opens the registry as AWS; the wrong secret key is refused. */
export async function ecrHealthy(e: EcrState): Promise<boolean> {
  try {
    const data = await labEcrToken(e);
    if (!data?.authorizationToken) return false;
    const [host, port] = e.registry.split(':');
    const res = await httpRequest({ host, port: Number(port), path: '/v2/', headers: { Authorization: `Basic ${data.authorizationToken}` }, timeoutMs: 3_000 });
    if (res.status !== 200) return false;
    return (await labEcrToken(e, { accessKeyId: e.accessKeyId, secretAccessKey: 'wrong' }).then(() => 'accepted', () => 'refused')) === 'refused';
  } catch {
    return false;
  }
}

export async function stopEcr(e: EcrState): Promise<void> {
  const pid = standinPid(e);
  if (pid && !(await terminate(pid, 10_000, 5_000))) throw new LabError('ecr', `ECR stand-in (pid ${pid}) did not exit`);
  await fsp.rm(e.pidfile, { force: true });
}

/** The registry's htpasswd has the user AWS with the kept password (added, or its line replaced). */
async function ensureAwsUser(registry: RegistryState, password: string): Promise<void> {
  const file = join(dirname(registry.configFile), 'htpasswd');
  const lines = (await fsp.readFile(file, 'utf8')).split('\n').filter(Boolean);
  const res = await httpRequest({ host: registry.host, port: registry.port, path: '/v2/', headers: { Authorization: 'Basic ' + Buffer.from(`${ECR_USER}:${password}`).toString('base64') }, timeoutMs: 3_000 });
  if (res.status === 200) return;
  const line = (await run('htpasswd', ['-Bbn', ECR_USER, password])).stdout.trim();
  await fsp.writeFile(file, [...lines.filter((l) => !l.startsWith(`${ECR_USER}:`)), line].join('\n') + '\n', { mode: 0o600 });
}

/** Starts the stand-in unless it runs healthy with the current configuration. */
export async function ensureEcr(dir: string, registry: RegistryState): Promise<EcrState> {
  const e = await ecrLayout(dir, registry);
  const k = await kept(dir);
  await ensureAwsUser(registry, k.password);
  const script = createHash('sha256').update(await fsp.readFile(SERVER_SCRIPT)).digest('hex');
  const config: EcrStandinConfig & { script: string } = {
    host: e.host,
    port: e.port,
    region: e.region,
    accessKeyId: e.accessKeyId,
    secretAccessKey: e.secretAccessKey,
    proxyEndpoint: `http://${registry.url}`,
    password: k.password,
    tokenSeconds: 12 * 3600,
    script,
  };
  const written = await fsp.readFile(e.configFile, 'utf8').catch(() => '');
  if (written === JSON.stringify(config) && standinPid(e) && (await ecrHealthy(e))) return e;
  if (standinPid(e)) progress('ecr: not healthy or changed, restarting the stand-in');
  await stopEcr(e);
  await fsp.writeFile(e.configFile, JSON.stringify(config), { mode: 0o600 });
  await fsp.appendFile(e.logFile, `\n=== wharf lab: starting at ${new Date().toISOString()} ===\n`);
  await fsp.writeFile(e.pidfile, `${spawnDetached(process.execPath, ['--import', REGISTER, SERVER_SCRIPT, e.configFile], e.logFile, { ...process.env, NODE_ENV: 'production' })}\n`);
  try {
    await waitFor(
      `ECR stand-in on ${e.url} with tokens for ${registry.url}`,
      async () => {
        if (await ecrHealthy(e)) return true;
        if (!standinPid(e)) throw new Error(`ECR stand-in exited: ${tailFile(e.logFile, 10)}`);
        return false;
      },
      30_000,
      200,
    );
  } catch (error) {
    throw new LabError('ecr', (error as Error).message, tailFile(e.logFile, 30));
  }
  return e;
}
