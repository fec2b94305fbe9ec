// What the browser sees of registries, repositories and tags (never a credential), and the pure
// mapping from a manifest (an image, or an image index / manifest list) to a tag's row.
import type { RegistryKind, RegistryPreset } from './registry-kinds.ts';

export type RegistryView = {
  id: string;
  name: string;
  kind: RegistryKind;
  preset: RegistryPreset | null;
  address: string;
  plainHttp: boolean;
  hasCaCert: boolean;
  username: string | null;
  /** Whether a password, token or secret key is saved (never the value). */
  hasSecret: boolean;
  region: string | null;
  createdAt: string;
};

export type RepositoryPage = { repositories: string[]; next: string | null; catalog: boolean };

export type PlatformView = { os: string; architecture: string; variant: string | null; digest: string; size: number };

export type TagView = {
  tag: string;
  digest: string;
  mediaType: string;
  /** The image's size: its config and layers (for an index, the largest platform's). */
  size: number;
  created: string | null;
  platforms: PlatformView[];
  layers: { digest: string; size: number; mediaType: string }[];
};

export type TagPage = { repository: string; tags: string[]; next: string | null };

export const INDEX_TYPES = new Set(['application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.oci.image.index.v1+json']);
export const IMAGE_TYPES = new Set(['application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json']);

type Descriptor = { mediaType?: string; digest: string; size: number; platform?: { os?: string; architecture?: string; variant?: string } };
export type ManifestDocument = { mediaType?: string; config?: Descriptor; layers?: Descriptor[]; manifests?: Descriptor[] };

/** The kind of manifest a document and its Content-Type say it is. */
export function manifestKind(contentType: string | null, doc: ManifestDocument): 'index' | 'image' | 'other' {
  const type = doc.mediaType ?? contentType?.split(';')[0].trim() ?? '';
  if (INDEX_TYPES.has(type) || (!type && Array.isArray(doc.manifests))) return 'index';
  if (IMAGE_TYPES.has(type) || (!type && doc.config)) return 'image';
  return 'other';
}

/** An image manifest's size: config plus layers. */
export const imageSize = (doc: ManifestDocument): number => (doc.config?.size ?? 0) + (doc.layers ?? []).reduce((sum, l) => sum + (l.size ?? 0), 0);

/** The platforms an index lists (attestation manifests, `unknown/unknown`, left out). */
export function indexPlatforms(doc: ManifestDocument): PlatformView[] {
  return (doc.manifests ?? [])
    .filter((m) => m.platform && m.platform.os !== 'unknown')
    .map((m) => ({ os: m.platform?.os ?? '', architecture: m.platform?.architecture ?? '', variant: m.platform?.variant ?? null, digest: m.digest, size: m.size }));
}

export const platformLabel = (p: Pick<PlatformView, 'os' | 'architecture' | 'variant'>): string => [p.os, p.architecture, p.variant].filter(Boolean).join('/');

export type TagSort = 'name' | 'created' | 'size';

/** Tags filtered by a text (case-insensitive, on the tag and its platforms) and sorted. Pure. */
export function filterAndSortTags(tags: TagView[], filter: string, sort: TagSort, descending: boolean): TagView[] {
  const needle = filter.trim().toLowerCase();
  const kept = needle ? tags.filter((t) => t.tag.toLowerCase().includes(needle) || t.platforms.some((p) => platformLabel(p).includes(needle))) : tags;
  const key = (t: TagView): string | number => (sort === 'name' ? t.tag : sort === 'size' ? t.size : (t.created ?? ''));
  const sorted = [...kept].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
    return c || a.tag.localeCompare(b.tag, undefined, { numeric: true });
  });
  return descending ? sorted.reverse() : sorted;
}
