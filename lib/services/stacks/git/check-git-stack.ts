// Following a stack's repository: a check reads the commit its branch or tag points at now and
// that commit's compose file (recorded as "seen", with any failure said on the stack page), and
// with auto-apply deploys it; an apply reads the seen commit's compose file and the files it names
// and deploys them as a new revision through the one deploy service (its validation, workload
// policy and audit), recording the commit. A failure anywhere before the deploy's engine calls
// leaves the running stack as it was.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { open, seal, type Keyring } from '@/lib/crypto/secret-box.ts';
import { AppError } from '@/lib/errors.ts';
import { msg, storedSaying } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '../../deps.ts';
import { deployStack, vetStackFile, type DeployStackResult } from '../deploy-stack.ts';
import { readGitSnapshot, type GitSnapshot, type GitSourceSpec } from './read-git-source.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'deploys'>;

export type GitSourceRow = {
  id: string;
  swarmId: string;
  stackName: string;
  url: string;
  ref: string;
  composePath: string;
  tokenSealed: string | null;
  sshKeySealed: string | null;
  hostKey: string | null;
  autoApply: boolean;
  seenCommit: string | null;
  deployedCommit: string | null;
  createdById: string;
};

export const gitTokenContext = (id: string) => `stack-git:${id}:token`;
export const sealGitToken = (keyring: Keyring, id: string, token: string) => seal(keyring, token, gitTokenContext(id));

export const gitKeyContext = (id: string) => `stack-git:${id}:ssh-key`;
export const sealGitKey = (keyring: Keyring, id: string, privateKey: string) => seal(keyring, privateKey, gitKeyContext(id));

/** Where to read from, the token or deploy key opened (never leaves the server). */
export const specOf = (keyring: Keyring, row: GitSourceRow): GitSourceSpec => ({
  url: row.url, ref: row.ref, composePath: row.composePath,
  token: row.tokenSealed ? open(keyring, row.tokenSealed, gitTokenContext(row.id)) : null,
  ssh: row.sshKeySealed ? { privateKey: open(keyring, row.sshKeySealed, gitKeyContext(row.id)), hostKey: row.hostKey } : null,
});

/** The host key a read saw, kept when none was pinned (trusted on first use). */
const pinned = (row: GitSourceRow, snapshot: GitSnapshot) => (row.hostKey === null && snapshot.hostKey ? { hostKey: snapshot.hostKey, hostKeyTrust: 'first-use' } : {});

export async function findGitSource(deps: Pick<ServiceDeps, 'db'>, swarmId: string, stackName: string): Promise<GitSourceRow> {
  const row = await deps.db.stackGitSource.findUnique({ where: { swarmId_stackName: { swarmId, stackName } } });
  if (!row) throw new AppError('NOT_FOUND', msg('gitStacks.errors.noSource', { name: stackName }));
  return row;
}

const saidOf = (error: unknown) => storedSaying(error instanceof AppError ? (error.said ?? error.message) : msg('revisionText.unexpected'));

/** Why the compose file at `commit` cannot be deployed, naming the commit. */
const atCommit = (commit: string, error: unknown) => msg('gitStacks.errors.atCommit', { commit: commit.slice(0, 12), reason: error instanceof AppError ? (error.said ?? error.message) : msg('revisionText.unexpected') });

/** Keeps why the last check or apply failed (with the commit, when one was read), for the stack page. */
async function remember(deps: Pick<ServiceDeps, 'db'>, row: GitSourceRow, error: unknown, commit?: string): Promise<never> {
  const lastError = commit ? storedSaying(atCommit(commit, error)) : saidOf(error);
  await deps.db.stackGitSource.update({ where: { id: row.id }, data: { lastError, checkedAt: new Date() } }).catch(() => {});
  throw error;
}

/** Deploys the compose file at `commit` (the seen one when not given; none: the ref's newest) as a new revision. */
export async function applyGitStack(deps: Deps, actor: Actor, ref: { swarmId: string; stackName: string; commit?: string | null }): Promise<DeployStackResult & { commit: string }> {
  const row = await findGitSource(deps, ref.swarmId, ref.stackName);
  let snapshot;
  try {
    snapshot = await readGitSnapshot(specOf(deps.keyring, row), ref.commit ?? undefined);
  } catch (error) {
    return remember(deps, row, error);
  }
  try {
    const result = await deployStack(deps, actor, { swarmId: row.swarmId, stackName: row.stackName, composeText: snapshot.composeText, variables: {}, files: snapshot.files }, { gitCommit: snapshot.commit });
    await deps.db.stackGitSource.update({ where: { id: row.id }, data: { deployedCommit: snapshot.commit, seenCommit: snapshot.commit, seenCompose: snapshot.composeText, lastError: null, checkedAt: new Date(), ...pinned(row, snapshot) } });
    return { ...result, commit: snapshot.commit };
  } catch (error) {
    return remember(deps, row, error, snapshot.commit);
  }
}

export type GitCheck = { commit: string; changed: boolean; applied: number | null };

/**
 * Reads the ref's newest commit and its compose file, kept as seen. A new commit is vetted as a
 * deploy would vet it (the file translates, the workload policy allows it for the one checking) before
 * anything is applied: one that fails is kept as seen with the reason and its commit said on the stack
 * page, and the check fails with it (the running stack untouched). `changed`: it is not the deployed
 * commit; `applied`: the revision an auto-apply deployed.
 */
export async function checkGitStack(deps: Deps, actor: Actor, ref: { swarmId: string; stackName: string }): Promise<GitCheck> {
  const row = await findGitSource(deps, ref.swarmId, ref.stackName);
  let snapshot;
  try {
    snapshot = await readGitSnapshot(specOf(deps.keyring, row));
  } catch (error) {
    return remember(deps, row, error);
  }
  await deps.db.stackGitSource.update({ where: { id: row.id }, data: { seenCommit: snapshot.commit, seenCompose: snapshot.composeText, lastError: null, checkedAt: new Date(), ...pinned(row, snapshot) } });
  const changed = snapshot.commit !== row.deployedCommit;
  if (changed) {
    // Judged, not yet asked for: a refusal here is not audited (an apply of it would be).
    await vetStackFile(deps, actor, { swarmId: row.swarmId, stackName: row.stackName, composeText: snapshot.composeText, variables: {}, files: snapshot.files }, { audit: false }).catch((error: unknown) => remember(deps, row, error, snapshot.commit));
  }
  if (!changed || !row.autoApply) return { commit: snapshot.commit, changed, applied: null };
  const result = await applyGitStack(deps, actor, { ...ref, commit: snapshot.commit });
  return { commit: snapshot.commit, changed, applied: result.revision };
}
