// Image references checked and written the way the docker CLI does before it creates a service
// (distribution/reference): "nginx" is sent as "nginx:latest", "docker.io/library/redis@sha256:…"
// as "redis@sha256:…", while the com.docker.stack.image label keeps the text from the file. Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;

type Reference = { domain: string; path: string; tag?: string; digest?: string };

/** Splits off the registry the way reference.splitDockerDomain does: no dot, colon or "localhost" means Docker Hub. */
function splitDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = slash < 0 ? '' : name.slice(0, slash);
  if (slash < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = 'docker.io';
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(slash + 1);
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  return { domain, remainder };
}

function checkDigest(digest: string): Message | null {
  const [algorithm, hex] = digest.split(':');
  const lengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
  const expected = Object.hasOwn(lengths, algorithm) ? lengths[algorithm] : undefined;
  if (expected === undefined) return msg('composeChecks.image.digestAlgorithm');
  if (hex.length !== expected) return msg('composeChecks.image.digestLength');
  return null;
}

/** reference.ParseNormalizedNamed, or the CLI's error text. */
function parseNormalized(image: string): { ref: Reference } | { error: Message } {
  if (IDENTIFIER.test(image)) return { error: msg('composeChecks.image.hexName', { image }) };
  const { domain, remainder } = splitDomain(image);
  const colon = remainder.indexOf(':');
  const remote = colon < 0 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) return { error: msg('composeChecks.image.uppercaseNamed', { name: remote }) };
  const full = `${domain}/${remainder}`;
  const m = REFERENCE.exec(full);
  if (!m) {
    if (full === '') return { error: msg('composeChecks.image.noComponent') };
    if (REFERENCE.test(full.toLowerCase())) return { error: msg('composeChecks.image.uppercase') };
    return { error: msg('composeChecks.image.invalidFormat') };
  }
  if (m[1].length > NAME_TOTAL_LENGTH_MAX) return { error: msg('composeChecks.image.tooLong', { max: String(NAME_TOTAL_LENGTH_MAX) }) };
  if (m[3]) {
    const bad = checkDigest(m[3]);
    if (bad) return { error: bad };
  }
  const slash = m[1].indexOf('/');
  const ref: Reference = { domain: m[1].slice(0, slash), path: m[1].slice(slash + 1) };
  if (m[2]) ref.tag = m[2];
  if (m[3]) ref.digest = m[3];
  return { ref };
}

/** Null when the CLI accepts the image, else the reason (reference.ParseAnyReference). */
export function checkImageReference(image: string): Message | null {
  if (image === '') return msg('composeChecks.image.none');
  if (IDENTIFIER.test(image)) return null;
  const parsed = parseNormalized(image);
  return 'error' in parsed ? parsed.error : null;
}

/** What the CLI puts in ContainerSpec.Image: the familiar name with ":latest" added when neither tag nor digest is given. */
export function imageForSpec(image: string): string {
  const parsed = parseNormalized(image);
  if ('error' in parsed) return image;
  const { domain, path, digest } = parsed.ref;
  const tag = parsed.ref.tag ?? (digest ? undefined : 'latest');
  let name = `${domain}/${path}`;
  if (domain === 'docker.io') name = path.startsWith('library/') && !path.slice('library/'.length).includes('/') ? path.slice('library/'.length) : path;
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}
