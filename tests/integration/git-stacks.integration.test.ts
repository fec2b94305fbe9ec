// Stacks that follow a git repository (issue 14), on real Postgres, the lab's git server (Debian's
// git http-backend) and a real swarm of the lab: a stack made from a repository is deployed from
// one commit with the files its compose file names; a pushed commit is found by a check (or the
// job queue's check when the source is due, or the stack's webhook), shown with its compose file, and deployed as a new revision that
// records it (rollback still works); a token is sealed; and each bad input — an unreachable
// repository, a missing branch, a missing compose path, a compose file that fails validation or
// the policy, a link out of the repository, a metadata address — leaves the running stack as it
// was and is said on the stack's source.
import Dockerode from 'dockerode';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER } from '@/lib/http/client-address.ts';
import { RateWindow } from '@/lib/http/webhooks/rate-window.ts';
import { serveWebhook } from '@/lib/http/webhooks/webhook-door.ts';
import { createGitStackSchema, updateGitSourceSchema } from '@/lib/schemas/git-stacks.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { applyGitStack, checkGitStack } from '@/lib/services/stacks/git/check-git-stack.ts';
import { runGitCheck } from '@/lib/services/stacks/git/git-check-queue.ts';
import { createGitStack, generateDeployKey, pauseGitSource, readGitSource, updateGitSource } from '@/lib/services/stacks/git/save-git-source.ts';
import { readFileSync } from 'node:fs';
import { makeKeyring } from '@/lib/crypto/secret-box.ts';
import { resealSecrets } from '@/lib/services/secrets/reseal-secrets.ts';
import { rollbackStack } from '@/lib/services/stacks/stack-revisions.ts';
import { createWebhook } from '@/lib/services/webhooks/manage-webhooks.ts';
import { createLabGitRepo, labGitServer, labGitSshUrl, labGitUrl, pushLabGitCommit, type GitServerState } from '@/scripts/lab/index.ts';
import { createTestDeps, labState, seedUser, type TestDeps } from '../support/integration.ts';
import { auditLines } from '../support/audit-rows.ts';
import { oneManagerSwarm, refusal } from '../support/security-lab.ts';
import { leaveAllSwarms } from '../support/swarm-lab.ts';
import { OWNER_TEAM_LABEL } from '@/lib/models/access/containment.ts';
import { addTeamMember, createTeam, removeTeamMember } from '@/lib/services/access/manage-teams.ts';

const lab = labState();
const [l1] = lab.hosts;
// The state names the git server; one written by an older lab script does not (the server runs all the same).
const git: GitServerState = lab.git ?? (await labGitServer(lab.dir));
const docker = new Dockerode({ socketPath: l1.socket });
const run = randomBytes(3).toString('hex');
const repo = `gs-${run}`;
let deps: TestDeps;
let admin: Awaited<ReturnType<typeof seedUser>>;
let operator: Awaited<ReturnType<typeof seedUser>>;
let swarmId: string;
let inventory: Inventory;

const compose = (command: string, extra = '') =>
  `version: "3.8"\nservices:\n  web:\n    image: ${lab.image}\n    command: ["sleep", "${command}"]\n    env_file: [app.env]\n    configs: [{ source: site, target: /site.conf }]\n${extra}configs:\n  site:\n    file: ./conf/site.conf\n`;
const FILES = { 'deploy/compose.yml': compose('3600'), 'deploy/app.env': 'GREETING=first\n', 'deploy/conf/site.conf': 'listen 80;\n' };

type Spec = { TaskTemplate: { ContainerSpec: { Image: string; Env?: string[]; Args?: string[]; Command?: string[] } } };
async function serviceSpec(stackName: string): Promise<Spec> {
  const [service] = await docker.listServices({ filters: { name: [`${stackName}_web`] } });
  return service.Spec as unknown as Spec;
}
const revisions = (stackName: string) => deps.db.stackRevision.findMany({ where: { swarmId, stackName }, orderBy: { number: 'asc' }, select: { number: true, outcome: true, gitCommit: true } });
const settings = (stackName: string, over: Partial<{ url: string; ref: string; composePath: string; autoApply: boolean; token: string }> = {}) =>
  updateGitSourceSchema.parse({ swarmId, stackName, url: labGitUrl(git, repo), ref: 'main', composePath: 'deploy/compose.yml', pollSeconds: 60, autoApply: false, paused: false, ...over });

