// Image references as Docker reads them: `busybox` is docker.io/library/busybox:latest, the first
// path part is a registry only when it has a dot or a port or is `localhost`. Which registry an
// image comes from decides which credentials a pull or a deploy sends. Pure.
import { DOCKER_HUB_ADDRESS } from './registry-kinds.ts';

export type ImageReference = { registry: string; repository: string; tag: string | null; digest: string | null };

/** The reference without its `@sha256:…` pin. */
export const stripDigest = (image: string) => image.replace(/@sha256:[a-f0-9]{64}$/, '');

/** Splits a reference; null for one that is not a valid reference. */
export function parseImageReference(text: string): ImageReference | null {
  const ref = text.trim();
  if (!ref || /\s/.test(ref) || ref.length > 512) return null;
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/.test(digest)) return null;
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return null;
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB_ADDRESS;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB_ADDRESS;
  if (!parts.length || !parts.every((p) => /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(p))) return null;
  if (registry === DOCKER_HUB_ADDRESS && parts.length === 1) parts.unshift('library');
  return { registry: registry.toLowerCase(), repository: parts.join('/'), tag: tag ?? (digest ? null : 'latest'), digest };
}

/** The full reference text of repository:tag on a registry (docker.io spelled as Docker does). */
export function formatImageReference(registry: string, repository: string, tag: string): string {
  const repo = registry === DOCKER_HUB_ADDRESS && repository.startsWith('library/') ? repository.slice('library/'.length) : repository;
  return registry === DOCKER_HUB_ADDRESS ? `${repo}:${tag}` : `${registry}/${repo}:${tag}`;
}

/** The registry address an image is pulled from (null when the reference is not valid). */
export const registryOfImage = (image: string): string | null => parseImageReference(image)?.registry ?? null;
