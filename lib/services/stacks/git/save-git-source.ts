// A stack made from a git repository, and its git settings (editable after the first deploy),
// pause and the page's view. Where the URL leads is judged before anything is read or saved, by
// the addresses its name resolves to (the registry guard's rule): metadata, link-local and
// unspecified addresses for nobody, the console's own machine only with host.local. The token is
// sealed bound to the source's row and never answered; so is an SSH deploy key (pasted, or generated
// here: only its public half is shown), with the server's host key given or trusted on first use. Each change is audited; the first deploy
// is the deploy service's own (audited there).
import 'server-only';
import ssh2 from 'ssh2';
import { audited } from '@/lib/audit/record-audit.ts';
import { open, seal } from '@/lib/crypto/secret-box.ts';
import { parseGitAddress } from '@/lib/models/stacks/git-url.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { permissionPhrase } from '@/lib/auth/permissions.ts';
import { newId } from '@/lib/db/new-id.ts';
import { AppError, localizeText } from '@/lib/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';
import { nextCheckAt, type GitSourceView } from '@/lib/models/stacks/git-source.ts';
import { log } from '@/lib/observability/logger.ts';
import type { CreateGitStackInput, UpdateGitSourceInput } from '@/lib/schemas/git-stacks.ts';
import type { ServiceDeps } from '../../deps.ts';
import { isConsoleMachine, judgeName, systemLookup, type Lookup } from '../../hosts/connection-target.ts';
import { deployStack, type DeployStackResult } from '../deploy-stack.ts';
import { findGitSource, sealGitKey, sealGitToken } from './check-git-stack.ts';
import { composeRepoPath, readGitSnapshot, shownUrl } from './read-git-source.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'deploys' | 'gitChecks'>;

/**
 * Sends the source's next check to the job queue (git-check-queue.ts), or removes it when paused.
 * The source is saved either way: a send that fails here is made up by the led sweep.
 */
async function scheduleCheck(deps: Pick<ServiceDeps, 'db' | 'gitChecks'>, id: string): Promise<void> {
  try {
    const row = await deps.db.stackGitSource.findUnique({ where: { id }, select: { paused: true, pollSeconds: true, checkedAt: true } });
    if (!row || row.paused) await deps.gitChecks.unschedule(id);
    else await deps.gitChecks.schedule(id, nextCheckAt(row, row.checkedAt, new Date(), Math.random()));
  } catch (error) {
    log('git-stacks').warn({ err: error }, "a stack's next git check could not be sent to the job queue; the sweep will");
  }
}

const target = (swarmId: string, stackName: string) => ({ type: 'stack', id: `${swarmId}/${stackName}`, name: stackName });

function onUrl(said: Message, code: 'FORBIDDEN' | 'PRECONDITION' = 'FORBIDDEN'): AppError {
  return new AppError(code, said, { fieldErrors: { url: [issueText(said.key, said.values)] } });
}

/** Where the repository URL leads, judged: refused addresses for nobody, this machine only with host.local. */
export async function screenGitUrl(actor: Actor, raw: string, lookup: Lookup = systemLookup): Promise<void> {
  const address = parseGitAddress(raw);
  if (!address) throw onUrl(msg('gitStacks.errors.urlRule'), 'PRECONDITION');
  const host = address.kind === 'ssh' ? address.ssh.host : new URL(raw).hostname.replace(/^\[(.*)\]$/, '$1');
  const { addresses, refused } = await judgeName(host, lookup).catch((error: unknown) => {
    throw onUrl(error instanceof AppError && error.said ? error.said : msg('gitStacks.errors.unreachable', { url: shownUrl(raw), detail: (error as Error).message }), 'PRECONDITION');
  });
  if (refused) throw onUrl(msg('gitStacks.errors.refused', { where: refused }));
  if (addresses.some(isConsoleMachine) && !can(actor, 'host.local')) throw onUrl(msg('gitStacks.errors.consoleMachine', { action: permissionPhrase('host.local') }));
}

const generatedKeyContext = (actor: Actor) => `git-deploy-key:${actor.id}`;

/**
 * A new deploy key for an SSH repository: the public half to paste into the git host, and the
 * private half sealed (bound to the user who asked: only their create or settings change opens it).
 * The private key itself never leaves the server.
 */
export function generateDeployKey(deps: Pick<ServiceDeps, 'keyring'>, actor: Actor): { publicKey: string; generatedKey: string } {
  const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment: `wharf-deploy-key-${actor.username}` });
  return { publicKey: pair.public.trim(), generatedKey: seal(deps.keyring, pair.private, generatedKeyContext(actor)) };
}

const onField = (field: string, said: Message) => new AppError('INVALID_INPUT', said, { fieldErrors: { [field]: [issueText(said.key, said.values)] } });