/**
 * What the job queue's worker does when a stack's check job comes due, run here at `now`: how many
 * checks ran (0 or 1). The deps below send no check jobs: this file checks its stacks when it chooses.
 */
async function dueCheck(stackName: string, now?: Date): Promise<number> {
  const { id: sourceId } = await deps.db.stackGitSource.findUniqueOrThrow({ where: { swarmId_stackName: { swarmId, stackName } } });
  let checked = 0;
  await runGitCheck(deps, { sourceId, replicaId: 'git-stacks-test', now, random: () => 0, checked: () => void checked++ });
  return checked;
}

/** A new stack following the test repository, made by `who`. */
async function gitStack(stackName: string, who = operator, over: Record<string, unknown> = {}) {
  return createGitStack(deps, who.actor, createGitStackSchema.parse({ swarmId, stackName, url: labGitUrl(git, repo), ref: 'main', composePath: 'deploy/compose.yml', pollSeconds: 60, ...over }));
}

/** `work` fails, the stack's service and revisions are as they were, and the source says why. */
async function leavesStackUntouched(stackName: string, work: () => Promise<unknown>, said: RegExp) {
  const before = { spec: await serviceSpec(stackName), revisions: await revisions(stackName) };
  const error = await refusal(work());
  expect(error.message).toMatch(said);
  expect(await serviceSpec(stackName)).toEqual(before.spec);
  expect(await revisions(stackName)).toEqual(before.revisions);
  expect((await readGitSource(deps, swarmId, stackName))?.lastError).toMatch(said);
  return error;
}

beforeAll(async () => {
  deps = await createTestDeps('git_stacks', { gitChecks: false });
  admin = await seedUser(deps.db, 'admin');
  operator = await seedUser(deps.db, 'operator');
  ({ swarmId, inventory } = await oneManagerSwarm(deps, admin.actor, l1, [l1.socket]));
  await createLabGitRepo(git, repo, FILES);
}, 120_000);

afterAll(async () => {
  inventory?.stop();
  await leaveAllSwarms([l1.socket]);
  await deps?.close();
}, 120_000);

