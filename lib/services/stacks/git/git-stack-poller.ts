// Checks the stacks that follow a git repository on their intervals (with jitter, see
// dueForCheck), one at a time, as the user who set each one up (their current grants: a disabled
// or removed creator's stack is not applied). A paused stack is not checked. Owned by the runtime:
// started with the console.
import 'server-only';
import { actorOfUser } from '@/lib/auth/actor-of-user.ts';
import { isDatabaseUnavailable } from '@/lib/database-unavailable.ts';
import { dueForCheck } from '@/lib/models/stacks/git-source.ts';
import { log } from '@/lib/observability/logger.ts';
import type { ServiceDeps } from '../../deps.ts';
import { checkGitStack } from './check-git-stack.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'deploys'>;

export class GitStackPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly deps: Deps,
    private readonly options: { tickMs?: number; random?: () => number } = {},
  ) {}

  start(): void {
    if (this.timer || this.stopped) return;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.round()
        .then(() => undefined)
        .catch((error: unknown) => {
          if (!isDatabaseUnavailable(error)) log('git-stacks').error({ err: error }, 'a round of git checks failed');
        })
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.options.tickMs ?? 15_000);
    this.timer.unref();
  }

  /** Checks every source that is due; answers how many were checked. */
  async round(now = new Date()): Promise<number> {
    const random = this.options.random ?? Math.random;
    const sources = await this.deps.db.stackGitSource.findMany({ where: { paused: false }, select: { swarmId: true, stackName: true, paused: true, pollSeconds: true, checkedAt: true, createdById: true, id: true } });
    let checked = 0;
    for (const source of sources) {
      if (this.stopped || !dueForCheck(source, now, random())) continue;
      const actor = await actorOfUser(this.deps.db, source.createdById, { sessionId: `git-stack:${source.id}`, ip: null });
      if (!actor) continue;
      checked++;
      // A failure is kept on the source and said on the stack page.
      await checkGitStack(this.deps, actor, source).catch(() => {});
    }
    return checked;
  }
}
