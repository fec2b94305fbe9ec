// Reads a stack's files from a git repository with isomorphic-git (no git program, no shell): the
// commit a branch or tag points at, then the compose file and every file it names (env files,
// config and secret files) from that same commit's tree. http(s) URLs, or SSH addresses read
// through ssh-git-transport.ts (a deploy key, the host key checked); every connection goes
// through the registry guard's lookup (never a metadata, link-local or unspecified address) and no
// redirect is followed. Paths are confined to the repository: no "..", and a symbolic link on the
// way to a file is refused rather than followed (it could point anywhere).
import 'server-only';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as git from 'isomorphic-git';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';
import { guardedLookup, refusedLiteral, RefusedAddressError } from '@/lib/services/registries/registry-http.ts';
import { normaliseStackPath } from '@/lib/services/stacks/compose/stack-files.ts';
import { composeFileNames } from './compose-file-names.ts';
import { isSshAddress, parseGitAddress } from '@/lib/models/stacks/git-url.ts';
import { SSH_STAND_IN_URL, SshGitError, SshGitSession } from './ssh-git-transport.ts';

/** `ssh`: for an SSH address, the deploy key and the host key fingerprint to require (null: first use, accepted and answered). */
export type GitSourceSpec = { url: string; ref: string; composePath: string; token: string | null; ssh?: { privateKey: string; hostKey: string | null } | null };
/** `hostKey`: the SSH server's host key fingerprint, for an SSH address. */
export type GitSnapshot = { commit: string; composeText: string; files: Record<string, string>; hostKey?: string };

const TIMEOUT_MS = 20_000;
const MAX_FILE_BYTES = 512 * 1024;

const fail = (said: Message, field?: 'url' | 'ref' | 'composePath') => new AppError('PRECONDITION', said, field ? { fieldErrors: { [field]: [issueText(said.key, said.values)] } } : undefined);

/** The URL without credentials or query, as it may be shown. Pure. */
export function shownUrl(raw: string): string {
  // An SSH address holds no secret (a password is refused): shown as given, so it can be edited.
  if (isSshAddress(raw)) return raw.slice(0, 2000);
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return raw.slice(0, 200);
  }
}

