// A git repository's address as a stack keeps it: an http(s) URL (read over smart HTTP), or an SSH
// address — `ssh://user@host[:port]/path` or the scp form `user@host:path` — read by running
// `git-upload-pack '<path>'` over SSH. The path becomes part of that remote command, so only plain
// characters are allowed in it (letters, digits, . _ / - and, in the middle, ~ @ + =); never a
// quote, a space, a `..` segment or a leading `-`. Pure.

export type SshGitAddress = { user: string; host: string; port: number; path: string };

export type GitAddress = { kind: 'http'; url: string } | { kind: 'ssh'; ssh: SshGitAddress };

const USER = /^[A-Za-z0-9._-]{1,64}$/;
/** A host name or IPv4 address; an IPv6 literal goes in brackets. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|\[[0-9A-Fa-f:.]+\])$/;
const PATH = /^[A-Za-z0-9._/][A-Za-z0-9._/~@+=-]*$/;

/** Whether `path` may go into the remote command (quoted): plain characters, no climbing, not an option. */
export function safeRemotePath(path: string): boolean {
  if (!path || path.length > 500 || !PATH.test(path) || path.startsWith('-')) return false;
  return !path.split('/').some((segment) => segment === '..');
}

/** Whether `raw` looks like an SSH address (and so is judged as one). */
export const isSshAddress = (raw: string): boolean => raw.startsWith('ssh://') || /^[A-Za-z0-9._-]+@[^/:]+:/.test(raw);

/** The SSH address `raw` names, or null when it is not a usable one. */
export function parseSshAddress(raw: string): SshGitAddress | null {
  let user: string;
  let host: string;
  let port = 22;
  let path: string;
  if (raw.startsWith('ssh://')) {
    // The URL parser would resolve a climb away: refuse it as written.
    if (/\/(\.|%2e){2}(\/|$)/i.test(raw)) return null;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return null;
    }
    if (url.password || url.search || url.hash || !url.username) return null;
    user = decodeURIComponent(url.username);
    host = url.hostname;
    if (url.port) port = Number(url.port);
    // ssh://host/~/repo.git is the user's home, as git reads it.
    path = decodeURIComponent(url.pathname).replace(/^\/~\//, '');
  } else {
    const at = raw.indexOf('@');
    const colon = raw.indexOf(':', at);
    if (at < 1 || colon < 0) return null;
    user = raw.slice(0, at);
    host = raw.slice(at + 1, colon);
    path = raw.slice(colon + 1);
  }
  if (!USER.test(user) || !HOST.test(host) || !Number.isInteger(port) || port < 1 || port > 65_535 || !safeRemotePath(path)) return null;
  return { user, host: host.replace(/^\[(.*)\]$/, '$1'), port, path };
}

/** The address `raw` names (http(s) without credentials, query or fragment; or SSH), or null. */
export function parseGitAddress(raw: string): GitAddress | null {
  if (isSshAddress(raw)) {
    const ssh = parseSshAddress(raw);
    return ssh ? { kind: 'ssh', ssh } : null;
  }
  try {
    const u = new URL(raw);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && !u.search && !u.hash) return { kind: 'http', url: raw };
  } catch {
    // not a URL
  }
  return null;
}

/** The remote command that serves a fetch: git-upload-pack with the path single-quoted (safeRemotePath holds no quote). */
export function uploadPackCommand(path: string): string {
  if (!safeRemotePath(path)) throw new Error('unsafe remote path');
  return `git-upload-pack '${path}'`;
}
