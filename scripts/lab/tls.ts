// TLS material for the lab, made with the openssl CLI: lab CA, engine server certs, a client cert, and an unrelated "wrong" CA + client cert.
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HostState, TlsState } from './state.ts';
import { tlsLayout } from './state.ts';
import { LabError, run } from './run.ts';

const REQ_CONFIG = `# Wharf lab: minimal openssl req config (subjects come from -subj)
[req]
distinguished_name = dn
prompt = no
[dn]
`;

const CA_EXT = `[ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
`;

function leafExt(kind: 'server' | 'client', sans: string[] = []): string {
  return (
    `[ext]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature,keyEncipherment\n` +
    `extendedKeyUsage = ${kind === 'server' ? 'serverAuth' : 'clientAuth'}\n` +
    `subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n` +
    (sans.length ? `subjectAltName = ${sans.join(',')}\n` : '')
  );
}

async function openssl(args: string[], what: string): Promise<string> {
  try {
    return (await run('openssl', args, { timeoutMs: 30_000 })).stdout;
  } catch (e) {
    throw new LabError('tls', `${what}: ${(e as Error).message}`);
  }
}

async function genKey(path: string): Promise<void> {
  await fsp.mkdir(dirname(path), { recursive: true });
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path], `generate key ${path}`);
  await fsp.chmod(path, 0o600);
}

function serial(): string {
  const b = randomBytes(16);
  b[0] = (b[0] & 0x7f) | 0x10;
  return '0x' + b.toString('hex');
}

async function writeTemp(dir: string, name: string, content: string): Promise<string> {
  const p = join(dir, name);
  await fsp.writeFile(p, content);
  return p;
}

/** True when the certificate file exists, is valid for at least a day more, and (if caCert) was signed by caCert. */
export async function certUsable(cert: string, key: string, caCert?: string): Promise<boolean> {
  if (!existsSync(cert) || !existsSync(key)) return false;
  const end = await run('openssl', ['x509', '-checkend', '86400', '-noout', '-in', cert], { allowFail: true });
  if (end.code !== 0) return false;
  if (caCert) {
    const v = await run('openssl', ['verify', '-CAfile', caCert, cert], { allowFail: true });
    if (v.code !== 0) return false;
  }
  return true;
}

export async function makeCa(dir: string, cn: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'ca.pem');
  const key = join(dir, 'ca-key.pem');
  await fsp.mkdir(dir, { recursive: true });
  await genKey(key);
  const cfg = await writeTemp(dir, 'req.cnf', REQ_CONFIG + `CN = ${cn}\n` + CA_EXT);
  await openssl(['req', '-config', cfg, '-x509', '-new', '-key', key, '-sha256', '-days', '3650', '-extensions', 'ext', '-set_serial', serial(), '-out', cert], `create CA ${cn}`);
  await fsp.rm(cfg, { force: true });
  return { cert, key };
}

export async function makeLeaf(
  ca: { cert: string; key: string },
  cert: string,
  key: string,
  cn: string,
  kind: 'server' | 'client',
  sans: string[] = [],
): Promise<void> {
  const dir = dirname(cert);
  await fsp.mkdir(dir, { recursive: true });
  await genKey(key);
  const base = cert.replace(/\.pem$/, '');
  const cfg = await writeTemp(dir, `${base.split('/').pop()}.req.cnf`, REQ_CONFIG + `CN = ${cn}\n`);
  const ext = await writeTemp(dir, `${base.split('/').pop()}.ext.cnf`, leafExt(kind, sans));
  const csr = `${base}.csr`;
  try {
    await openssl(['req', '-config', cfg, '-new', '-key', key, '-sha256', '-out', csr], `CSR for ${cn}`);
    await openssl(
      ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-set_serial', serial(), '-days', '825', '-sha256', '-extfile', ext, '-extensions', 'ext', '-out', cert],
      `sign certificate for ${cn}`,
    );
  } finally {
    await Promise.all([cfg, ext, csr].map((p) => fsp.rm(p, { force: true })));
  }
}

/**
 * Ensures the lab CA, the client cert, the wrong CA + wrong client cert, and a server cert per host.
 * Returns the TLS paths and the names of hosts whose server cert was (re)made (their engines must restart).
 */
export async function ensureTls(dir: string, hosts: HostState[]): Promise<{ tls: TlsState; renewedHosts: Set<string> }> {
  const tls = tlsLayout(dir);
  const root = join(dir, 'tls');
  const caDir = join(root, 'ca');
  const wrongCaDir = join(root, 'wrong-ca');
  const renewedHosts = new Set<string>();

  let ca = { cert: join(caDir, 'ca.pem'), key: join(caDir, 'ca-key.pem') };
  let caFresh = false;
  if (!(await certUsable(ca.cert, ca.key))) {
    ca = await makeCa(caDir, 'Wharf Lab CA');
    caFresh = true;
  }
  let wrongCa = { cert: join(wrongCaDir, 'ca.pem'), key: join(wrongCaDir, 'ca-key.pem') };
  let wrongFresh = false;
  if (!(await certUsable(wrongCa.cert, wrongCa.key))) {
    wrongCa = await makeCa(wrongCaDir, 'Wharf Lab Unrelated CA');
    wrongFresh = true;
  }

  // Client material in docker's DOCKER_CERT_PATH layout (ca.pem, cert.pem, key.pem).
  await fsp.mkdir(tls.clientDir, { recursive: true });
  if (caFresh || !existsSync(tls.caCert)) await fsp.copyFile(ca.cert, tls.caCert);
  if (caFresh || !(await certUsable(tls.clientCert, tls.clientKey, ca.cert))) {
    await makeLeaf(ca, tls.clientCert, tls.clientKey, 'wharf-lab-client', 'client');
  }
  await fsp.mkdir(tls.wrongClientDir, { recursive: true });
  if (wrongFresh || !existsSync(tls.wrongCaCert)) await fsp.copyFile(wrongCa.cert, tls.wrongCaCert);
  if (wrongFresh || !(await certUsable(tls.wrongClientCert, tls.wrongClientKey, wrongCa.cert))) {
    await makeLeaf(wrongCa, tls.wrongClientCert, tls.wrongClientKey, 'wharf-lab-client', 'client');
  }

  await Promise.all(
    hosts.map(async (h) => {
      if (!caFresh && (await certUsable(h.serverCert, h.serverKey, ca.cert))) return;
      await makeLeaf(ca, h.serverCert, h.serverKey, h.name, 'server', [`IP:${h.address}`, `DNS:${h.name}`, 'DNS:localhost', 'IP:127.0.0.1']);
      renewedHosts.add(h.name);
    }),
  );
  return { tls, renewedHosts };
}
