import { describe, expect, it } from 'vitest';
import { filterByName, sortOnHosts, withHostOf } from './resources-across-hosts.ts';

type Row = { name: string };
const name = (r: Row) => r.name;

describe('rows of several hosts', () => {
  it('carry their host and a key unique across hosts', () => {
    const a = withHostOf([{ name: 'data' }], { id: 'h1', name: 'lab-1' }, name);
    const b = withHostOf([{ name: 'data' }], { id: 'h2', name: 'lab-2' }, name);
    expect(a[0]).toEqual({ name: 'data', hostId: 'h1', hostName: 'lab-1', key: 'h1/data' });
    expect(a[0].key).not.toBe(b[0].key);
  });

  it('filter by a part of the name, in any case; a blank filter keeps all', () => {
    const rows = [{ name: 'Web-data' }, { name: 'cache' }];
    expect(filterByName(rows, 'DATA', name)).toEqual([{ name: 'Web-data' }]);
    expect(filterByName(rows, '  ', name)).toEqual(rows);
    expect(filterByName(rows, undefined, name)).toEqual(rows);
  });

  it('sort by name then host, or host then name, either way', () => {
    const rows = [
      ...withHostOf([{ name: 'b' }, { name: 'a' }], { id: '2', name: 'lab-2' }, name),
      ...withHostOf([{ name: 'b' }], { id: '1', name: 'lab-1' }, name),
    ];
    expect(sortOnHosts(rows, { key: 'name', dir: 'asc' }, name).map((r) => r.key)).toEqual(['2/a', '1/b', '2/b']);
    expect(sortOnHosts(rows, { key: 'name', dir: 'desc' }, name).map((r) => r.key)).toEqual(['2/b', '1/b', '2/a']);
    expect(sortOnHosts(rows, { key: 'host', dir: 'asc' }, name).map((r) => r.key)).toEqual(['1/b', '2/a', '2/b']);
  });

  it("keep the hosts' own order among equal names", () => {
    const rows = withHostOf([{ name: 'x', n: 1 }, { name: 'x', n: 2 }], { id: '1', name: 'lab-1' }, (r) => `${r.name}${r.n}`);
    expect(sortOnHosts(rows, { key: 'name', dir: 'asc' }, name).map((r) => r.n)).toEqual([1, 2]);
    expect(sortOnHosts(rows, { key: 'name', dir: 'desc' }, name).map((r) => r.n)).toEqual([1, 2]);
  });
});