/** The deploy key the input gives (undefined: none given; null: removed), with its public half. */
function deployKeyOf(deps: Pick<ServiceDeps, 'keyring'>, actor: Actor, input: { sshKey?: string; generatedKey?: string }): { privateKey: string; publicKey: string } | null | undefined {
  let privateKey: string;
  if (input.generatedKey) {
    try {
      privateKey = open(deps.keyring, input.generatedKey, generatedKeyContext(actor));
    } catch {
      throw onField('sshKey', msg('gitStacks.errors.generatedKeyUnusable'));
    }
  } else if (input.sshKey === undefined) return undefined;
  else if (!input.sshKey.trim()) return null;
  else privateKey = `${input.sshKey.trim()}\n`;
  const parsed = ssh2.utils.parseKey(privateKey);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error || !key.isPrivateKey()) throw onField('sshKey', msg('gitStacks.errors.sshKeyUnreadable'));
  return { privateKey, publicKey: `${key.type} ${key.getPublicSSH().toString('base64')}` };
}

export type CreatedGitStack = DeployStackResult & { commit: string };

/**
 * Makes a stack from a repository: the URL judged, the files read at the ref's newest commit and
 * deployed as the stack's first revision, then the source kept. Nothing is kept when any of it fails.
 */
export async function createGitStack(deps: Deps, actor: Actor, input: CreateGitStackInput, lookup: Lookup = systemLookup): Promise<CreatedGitStack> {
  composeRepoPath(input.composePath);
  const taken = await deps.db.stackRevision.count({ where: { swarmId: input.swarmId, stackName: input.stackName } });
  const source = await deps.db.stackGitSource.count({ where: { swarmId: input.swarmId, stackName: input.stackName } });
  if (taken || source) {
    const said = msg('gitStacks.errors.stackExists', { name: input.stackName });
    throw new AppError('CONFLICT', said, { fieldErrors: { stackName: [issueText(said.key, said.values)] } });
  }
  await screenGitUrl(actor, input.url, lookup);
  const ssh = parseGitAddress(input.url)?.kind === 'ssh';
  const token = ssh ? null : input.token?.trim() || null;
  const key = deployKeyOf(deps, actor, input);
  if (key && !ssh) throw onField('sshKey', msg('gitStacks.errors.sshKeyForHttp'));
  if (ssh && !key) throw onField('sshKey', msg('gitStacks.errors.sshKeyRequired'));
  const hostKey = ssh ? input.hostKey?.trim() || null : null;
  const snapshot = await readGitSnapshot({ url: input.url, ref: input.ref, composePath: input.composePath, token, ssh: key ? { privateKey: key.privateKey, hostKey } : null });
  // The first deploy makes the stack, for the team chosen (its later deploys keep that owner).
  const result = await deployStack(deps, actor, { swarmId: input.swarmId, stackName: input.stackName, composeText: snapshot.composeText, variables: {}, files: snapshot.files, teamId: input.teamId }, { gitCommit: snapshot.commit });
  const id = newId();
  await audited(deps.db, subjectOf(actor), 'stack.git.create', target(input.swarmId, input.stackName), async () => {
    await deps.db.stackGitSource.create({
      data: {
        id, swarmId: input.swarmId, stackName: input.stackName, url: input.url, ref: input.ref, composePath: input.composePath,
        tokenSealed: token ? sealGitToken(deps.keyring, id, token) : null, pollSeconds: input.pollSeconds, autoApply: input.autoApply,
        ...(key ? { sshKeySealed: sealGitKey(deps.keyring, id, key.privateKey), sshPublicKey: key.publicKey, hostKey: hostKey ?? snapshot.hostKey ?? null, hostKeyTrust: hostKey ? 'given' : 'first-use' } : {}),
        seenCommit: snapshot.commit, seenCompose: snapshot.composeText, deployedCommit: snapshot.commit, checkedAt: new Date(), createdById: actor.id,
      },
    });
  }, () => ({ message: `follows ${shownUrl(input.url)} ${input.ref}:${input.composePath}${token ? ' with a token' : ''}${key ? ` with a deploy key, host key ${hostKey ? 'given' : 'trusted on first use'}` : ''}` }));
  await scheduleCheck(deps, id);
  return { ...result, commit: snapshot.commit };
}

