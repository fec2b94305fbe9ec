// The lab's OpenID Connect provider process: the `oidc-provider` package (a certified
// implementation) on a loopback port, started by scripts/lab/oidc-provider.ts with a JSON config
// file as its only argument. Authorization code flow only, PKCE required (S256), a confidential
// client for Wharf, test users with a `groups` claim, and a login page of its own (username and
// password, checked against the configured users). Consent is given without a screen (first-party client).
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

export type OidcLabUser = { username: string; password: string; name: string; email: string; groups: string[] };
export type OidcServerConfig = { issuer: string; host: string; port: number; clientId: string; clientSecret: string; cookieKey: string; users: OidcLabUser[] };

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as OidcServerConfig;
const users = new Map(config.users.map((u) => [u.username, u]));
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const configuration: Configuration = {
  clients: [
    {
      client_id: config.clientId,
      client_secret: config.clientSecret,
      // "native": oidc-provider then accepts the registered loopback redirect on any port (RFC 8252
      // §7.3), which the tests' consoles need (each listens on a port of its own).
      application_type: 'native',
      redirect_uris: ['http://127.0.0.1/api/auth/callback/oidc'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
  scopes: ['openid', 'profile', 'email', 'groups'],
  // The profile, email and groups claims go in the ID token too (many providers do so for groups).
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  jwks: { keys: [{ ...signingKey, kid: 'wharf-lab', use: 'sig', alg: 'RS256' } as never] },
  cookies: { keys: [config.cookieKey] },
  interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const user = users.get(sub);
    if (!user) return undefined;
    return { accountId: sub, claims: async () => ({ sub, name: user.name, preferred_username: user.username, email: user.email, groups: user.groups }) };
  },
};

const provider = new Provider(config.issuer, configuration);
const callback = provider.callback();

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wharf lab sign-in</title></head><body>
<main><h1>Wharf lab identity provider</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Username <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Continue</button>
</form></main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', config.issuer);
  const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== match[1]) throw new Error('That sign-in has expired. Start again from Wharf.');
    // Wharf is the lab's own client: the consent a native client needs is given without a screen.
    if (details.prompt.name === 'consent') {
      const grant = details.grantId
        ? (await provider.Grant.find(details.grantId))!
        : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
      const missing = details.prompt.details.missingOIDCScope as string[] | undefined;
      if (missing) grant.addOIDCScope(missing.join(' '));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    if (!match[2]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
      return;
    }
    const form = await readForm(req);
    const user = users.get(form.get('username') ?? '');
    if (!user || user.password !== form.get('password')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'Wrong username or password.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end((error as Error).message);
  }
});

server.listen(config.port, config.host, () => console.log(`oidc-provider listening on ${config.issuer}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