describe('a stack made from a git repository', () => {
  const stackName = `git-${run}`;

  it('deploys the compose file and the files it names from one commit, as a revision recording that commit', async () => {
    const first = await pushLabGitCommit(git, repo, {}, { message: 'nothing changes' });
    const created = await gitStack(stackName);
    expect(created).toMatchObject({ revision: 1, commit: first });
    expect(await revisions(stackName)).toEqual([{ number: 1, outcome: 'deployed', gitCommit: first }]);
    const spec = await serviceSpec(stackName);
    expect(spec.TaskTemplate.ContainerSpec.Env).toContain('GREETING=first');
    const [config] = await docker.listConfigs({ filters: { name: [`${stackName}_site`] } });
    expect(Buffer.from((config.Spec as { Data: string }).Data, 'base64').toString()).toBe('listen 80;\n');
    expect(await readGitSource(deps, swarmId, stackName)).toMatchObject({ deployedCommit: first, seenCommit: first, hasToken: false, lastError: null, deployedRevision: { number: 1 } });
    expect((await auditLines(deps.db, { actorId: operator.id })).map((l) => [l.action, l.result])).toEqual([
      ['stack.deploy', 'succeeded'],
      ['stack.git.create', 'succeeded'],
    ]);
  }, 60_000);

  it('is made for the team its creator chooses (owned by it, through the labels), never for a team that is not theirs', async () => {
    const [mine, theirs, other] = await Promise.all(['a', 'b', 'c'].map(async (t) => (await createTeam(deps, admin.actor, { name: `git-${t}-${run}` })).id));
    for (const teamId of [mine, theirs]) await addTeamMember(deps, admin.actor, { teamId, userId: operator.id, lead: false });
    const owned = `${stackName}-owned`;
    await gitStack(owned, operator, { teamId: theirs });
    const [service] = await docker.listServices({ filters: { name: [`${owned}_web`] } });
    expect(service.Spec?.Labels?.[OWNER_TEAM_LABEL]).toBe(theirs);
    const refused = await refusal(gitStack(`${stackName}-elsewhere`, operator, { teamId: other }));
    expect(refused.fieldErrors?.teamId).toHaveLength(1);
    expect(await deps.db.stackRevision.count({ where: { swarmId, stackName: `${stackName}-elsewhere` } })).toBe(0);
    for (const teamId of [mine, theirs]) await removeTeamMember(deps, admin.actor, { teamId, userId: operator.id });
    // Paused from here on: it has no check waiting.
    await pauseGitSource(deps, admin.actor, { swarmId, stackName: owned, paused: true });
  }, 60_000);

  it('a check finds a pushed commit and shows its compose file; apply deploys it as a new revision; rollback still works', async () => {
    const next = await pushLabGitCommit(git, repo, { 'deploy/compose.yml': compose('7200'), 'deploy/app.env': 'GREETING=second\n' }, { message: 'second' });
    expect(await checkGitStack(deps, operator.actor, { swarmId, stackName })).toEqual({ commit: next, changed: true, applied: null });
    const view = await readGitSource(deps, swarmId, stackName);
    expect(view).toMatchObject({ seenCommit: next, deployedRevision: { number: 1 } });
    expect(view?.seenCompose).toContain('"7200"');
    expect(view?.deployedCommit).not.toBe(next);
    // Nothing is deployed by a check without auto-apply.
    expect((await serviceSpec(stackName)).TaskTemplate.ContainerSpec.Env).toContain('GREETING=first');

    expect(await applyGitStack(deps, operator.actor, { swarmId, stackName, commit: next })).toMatchObject({ revision: 2, commit: next });
    expect((await serviceSpec(stackName)).TaskTemplate.ContainerSpec.Env).toContain('GREETING=second');
    expect((await revisions(stackName)).at(-1)).toEqual({ number: 2, outcome: 'deployed', gitCommit: next });

    await rollbackStack(deps, operator.actor, { swarmId, stackName, toRevision: 1 });
    expect((await serviceSpec(stackName)).TaskTemplate.ContainerSpec.Env).toContain('GREETING=first');
  }, 90_000);

  it('follows an annotated tag: the commit it points at is deployed and recorded (not the tag object)', async () => {
    const tag = `v1-${run}`;
    const tagged = await pushLabGitCommit(git, repo, { 'deploy/app.env': 'GREETING=tagged\n' }, { message: 'tagged', tag, annotated: true });
    const tagObject = (await import('node:child_process')).execFileSync('git', ['-C', `${git.root}/${repo}.git`, 'rev-parse', `refs/tags/${tag}`], { encoding: 'utf8' }).trim();
    expect(tagObject).not.toBe(tagged);
    const onTag = `tag-${run}`;
    expect(await gitStack(onTag, operator, { ref: tag })).toMatchObject({ revision: 1, commit: tagged });
    expect((await revisions(onTag)).at(-1)).toMatchObject({ gitCommit: tagged });
    expect((await serviceSpec(onTag)).TaskTemplate.ContainerSpec.Env).toContain('GREETING=tagged');
    expect(await checkGitStack(deps, operator.actor, { swarmId, stackName: onTag })).toEqual({ commit: tagged, changed: false, applied: null });
    await pauseGitSource(deps, operator.actor, { swarmId, stackName: onTag, paused: true });
  }, 60_000);

  it('apply refuses a commit other than the one shown when the branch has moved on since', async () => {
    const shown = (await readGitSource(deps, swarmId, stackName))!.seenCommit!;
    await pushLabGitCommit(git, repo, { 'deploy/app.env': 'GREETING=moved\n' });
    await leavesStackUntouched(stackName, () => applyGitStack(deps, operator.actor, { swarmId, stackName, commit: shown }), /has moved on/);
  }, 60_000);

  it('with auto-apply, the queued check deploys a new commit when the stack is due (not when paused); the webhook deploys the newest commit', async () => {
    await updateGitSource(deps, operator.actor, settings(stackName, { autoApply: true }));
    const pushed = await pushLabGitCommit(git, repo, { 'deploy/app.env': 'GREETING=polled\n' });
    await pauseGitSource(deps, operator.actor, { swarmId, stackName, paused: true });
    expect(await dueCheck(stackName, new Date(Date.now() + 3_600_000))).toBe(0);
    await pauseGitSource(deps, operator.actor, { swarmId, stackName, paused: false });
    expect(await dueCheck(stackName, new Date(Date.now() + 3_600_000))).toBe(1);
    expect((await serviceSpec(stackName)).TaskTemplate.ContainerSpec.Env).toContain('GREETING=polled');
    expect((await revisions(stackName)).at(-1)).toMatchObject({ outcome: 'deployed', gitCommit: pushed });
    // Checked just now: not due again.
    expect(await dueCheck(stackName, new Date())).toBe(0);

    const hooked = await pushLabGitCommit(git, repo, { 'deploy/app.env': 'GREETING=hooked\n' });
    const { path } = await createWebhook(deps, operator.actor, { kind: 'stack', swarmId, stackName });
    const secret = path.replace('/api/hooks/', '');
    const request = new Request(`http://wharf.test${path}`, { method: 'POST', headers: { [CLIENT_IP_HEADER]: '10.1.2.3' } });
    const response = await serveWebhook(deps, request, secret, { perAddress: new RateWindow(100, 60_000), perWebhook: new RateWindow(100, 60_000) });
    expect(response.status).toBe(200);
    expect((await serviceSpec(stackName)).TaskTemplate.ContainerSpec.Env).toContain('GREETING=hooked');
    expect((await revisions(stackName)).at(-1)).toMatchObject({ outcome: 'deployed', gitCommit: hooked });
    await updateGitSource(deps, operator.actor, settings(stackName));
  }, 120_000);

  describe('bad input leaves the running stack untouched and says why', () => {
    it('an unreachable repository', async () => {
      await updateGitSource(deps, operator.actor, settings(stackName, { url: `http://${git.host}:1/${repo}.git` }));
      await leavesStackUntouched(stackName, () => checkGitStack(deps, operator.actor, { swarmId, stackName }), /could not be reached/);
      await leavesStackUntouched(stackName, () => applyGitStack(deps, operator.actor, { swarmId, stackName }), /could not be reached/);
    }, 60_000);

    it('a branch that does not exist', async () => {
      await updateGitSource(deps, operator.actor, settings(stackName, { ref: 'no-such-branch' }));
      await leavesStackUntouched(stackName, () => checkGitStack(deps, operator.actor, { swarmId, stackName }), /no branch or tag named no-such-branch/);
    }, 60_000);

    it('a compose path that is missing, or that climbs out of the repository', async () => {
      await updateGitSource(deps, operator.actor, settings(stackName, { composePath: 'deploy/missing.yml' }));
      await leavesStackUntouched(stackName, () => checkGitStack(deps, operator.actor, { swarmId, stackName }), /no file deploy\/missing\.yml/);
      const climbing = await refusal(updateGitSource(deps, operator.actor, settings(stackName, { composePath: '../outside.yml' })));
      expect(climbing.fieldErrors?.composePath).toBeDefined();
    }, 60_000);

    it('a compose file at the new commit that fails validation: the check (and the queued check, even with auto-apply) says why with the commit; apply refuses it', async () => {
      await updateGitSource(deps, operator.actor, settings(stackName, { autoApply: true }));
      const bad = await pushLabGitCommit(git, repo, { 'deploy/compose.yml': 'services:\n  web:\n    image: [not, an, image]\n' });
      const atBad = new RegExp(`Commit ${bad.slice(0, 12)} cannot be deployed: .*problem`);
      await leavesStackUntouched(stackName, () => checkGitStack(deps, operator.actor, { swarmId, stackName }), /problem/);
      expect((await readGitSource(deps, swarmId, stackName))?.lastError).toMatch(atBad);
      const view = await readGitSource(deps, swarmId, stackName);
      expect(view?.seenCommit).toBe(bad);
      // The queued check with auto-apply: nothing deployed, the same reason kept.
      const before = { spec: await serviceSpec(stackName), revisions: await revisions(stackName) };
      await deps.db.stackGitSource.update({ where: { swarmId_stackName: { swarmId, stackName } }, data: { checkedAt: null } });
      expect(await dueCheck(stackName)).toBe(1);
      expect([await serviceSpec(stackName), await revisions(stackName)]).toEqual([before.spec, before.revisions]);
      expect((await readGitSource(deps, swarmId, stackName))?.lastError).toMatch(atBad);
      await updateGitSource(deps, operator.actor, settings(stackName));
      await leavesStackUntouched(stackName, () => applyGitStack(deps, operator.actor, { swarmId, stackName, commit: bad }), /problem/);
      expect((await readGitSource(deps, swarmId, stackName))?.lastError).toMatch(atBad);
    }, 90_000);

    it('a compose file at the new commit that the workload policy refuses (a host bind, by an operator): refused at check time, unaudited; apply refuses it, audited', async () => {
      const bad = await pushLabGitCommit(git, repo, { 'deploy/compose.yml': compose('3600', '    volumes: ["/etc:/host-etc:ro"]\n') });
      const denied = async () => (await auditLines(deps.db, { actorId: operator.id })).filter((l) => l.result === 'denied').length;
      const deniedBefore = await denied();
      const checked = await leavesStackUntouched(stackName, () => checkGitStack(deps, operator.actor, { swarmId, stackName }), /more than your role allows/);
      expect(checked.code).toBe('FORBIDDEN');
      expect((await readGitSource(deps, swarmId, stackName))?.lastError).toMatch(new RegExp(`^Commit ${bad.slice(0, 12)} cannot be deployed: `));
      expect(await denied()).toBe(deniedBefore);
      const error = await leavesStackUntouched(stackName, () => applyGitStack(deps, operator.actor, { swarmId, stackName, commit: bad }), /more than your role allows/);
      expect(error.code).toBe('FORBIDDEN');
      expect(await denied()).toBe(deniedBefore + 1);
    }, 60_000);

    it('a file named through a symbolic link, or a name that climbs out of the stack, is never read', async () => {
      await pushLabGitCommit(git, repo, { 'deploy/compose.yml': compose('3600') });
      // A link committed by git itself (the helper writes files: make the link through a second repository).
      const linked = `gs-link-${run}`;
      await createLabGitRepo(git, linked, { 'compose.yml': 'services:\n  web:\n    image: x\n    env_file: [app.env]\n' });
      const { symlink, mkdtemp, rm } = await import('node:fs/promises');
      const { execFile } = await import('node:child_process');
      const { promisify } = await import('node:util');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const work = await mkdtemp(join(tmpdir(), 'wharf-git-link-'));
      const gitArgs = ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'safe.directory=*'];
      try {
        await promisify(execFile)('git', [...gitArgs, 'clone', '-q', `${git.root}/${linked}.git`, work]);
        await symlink('/etc/passwd', join(work, 'app.env'));
        await promisify(execFile)('git', [...gitArgs, '-C', work, 'add', 'app.env']);
        await promisify(execFile)('git', [...gitArgs, '-C', work, 'commit', '-qm', 'link']);
        await promisify(execFile)('git', [...gitArgs, '-C', work, 'push', '-q', 'origin', 'HEAD:main']);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
      const refused = await refusal(gitStack(`link-${run}`, operator, { url: labGitUrl(git, linked), composePath: 'compose.yml' }));
      expect(refused.message).toMatch(/symbolic link/);
      expect(await deps.db.stackGitSource.count({ where: { stackName: `link-${run}` } })).toBe(0);
      expect(await deps.db.stackRevision.count({ where: { stackName: `link-${run}` } })).toBe(0);

      await createLabGitRepo(git, linked, { 'compose.yml': 'services:\n  web:\n    image: x\n    env_file: [../../etc/passwd]\n' });
      const climbing = await refusal(gitStack(`climb-${run}`, operator, { url: labGitUrl(git, linked), composePath: 'compose.yml' }));
      expect(climbing.code).toBe('INVALID_INPUT');
      expect(await deps.db.stackRevision.count({ where: { stackName: `climb-${run}` } })).toBe(0);
    }, 60_000);
  });
});

