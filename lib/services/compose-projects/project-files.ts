// A compose project's secrets and configs, with Compose v2's semantics on one host: a top-level
// secret comes from a file kept with the project or a project variable (`environment:`), a config
// from those or inline `content:`; a service names them in the short form (`- db_password`) or the
// long one (source, target, uid, gid, mode). Secrets land at /run/secrets/<target or source> (a
// relative target is taken inside /run/secrets), configs at /<source> or their absolute target;
// root-owned, mode 0444 unless the file says otherwise. Up writes them into each container before
// its first start, as Compose v2 does for the content it holds. Their content stays out of the
// service (and so out of anything shown or returned): the service carries a keyed digest, which the
// config hash covers, so a changed secret recreates the containers that use it. Pure.
import 'server-only';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { msg } from '@/lib/i18n/message.ts';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';
import type { PathSegment } from '@/lib/services/stacks/compose/compose-path.ts';
import { dict, fail, has, isDict, num, text, type ConvertContext, type Dict } from '@/lib/services/stacks/compose/compose-values.ts';
import { aboutObject, objectData, type Definition } from '@/lib/services/stacks/compose/convert-stack-objects.ts';

export type FileKind = 'secret' | 'config';

/** One secret or config a service's containers get. */
export type ProjectFile = {
  kind: FileKind;
  /** The top-level key it comes from. */
  source: string;
  /** Absolute path in the container. */
  target: string;
  uid: number;
  gid: number;
  mode: number;
  /** HMAC of the content under the project's digest key: changes when the content does, reveals nothing of it. */
  digest: string;
};

/** The content of each top-level secret and config the services use, by `<kind>:<key>`. Never shown or logged. */
export type FileContents = Record<string, string>;

export const contentKey = (kind: FileKind, key: string) => `${kind}:${key}`;

/** What a top-level definition may say here; the rest (external, driver, template_driver, …) needs a swarm. */
const DEFINITION_KEYS: Record<FileKind, Set<string>> = {
  secret: new Set(['file', 'environment', 'name', 'labels']),
  config: new Set(['file', 'environment', 'content', 'name', 'labels']),
};
const SOURCES: Record<FileKind, string[]> = { secret: ['file', 'environment'], config: ['file', 'environment', 'content'] };

/** The top-level `secrets:` or `configs:`: the keys defined, and the contents of those that could be read (base64 from the stacks' reader, decoded). */
export type FileDefinitions = { defined: Set<string>; contents: Map<string, string> };

export function readFileDefinitions(ctx: ConvertContext, kind: FileKind, document: Dict): FileDefinitions {
  const section = `${kind}s`;
  const out = new Map<string, string>();
  const defined = new Set(Object.keys(dict(document[section])));
  for (const [key, raw] of Object.entries(dict(document[section]))) {
    const at = [section, key];
    const spec = dict(raw);
    let ok = true;
    for (const option of Object.keys(spec)) {
      if (DEFINITION_KEYS[kind].has(option) || option.startsWith('x-')) continue;
      fail(ctx, [...at, option], aboutObject(kind, key, msg('composeChecks.project.fileObjectOption', { kind, option })));
      ok = false;
    }
    if (!ok) continue;
    if (!SOURCES[kind].some((s) => has(spec, s))) {
      fail(ctx, at, aboutObject(kind, key, msg('composeChecks.project.fileObjectSource', { sources: SOURCES[kind].join(', ') })));
      continue;
    }
    const definition: Definition = { key, name: key, external: false, spec };
    const data = objectData(ctx, kind, definition, 'project');
    if (data !== null) out.set(key, Buffer.from(data, 'base64').toString('utf8'));
  }
  return { defined, contents: out };
}

/** A mode as Compose reads it: a number (YAML's 0440 is already octal), or a string in octal ("0440", "0o440"). */
function modeOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return 0o444;
  const n = typeof value === 'string' && /^(0o?)?[0-7]{1,4}$/.test(value) ? parseInt(value.replace(/^0o/, ''), 8) : num(value);
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 0o777 ? n : undefined;
}

function ownerOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return 0;
  const raw = typeof value === 'number' ? String(value) : text(value);
  return /^\d{1,10}$/.test(raw) && Number(raw) <= 0xffffffff ? Number(raw) : undefined;
}

/** Where a reference lands: secrets inside /run/secrets unless absolute, configs at /<source> unless given. Null when it would climb out or name a folder. */
export function fileTarget(kind: FileKind, source: string, target: string): string | null {
  const base = kind === 'secret' ? '/run/secrets' : '/';
  const given = target || source;
  if (given.split('/').includes('..') || hasControlCharacter(given)) return null;
  const resolved = path.posix.normalize(given.startsWith('/') ? given : `${base}/${given}`);
  return resolved === '/' || resolved.endsWith('/') ? null : resolved;
}

const digestOf = (key: string, content: string) => createHmac('sha256', key).update(content).digest('hex');

/** A service's `secrets:` or `configs:` references, each checked where it is written. */
export function readFileReferences(
  ctx: ConvertContext,
  kind: FileKind,
  value: unknown,
  servicePath: readonly PathSegment[],
  definitions: FileDefinitions,
  digestKey: string,
): ProjectFile[] {
  const out: ProjectFile[] = [];
  const list = Array.isArray(value) ? value : [];
  list.forEach((entry, index) => {
    const at = [...servicePath, `${kind}s`, index];
    const reference = typeof entry === 'string' ? { source: entry } : isDict(entry) ? entry : {};
    const source = text(reference.source);
    const content = definitions.contents.get(source);
    if (content === undefined) {
      // One defined but unreadable has its problem at its definition already.
      if (!definitions.defined.has(source)) fail(ctx, at, msg('composeChecks.service.undefinedReference', { kind, name: source }));
      return;
    }
    const target = fileTarget(kind, source, text(reference.target));
    if (target === null) return fail(ctx, [...at, 'target'], msg('composeChecks.project.fileTarget', { kind, target: text(reference.target) || source }));
    const mode = modeOf(reference.mode);
    if (mode === undefined) return fail(ctx, [...at, 'mode'], msg('composeChecks.project.fileMode', { mode: String(reference.mode) }));
    const uid = ownerOf(reference.uid);
    const gid = ownerOf(reference.gid);
    if (uid === undefined) return fail(ctx, [...at, 'uid'], msg('composeChecks.project.fileOwner', { field: 'uid', value: String(reference.uid) }));
    if (gid === undefined) return fail(ctx, [...at, 'gid'], msg('composeChecks.project.fileOwner', { field: 'gid', value: String(reference.gid) }));
    if (out.some((f) => f.target === target)) return fail(ctx, at, msg('composeChecks.service.duplicateTarget', { kind, name: source }));
    out.push({ kind, source, target, uid, gid, mode, digest: digestOf(digestKey, content) });
  });
  return out;
}
