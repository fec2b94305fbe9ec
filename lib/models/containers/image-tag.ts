// An image reference cut where a narrow cell may shorten it: the repository may be truncated, the
// tag (or a short digest) must stay readable (":latest" and ":v2" look the same once cut). Pure.

export type ImageParts = { repository: string; tag: string };

export function splitImageTag(image: string): ImageParts {
  const at = image.indexOf('@');
  if (at > 0) {
    const digest = image.slice(at + 1);
    const [repository, tag] = splitAtTag(image.slice(0, at));
    return { repository, tag: `${tag}@${digest.replace(/^sha256:/, '').slice(0, 12)}` };
  }
  const [repository, tag] = splitAtTag(image);
  return { repository, tag };
}

/** A colon after the last slash starts the tag (a colon before it is a registry's port). */
function splitAtTag(reference: string): [string, string] {
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/') && colon > 0) return [reference.slice(0, colon), reference.slice(colon)];
  return [reference, ''];
}
