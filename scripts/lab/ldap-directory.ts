// Lab LDAP directory: Debian's slapd (installed by packages.ts) with a cn=config folder of its own
// under <labDir>/ldap, seeded with slapadd (people, groups of names, a read-only service account
// Wharf binds as), on a loopback port, StartTLS with a certificate from its own lab CA, and every
// operation refused without TLS (olcSecurity tls=1), so a client that forgets StartTLS fails.
// Run in the foreground (-d) detached from the lab, with a pidfile. Healthy = StartTLS, the
// service account binds and finds a user.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { pickFreePort, portIsFree } from '@/lib/net/ports.ts';
import type { LdapState } from './state.ts';
import { LabError, livePid, progress, run, spawnDetached, tailFile, terminate, waitFor } from './run.ts';
import { certUsable, makeCa, makeLeaf } from './tls.ts';

const BASE_DN = 'dc=wharf,dc=lab';

/** The lab's LDAP test users: one in a group the tests map to a team, one in a group nobody maps. */
export const LDAP_LAB_USERS: LdapState['users'] = [
  { username: 'lars', password: 'lars-lab-password', name: 'Lars Ldap', groups: ['payments-ops', 'everyone'] },
  { username: 'lena', password: 'lena-lab-password', name: 'Lena Ldap', groups: ['everyone'] },
];

/** The directory's own record of its port and service password, when the lab state lost it (a lab state written by older code). */
async function previousRecord(dir: string): Promise<Pick<LdapState, 'port' | 'bindPassword'> | undefined> {
  const text = await fsp.readFile(join(dir, 'ldap', 'record.json'), 'utf8').catch(() => null);
  return text ? (JSON.parse(text) as Pick<LdapState, 'port' | 'bindPassword'>) : undefined;
}

