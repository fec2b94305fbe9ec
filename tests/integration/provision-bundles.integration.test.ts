// Case 37: docker CLI bundles, on real engines. Two local sandboxes, each provisioned with a CA of
// its own: a bundle for one is refused by the other's engine in a real TLS handshake; only users
// allowed unrestricted workloads get one; it lasts WHARF_CLI_BUNDLE_DAYS; revoking it rotates its
// host's CA (the revoked bundle and the host's other bundles stop working, Wharf keeps working, the
// other host is untouched); disabling a user, or a role without unrestricted workloads, revokes
// theirs; a host provisioned under the former shared CA says so, gets no bundle, and moves to a
// CA of its own when its certificates are regenerated.
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal } from '@/lib/crypto/secret-box.ts';
import { localizeText } from '@/lib/errors.ts';
import { SHARED_CA_ID } from '@/lib/models/hosts/cli-bundles.ts';
import type { TlsMaterial } from '@/lib/models/hosts/connection-spec.ts';
import { probeEngine } from '@/lib/services/engine/probe-engine.ts';
import { sealSecrets, specOfHost } from '@/lib/services/hosts/host-connection.ts';
import { getHost } from '@/lib/services/hosts/read-hosts.ts';
import { issueCliBundle } from '@/lib/services/hosts/lifecycle/issue-cli-bundle.ts';
import { openProvisionedMachine } from '@/lib/services/hosts/lifecycle/open-provisioned-machine.ts';
import { listAllBundles, listHostBundles } from '@/lib/services/hosts/lifecycle/read-cli-bundles.ts';
import { regenerateHostCertificates } from '@/lib/services/hosts/lifecycle/regenerate-host-certificates.ts';
import { revokeCliBundle } from '@/lib/services/hosts/lifecycle/revoke-cli-bundles.ts';
import { assertLocalMachine, removeLocalMachine } from '@/lib/services/hosts/drivers/local/index.ts';
import { createCertificateAuthority, issueServerCertificate } from '@/lib/services/hosts/pki/certificates.ts';
import { caContext } from '@/lib/services/hosts/pki/host-authorities.ts';
import { issueRecordedClientCertificate } from '@/lib/services/hosts/pki/issue-recorded-certificate.ts';
import { startProvision } from '@/lib/services/hosts/provision/start-provision.ts';
import { removeHost } from '@/lib/services/hosts/remove-host.ts';
import { changeUserRole, setUserDisabled } from '@/lib/services/users/manage-users.ts';
import { seedUser } from '../support/integration.ts';
import { bundleFolders, createProvisionTestDeps, dockerWithBundle, settledJob, type ProvisionTestDeps } from '../support/provisioning.ts';

type Seeded = Awaited<ReturnType<typeof seedUser>>;
type Sandbox = { id: string; name: string; address: string };

let deps: ProvisionTestDeps;
let admin: Seeded;
let operator: Seeded;
let a: Sandbox;
let b: Sandbox;
const bundles = bundleFolders();

async function provisionSandbox(name: string): Promise<Sandbox> {
  const job = await settledJob(deps, (await startProvision(deps, admin.actor, { driver: 'local', name, description: '' })).jobId);
  expect(job.error).toBeNull();
  const host = await deps.db.host.findUniqueOrThrow({ where: { id: job.hostId! } });
  return { id: host.id, name, address: (host.machine as { address: string }).address };
}

const hostRow = (id: string) => deps.db.host.findUniqueOrThrow({ where: { id } });
/** Wharf's own connection to the host, as stored. */
const wharfReaches = async (id: string) => (await probeEngine(specOfHost(deps.keyring, await hostRow(id)), 10_000)).facts.name;
const tlsOfHost = async (id: string) => specOfHost(deps.keyring, await hostRow(id)) as { tls: TlsMaterial };

