// The lab's token server for the bearer-auth registry: Docker's token specification
// (https://distribution.github.io/distribution/spec/auth/token/) on a plain-HTTP port, started by
// scripts/lab/token-registry.ts with a JSON config file as its only argument. GET /token with
// Basic credentials (or none) and `service` + `scope` parameters answers a JWT signed with the
// lab's token key (ES256, the certificate in the x5c header, which the registry's rootcertbundle
// trusts), granting each scope what the user's rights allow. `jose` signs; nothing is hand-rolled.
import { createPrivateKey, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { SignJWT } from 'jose';

export type TokenUser = { username: string; password: string; actions: string[] };
export type TokenServerConfig = { host: string; port: number; service: string; issuer: string; keyFile: string; certFile: string; users: TokenUser[] };

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as TokenServerConfig;
const key = createPrivateKey(readFileSync(config.keyFile));
const certDer = readFileSync(config.certFile, 'utf8')
  .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
  .replace(/\s+/g, '');

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The user named by Basic credentials; null for none; 'wrong' for credentials that do not match. */
function userOf(req: http.IncomingMessage): TokenUser | null | 'wrong' {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m) return 'wrong';
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  const [name, password] = [text.slice(0, colon), text.slice(colon + 1)];
  const user = config.users.find((u) => u.username === name);
  return user && colon > 0 && same(user.password, password) ? user : 'wrong';
}

/** `repository:team/app:pull,push` → what of it this user gets (anonymous users get nothing). */
function grant(user: TokenUser | null, scope: string) {
  const parts = scope.split(':');
  if (parts.length < 3) return null;
  const actions = parts.pop()!.split(',');
  const type = parts.shift()!;
  const name = parts.join(':');
  const allowed = type === 'registry' ? (user ? actions.filter((a) => a === '*') : []) : actions.filter((a) => user?.actions.includes(a));
  return { type, name, actions: allowed };
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://${config.host}:${config.port}`);
  if (url.pathname !== '/token' || req.method !== 'GET') return void res.writeHead(404).end();
  const user = userOf(req);
  if (user === 'wrong') {
    res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="wharf-lab-token"' });
    return void res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'incorrect username or password' }] }));
  }
  if (url.searchParams.get('service') !== config.service) {
    res.writeHead(400, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ errors: [{ code: 'DENIED', message: 'unknown service' }] }));
  }
  const access = url.searchParams.getAll('scope').flatMap((s) => s.split(' ')).map((s) => grant(user, s)).filter((g) => g !== null);
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ access })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', x5c: [certDer] })
    .setIssuer(config.issuer)
    .setSubject(user?.username ?? '')
    .setAudience(config.service)
    .setIssuedAt(now)
    .setNotBefore(now - 5)
    .setExpirationTime(now + 300)
    .setJti(crypto.randomUUID())
    .sign(key);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }));
});

server.listen(config.port, config.host, () => console.log(`token server listening on http://${config.host}:${config.port}/token`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
