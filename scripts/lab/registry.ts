// Lab registry: Debian's docker-registry on 10.99.0.1:5005 with htpasswd auth and filesystem storage, detached with a pidfile.
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RegistryState } from './state.ts';
import { httpRequest } from './http.ts';
import { LabError, livePid, progress, run, spawnDetached, tailFile, terminate, waitFor } from './run.ts';

export const newRegistryPassword = () => randomBytes(18).toString('base64url');

/** A distribution registry's config: storage under dataDir, `auth` lines as given, deletes on or off. */
export function registryConfigYaml(r: Pick<RegistryState, 'dataDir' | 'host' | 'port'>, secret: string, auth: string[], deletes: boolean): string {
  return [
    '# Wharf lab registry (written by scripts/lab/registry.ts)',
    'version: 0.1',
    'log:',
    '  level: info',
    '  formatter: text',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${r.dataDir}`,
    '  delete:',
    `    enabled: ${deletes}`,
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    `  addr: ${r.host}:${r.port}`,
    `  secret: ${secret}`,
    'auth:',
    ...auth,
    '',
  ].join('\n');
}

function configYaml(r: RegistryState, secret: string): string {
  return registryConfigYaml(r, secret, ['  htpasswd:', '    realm: wharf-lab', `    path: ${join(dirname(r.configFile), 'htpasswd')}`], true);
}

async function status(r: RegistryState, auth: boolean): Promise<number> {
  const headers: Record<string, string> = auth ? { Authorization: 'Basic ' + Buffer.from(`${r.username}:${r.password}`).toString('base64') } : {};
  const res = await httpRequest({ host: r.host, port: r.port, path: '/v2/', headers, timeoutMs: 3_000 });
  return res.status;
}

/** GET /v2/ answers 401 without credentials and 200 with them. */
export async function registryHealthy(r: RegistryState): Promise<boolean> {
  try {
    return (await status(r, false)) === 401 && (await status(r, true)) === 200;
  } catch {
    return false;
  }
}

export function registryPid(r: RegistryState): number | null {
  return livePid(r.pidfile, 'docker-registry');
}

export async function stopRegistry(r: RegistryState): Promise<void> {
  const pid = registryPid(r);
  if (pid && !(await terminate(pid, 10_000, 5_000))) throw new LabError('registry', `docker-registry (pid ${pid}) did not exit`);
  await fsp.rm(r.pidfile, { force: true });
}

/** Starts the registry unless a healthy one runs with the current password. */
export async function ensureRegistry(r: RegistryState): Promise<void> {
  const dir = dirname(r.configFile);
  const htpasswd = join(dir, 'htpasswd');
  await fsp.mkdir(r.dataDir, { recursive: true });

  const pid = registryPid(r);
  if (pid && existsSync(htpasswd) && (await registryHealthy(r))) return;
  if (pid) {
    progress(`registry: pid ${pid} is not healthy, restarting it`);
    await stopRegistry(r);
  }
  await fsp.rm(r.pidfile, { force: true });

  const line = (await run('htpasswd', ['-Bbn', r.username, r.password])).stdout.trim();
  await fsp.writeFile(htpasswd, line + '\n', { mode: 0o600 });
  await fsp.writeFile(r.configFile, configYaml(r, randomBytes(16).toString('hex')), { mode: 0o600 });
  await fsp.appendFile(r.logFile, `\n=== wharf lab: starting docker-registry at ${new Date().toISOString()} ===\n`);
  const newPid = spawnDetached('docker-registry', ['serve', r.configFile], r.logFile);
  await fsp.writeFile(r.pidfile, `${newPid}\n`);
  try {
    await waitFor(
      `registry on http://${r.url}/v2/ (401 without auth, 200 with)`,
      async () => {
        if (await registryHealthy(r)) return true;
        if (!registryPid(r)) throw new Error(`docker-registry (pid ${newPid}) exited`);
        return false;
      },
      30_000,
      200,
    );
  } catch (e) {
    throw new LabError('registry', (e as Error).message, tailFile(r.logFile, 30));
  }
}