/**
 * A real TLS handshake and /_ping against `address`:2376 with a client certificate, trusting
 * `serverCa` for the engine's certificate. Resolves with the status, or rejects with the TLS error.
 */
function pingWith(address: string, serverCa: string, client: { cert: string; key: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.get({ host: address, port: 2376, path: '/_ping', ca: serverCa, cert: client.cert, key: client.key, agent: false, timeout: 10_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}

const readText = (file: string) => readFileSync(file, 'utf8');
const bundleFiles = (dir: string) => ({ cert: readText(path.join(dir, 'cert.pem')), key: readText(path.join(dir, 'key.pem')), ca: readText(path.join(dir, 'ca.pem')) });

beforeAll(async () => {
  deps = await createProvisionTestDeps('provision_bundles');
  admin = await seedUser(deps.db, 'admin');
  operator = await seedUser(deps.db, 'operator');
  [a, b] = await Promise.all([provisionSandbox('bundles-a'), provisionSandbox('bundles-b')]);
}, 240_000);

afterAll(async () => {
  bundles.cleanUp();
  if (deps) {
    for (const row of await deps.db.host.findMany({ where: { driver: 'local' }, select: { machine: true } })) {
      const local = (row.machine as { local?: unknown } | null)?.local;
      if (local) await removeLocalMachine(assertLocalMachine(local), { signal: AbortSignal.timeout(60_000), log: () => {} }).catch((e) => console.error('leftover sandbox', e));
    }
  }
  await deps?.close();
}, 120_000);

describe('case 37: docker CLI bundles', () => {
  it('each host has a CA of its own: a bundle for host A opens A and is refused by host B’s engine', { timeout: 120_000 }, async () => {
    const [rowA, rowB] = await Promise.all([hostRow(a.id), hostRow(b.id)]);
    expect(rowA.caId).toBeTruthy();
    expect(rowB.caId).toBeTruthy();
    expect(rowA.caId).not.toBe(rowB.caId);
    expect((await getHost(deps, a.id)).engineCa).toBe('own');

    const bundle = await issueCliBundle(deps, admin.actor, { id: a.id });
    const dir = bundles.unpack(bundle.base64);
    expect(await dockerWithBundle(dir, a.address, ['info', '--format', '{{.Name}}'])).toBe('bundles-a');

    // B's engine, trusted by its own CA as Wharf trusts it, refuses A's client certificate in the handshake…
    const caB = (await tlsOfHost(b.id)).tls.ca;
    const files = bundleFiles(dir);
    await expect(pingWith(b.address, caB, files)).rejects.toThrow(/certificate|alert|socket hang up|ECONNRESET/i);
    // …while the same request with Wharf's certificate for B passes: the refusal is the client certificate's.
    expect(await pingWith(b.address, caB, (await tlsOfHost(b.id)).tls)).toBe(200);
    // And the docker CLI with A's bundle against B fails, whichever CA it trusts for B's engine.
    const caBFile = path.join(dir, 'ca-of-b.pem');
    writeFileSync(caBFile, caB);
    await expect(dockerWithBundle(dir, b.address, ['info'], { ca: caBFile })).rejects.toThrow();
    await expect(dockerWithBundle(dir, b.address, ['info'])).rejects.toThrow();
  });

  it('lasts WHARF_CLI_BUNDLE_DAYS (30 unless configured), and is listed for the host and for its user', { timeout: 60_000 }, async () => {
    const now = Date.now();
    const standard = await issueCliBundle(deps, admin.actor, { id: b.id });
    expect((Date.parse(standard.notAfter) - now) / 86_400_000).toBeCloseTo(30, 1);
    const weekly = await issueCliBundle({ ...deps, cliBundleDays: 7 }, admin.actor, { id: b.id });
    const cert = new X509Certificate(bundleFiles(bundles.unpack(weekly.base64)).cert);
    expect((Date.parse(cert.validTo) - now) / 86_400_000).toBeCloseTo(7, 1);

    const listed = await listHostBundles(deps, b.id);
    expect(listed.bundles.map((x) => x.serial)).toEqual(expect.arrayContaining([standard.serial, weekly.serial]));
    expect(listed.bundles.every((x) => x.hostId === b.id && x.username === admin.username)).toBe(true);
    const all = await listAllBundles(deps);
    expect(all.filter((x) => x.userId === admin.id).map((x) => x.serial)).toEqual(expect.arrayContaining([standard.serial, weekly.serial]));
    const audit = await deps.db.auditEntry.findMany({ where: { action: 'host.cli-certificate', targetId: b.id, result: 'succeeded' } });
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('an operator, who may not run unrestricted workloads, is refused a bundle; the refusal is audited and nothing is issued', async () => {
    await expect(issueCliBundle(deps, operator.actor, { id: a.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await deps.db.clientCertificate.count({ where: { userId: operator.id } })).toBe(0);
    const denied = await deps.db.auditEntry.findFirst({ where: { actorId: operator.id, result: 'denied', action: 'workload.unrestricted', targetId: a.id } });
    expect(denied).not.toBeNull();
  });

  it('revoking a bundle rotates its host’s CA: it and the host’s other bundles stop working, Wharf still connects, the other host is untouched', { timeout: 180_000 }, async () => {
    const other = await seedUser(deps.db, 'admin');
    const revoked = await issueCliBundle(deps, admin.actor, { id: a.id });
    const colleague = await issueCliBundle(deps, other.actor, { id: a.id });
    const onB = await issueCliBundle(deps, other.actor, { id: b.id });
    const [dirRevoked, dirColleague, dirB] = [revoked, colleague, onB].map((x) => bundles.unpack(x.base64));
    const caBefore = (await hostRow(a.id)).caId;

    await expect(revokeCliBundle(deps, admin.actor, { id: a.id, serial: revoked.serial, confirmName: 'bundles-b' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(revokeCliBundle(deps, admin.actor, { id: b.id, serial: revoked.serial, confirmName: 'bundles-b' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await dockerWithBundle(dirRevoked, a.address, ['info', '--format', '{{.Name}}'])).toBe('bundles-a');

    const result = await revokeCliBundle(deps, admin.actor, { id: a.id, serial: revoked.serial, confirmName: 'bundles-a' });
    expect(result.rotated).toEqual(['bundles-a']);
    expect(result.stopped).toEqual([admin.username, other.username].sort((x, y) => x.localeCompare(y)));

    // The engine trusts only the new CA: the revoked bundle and the colleague's are refused by it.
    const rowA = await hostRow(a.id);
    expect(rowA.caId).not.toBe(caBefore);
    const newCa = (await tlsOfHost(a.id)).tls.ca;
    await expect(pingWith(a.address, newCa, bundleFiles(dirRevoked))).rejects.toThrow();
    await expect(pingWith(a.address, newCa, bundleFiles(dirColleague))).rejects.toThrow();
    await expect(dockerWithBundle(dirRevoked, a.address, ['info'])).rejects.toThrow();
    // Wharf connects with its re-issued certificate; B and its bundles are untouched.
    expect(await wharfReaches(a.id)).toBe('bundles-a');
    expect(await dockerWithBundle(dirB, b.address, ['info', '--format', '{{.Name}}'])).toBe('bundles-b');
    // A new bundle for A works again.
    expect(await dockerWithBundle(bundles.unpack((await issueCliBundle(deps, admin.actor, { id: a.id })).base64), a.address, ['info', '--format', '{{.Name}}'])).toBe('bundles-a');

    // The records say so; the old CA is gone; both steps are audited.
    const rows = await deps.db.clientCertificate.findMany({ where: { serial: { in: [revoked.serial, colleague.serial, onB.serial] } } });
    expect(Object.fromEntries(rows.map((r) => [r.serial, r.revokedAt !== null]))).toEqual({ [revoked.serial]: true, [colleague.serial]: true, [onB.serial]: false });
    expect(localizeText(rows.find((r) => r.serial === revoked.serial)?.revokedReason ?? '', 'en')).toMatch(/revoked/);
    expect(await deps.db.certificateAuthority.count({ where: { id: caBefore! } })).toBe(0);
    const audit = await deps.db.auditEntry.findMany({ where: { targetId: a.id, action: { in: ['host.cli-bundle.revoke', 'host.rotate-ca'] } }, select: { action: true, result: true } });
    expect(audit).toEqual(expect.arrayContaining([{ action: 'host.cli-bundle.revoke', result: 'succeeded' }, { action: 'host.rotate-ca', result: 'succeeded' }]));
    // Revoking it again has nothing to do.
    await expect(revokeCliBundle(deps, admin.actor, { id: a.id, serial: revoked.serial, confirmName: 'bundles-a' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('disabling a user revokes their bundles: they no longer connect, Wharf still does', { timeout: 180_000 }, async () => {
    const leaving = await seedUser(deps.db, 'admin');
    const dir = bundles.unpack((await issueCliBundle(deps, leaving.actor, { id: b.id })).base64);
    expect(await dockerWithBundle(dir, b.address, ['info', '--format', '{{.Name}}'])).toBe('bundles-b');
    const caA = (await hostRow(a.id)).caId;

    const change = await setUserDisabled(deps, admin.actor, leaving.id, true);
    expect(change.bundles).toEqual({ rotated: ['bundles-b'], failed: [] });
    await expect(dockerWithBundle(dir, b.address, ['info'])).rejects.toThrow();
    expect(await wharfReaches(b.id)).toBe('bundles-b');
    expect(await deps.db.clientCertificate.count({ where: { userId: leaving.id, revokedAt: null } })).toBe(0);
    // A host the user held no bundle for was left alone.
    expect((await hostRow(a.id)).caId).toBe(caA);
    // Audited: the disabling, and the rotation it caused, by the administrator who disabled them.
    expect(await deps.db.auditEntry.count({ where: { action: 'user.disable', targetId: leaving.id, actorId: admin.id, result: 'succeeded' } })).toBe(1);
    expect(await deps.db.auditEntry.count({ where: { action: 'host.rotate-ca', targetId: b.id, actorId: admin.id, result: 'succeeded' } })).toBe(1);
    // Enabling them again gives nothing back.
    await setUserDisabled(deps, admin.actor, leaving.id, false);
    await expect(dockerWithBundle(dir, b.address, ['info'])).rejects.toThrow();
  });

  it('a role without unrestricted workloads revokes the user’s bundles', { timeout: 180_000 }, async () => {
    const demoted = await seedUser(deps.db, 'admin');
    const dir = bundles.unpack((await issueCliBundle(deps, demoted.actor, { id: a.id })).base64);
    expect(await dockerWithBundle(dir, a.address, ['info', '--format', '{{.Name}}'])).toBe('bundles-a');
    const change = await changeUserRole(deps, admin.actor, demoted.id, 'operator');
    expect(change.bundles.rotated).toEqual(['bundles-a']);
    await expect(dockerWithBundle(dir, a.address, ['info'])).rejects.toThrow();
    expect(await wharfReaches(a.id)).toBe('bundles-a');
  });

  it('a host provisioned under the former shared CA says so, gets no bundle, and moves to a CA of its own on "regenerate certificates"', { timeout: 180_000 }, async () => {
    // B as an upgrade finds it: its engine trusts the shared CA "engines", which signed Wharf's certificate and a user's bundle.
    const shared = await createCertificateAuthority('Wharf engine CA');
    await deps.db.certificateAuthority.create({ data: { id: SHARED_CA_ID, certPem: shared.certPem, keySealed: seal(deps.keyring, shared.keyPem, caContext(SHARED_CA_ID)) } });
    const sharedCa = { id: SHARED_CA_ID, ...shared };
    const target = await openProvisionedMachine(deps, b.id);
    const server = await issueServerCertificate(shared, { hostName: b.name, addresses: [b.address] });
    await deps.drivers.local.lifecycle.replaceServerCertificate(target, { caPem: shared.certPem, certPem: server.certPem, keyPem: server.keyPem }, { signal: AbortSignal.timeout(60_000), log: () => {} });
    const wharf = await issueRecordedClientCertificate(deps, sharedCa, { kind: 'console', hostId: b.id, hostName: b.name });
    const ownCa = (await hostRow(b.id)).caId!;
    await deps.db.host.update({ where: { id: b.id }, data: { caId: null, secretsSealed: sealSecrets(deps.keyring, b.id, { transport: 'tcp', host: b.address, port: 2376, tls: wharf }) } });
    await deps.db.certificateAuthority.delete({ where: { id: ownCa } });
    deps.engines.forget(b.id);
    const legacy = await issueRecordedClientCertificate(deps, sharedCa, { kind: 'user', userId: admin.id, username: admin.username, hostId: b.id, hostName: b.name, days: 30 });
    const legacyDir = bundles.write(legacy);
    expect(await dockerWithBundle(legacyDir, b.address, ['info', '--format', '{{.Name}}'])).toBe('bundles-b');

    // The host page says so, and no bundle is issued while it is on the shared CA.
    expect((await getHost(deps, b.id)).engineCa).toBe('shared');
    await expect(issueCliBundle(deps, admin.actor, { id: b.id })).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringMatching(/shared CA.*Regenerate/) });
    const listed = await listHostBundles(deps, b.id);
    expect(listed.trustedCa).toBe(SHARED_CA_ID);
    expect(listed.hostsOnSharedCa.map((h) => h.name)).toEqual(['bundles-b']);

    // Regenerating its certificates gives it a CA of its own: the shared CA's bundle no longer opens it, Wharf does.
    const regenerated = await regenerateHostCertificates(deps, admin.actor, { id: b.id });
    expect(regenerated.movedToOwnCa).toBe(true);
    expect((await hostRow(b.id)).caId).toBeTruthy();
    expect((await getHost(deps, b.id)).engineCa).toBe('own');
    await expect(dockerWithBundle(legacyDir, b.address, ['info'])).rejects.toThrow();
    expect(await wharfReaches(b.id)).toBe('bundles-b');
    // No host trusts the shared CA any more: it is deleted, and what it signed is marked revoked.
    expect(await deps.db.certificateAuthority.count({ where: { id: SHARED_CA_ID } })).toBe(0);
    expect((await deps.db.clientCertificate.findUniqueOrThrow({ where: { serial: legacy.serial } })).revokedAt).not.toBeNull();
    expect(await dockerWithBundle(bundles.unpack((await issueCliBundle(deps, admin.actor, { id: b.id })).base64), b.address, ['info', '--format', '{{.Name}}'])).toBe('bundles-b');
  });

  it('removing a host deletes its CA; deleting the machine marks its bundles revoked', { timeout: 120_000 }, async () => {
    const bundle = await issueCliBundle(deps, admin.actor, { id: a.id });
    const { caId } = await hostRow(a.id);
    await removeHost(deps, admin.actor, { id: a.id, confirmName: 'bundles-a', mode: 'delete' });
    expect(await deps.db.certificateAuthority.count({ where: { id: caId! } })).toBe(0);
    expect(localizeText((await deps.db.clientCertificate.findUniqueOrThrow({ where: { serial: bundle.serial } })).revokedReason ?? '', 'en')).toMatch(/machine was deleted/);
    // Still listed for its user, by the host's name.
    expect((await listAllBundles(deps)).find((x) => x.serial === bundle.serial)?.hostName).toBe('bundles-a');
  });
});