describe('where a repository may be and how it is reached', () => {
  it('a token goes to a repository that needs one, sealed at rest and never in the view; a wrong one is said', async () => {
    const stackName = `private-${run}`;
    const created = await gitStack(stackName, operator, { url: labGitUrl(git, repo, { private: true }), token: git.token });
    expect(created.revision).toBe(1);
    const row = await deps.db.stackGitSource.findUniqueOrThrow({ where: { swarmId_stackName: { swarmId, stackName } } });
    expect(row.tokenSealed).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain(git.token);
    const view = await readGitSource(deps, swarmId, stackName);
    expect(view?.hasToken).toBe(true);
    expect(JSON.stringify(view)).not.toContain(git.token);

    await updateGitSource(deps, operator.actor, { ...settings(stackName, { url: labGitUrl(git, repo, { private: true }) }), token: 'wrong-token' });
    await leavesStackUntouched(stackName, () => checkGitStack(deps, operator.actor, { swarmId, stackName }), /refused the credentials/);
    const none = await refusal(gitStack(`nokey-${run}`, operator, { url: labGitUrl(git, repo, { private: true }) }));
    expect(none.message).toMatch(/refused the credentials/);
  }, 90_000);

  it('refuses metadata and link-local addresses and other schemes before any connection; the console machine needs host.local', async () => {
    const metadata = await refusal(gitStack(`meta-${run}`, operator, { url: 'http://169.254.169.254/latest.git' }));
    expect(metadata.code).toBe('FORBIDDEN');
    expect(createGitStackSchema.safeParse({ swarmId, stackName: 'x', url: 'file:///etc/passwd', ref: 'main', composePath: 'c.yml' }).success).toBe(false);
    expect(createGitStackSchema.safeParse({ swarmId, stackName: 'x', url: 'http://user:pw@example.com/r.git', ref: 'main', composePath: 'c.yml' }).success).toBe(false);
    expect(createGitStackSchema.safeParse({ swarmId, stackName: 'x', url: 'http://example.com/r.git', ref: '--upload-pack=sh', composePath: 'c.yml' }).success).toBe(false);
    const local = await refusal(gitStack(`local-${run}`, operator, { url: `http://127.0.0.1:${git.port}/${repo}.git` }));
    expect([local.code, local.message]).toEqual(['FORBIDDEN', expect.stringMatching(/console's own machine/)]);
    expect(await deps.db.stackGitSource.count({ where: { stackName: { in: [`meta-${run}`, `local-${run}`] } } })).toBe(0);
  }, 60_000);
});

describe('a repository over SSH with a deploy key', () => {
  const sshUrl = (opts: { scp?: boolean; port?: number } = {}) => (opts.port ? labGitSshUrl(git, { ...lab.ssh, port: opts.port }, repo) : labGitSshUrl(git, lab.ssh, repo, opts));
  const labKey = readFileSync(lab.ssh.privateKey, 'utf8');
  const labPublic = readFileSync(lab.ssh.publicKey, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const wrongKey = readFileSync(lab.ssh.wrongPrivateKey, 'utf8');
  const sshSettings = (stackName: string, over: Record<string, unknown> = {}) => updateGitSourceSchema.parse({ swarmId, stackName, url: sshUrl(), ref: 'main', composePath: 'deploy/compose.yml', pollSeconds: 60, autoApply: false, paused: true, ...over });

  it('deploys from an ssh:// URL with the host key given; the key is sealed, only its public half shown', async () => {
    await pushLabGitCommit(git, repo, { 'deploy/compose.yml': compose('3600'), 'deploy/app.env': 'GREETING=over ssh\n' });
    const stackName = `ssh-${run}`;
    const created = await gitStack(stackName, operator, { url: sshUrl(), sshKey: labKey, hostKey: lab.ssh.hostKeyFingerprint });
    expect(created.revision).toBe(1);
    expect((await serviceSpec(stackName)).TaskTemplate.ContainerSpec.Env).toContain('GREETING=over ssh');
    const view = await readGitSource(deps, swarmId, stackName);
    expect(view).toMatchObject({ sshPublicKey: labPublic, hostKey: lab.ssh.hostKeyFingerprint, hostKeyTrust: 'given', deployedCommit: created.commit });
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');
    const row = await deps.db.stackGitSource.findUniqueOrThrow({ where: { swarmId_stackName: { swarmId, stackName } } });
    expect(row.sshKeySealed).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain(labKey.trim().split('\n')[1]);
    // A later commit is found over SSH too.
    const next = await pushLabGitCommit(git, repo, { 'deploy/app.env': 'GREETING=over ssh again\n' });
    expect(await checkGitStack(deps, operator.actor, { swarmId, stackName })).toEqual({ commit: next, changed: true, applied: null });
    expect((await applyGitStack(deps, operator.actor, { swarmId, stackName, commit: next })).revision).toBe(2);
    await pauseGitSource(deps, operator.actor, { swarmId, stackName, paused: true });
  }, 90_000);

  it('the scp form with the host key trusted on first use: the key seen is kept and then required', async () => {
    const stackName = `scp-${run}`;
    await gitStack(stackName, operator, { url: sshUrl({ scp: true }), sshKey: labKey });
    expect(await readGitSource(deps, swarmId, stackName)).toMatchObject({ hostKey: lab.ssh.hostKeyFingerprint, hostKeyTrust: 'first-use' });
    await pauseGitSource(deps, operator.actor, { swarmId, stackName, paused: true });
  }, 60_000);

  it('a wrong key, a changed host key (both fingerprints named) and an unreachable server leave the stack untouched and say so', async () => {
    const stackName = `ssh-${run}`;
    await updateGitSource(deps, operator.actor, sshSettings(stackName, { sshKey: wrongKey }));
    await leavesStackUntouched(stackName, () => checkGitStack(deps, operator.actor, { swarmId, stackName }), /refused the deploy key/);
    await updateGitSource(deps, operator.actor, sshSettings(stackName, { sshKey: labKey }));
    const other = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    await updateGitSource(deps, operator.actor, sshSettings(stackName, { hostKey: other }));
    const changed = await leavesStackUntouched(stackName, () => checkGitStack(deps, operator.actor, { swarmId, stackName }), /showed the host key/);
    expect(changed.message).toContain(other);
    expect(changed.message).toContain(lab.ssh.hostKeyFingerprint);
    await updateGitSource(deps, operator.actor, sshSettings(stackName, { url: sshUrl({ port: 1 }), hostKey: '' }));
    await leavesStackUntouched(stackName, () => checkGitStack(deps, operator.actor, { swarmId, stackName }), /could not be reached: connection refused/);
    // Back on the server with its real key: it works again, and still after the secret key is rotated.
    await updateGitSource(deps, operator.actor, sshSettings(stackName, { hostKey: lab.ssh.hostKeyFingerprint }));
    expect((await checkGitStack(deps, operator.actor, { swarmId, stackName })).changed).toBe(false);
    const rotated = makeKeyring(randomBytes(32), [deps.keyring.current.key]);
    await resealSecrets(deps.db, rotated);
    const row = await deps.db.stackGitSource.findUniqueOrThrow({ where: { swarmId_stackName: { swarmId, stackName } } });
    expect(row.sshKeySealed!.split('.')[1]).toBe(rotated.current.id);
    expect((await checkGitStack({ ...deps, keyring: rotated }, operator.actor, { swarmId, stackName })).changed).toBe(false);
    // The rest of the file reads with the rotated key.
    Object.assign(deps, { keyring: rotated });
  }, 120_000);

  it('a generated key: only its public half is answered; the git host refuses it until it is added; no one else can use it; nothing is kept', async () => {
    const generated = generateDeployKey(deps, operator.actor);
    expect(generated.publicKey).toMatch(/^ssh-ed25519 [A-Za-z0-9+/=]+ wharf-deploy-key-/);
    expect(generated.generatedKey).not.toContain('PRIVATE KEY');
    const stackName = `gen-${run}`;
    const refused = await refusal(gitStack(stackName, operator, { url: sshUrl(), generatedKey: generated.generatedKey }));
    expect(refused.message).toMatch(/refused the deploy key/);
    const stolen = await refusal(gitStack(stackName, admin, { url: sshUrl(), generatedKey: generated.generatedKey }));
    expect(stolen.fieldErrors?.sshKey).toHaveLength(1);
    expect(await deps.db.stackGitSource.count({ where: { stackName } })).toBe(0);
    expect(await deps.db.stackRevision.count({ where: { stackName } })).toBe(0);
    // No key for an SSH address; a key for an http one; a path that could change the remote command.
    expect((await refusal(gitStack(stackName, operator, { url: sshUrl() }))).fieldErrors?.sshKey).toHaveLength(1);
    expect((await refusal(gitStack(stackName, operator, { sshKey: labKey }))).fieldErrors?.sshKey).toHaveLength(1);
    expect(createGitStackSchema.safeParse({ swarmId, stackName, url: `root@${lab.ssh.host}:/x'; touch /tmp/pwned '`, ref: 'main', composePath: 'c.yml' }).success).toBe(false);
  }, 60_000);
});
