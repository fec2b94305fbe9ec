// Where Wharf's own Postgres keeps its cluster and which binaries it runs. Postgres refuses to run
// as root, so a console started as root runs it as the `postgres` user, who must be able to reach
// both. When the checkout (or the data folder) sits in a folder only root can enter — a clone in
// /root, a `mktemp -d` folder — what that user cannot reach moves to a folder of its own under
// /var/lib/wharf, named after the path it stands for (so each checkout and each data folder has
// its own, found again at every start). Pure: the caller finds out what is reachable.
import 'server-only';
import { createHash } from 'node:crypto';
import path from 'node:path';

/** Where Postgres's clusters and binaries go when the postgres user cannot reach the checkout's. */
export const POSTGRES_HOME = '/var/lib/wharf';

/** `<home>/<kind>-<readable end of the path>-<hash of the whole path>`: one folder per path, recognisable by eye. */
export function folderFor(home: string, kind: string, forPath: string): string {
  const resolved = path.resolve(forPath);
  const readable = resolved
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(-40)
    .replace(/^-+/, '');
  const hash = createHash('sha256').update(resolved).digest('hex').slice(0, 12);
  return path.join(home, `${kind}-${readable || 'root'}-${hash}`);
}

/** The checkout a package folder belongs to (the path before its node_modules), or the folder itself. */
export function checkoutOf(packagePath: string): string {
  const at = packagePath.indexOf(`${path.sep}node_modules${path.sep}`);
  return at > 0 ? packagePath.slice(0, at) : packagePath;
}

export type PostgresPlacement = {
  /** The cluster's folder (initdb's --pgdata). */
  pgdata: string;
  /** The folder holding bin/, lib/ and share/ that Postgres runs from. */
  binaries: string;
  /** Whether `binaries` is a copy to make (or refresh) of the package's native folder. */
  copyBinaries: boolean;
  /** Whether the cluster lives outside the data folder (worth telling the user where). */
  movedCluster: boolean;
};

export function placePostgres(input: {
  dataDir: string;
  /** The installed package's native folder (bin/, lib/, share/). */
  nativeDir: string;
  /** Version of the binaries package: a copy is per version. */
  version: string;
  /** Postgres runs as another user than this process (this process is root). */
  asOtherUser: boolean;
  /** That user can reach the data folder. */
  dataDirReachable: boolean;
  /** That user can reach and run the package's binaries. */
  nativeReachable: boolean;
  /** A cluster already lives in the data folder (it worked there before: keep it). */
  clusterInDataDir: boolean;
  home?: string;
}): PostgresPlacement {
  const home = input.home ?? POSTGRES_HOME;
  const inDataDir = !input.asOtherUser || input.clusterInDataDir || input.dataDirReachable;
  const nativeInPlace = !input.asOtherUser || input.nativeReachable;
  return {
    pgdata: inDataDir ? path.join(path.resolve(input.dataDir), 'postgres') : path.join(folderFor(home, 'data', input.dataDir), 'postgres'),
    binaries: nativeInPlace ? input.nativeDir : folderFor(home, `postgres-${input.version.replace(/[^A-Za-z0-9.]+/g, '-')}`, checkoutOf(input.nativeDir)),
    copyBinaries: !nativeInPlace,
    movedCluster: !inDataDir,
  };
}