export async function ldapLayout(dir: string, given: Pick<LdapState, 'port' | 'bindPassword'> | undefined): Promise<LdapState> {
  const l = join(dir, 'ldap');
  const prev = given ?? (await previousRecord(dir));
  const port = prev?.port ?? (await pickFreePort());
  return {
    url: `ldap://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    caCert: join(l, 'tls', 'ca', 'ca.pem'),
    baseDn: BASE_DN,
    bindDn: `cn=wharf-reader,ou=services,${BASE_DN}`,
    bindPassword: prev?.bindPassword ?? randomBytes(18).toString('base64url'),
    userBase: `ou=people,${BASE_DN}`,
    userFilter: '(&(objectClass=inetOrgPerson)(uid={username}))',
    groupBase: `ou=groups,${BASE_DN}`,
    groupFilter: '(&(objectClass=groupOfNames)(member={dn}))',
    groupAttribute: 'cn',
    users: LDAP_LAB_USERS,
    pidfile: join(l, 'slapd.pid'),
    logFile: join(l, 'slapd.log'),
    configDir: join(l, 'slapd.d'),
  };
}

/** {SSHA}: salted SHA-1, the scheme slapd checks natively. Lab passwords only. */
function ssha(password: string): string {
  const salt = randomBytes(8);
  return `{SSHA}${Buffer.concat([createHash('sha1').update(password).update(salt).digest(), salt]).toString('base64')}`;
}

function configLdif(l: LdapState, dataDir: string, tlsDir: string): string {
  return `dn: cn=config
objectClass: olcGlobal
cn: config
olcTLSCACertificateFile: ${l.caCert}
olcTLSCertificateFile: ${join(tlsDir, 'server-cert.pem')}
olcTLSCertificateKeyFile: ${join(tlsDir, 'server-key.pem')}

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif
include: file:///etc/ldap/schema/cosine.ldif
include: file:///etc/ldap/schema/inetorgperson.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: ${BASE_DN}
olcDbDirectory: ${dataDir}
olcRootDN: cn=admin,${BASE_DN}
olcRootPW: ${ssha(randomBytes(18).toString('base64url'))}
olcSecurity: tls=1
olcAccess: {0}to attrs=userPassword by anonymous auth by * none
olcAccess: {1}to * by dn.exact="${l.bindDn}" read by self read by * none
`;
}

function dataLdif(l: LdapState): string {
  const entries = [
    `dn: ${BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\ndc: wharf\no: Wharf lab`,
    ...['people', 'groups', 'services'].map((ou) => `dn: ou=${ou},${BASE_DN}\nobjectClass: organizationalUnit\nou: ${ou}`),
    `dn: ${l.bindDn}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: wharf-reader\nuserPassword: ${ssha(l.bindPassword)}`,
    ...l.users.map((u) => {
      const [given, ...rest] = u.name.split(' ');
      return `dn: uid=${u.username},${l.userBase}\nobjectClass: inetOrgPerson\nuid: ${u.username}\ncn: ${u.name}\ngivenName: ${given}\nsn: ${rest.join(' ') || given}\ndisplayName: ${u.name}\nmail: ${u.username}@wharf.lab\nuserPassword: ${ssha(u.password)}`;
    }),
    ...[...new Set(l.users.flatMap((u) => u.groups))].map((group) => {
      const members = l.users.filter((u) => u.groups.includes(group)).map((u) => `member: uid=${u.username},${l.userBase}`);
      return `dn: cn=${group},${l.groupBase}\nobjectClass: groupOfNames\ncn: ${group}\n${members.join('\n')}`;
    }),
  ];
  return entries.join('\n\n') + '\n';
}

export function slapdPid(l: LdapState): number | null {
  return livePid(l.pidfile, 'slapd');
}

/** StartTLS with the lab CA, the service account binds, and the first user is found. */
export async function ldapHealthy(l: LdapState): Promise<boolean> {
  const client = new Client({ url: l.url, timeout: 3_000, connectTimeout: 3_000 });
  try {
    await client.startTLS({ ca: [await fsp.readFile(l.caCert)], servername: 'localhost' });
    await client.bind(l.bindDn, l.bindPassword);
    const { searchEntries } = await client.search(l.userBase, { scope: 'one', filter: `(uid=${l.users[0]!.username})` });
    return searchEntries.length === 1;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => {});
  }
}

export async function stopSlapd(l: LdapState): Promise<void> {
  const pid = slapdPid(l);
  if (pid && !(await terminate(pid, 10_000, 5_000))) throw new LabError('ldap', `slapd (pid ${pid}) did not exit`);
  await fsp.rm(l.pidfile, { force: true });
}

async function slapadd(args: string[], what: string): Promise<void> {
  try {
    await run('slapadd', args, { timeoutMs: 60_000 });
  } catch (e) {
    throw new LabError('ldap', `${what}: ${(e as Error).message}`);
  }
}

/** Makes the directory (CA, certificate, cn=config, seed) when missing and starts slapd unless a healthy one runs. */
export async function ensureLdapDirectory(dir: string, prev: LdapState | undefined): Promise<LdapState> {
  let l = await ldapLayout(dir, prev);
  const root = join(dir, 'ldap');
  const tlsDir = join(root, 'tls');
  const dataDir = join(root, 'data');
  const record = () => fsp.writeFile(join(root, 'record.json'), JSON.stringify({ port: l.port, bindPassword: l.bindPassword }), { mode: 0o600 });
  await fsp.mkdir(root, { recursive: true });
  if (slapdPid(l) && (await ldapHealthy(l))) {
    await record();
    return l;
  }
  if (slapdPid(l)) {
    progress(`ldap: slapd pid ${slapdPid(l)} is not healthy, restarting it`);
    await stopSlapd(l);
  }
  if (!(await portIsFree(l.port))) l = await ldapLayout(dir, { ...l, port: await pickFreePort() });
  await record();

  const caDir = join(tlsDir, 'ca');
  const ca = { cert: l.caCert, key: join(caDir, 'ca-key.pem') };
  const serverCert = join(tlsDir, 'server-cert.pem');
  const serverKey = join(tlsDir, 'server-key.pem');
  // Seeded with the password now recorded (a directory seeded for another one is made again).
  let fresh = !existsSync(join(root, 'seeded')) || (await fsp.readFile(join(root, 'seeded'), 'utf8')) !== l.bindPassword || !existsSync(join(l.configDir, 'cn=config.ldif')) || !existsSync(join(dataDir, 'data.mdb'));
  if (!(await certUsable(ca.cert, ca.key))) {
    await makeCa(caDir, 'Wharf Lab LDAP CA');
    fresh = true;
  }
  if (fresh || !(await certUsable(serverCert, serverKey, ca.cert))) {
    await makeLeaf(ca, serverCert, serverKey, 'localhost', 'server', ['IP:127.0.0.1', 'DNS:localhost']);
  }
  if (fresh) {
    progress('ldap: seeding a new slapd configuration and directory');
    await fsp.rm(l.configDir, { recursive: true, force: true });
    await fsp.rm(dataDir, { recursive: true, force: true });
    await fsp.mkdir(l.configDir, { recursive: true, mode: 0o700 });
    await fsp.mkdir(dataDir, { recursive: true, mode: 0o700 });
    const configFile = join(root, 'config.ldif');
    const seedFile = join(root, 'seed.ldif');
    await fsp.writeFile(configFile, configLdif(l, dataDir, tlsDir), { mode: 0o600 });
    await fsp.writeFile(seedFile, dataLdif(l), { mode: 0o600 });
    await slapadd(['-n', '0', '-F', l.configDir, '-l', configFile], 'load the slapd configuration');
    await slapadd(['-n', '1', '-F', l.configDir, '-l', seedFile], 'seed the directory');
    await fsp.writeFile(join(root, 'seeded'), l.bindPassword, { mode: 0o600 });
  }

  await fsp.appendFile(l.logFile, `\n=== wharf lab: starting slapd at ${new Date().toISOString()} ===\n`);
  // -d keeps slapd in the foreground (its pid is ours to record); 256 logs connections and operations.
  const pid = spawnDetached('/usr/sbin/slapd', ['-d', '256', '-h', `${l.url}/`, '-F', l.configDir], l.logFile);
  await fsp.writeFile(l.pidfile, `${pid}\n`);
  try {
    await waitFor(
      `slapd at ${l.url} (StartTLS, service account bind, user search)`,
      async () => {
        if (await ldapHealthy(l)) return true;
        if (!slapdPid(l)) throw new Error(`slapd (pid ${pid}) exited`);
        return false;
      },
      30_000,
      200,
    );
  } catch (e) {
    throw new LabError('ldap', (e as Error).message, tailFile(l.logFile, 30));
  }
  return l;
}
