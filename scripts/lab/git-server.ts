// The lab's git server process: Debian's `git http-backend` (smart HTTP, fetch and push) behind a
// small node HTTP server, started by scripts/lab/git-host.ts with a JSON config file as its only
// argument. Each request runs http-backend as a CGI program from argv (no shell). Repositories
// under /private/ need HTTP Basic credentials whose password is the configured token; the others
// are open. Pushes are allowed (each repository has http.receivepack set): tests push commits.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';

export type GitServerConfig = { host: string; port: number; root: string; token: string; backend: string };

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as GitServerConfig;
const PRIVATE = '/private';

function authorised(req: http.IncomingMessage): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1) === config.token;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${config.host}:${config.port}`);
  let path = decodeURIComponent(url.pathname);
  if (path.includes('..') || path.includes('\0')) {
    res.writeHead(400).end('bad path\n');
    return;
  }
  if (path === PRIVATE || path.startsWith(`${PRIVATE}/`)) {
    if (!authorised(req)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="wharf-lab-git"' }).end('authentication required\n');
      return;
    }
    path = path.slice(PRIVATE.length);
  }
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: config.root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: path,
    QUERY_STRING: url.search.slice(1),
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '',
    REMOTE_USER: 'lab',
    GIT_HTTP_MAX_REQUEST_BUFFER: '100M',
    ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
    ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
  };
  const child = spawn(config.backend, [], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'inherit'] });
  req.pipe(child.stdin);
  child.stdin.on('error', () => {});
  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    let end = head.indexOf('\r\n\r\n');
    let sep = 4;
    if (end < 0) {
      end = head.indexOf('\n\n');
      sep = 2;
    }
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(end + sep));
  });
  child.on('close', () => {
    if (!headersDone) res.writeHead(502).end('git http-backend gave no answer\n');
    else res.end();
  });
  child.on('error', () => {
    if (!res.headersSent) res.writeHead(500).end('git http-backend did not start\n');
  });
});

server.listen(config.port, config.host, () => process.stdout.write(`git server on http://${config.host}:${config.port} (${config.root})\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
