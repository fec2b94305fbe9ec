// Processes of a Postgres cluster, as the tests that start and kill the console's own Postgres see them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The postmaster of a cluster (first line of postmaster.pid), or null when none is running. */
export function postmasterPid(pgdata: string): number | null {
  const file = path.join(pgdata, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return pidAlive(pid) ? pid : null;
}
