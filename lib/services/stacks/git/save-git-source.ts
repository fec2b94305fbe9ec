// A stack made from a git repository, and its git settings (editable after the first deploy),
// pause and the page's view. Where the URL leads is judged before anything is read or saved, by
// the addresses its name resolves to (the registry guard's rule): metadata, link-local and
// unspecified addresses for nobody, the console's own machine only with host.local. The token is
// sealed bound to the source's row and never answered. Each change is audited; the first deploy
// is the deploy service's own (audited there).
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { permissionPhrase } from '@/lib/auth/permissions.ts';
import { newId } from '@/lib/db/new-id.ts';
import { AppError, localizeText } from '@/lib/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';
import type { GitSourceView } from '@/lib/models/stacks/git-source.ts';
import type { CreateGitStackInput, UpdateGitSourceInput } from '@/lib/schemas/git-stacks.ts';
import type { ServiceDeps } from '../../deps.ts';
import { isConsoleMachine, judgeName, systemLookup, type Lookup } from '../../hosts/connection-target.ts';
import { deployStack, type DeployStackResult } from '../deploy-stack.ts';
import { findGitSource, sealGitToken } from './check-git-stack.ts';
import { composeRepoPath, readGitSnapshot, shownUrl } from './read-git-source.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

const target = (swarmId: string, stackName: string) => ({ type: 'stack', id: `${swarmId}/${stackName}`, name: stackName });

function onUrl(said: Message, code: 'FORBIDDEN' | 'PRECONDITION' = 'FORBIDDEN'): AppError {
  return new AppError(code, said, { fieldErrors: { url: [issueText(said.key, said.values)] } });
}

/** Where the repository URL leads, judged: refused addresses for nobody, this machine only with host.local. */
export async function screenGitUrl(actor: Actor, raw: string, lookup: Lookup = systemLookup): Promise<void> {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw onUrl(msg('gitStacks.errors.scheme', { protocol: url.protocol }), 'PRECONDITION');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const { addresses, refused } = await judgeName(host, lookup).catch((error: unknown) => {
    throw onUrl(error instanceof AppError && error.said ? error.said : msg('gitStacks.errors.unreachable', { url: shownUrl(raw), detail: (error as Error).message }), 'PRECONDITION');
  });
  if (refused) throw onUrl(msg('gitStacks.errors.refused', { where: refused }));
  if (addresses.some(isConsoleMachine) && !can(actor, 'host.local')) throw onUrl(msg('gitStacks.errors.consoleMachine', { action: permissionPhrase('host.local') }));
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
  const token = input.token?.trim() || null;
  const snapshot = await readGitSnapshot({ url: input.url, ref: input.ref, composePath: input.composePath, token });
  // The first deploy makes the stack, for the team chosen (its later deploys keep that owner).
  const result = await deployStack(deps, actor, { swarmId: input.swarmId, stackName: input.stackName, composeText: snapshot.composeText, variables: {}, files: snapshot.files, teamId: input.teamId }, { gitCommit: snapshot.commit });
  const id = newId();
  await audited(deps.db, subjectOf(actor), 'stack.git.create', target(input.swarmId, input.stackName), async () => {
    await deps.db.stackGitSource.create({
      data: {
        id, swarmId: input.swarmId, stackName: input.stackName, url: input.url, ref: input.ref, composePath: input.composePath,
        tokenSealed: token ? sealGitToken(deps.keyring, id, token) : null, pollSeconds: input.pollSeconds, autoApply: input.autoApply,
        seenCommit: snapshot.commit, seenCompose: snapshot.composeText, deployedCommit: snapshot.commit, checkedAt: new Date(), createdById: actor.id,
      },
    });
  }, () => ({ message: `follows ${shownUrl(input.url)} ${input.ref}:${input.composePath}${token ? ' with a token' : ''}` }));
  return { ...result, commit: snapshot.commit };
}

/** New git settings for a stack that follows a repository; the next check reads from them. */
export async function updateGitSource(deps: Pick<ServiceDeps, 'db' | 'keyring'>, actor: Actor, input: UpdateGitSourceInput, lookup: Lookup = systemLookup): Promise<void> {
  const row = await findGitSource(deps, input.swarmId, input.stackName);
  composeRepoPath(input.composePath);
  await audited(deps.db, subjectOf(actor), 'stack.git.update', target(input.swarmId, input.stackName), async () => {
    await screenGitUrl(actor, input.url, lookup);
    const token = input.token === undefined ? undefined : input.token.trim() ? sealGitToken(deps.keyring, row.id, input.token.trim()) : null;
    const moved = input.url !== row.url || input.ref !== row.ref || input.composePath !== row.composePath;
    await deps.db.stackGitSource.update({
      where: { id: row.id },
      data: {
        url: input.url, ref: input.ref, composePath: input.composePath, pollSeconds: input.pollSeconds, autoApply: input.autoApply, paused: input.paused,
        ...(token !== undefined ? { tokenSealed: token } : {}),
        // What was seen came from the old settings: the next check reads again.
        ...(moved ? { seenCommit: null, seenCompose: null, checkedAt: null, lastError: null } : {}),
      },
    });
  }, () => ({ message: `follows ${shownUrl(input.url)} ${input.ref}:${input.composePath}${input.paused ? ', paused' : ''}${input.autoApply ? ', applies new commits' : ''}` }));
}

export async function pauseGitSource(deps: Pick<ServiceDeps, 'db'>, actor: Actor, input: { swarmId: string; stackName: string; paused: boolean }): Promise<void> {
  const row = await findGitSource(deps, input.swarmId, input.stackName);
  await audited(deps.db, subjectOf(actor), input.paused ? 'stack.git.pause' : 'stack.git.resume', target(input.swarmId, input.stackName), async () => {
    await deps.db.stackGitSource.update({ where: { id: row.id }, data: { paused: input.paused } });
  });
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
