// What services are given to do their work. Each service takes only the parts it uses.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import type { ChangeFeed } from '@/lib/events/change-feed.ts';
import type { Keyring } from '@/lib/crypto/secret-box.ts';
import type { EngineClients } from '@/lib/services/engine/engine-clients.ts';
import type { PullQueue } from '@/lib/services/containers/pull-queue.ts';
import type { DeployQueue } from '@/lib/services/stacks/deploy-queue.ts';
import type { NotificationQueue } from '@/lib/services/notifications/notification-queue.ts';
import type { GitCheckQueue } from '@/lib/services/stacks/git/git-check-queue.ts';

export type ServiceDeps = {
  db: Db;
  changes: ChangeFeed;
  keyring: Keyring;
  engines: EngineClients;
  /** The job queues image pulls and pushes go through (lib/services/containers/pull-queue.ts). */
  pulls: Pick<PullQueue, 'enqueue' | 'enqueuePush'>;
  /** The job queue stack deploys go through (lib/services/stacks/deploy-queue.ts). */
  deploys: Pick<DeployQueue, 'enqueue'>;
  /** The job queue the notification outbox is sent through (lib/services/notifications/notification-queue.ts). */
  notices: Pick<NotificationQueue, 'enqueue'>;
  /** The job queue stacks that follow git are checked through (lib/services/stacks/git/git-check-queue.ts). */
  gitChecks: Pick<GitCheckQueue, 'schedule' | 'unschedule'>;
  sessionHours: number;
  /** How long a docker CLI bundle's certificate lasts (WHARF_CLI_BUNDLE_DAYS). */
  cliBundleDays: number;
};
