import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import type { Message } from '@/lib/i18n/message.ts';
import { TtlCache, WindowBudget, containerRunning, judgeUpdate, pinnedImage, serviceRunning, spokenChecks, tagOf, updateCacheKey } from './image-updates.ts';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;
const said = (r: { reason: Message } | object) => ('reason' in r ? renderMessage(r.reason as Message, 'en') : null);

describe('tagOf', () => {
  it('reads the registry, repository and tag (latest when none is named)', () => {
    expect(tagOf('10.99.0.1:5005/lab/busybox:1.0')).toEqual({ ref: { registry: '10.99.0.1:5005', repository: 'lab/busybox', tag: '1.0' } });
    expect(tagOf('nginx')).toEqual({ ref: { registry: 'docker.io', repository: 'library/nginx', tag: 'latest' } });
    expect(tagOf(`ghcr.io/o/app:2@${A}`)).toEqual({ ref: { registry: 'ghcr.io', repository: 'o/app', tag: '2' } });
  });
  it('says why a reference has nothing to check', () => {
    expect(said(tagOf(`ghcr.io/o/app@${A}`))).toMatch(/digest without a tag/);
    expect(said(tagOf('Not An Image'))).toMatch(/not an image reference/);
  });
});

describe('serviceRunning', () => {
  it('takes the digest the spec is pinned to', () => {
    expect(serviceRunning(`10.99.0.1:5005/lab/app:1.0@${A}`)).toEqual({ ref: { registry: '10.99.0.1:5005', repository: 'lab/app', tag: '1.0' }, digests: [A] });
  });
  it('says an unpinned image is not known', () => {
    expect(said(serviceRunning('10.99.0.1:5005/lab/app:1.0'))).toMatch(/not pinned to a digest/);
  });
  it('refuses a digest that is not sha256', () => {
    expect(said(serviceRunning(`lab.example/app:1@sha512:${'d'.repeat(128)}`))).toMatch(/not pinned/);
  });
});

describe('containerRunning', () => {
  it('keeps only the digests of the repository the container names, however Docker Hub is spelled', () => {
    const running = containerRunning('busybox:1.36', [`busybox@${A}`, `docker.io/library/busybox@${B}`, `ghcr.io/x/busybox@${C}`, `busybox@${A}`]);
    expect(running).toEqual({ ref: { registry: 'docker.io', repository: 'library/busybox', tag: '1.36' }, digests: [A, B] });
  });
  it('matches a private registry with a port', () => {
    expect(containerRunning('10.99.0.1:5005/lab/app:1.0', [`10.99.0.1:5005/lab/app@${B}`, `10.99.0.1:5006/lab/app@${C}`])).toMatchObject({ digests: [B] });
  });
  it('says an image with no digest from its registry was built or loaded here', () => {
    expect(said(containerRunning('local/app:1', []))).toMatch(/not pulled from its registry/);
    expect(said(containerRunning('10.99.0.1:5005/lab/app:1.0', [`10.99.0.1:5005/lab/other@${A}`, 'garbage']))).toMatch(/not pulled/);
  });
  it('says a container created from an image id has no tag to check', () => {
    expect(said(containerRunning(A, [`busybox@${A}`]))).toMatch(/digest without a tag/);
    expect(said(containerRunning('a'.repeat(64), []))).toMatch(/digest without a tag/);
  });
});

describe('judgeUpdate', () => {
  const running = { ref: { registry: '10.99.0.1:5005', repository: 'lab/app', tag: '1.0' }, digests: [A, B] };
  it('is current when any digest run is the registry one', () => {
    expect(judgeUpdate('img', running, B)).toEqual({ state: 'current', image: 'img', digest: B });
  });
  it('offers the tag pinned to the new digest otherwise', () => {
    expect(judgeUpdate('img', running, C)).toEqual({ state: 'available', image: 'img', running: A, latest: C, target: `10.99.0.1:5005/lab/app:1.0@${C}` });
  });
});

describe('pinnedImage', () => {
  it('spells Docker Hub as Docker does', () => {
    expect(pinnedImage({ registry: 'docker.io', repository: 'library/nginx', tag: '1' }, A)).toBe(`nginx:1@${A}`);
    expect(pinnedImage({ registry: 'docker.io', repository: 'me/app', tag: 'x' }, A)).toBe(`me/app:x@${A}`);
  });
});

describe('updateCacheKey', () => {
  it('differs by credentials, tag and repository', () => {
    const ref = { registry: 'r', repository: 'a/b', tag: 't' };
    const keys = new Set([updateCacheKey(ref, 'anonymous'), updateCacheKey(ref, 'reg1'), updateCacheKey({ ...ref, tag: 'u' }, 'reg1'), updateCacheKey({ ...ref, repository: 'a' }, 'reg1')]);
    expect(keys.size).toBe(4);
  });
});

describe('TtlCache', () => {
  it('answers within the time to live and forgets after', () => {
    const cache = new TtlCache<string>(1000);
    cache.set('k', 'v', 0);
    expect(cache.get('k', 999)).toBe('v');
    expect(cache.get('k', 1000)).toBeUndefined();
    expect(cache.get('k', 10)).toBeUndefined();
  });
  it('keeps at most max entries, dropping the oldest', () => {
    const cache = new TtlCache<number>(1000, 2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.set('a', 3, 1);
    cache.set('c', 4, 2);
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('a', 3)).toBe(3);
    expect(cache.get('c', 3)).toBe(4);
  });
  it('deletes on demand', () => {
    const cache = new TtlCache<number>(1000);
    cache.set('a', 1, 0);
    cache.delete('a');
    expect(cache.get('a', 0)).toBeUndefined();
  });
});

describe('WindowBudget', () => {
  it('lets limit requests through per key within the window, then again as the window moves', () => {
    const budget = new WindowBudget(2, 1000);
    expect(budget.take('r', 0)).toBe(true);
    expect(budget.take('r', 10)).toBe(true);
    expect(budget.take('r', 20)).toBe(false);
    expect(budget.take('other', 20)).toBe(true);
    expect(budget.take('r', 999)).toBe(false);
    expect(budget.take('r', 1000)).toBe(true);
    expect(budget.take('r', 1005)).toBe(false);
    expect(budget.take('r', 1010)).toBe(true);
  });
});

describe('spokenChecks', () => {
  it('says only the reasons, leaving the other outcomes as they are', () => {
    const judged = { a: { state: 'unknown' as const, image: 'x', reason: { key: 'imageUpdates.reasons.noTag' as const, values: { image: 'x' } } }, b: { state: 'current' as const, image: 'y', digest: A } };
    expect(spokenChecks(judged, (m) => renderMessage(m, 'en'))).toEqual({ a: { state: 'unknown', image: 'x', reason: 'x names a digest without a tag, so there is no newer image to look for.' }, b: judged.b });
  });
});
