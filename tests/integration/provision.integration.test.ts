// Provisioning end to end through the services, the runner and the real drivers: the generic
// driver against the lab's bare machines over SSH, a local sandbox, and DigitalOcean through the
// stand-in API (which "boots" a droplet by authorizing its key on a lab machine, as cloud-init
// would). Then the lifecycle: CLI bundle with the real docker CLI, regenerate certificates,
// power, removal. And the bad inputs, each naming the step that failed.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeEngine } from '@/lib/services/engine/probe-engine.ts';
import { specOfHost } from '@/lib/services/hosts/host-connection.ts';
import { saveCloudCredential } from '@/lib/services/hosts/cloud/cloud-credentials.ts';
import { controlHostMachine } from '@/lib/services/hosts/lifecycle/control-host-machine.ts';
import { issueCliBundle } from '@/lib/services/hosts/lifecycle/issue-cli-bundle.ts';
import { regenerateHostCertificates } from '@/lib/services/hosts/lifecycle/regenerate-host-certificates.ts';
import { revokeCliBundle } from '@/lib/services/hosts/lifecycle/revoke-cli-bundles.ts';
import { cancelProvision, cleanUpProvision, retryProvision } from '@/lib/services/hosts/provision/control-provision.ts';
import { markInterruptedRuns, ProvisionRunner } from '@/lib/services/hosts/provision/provision-runner.ts';
import { readProvisionJob } from '@/lib/services/hosts/provision/read-provision-jobs.ts';
import { startProvision } from '@/lib/services/hosts/provision/start-provision.ts';
import { removeHost } from '@/lib/services/hosts/remove-host.ts';
import { assertLocalMachine, removeLocalMachine } from '@/lib/services/hosts/drivers/local/index.ts';
import { authorizeLabMachineKey, lockLabMachine, occupyLabMachinePort, resetLabMachine, setLabMachineOsRelease, type LabState } from '@/scripts/lab/index.ts';
import { startDigitalOceanStandin, type DigitalOceanStandin } from '@/scripts/lab/digitalocean-standin.ts';
import { labState, seedUser } from '../support/integration.ts';
import { bundleFolders, createProvisionTestDeps, dockerWithBundle, labMachine, settledJob, stepStatuses, type ProvisionTestDeps } from '../support/provisioning.ts';
import { waitFor } from '../support/wait-for.ts';

const run = promisify(execFile);

let deps: ProvisionTestDeps;
let lab: LabState;
let admin: Awaited<ReturnType<typeof seedUser>>;
let operator: Awaited<ReturnType<typeof seedUser>>;
const releases: Array<() => Promise<void>> = [];

beforeAll(async () => {
  lab = labState();
  deps = await createProvisionTestDeps('provision');
  admin = await seedUser(deps.db, 'admin');
  operator = await seedUser(deps.db, 'operator');
  releases.push(await lockLabMachine(lab, 'lab-m1'), await lockLabMachine(lab, 'lab-m2'));
});

afterAll(async () => {
  // Sandboxes a failed test left behind: remove them, whatever happened.
  if (deps) {
    const rows = [...(await deps.db.host.findMany({ where: { driver: 'local' }, select: { machine: true } })), ...(await deps.db.provisionJob.findMany({ where: { driver: 'local' }, select: { machine: true } }))];
    for (const row of rows) {
      const local = (row.machine as { local?: unknown } | null)?.local;
      if (local) await removeLocalMachine(assertLocalMachine(local), { signal: AbortSignal.timeout(60_000), log: () => {} }).catch((e) => console.error('leftover sandbox', e));
    }
  }
  await deps?.close();
  for (const release of releases) await release();
});

const bundles = bundleFolders();
afterAll(() => bundles.cleanUp());

