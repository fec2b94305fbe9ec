// Reading registries: the list (each row only when its registry may be seen), a page of the
// catalog (or, where the registry has no catalog, the answer that says so, so the page offers to
// open a repository by name), and a page of a repository's tags with each tag's digest, size,
// creation time, platforms and layers.
import 'server-only';
import pLimit from 'p-limit';
import type { Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { imageSize, indexPlatforms, manifestKind, type RepositoryPage, type RegistryView, type TagView } from '@/lib/models/registries/registry-views.ts';
import type { ServiceDeps } from '../deps.ts';
import type { RegistryClient } from './registry-client.ts';
import { RegistryError } from './registry-client.ts';
import { withRegistry } from './explain-registry-error.ts';
import { pageOfNames } from '@/lib/models/registries/link-header.ts';
import { clientOf, readRegistry, toRegistryView } from './registry-rows.ts';
import { registryUsage, type RegistryUsage } from './registry-usage.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

/** How many repositories or tags a page holds. */
export const PAGE_SIZE = 50;
/** How many manifests are read at once for a page of tags. */
const MANIFEST_CONCURRENCY = 8;
/** At most this many platforms of an index are read for sizes. */
const MAX_PLATFORMS = 8;

export async function listRegistries(deps: Pick<ServiceDeps, 'db'>, actor: Actor): Promise<RegistryView[]> {
  const rows = await deps.db.registry.findMany({ orderBy: { name: 'asc' } });
  return rows.filter((r) => can(actor, 'registry.view', { type: 'registry', id: r.id })).map(toRegistryView);
}

export async function readRegistryView(deps: Pick<ServiceDeps, 'db'>, registryId: string): Promise<RegistryView> {
  return toRegistryView(await readRegistry(deps.db, registryId));
}

export async function readRegistryUsage(deps: Pick<ServiceDeps, 'db'>, registryId: string): Promise<RegistryUsage> {
  return registryUsage(deps, await readRegistry(deps.db, registryId));
}

/** A page of repositories after `last`. A registry without a catalog (or that refuses it) answers catalog: false. */
export async function listRepositories(deps: Deps, registryId: string, last: string | null): Promise<RepositoryPage> {
  const { row, client } = await clientOf(deps, registryId);
  try {
    const page = await client.catalog(PAGE_SIZE, last);
    return { repositories: page.repositories, next: page.next, catalog: true };
  } catch (error) {
    if (error instanceof RegistryError && (error.failure === 'not-found' || error.failure === 'denied')) return { repositories: [], next: null, catalog: false };
    return withRegistry(row.address, () => Promise.reject(error));
  }
}

type Config = { created?: string; os?: string; architecture?: string; variant?: string };

/** One tag's row: its manifest, and for an index each platform's manifest (sizes) and the first one's config (created). */
export async function describeTag(client: RegistryClient, repository: string, tag: string): Promise<TagView> {
  const manifest = await client.manifest(repository, tag);
  const kind = manifestKind(manifest.contentType, manifest.doc);
  if (kind === 'index') {
    const platforms = indexPlatforms(manifest.doc).slice(0, MAX_PLATFORMS);
    const children = await Promise.all(platforms.map((p) => client.manifest(repository, p.digest).catch(() => null)));
    const first = children.find((c) => c?.doc.config);
    const config = first?.doc.config ? await client.blobJson<Config>(repository, first.doc.config.digest).catch(() => null) : null;
    return {
      tag,
      digest: manifest.digest,
      mediaType: manifest.contentType,
      size: Math.max(0, ...children.map((c) => (c ? imageSize(c.doc) : 0))),
      created: config?.created ?? null,
      platforms: platforms.map((p, i) => ({ ...p, size: children[i] ? imageSize(children[i].doc) : p.size })),
      layers: (first?.doc.layers ?? []).map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType ?? '' })),
    };
  }
  const config = manifest.doc.config ? await client.blobJson<Config>(repository, manifest.doc.config.digest).catch(() => null) : null;
  return {
    tag,
    digest: manifest.digest,
    mediaType: manifest.contentType,
    size: imageSize(manifest.doc),
    created: config?.created ?? null,
    platforms: config?.os ? [{ os: config.os, architecture: config.architecture ?? '', variant: config.variant ?? null, digest: manifest.digest, size: imageSize(manifest.doc) }] : [],
    layers: (manifest.doc.layers ?? []).map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType ?? '' })),
  };
}

export type TagsPage = { repository: string; tags: TagView[]; next: string | null; missing: string[] };

/** A page of a repository's tags, described. A tag deleted between the list and its manifest is reported in `missing`. */
export async function listTags(deps: Deps, registryId: string, repository: string, last: string | null): Promise<TagsPage> {
  const { row, client } = await clientOf(deps, registryId);
  return withRegistry(row.address, async () => {
    // A registry that ignores `n` answers every tag: the page is cut here, or it would describe them all.
    const answer = await client.tags(repository, PAGE_SIZE, last);
    const { names, next } = pageOfNames({ names: answer.tags, next: answer.next }, PAGE_SIZE, last);
    const page = { tags: names, next };
    const limit = pLimit(MANIFEST_CONCURRENCY);
    const missing: string[] = [];
    const described = await Promise.all(
      page.tags.map((tag) =>
        limit(async () => {
          try {
            return await describeTag(client, repository, tag);
          } catch (error) {
            if (error instanceof RegistryError && error.failure === 'not-found') {
              missing.push(tag);
              return null;
            }
            throw error;
          }
        }),
      ),
    );
    return { repository, tags: described.filter((t): t is TagView => t !== null), next: page.next, missing };
  });
}