/** New git settings for a stack that follows a repository; the next check reads from them. */
export async function updateGitSource(deps: Pick<ServiceDeps, 'db' | 'keyring' | 'gitChecks'>, actor: Actor, input: UpdateGitSourceInput, lookup: Lookup = systemLookup): Promise<void> {
  const row = await findGitSource(deps, input.swarmId, input.stackName);
  composeRepoPath(input.composePath);
  await audited(deps.db, subjectOf(actor), 'stack.git.update', target(input.swarmId, input.stackName), async () => {
    await screenGitUrl(actor, input.url, lookup);
    const token = input.token === undefined ? undefined : input.token.trim() ? sealGitToken(deps.keyring, row.id, input.token.trim()) : null;
    const address = parseGitAddress(input.url);
    const key = deployKeyOf(deps, actor, input);
    if (address?.kind !== 'ssh' && key) throw onField('sshKey', msg('gitStacks.errors.sshKeyForHttp'));
    if (address?.kind === 'ssh' && (key === null || (key === undefined && !row.sshKeySealed))) throw onField('sshKey', msg('gitStacks.errors.sshKeyRequired'));
    // Another server's key is not the old one: trusted anew on first use unless one is given.
    const before = parseGitAddress(row.url);
    const sameServer = address?.kind === 'ssh' && before?.kind === 'ssh' && address.ssh.host === before.ssh.host && address.ssh.port === before.ssh.port;
    const hostKey = address?.kind !== 'ssh' ? { hostKey: null, hostKeyTrust: null } : input.hostKey === undefined ? (sameServer ? {} : { hostKey: null, hostKeyTrust: null }) : input.hostKey.trim() ? { hostKey: input.hostKey.trim(), hostKeyTrust: 'given' } : { hostKey: null, hostKeyTrust: null };
    const keyData = address?.kind !== 'ssh' ? { sshKeySealed: null, sshPublicKey: null } : key ? { sshKeySealed: sealGitKey(deps.keyring, row.id, key.privateKey), sshPublicKey: key.publicKey } : {};
    const moved = input.url !== row.url || input.ref !== row.ref || input.composePath !== row.composePath;
    await deps.db.stackGitSource.update({
      where: { id: row.id },
      data: {
        url: input.url, ref: input.ref, composePath: input.composePath, pollSeconds: input.pollSeconds, autoApply: input.autoApply, paused: input.paused,
        ...(token !== undefined ? { tokenSealed: token } : {}),
        ...keyData,
        ...hostKey,
        // What was seen came from the old settings: the next check reads again.
        ...(moved ? { seenCommit: null, seenCompose: null, checkedAt: null, lastError: null } : {}),
      },
    });
  }, () => ({ message: `follows ${shownUrl(input.url)} ${input.ref}:${input.composePath}${input.sshKey !== undefined || input.generatedKey ? ', deploy key changed' : ''}${input.hostKey !== undefined ? `, host key ${input.hostKey.trim() ? 'given' : 'trusted on next use'}` : ''}${input.paused ? ', paused' : ''}${input.autoApply ? ', applies new commits' : ''}` }));
  await scheduleCheck(deps, row.id);
}

export async function pauseGitSource(deps: Pick<ServiceDeps, 'db' | 'gitChecks'>, actor: Actor, input: { swarmId: string; stackName: string; paused: boolean }): Promise<void> {
  const row = await findGitSource(deps, input.swarmId, input.stackName);
  await audited(deps.db, subjectOf(actor), input.paused ? 'stack.git.pause' : 'stack.git.resume', target(input.swarmId, input.stackName), async () => {
    await deps.db.stackGitSource.update({ where: { id: row.id }, data: { paused: input.paused } });
  });
  await scheduleCheck(deps, row.id);
}

/** The stack's git source as its page shows it, or null for a stack that does not follow a repository. */
export async function readGitSource(deps: Pick<ServiceDeps, 'db'>, swarmId: string, stackName: string, locale: Locale = DEFAULT_LOCALE): Promise<GitSourceView | null> {
  const row = await deps.db.stackGitSource.findUnique({ where: { swarmId_stackName: { swarmId, stackName } } });
  if (!row) return null;
  const running = await deps.db.stackRevision.findFirst({ where: { swarmId, stackName, outcome: 'deployed' }, orderBy: { number: 'desc' }, select: { number: true, composeText: true } });
  return {
    url: shownUrl(row.url),
    ref: row.ref,
    composePath: row.composePath,
    hasToken: row.tokenSealed !== null,
    sshPublicKey: row.sshPublicKey,
    hostKey: row.hostKey,
    hostKeyTrust: row.hostKeyTrust === 'given' || row.hostKeyTrust === 'first-use' ? row.hostKeyTrust : null,
    pollSeconds: row.pollSeconds,
    paused: row.paused,
    autoApply: row.autoApply,
    seenCommit: row.seenCommit,
    seenCompose: row.seenCompose,
    deployedCommit: row.deployedCommit,
    deployedRevision: running,
    checkedAt: row.checkedAt?.toISOString() ?? null,
    lastError: row.lastError === null ? null : localizeText(row.lastError, locale),
  };
}