/** The http plugin isomorphic-git talks through: guarded lookup, no redirects, a timeout. */
const guardedHttp: HttpClient = {
  request({ url, method, headers, body }: GitHttpRequest): Promise<GitHttpResponse> {
    const target = new URL(url);
    const refused = refusedLiteral(target);
    if (refused) return Promise.reject(refused);
    return new Promise((resolve, reject) => {
      const request = (target.protocol === 'https:' ? https : http).request(target, { method: method ?? 'GET', headers: { 'User-Agent': 'git/isomorphic-git (Wharf)', ...headers }, lookup: guardedLookup, agent: false }, (res) => {
        async function* chunks() {
          for await (const chunk of res) yield new Uint8Array(chunk as Buffer);
        }
        resolve({ url, method, statusCode: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '', headers: res.headers as Record<string, string>, body: chunks() });
      });
      request.setTimeout(TIMEOUT_MS, () => request.destroy(Object.assign(new Error(`timed out after ${TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' })));
      request.on('error', reject);
      (async () => {
        if (body) for await (const chunk of body) request.write(chunk);
        request.end();
      })().catch(reject);
    });
  },
};

function authHeaders(token: string | null): Record<string, string> {
  return token ? { Authorization: `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}` } : {};
}

/** What went wrong reaching the repository, said for the stack page. */
function reachError(error: unknown, url: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof RefusedAddressError) {
    const said = msg('gitStacks.errors.refused', { where: error.said });
    return new AppError('FORBIDDEN', said, { fieldErrors: { url: [issueText(said.key, said.values)] } });
  }
  if (error instanceof SshGitError) {
    if (error.reason === 'auth') return fail(msg('gitStacks.errors.sshAuth', { url: shownUrl(url) }), 'url');
    if (error.reason === 'host-key') {
      const said = msg('gitStacks.errors.hostKeyChanged', { url: shownUrl(url), expected: error.expected ?? '', found: error.found ?? '' });
      return new AppError('PRECONDITION', said, { fieldErrors: { hostKey: [issueText(said.key, said.values)] } });
    }
    return fail(msg('gitStacks.errors.unreachable', { url: shownUrl(url), detail: error.detail }), 'url');
  }
  const e = error as { code?: string; data?: { statusCode?: number }; message?: string };
  const status = e.data?.statusCode;
  if (status === 401 || status === 403) return fail(msg('gitStacks.errors.auth', { url: shownUrl(url), status: String(status) }), 'url');
  const detail = status ? `HTTP ${status}` : (e.code ?? e.message ?? 'error').slice(0, 200);
  return fail(msg('gitStacks.errors.unreachable', { url: shownUrl(url), detail }), 'url');
}

/** How isomorphic-git reaches the repository: smart HTTP itself, or over an SSH session (closed by `close`). */
type Transport = { http: HttpClient; url: string; headers: Record<string, string>; session: SshGitSession | null; close: () => void };

function transportFor(spec: Pick<GitSourceSpec, 'url' | 'token' | 'ssh'>): Transport {
  const address = parseGitAddress(spec.url);
  if (!address) throw fail(msg('gitStacks.errors.urlRule'), 'url');
  if (address.kind === 'http') return { http: guardedHttp, url: spec.url, headers: authHeaders(spec.token), session: null, close: () => {} };
  if (!spec.ssh) throw fail(msg('gitStacks.errors.sshKeyRequired'), 'url');
  const session = new SshGitSession({ address: address.ssh, privateKey: spec.ssh.privateKey, hostKey: spec.ssh.hostKey });
  return { http: session.http(), url: SSH_STAND_IN_URL, headers: {}, session, close: () => session.close() };
}

/** The commit `ref` (a branch, else a tag) points at on the server. */
export async function resolveGitRef(spec: Pick<GitSourceSpec, 'url' | 'ref' | 'token' | 'ssh'>, through?: Transport): Promise<string> {
  const transport = through ?? transportFor(spec);
  let refs: Awaited<ReturnType<typeof git.listServerRefs>>;
  try {
    refs = await git.listServerRefs({ http: transport.http, url: transport.url, headers: transport.headers, protocolVersion: 1, peelTags: true });
  } catch (error) {
    throw reachError(error, spec.url);
  } finally {
    if (!through) transport.close();
  }
  const branch = refs.find((r) => r.ref === `refs/heads/${spec.ref}`);
  if (branch) return branch.oid;
  const tag = refs.find((r) => r.ref === `refs/tags/${spec.ref}`);
  if (tag) return tag.peeled ?? tag.oid;
  throw fail(msg('gitStacks.errors.noRef', { ref: spec.ref }), 'ref');
}

/** A regular file's content at `commit`, walking the tree one folder at a time (a link is refused, never followed). */
async function readAt(gitdir: string, commit: string, filePath: string, field?: 'composePath'): Promise<string> {
  const parts = filePath.split('/');
  let tree = (await git.readCommit({ fs, gitdir, oid: commit })).commit.tree;
  const short = commit.slice(0, 12);
  for (let i = 0; i < parts.length; i++) {
    const entries = (await git.readTree({ fs, gitdir, oid: tree })).tree;
    const entry = entries.find((e) => e.path === parts[i]);
    const sofar = parts.slice(0, i + 1).join('/');
    if (!entry) throw fail(msg('gitStacks.errors.noFile', { path: filePath, commit: short }), field);
    if (entry.mode === '120000') throw fail(msg('gitStacks.errors.symlink', { path: sofar, commit: short }), field);
    const last = i === parts.length - 1;
    if (last ? entry.type !== 'blob' : entry.type !== 'tree') throw fail(msg('gitStacks.errors.notFile', { path: sofar, commit: short }), field);
    if (!last) tree = entry.oid;
    else {
      const { blob } = await git.readBlob({ fs, gitdir, oid: entry.oid });
      if (blob.byteLength > MAX_FILE_BYTES) throw fail(msg('gitStacks.errors.tooLarge', { path: filePath, commit: short }), field);
      return Buffer.from(blob).toString('utf8');
    }
  }
  throw fail(msg('gitStacks.errors.noFile', { path: filePath, commit: short }), field);
}

/** The commit an annotated tag points at (a commit stands for itself). */
async function peel(gitdir: string, oid: string): Promise<string> {
  const { type } = await git.readObject({ fs, gitdir, oid, format: 'deflated' });
  return type === 'tag' ? (await git.readTag({ fs, gitdir, oid })).tag.object : oid;
}

/** The repository path of the compose file, normalised; an error for one that could leave the repository. */
export function composeRepoPath(composePath: string): string {
  const normalised = normaliseStackPath(composePath);
  if ('error' in normalised) throw fail(msg('gitStacks.errors.badPath', { path: composePath, detail: normalised.error }), 'composePath');
  return normalised.path;
}

/**
 * Fetches the commit `ref` points at now (one commit deep, no checkout: nothing from the repository lands on disk as a
 * file) and reads the compose file and the files it names. The files are keyed as the compose file
 * names them (relative to its folder), as a stack keeps its files. With `expected`, a ref that has
 * moved on to another commit since is refused (what is applied is what was shown).
 */
export async function readGitSnapshot(spec: GitSourceSpec, expected?: string): Promise<GitSnapshot> {
  const composePath = composeRepoPath(spec.composePath);
  const transport = transportFor(spec);
  const gitdir = await fs.promises.mkdtemp(path.join(tmpdir(), 'wharf-git-'));
  try {
    let at = await resolveGitRef(spec, transport);
    await git.init({ fs, gitdir, bare: true });
    await git.addRemote({ fs, gitdir, remote: 'origin', url: transport.url });
    try {
      const fetched = await git.fetch({ fs, http: transport.http, gitdir, remote: 'origin', ref: spec.ref, singleBranch: true, depth: 1, tags: false, headers: transport.headers });
      if (fetched.fetchHead) at = await peel(gitdir, fetched.fetchHead);
    } catch (error) {
      throw reachError(error, spec.url);
    }
    if (expected && at !== expected) throw fail(msg('gitStacks.errors.moved', { ref: spec.ref, expected: expected.slice(0, 12), found: at.slice(0, 12) }));
    const composeText = await readAt(gitdir, at, composePath, 'composePath');
    const folder = path.posix.dirname(composePath);
    const files: Record<string, string> = {};
    for (const named of composeFileNames(composeText)) {
      const normalised = normaliseStackPath(named);
      // The translator says why such a path is refused; it is never looked up in the repository.
      if ('error' in normalised) continue;
      const inRepo = folder === '.' ? normalised.path : `${folder}/${normalised.path}`;
      files[normalised.path] = await readAt(gitdir, at, inRepo).catch((error: unknown) => {
        if (error instanceof AppError && error.said?.key === 'gitStacks.errors.noFile') throw fail(msg('gitStacks.errors.namedFileMissing', { path: inRepo, commit: at.slice(0, 12) }));
        throw error;
      });
    }
    return { commit: at, composeText, files, ...(transport.session?.seenHostKey ? { hostKey: transport.session.seenHostKey } : {}) };
  } finally {
    transport.close();
    await fs.promises.rm(gitdir, { recursive: true, force: true });
  }
}