describe('generic driver over SSH (lab-m1)', () => {
  const m1 = () => labMachine(lab, 'lab-m1');
  const genericInput = (name: string, overrides: Record<string, unknown> = {}) => ({
    driver: 'generic' as const, name, description: '', address: m1().host, port: m1().port, username: 'root', privateKey: m1().privateKeyPem, ...overrides,
  });

  afterEach(async () => {
    await resetLabMachine(lab, 'lab-m1');
  });

  it('configures TLS on 2376, registers the host, and the lifecycle works with the real docker CLI', { timeout: 240_000 }, async () => {
    await resetLabMachine(lab, 'lab-m1');
    const { jobId } = await startProvision(deps, operator.actor, genericInput('m1-generic'));
    const job = await settledJob(deps, jobId);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(Object.values(stepStatuses(job))).toEqual(Array(7).fill('succeeded'));
    expect(job.steps.find((s) => s.key === 'detect-os')?.log).toMatch(/Debian/);
    expect(job.progress).toBe(1);

    const host = await deps.db.host.findUniqueOrThrow({ where: { id: job.hostId! } });
    expect(host).toMatchObject({ name: 'm1-generic', driver: 'generic', transport: 'tcp', address: `${m1().host}:2376`, status: 'up' });
    expect(JSON.stringify(host.machine)).not.toContain('PRIVATE KEY');
    expect(host.machineSealed).not.toContain('PRIVATE KEY');
    expect((host.facts as { name: string }).name).toBe('lab-m1');
    // The user's own daemon.json settings survived Wharf's merge.
    const daemonJson = JSON.parse((await import('node:fs')).readFileSync(m1().daemonJsonPath, 'utf8'));
    expect(daemonJson['cgroup-parent']).toBe(m1().cgroupParent);
    expect(daemonJson.tlsverify).toBe(true);

    // The engine trusts the host's own CA, which signed Wharf's own client certificate.
    expect(host.caId).toBeTruthy();
    expect(await deps.db.clientCertificate.count({ where: { hostId: host.id, holder: 'console', caId: host.caId } })).toBe(1);

    // A bundle is root on the engine: the operator (no unrestricted workloads) gets none; the administrator's works with the docker CLI, and is recorded.
    await expect(issueCliBundle(deps, operator.actor, { id: host.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const bundle = await issueCliBundle(deps, admin.actor, { id: host.id });
    const dir = bundles.unpack(bundle.base64);
    expect(await dockerWithBundle(dir, m1().host, ['info', '--format', '{{.Name}}'])).toBe('lab-m1');
    const issued = await deps.db.clientCertificate.findUniqueOrThrow({ where: { serial: bundle.serial } });
    expect(issued).toMatchObject({ holder: 'user', userId: admin.id, hostId: host.id, hostName: 'm1-generic', caId: host.caId, revokedAt: null });
    // Without a client certificate the engine refuses.
    await expect(run('docker', ['--tlsverify', '--tlscacert', path.join(dir, 'ca.pem'), '-H', `tcp://${m1().host}:2376`, 'info'], { timeout: 30_000 })).rejects.toThrow();

    // Regenerating certificates: a new server certificate from the same CA, the engine keeps working, the old bundle too.
    const before = (host.machine as { serverCertificate: { serial: string } }).serverCertificate.serial;
    const regenerated = await regenerateHostCertificates(deps, operator.actor, { id: host.id });
    expect(regenerated.movedToOwnCa).toBe(false);
    let after = await deps.db.host.findUniqueOrThrow({ where: { id: host.id } });
    expect((after.machine as { serverCertificate: { serial: string } }).serverCertificate.serial).not.toBe(before);
    expect(after.caId).toBe(host.caId);
    expect(await dockerWithBundle(dir, m1().host, ['version', '--format', '{{.Server.Version}}'])).toMatch(/^\d+\./);

    // Revoking the bundle rotates the CA over SSH: the bundle no longer opens the engine, Wharf still does.
    await revokeCliBundle(deps, operator.actor, { id: host.id, serial: bundle.serial, confirmName: 'm1-generic' });
    after = await deps.db.host.findUniqueOrThrow({ where: { id: host.id } });
    expect(after.caId).not.toBe(host.caId);
    await expect(dockerWithBundle(dir, m1().host, ['info'])).rejects.toThrow();
    expect((await probeEngine(specOfHost(deps.keyring, after))).facts.name).toBe('lab-m1');

    // Stop: the engine is gone (the supervisor does not bring it back); start: it answers again.
    await controlHostMachine(deps, operator.actor, { id: host.id, action: 'stop' });
    const spec = specOfHost(deps.keyring, after);
    await expect(probeEngine(spec, 3_000)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 2_000));
    await expect(probeEngine(spec, 3_000)).rejects.toThrow();
    await controlHostMachine(deps, operator.actor, { id: host.id, action: 'start' });
    await waitFor(() => probeEngine(spec, 3_000).then(() => true, () => false), { timeoutMs: 30_000, intervalMs: 500, what: 'the engine after start' });
    await controlHostMachine(deps, operator.actor, { id: host.id, action: 'restart' });
    await waitFor(() => probeEngine(spec, 3_000).then(() => true, () => false), { timeoutMs: 30_000, intervalMs: 500, what: 'the engine after restart' });

    // Removal: a generic machine can only be forgotten.
    await expect(removeHost(deps, operator.actor, { id: host.id, confirmName: 'm1-generic', mode: 'delete' })).rejects.toThrow(/forget/);
    await removeHost(deps, operator.actor, { id: host.id, confirmName: 'm1-generic', mode: 'forget' });
    expect(await deps.db.host.count({ where: { id: host.id } })).toBe(0);
    const audit = await deps.db.auditEntry.findMany({ where: { targetId: host.id }, select: { action: true, result: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['host.cli-certificate', 'host.regenerate-certificates', 'host.cli-bundle.revoke', 'host.rotate-ca', 'host.stop', 'host.start', 'host.delete']));
  });

  it('is safe to run again on a machine it already configured', { timeout: 240_000 }, async () => {
    await resetLabMachine(lab, 'lab-m1');
    const first = await settledJob(deps, (await startProvision(deps, admin.actor, genericInput('m1-again'))).jobId);
    expect(first.status).toBe('succeeded');
    await removeHost(deps, admin.actor, { id: first.hostId!, confirmName: 'm1-again' });
    const second = await settledJob(deps, (await startProvision(deps, admin.actor, genericInput('m1-again'))).jobId);
    expect(second.error).toBeNull();
    expect(second.status).toBe('succeeded');
    expect(second.steps.find((s) => s.key === 'install-docker')?.log).toMatch(/already installed/i);
  });

  it('a wrong key fails at "Waiting for SSH" and says so; retry after nothing changed fails the same way', { timeout: 120_000 }, async () => {
    const job = await settledJob(deps, (await startProvision(deps, admin.actor, genericInput('m1-wrong-key', { privateKey: m1().wrongPrivateKeyPem }))).jobId);
    expect(job.status).toBe('failed');
    expect(job.failedStep).toBe('Waiting for SSH');
    expect(stepStatuses(job)).toMatchObject({ 'pre-create': 'succeeded', 'wait-ssh': 'failed', 'detect-os': 'pending' });
    expect(job.error).toMatch(/refused the SSH key|key/i);
    expect(job.canRetry).toBe(true);
    await retryProvision(deps, admin.actor, { jobId: job.id });
    const again = await settledJob(deps, job.id);
    expect(again.status).toBe('failed');
    expect(again.steps.find((s) => s.key === 'wait-ssh')?.log).toMatch(/retried/);
    expect(await deps.db.host.count({ where: { name: 'm1-wrong-key' } })).toBe(0);
  });

  it('a user with neither root nor sudo is refused with what to do', { timeout: 120_000 }, async () => {
    const job = await settledJob(deps, (await startProvision(deps, admin.actor, genericInput('m1-nosudo', { username: m1().nonRootUser }))).jobId);
    expect(job.status).toBe('failed');
    expect(job.failedStep).toBe('Waiting for SSH');
    expect(job.error).toMatch(/root/i);
    expect(job.error).toMatch(/sudo/i);
  });

  it('an unsupported OS fails at "Detecting the operating system" naming it', { timeout: 120_000 }, async () => {
    await setLabMachineOsRelease(lab, 'lab-m1', 'ID=plan9\nNAME="Plan 9"\nPRETTY_NAME="Plan 9 from Bell Labs"\n');
    const job = await settledJob(deps, (await startProvision(deps, admin.actor, genericInput('m1-plan9'))).jobId);
    expect(job.status).toBe('failed');
    expect(job.failedStep).toBe('Detecting the operating system');
    expect(job.error).toMatch(/Plan 9/);
  });

  it('port 2376 already in use fails at "Configuring the Docker daemon" and leaves the listener alone', { timeout: 120_000 }, async () => {
    const release = await occupyLabMachinePort(lab, 'lab-m1', 2376);
    try {
      const job = await settledJob(deps, (await startProvision(deps, admin.actor, genericInput('m1-port'))).jobId);
      expect(job.status).toBe('failed');
      expect(job.failedStep).toBe('Configuring the Docker daemon');
      expect(job.error).toMatch(/2376/);
      expect(existsSync(m1().engineSocket)).toBe(false);
    } finally {
      await release();
    }
  });

  it('an unreachable machine can be cancelled while Wharf waits for SSH', { timeout: 120_000 }, async () => {
    const { jobId } = await startProvision(deps, admin.actor, genericInput('m1-cancel', { address: '10.99.0.99' }));
    await waitFor(async () => (await readProvisionJob(deps, jobId)).steps.find((s) => s.key === 'wait-ssh')?.status === 'running' || null, { timeoutMs: 20_000, what: 'waiting for SSH' });
    await cancelProvision(deps, operator.actor, { jobId });
    const job = await readProvisionJob(deps, jobId);
    expect(job.status).toBe('cancelled');
    expect(job.error).toMatch(new RegExp(`Cancelled by ${operator.username}`));
    expect(stepStatuses(job)['wait-ssh']).toBe('cancelled');
    expect(job.canRetry).toBe(true);
    expect(job.canCleanUp).toBe(false);
    await expect(cleanUpProvision(deps, operator.actor, { jobId })).rejects.toThrow(/nothing to delete/);
  });

  it('an unreachable machine fails with a clear message after the SSH wait', { timeout: 120_000 }, async () => {
    const job = await settledJob(deps, (await startProvision(deps, admin.actor, genericInput('m1-unreachable', { address: '10.99.0.98', port: 22 }))).jobId);
    expect(job.status).toBe('failed');
    expect(job.failedStep).toBe('Waiting for SSH');
    expect(job.error).toMatch(/10\.99\.0\.98/);
  });

  it('refuses two runs for the same name at once, and a name a host already has', async () => {
    const first = await startProvision(deps, admin.actor, genericInput('m1-twice', { address: '10.99.0.97' }));
    const results = await Promise.allSettled([
      startProvision(deps, admin.actor, genericInput('m1-twice', { address: '10.99.0.97' })),
      startProvision(deps, operator.actor, genericInput('M1-TWICE', { address: '10.99.0.97' })),
    ]);
    expect(results.every((r) => r.status === 'rejected' && /already under way/.test(String(r.reason.message)))).toBe(true);
    await cancelProvision(deps, admin.actor, { jobId: first.jobId });
    const host = await deps.db.host.create({ data: { id: 'hexistingname0000', name: 'taken-name', transport: 'unix', address: '/nowhere.sock' } });
    await expect(startProvision(deps, admin.actor, genericInput('taken-name'))).rejects.toThrow(/already exists/);
    await deps.db.host.delete({ where: { id: host.id } });
  });

  it('rejects a public key, junk, and a cloud metadata address before anything runs', async () => {
    await expect(startProvision(deps, admin.actor, genericInput('m1-junk', { privateKey: 'not a key' }))).rejects.toThrow(/not an SSH private key/);
    const pub = (await import('node:fs')).readFileSync(`${m1().privateKey}.pub`, 'utf8');
    await expect(startProvision(deps, admin.actor, genericInput('m1-pub', { privateKey: pub }))).rejects.toThrow(/public key|not an SSH private key/);
    const job = await settledJob(deps, (await startProvision(deps, admin.actor, genericInput('m1-metadata', { address: '169.254.169.254' }))).jobId);
    expect(job.failedStep).toBe('Pre-create checks');
    expect(job.error).toMatch(/link-local/);
  });

  it('marks runs left under way by a stopped console as interrupted, never silently lost', { timeout: 120_000 }, async () => {
    // A console of its own, so that stopping it leaves this file's runner alone.
    const console2 = { ...deps, provisioner: new ProvisionRunner({ db: deps.db, keyring: deps.keyring, changes: deps.changes, dataDir: deps.dataDir }, deps.drivers) };
    const { jobId } = await startProvision(console2, admin.actor, genericInput('m1-interrupted', { address: '10.99.0.96' }));
    await waitFor(async () => (await readProvisionJob(deps, jobId)).steps.find((s) => s.key === 'wait-ssh')?.status === 'running' || null, { timeoutMs: 20_000, what: 'waiting for SSH' });
    // A console that stops on purpose marks its runs interrupted…
    await console2.provisioner.close();
    let job = await readProvisionJob(deps, jobId);
    expect(job.status).toBe('interrupted');
    expect(stepStatuses(job)['wait-ssh']).toBe('cancelled');
    // …and one that crashed leaves them "running", which the next start marks.
    await deps.db.provisionJob.update({ where: { id: jobId }, data: { status: 'running' } });
    await deps.db.provisionStep.update({ where: { jobId_key: { jobId, key: 'wait-ssh' } }, data: { status: 'running' } });
    expect(await markInterruptedRuns(deps)).toBe(1);
    job = await readProvisionJob(deps, jobId);
    expect(job.status).toBe('interrupted');
    expect(job.error).toMatch(/console stopped/);
    expect(stepStatuses(job)['wait-ssh']).toBe('failed');
    expect(job.canRetry).toBe(true);
  });
});

describe('local driver', () => {
  it('makes a sandbox engine, controls it, regenerates its certificates, and deletes it', { timeout: 240_000 }, async () => {
    const job = await settledJob(deps, (await startProvision(deps, admin.actor, { driver: 'local', name: 'sandbox-1', description: 'try things' })).jobId);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    const host = await deps.db.host.findUniqueOrThrow({ where: { id: job.hostId! } });
    const machine = host.machine as { netns: string; address: string };
    expect(host).toMatchObject({ driver: 'local', transport: 'tcp', status: 'up', description: 'try things' });
    expect((host.facts as { name: string }).name).toBe('sandbox-1');
    expect(existsSync(`/var/run/netns/${machine.netns}`)).toBe(true);

    const spec = specOfHost(deps.keyring, host);
    await controlHostMachine(deps, admin.actor, { id: host.id, action: 'stop' });
    await expect(probeEngine(spec, 3_000)).rejects.toThrow();
    await controlHostMachine(deps, admin.actor, { id: host.id, action: 'start' });
    await probeEngine(spec, 10_000);
    await regenerateHostCertificates(deps, admin.actor, { id: host.id });
    await probeEngine(spec, 10_000);

    await removeHost(deps, admin.actor, { id: host.id, confirmName: 'sandbox-1', mode: 'delete' });
    expect(existsSync(`/var/run/netns/${machine.netns}`)).toBe(false);
    expect(await deps.db.host.count({ where: { id: host.id } })).toBe(0);
  });

  it('cleans up a sandbox whose run was cancelled', { timeout: 240_000 }, async () => {
    const { jobId } = await startProvision(deps, admin.actor, { driver: 'local', name: 'sandbox-cancel', description: '' });
    await waitFor(async () => ((await readProvisionJob(deps, jobId)).machine.netns ? true : null), { timeoutMs: 60_000, what: 'the sandbox' });
    await cancelProvision(deps, admin.actor, { jobId });
    let job = await readProvisionJob(deps, jobId);
    if (job.status === 'succeeded') throw new Error('the run finished before it could be cancelled');
    expect(job.status).toBe('cancelled');
    expect(job.canCleanUp).toBe(true);
    const netns = String(job.machine.netns);
    await cleanUpProvision(deps, admin.actor, { jobId });
    job = await readProvisionJob(deps, jobId);
    expect(job.cleanedAt).not.toBeNull();
    expect(job.steps.at(-1)).toMatchObject({ key: 'clean-up', status: 'succeeded' });
    expect(existsSync(`/var/run/netns/${netns}`)).toBe(false);
    expect(job.canRetry).toBe(false);
  });
});

describe('DigitalOcean driver against the stand-in API (droplets boot as lab-m2)', () => {
  const TOKEN = 'dop_v1_' + 'a1'.repeat(32);
  let standin: DigitalOceanStandin;
  let credentialId: string;

  beforeAll(async () => {
    await resetLabMachine(lab, 'lab-m2');
    standin = await startDigitalOceanStandin({
      token: TOKEN,
      addresses: [labMachine(lab, 'lab-m2').host],
      onDropletActive: async (droplet) => {
        for (const key of droplet.publicKeys) await authorizeLabMachineKey(lab, 'lab-m2', key);
      },
      onDropletDeleted: async () => resetLabMachine(lab, 'lab-m2'),
    });
    process.env.WHARF_DIGITALOCEAN_API_URL = standin.url;
    credentialId = (await saveCloudCredential(deps, admin.actor, { provider: 'digitalocean', name: 'team account', token: TOKEN })).id;
  });

  afterAll(async () => {
    delete process.env.WHARF_DIGITALOCEAN_API_URL;
    await standin?.close();
    await resetLabMachine(lab, 'lab-m2');
  });

  const doInput = (name: string, overrides: Record<string, unknown> = {}) => ({ driver: 'digitalocean' as const, name, description: '', credentialId, region: 'ams3', size: 's-1vcpu-1gb', image: 'debian-12-x64', ...overrides });

  it('refuses a token DigitalOcean answers 401 for, and never stores or echoes it', async () => {
    const wrong = 'dop_v1_' + 'b2'.repeat(32);
    const error = await saveCloudCredential(deps, admin.actor, { provider: 'digitalocean', name: 'wrong', token: wrong }).catch((e) => e);
    expect(error.message).toMatch(/401|token/i);
    expect(error.message).not.toContain(wrong);
    expect(await deps.db.cloudCredential.count({ where: { name: 'wrong' } })).toBe(0);
    const stored = await deps.db.cloudCredential.findUniqueOrThrow({ where: { id: credentialId } });
    expect(stored.tokenSealed).not.toContain(TOKEN.slice(7));
  });

  it('creates a droplet through every step, waits out a 429, and deletes it on removal', { timeout: 300_000 }, async () => {
    standin.failNext('GET', '/v2/account', { status: 429, headers: { 'Retry-After': '1' } });
    const job = await settledJob(deps, (await startProvision(deps, operator.actor, doInput('droplet-1'))).jobId);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.steps.map((s) => s.key)).toEqual(['pre-create', 'create-machine', 'wait-ssh', 'detect-os', 'install-docker', 'certificates', 'configure-daemon', 'check-connection']);
    expect(job.steps.find((s) => s.key === 'pre-create')?.log).toMatch(/rate limit/i);
    const [droplet] = standin.droplets();
    expect(droplet).toMatchObject({ name: 'droplet-1', region: 'ams3', size: 's-1vcpu-1gb', image: 'debian-12-x64', tags: ['wharf'] });
    expect(droplet!.userData).toMatch(/docker/);
    const host = await deps.db.host.findUniqueOrThrow({ where: { id: job.hostId! } });
    expect(host).toMatchObject({ driver: 'digitalocean', address: `${labMachine(lab, 'lab-m2').host}:2376`, status: 'up' });
    expect((host.machine as { dropletId: number }).dropletId).toBe(droplet!.id);

    await controlHostMachine(deps, operator.actor, { id: host.id, action: 'restart' });
    expect(standin.requests.some((r) => r.method === 'POST' && /\/v2\/droplets\/\d+\/actions/.test(r.path))).toBe(true);

    await removeHost(deps, operator.actor, { id: host.id, confirmName: 'droplet-1', mode: 'delete' });
    expect(standin.droplets().filter((d) => d.status !== 'archive')).toHaveLength(0);
    expect(standin.keys()).toHaveLength(0);
  });

  it('a 422 from the API fails "Creating the machine" with DigitalOcean\'s message, and clean-up deletes what was made', { timeout: 120_000 }, async () => {
    standin.failNext('POST', '/v2/droplets', { status: 422, body: { id: 'unprocessable_entity', message: 'You specified an invalid size for Droplet creation.' } });
    const job = await settledJob(deps, (await startProvision(deps, admin.actor, doInput('droplet-422'))).jobId);
    expect(job.status).toBe('failed');
    expect(job.failedStep).toBe('Creating the machine');
    expect(job.error).toMatch(/invalid size/);
    expect(job.canCleanUp).toBe(true);
    await cleanUpProvision(deps, admin.actor, { jobId: job.id });
    expect(standin.keys()).toHaveLength(0);
  });

  it('a region the account cannot use fails the pre-create checks before anything is made', async () => {
    const job = await settledJob(deps, (await startProvision(deps, admin.actor, doInput('droplet-region', { region: 'xyz9' }))).jobId);
    expect(job.failedStep).toBe('Pre-create checks');
    expect(job.error).toMatch(/xyz9/);
    expect(standin.requests.some((r) => r.method === 'POST' && r.path === '/v2/droplets' && r.at > Date.parse(job.createdAt))).toBe(false);
  });

  it('persistent 429s fail with when to retry', { timeout: 120_000 }, async () => {
    standin.failNext('GET', '/v2/account', { status: 429, headers: { 'Retry-After': '1' }, times: 4 }); // the first try and three retries
    const job = await settledJob(deps, (await startProvision(deps, admin.actor, doInput('droplet-429'))).jobId);
    expect(job.failedStep).toBe('Pre-create checks');
    expect(job.error).toMatch(/rate limit/i);
  });
});
