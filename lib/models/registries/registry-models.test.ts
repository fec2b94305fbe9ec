import { describe, expect, it } from 'vitest';
import { parseChallenge } from './www-authenticate.ts';
import { nextPageMarker, pageOfNames } from './link-header.ts';
import { formatImageReference, parseImageReference, registryOfImage } from './image-reference.ts';
import { filterAndSortTags, indexPlatforms, manifestKind, imageSize, type TagView } from './registry-views.ts';

describe('parseChallenge', () => {
  it('reads a bearer challenge with realm, service and scope', () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull' },
    });
  });
  it('reads a basic challenge, any case, and quoted commas and escapes', () => {
    expect(parseChallenge('basic realm="a, \\"b\\""')).toEqual({ scheme: 'basic', params: { realm: 'a, "b"' } });
  });
  it('keeps an error parameter and unquoted values', () => {
    expect(parseChallenge('Bearer realm="r",error="insufficient_scope",service=s')?.params).toEqual({ realm: 'r', error: 'insufficient_scope', service: 's' });
  });
  it('answers null for nothing and other for unknown schemes', () => {
    expect(parseChallenge('')).toBeNull();
    expect(parseChallenge(undefined)).toBeNull();
    expect(parseChallenge('Negotiate abc')?.scheme).toBe('other');
  });
});

describe('nextPageMarker', () => {
  it('finds the next page among several links', () => {
    expect(nextPageMarker('</v2/_catalog?last=lab%2Fb&n=2>; rel="next"')).toBe('lab/b');
    expect(nextPageMarker('<https://x/v2/a/tags/list?n=10&last=9>; rel="prev", </v2/a/tags/list?n=10&last=19>; rel=next')).toBe('19');
  });
  it('answers null on the last page or for junk', () => {
    expect(nextPageMarker(null)).toBeNull();
    expect(nextPageMarker('</v2/_catalog?last=x>; rel="prev"')).toBeNull();
    expect(nextPageMarker('junk')).toBeNull();
  });
});

describe('parseImageReference', () => {
  it('reads Docker Hub short names as Docker does', () => {
    expect(parseImageReference('busybox')).toEqual({ registry: 'docker.io', repository: 'library/busybox', tag: 'latest', digest: null });
    expect(parseImageReference('team/app:1.2')).toEqual({ registry: 'docker.io', repository: 'team/app', tag: '1.2', digest: null });
    expect(registryOfImage('index.docker.io/library/redis')).toBe('docker.io');
  });
  it('reads a registry with a port, localhost, and a digest', () => {
    expect(parseImageReference('10.99.0.1:5005/lab/busybox:1.0')).toEqual({ registry: '10.99.0.1:5005', repository: 'lab/busybox', tag: '1.0', digest: null });
    expect(parseImageReference('localhost/app')?.registry).toBe('localhost');
    const d = 'sha256:' + 'a'.repeat(64);
    expect(parseImageReference(`ghcr.io/o/app@${d}`)).toEqual({ registry: 'ghcr.io', repository: 'o/app', tag: null, digest: d });
  });
  it('refuses what is not a reference', () => {
    for (const bad of ['', 'UPPER/case', 'a b', 'x:', 'ghcr.io/o/app@sha256:short', 'a//b']) expect(parseImageReference(bad)).toBeNull();
  });
  it('formats references back', () => {
    expect(formatImageReference('docker.io', 'library/busybox', '1')).toBe('busybox:1');
    expect(formatImageReference('10.99.0.1:5005', 'lab/busybox', '1.0')).toBe('10.99.0.1:5005/lab/busybox:1.0');
  });
});

describe('manifests', () => {
  const index = {
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { digest: 'sha256:a', size: 10, platform: { os: 'linux', architecture: 'amd64' } },
      { digest: 'sha256:b', size: 11, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
      { digest: 'sha256:c', size: 12, platform: { os: 'unknown', architecture: 'unknown' } },
    ],
  };
  it('tells indexes from images, by media type or by shape', () => {
    expect(manifestKind(null, index)).toBe('index');
    expect(manifestKind('application/vnd.docker.distribution.manifest.v2+json', { config: { digest: 'x', size: 1 } })).toBe('image');
    expect(manifestKind(null, { manifests: [] })).toBe('index');
    expect(manifestKind('text/html', {})).toBe('other');
  });
  it('lists platforms without attestations and sums image sizes', () => {
    expect(indexPlatforms(index).map((p) => `${p.os}/${p.architecture}${p.variant ? '/' + p.variant : ''}`)).toEqual(['linux/amd64', 'linux/arm/v7']);
    expect(imageSize({ config: { digest: 'c', size: 5 }, layers: [{ digest: 'l', size: 7 }, { digest: 'm', size: 8 }] })).toBe(20);
  });
});

describe('filterAndSortTags', () => {
  const tag = (name: string, size: number, created: string | null, arch = 'amd64'): TagView => ({ tag: name, digest: 'd', mediaType: 'm', size, created, layers: [], platforms: [{ os: 'linux', architecture: arch, variant: null, digest: 'p', size: 1 }] });
  const tags = [tag('1.10', 3, '2026-01-03'), tag('1.9', 1, '2026-01-01'), tag('latest', 2, null, 'arm64')];
  it('sorts versions naturally, by size and by creation', () => {
    expect(filterAndSortTags(tags, '', 'name', false).map((t) => t.tag)).toEqual(['1.9', '1.10', 'latest']);
    expect(filterAndSortTags(tags, '', 'size', true).map((t) => t.tag)).toEqual(['1.10', 'latest', '1.9']);
    expect(filterAndSortTags(tags, '', 'created', false).map((t) => t.tag)).toEqual(['latest', '1.9', '1.10']);
  });
  it('filters on the tag and on platforms', () => {
    expect(filterAndSortTags(tags, '1.', 'name', false).map((t) => t.tag)).toEqual(['1.9', '1.10']);
    expect(filterAndSortTags(tags, 'ARM64', 'name', false).map((t) => t.tag)).toEqual(['latest']);
  });
});

describe('pageOfNames', () => {
  it('keeps an answer within the page as the registry gave it', () => {
    expect(pageOfNames({ names: ['b', 'a'], next: 'b' }, 2, null)).toEqual({ names: ['b', 'a'], next: 'b' });
  });

  it('pages an answer that ignored n (and last) itself: lexical order, after last, the next marker while more remain', () => {
    const all = ['t3', 't1', 't5', 't2', 't4'];
    expect(pageOfNames({ names: all, next: null }, 2, null)).toEqual({ names: ['t1', 't2'], next: 't2' });
    expect(pageOfNames({ names: all, next: null }, 2, 't2')).toEqual({ names: ['t3', 't4'], next: 't4' });
    expect(pageOfNames({ names: all, next: null }, 2, 't3')).toEqual({ names: ['t4', 't5'], next: null });
  });
});
