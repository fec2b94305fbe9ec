// Leadership among the console replicas that share one Postgres. A role that must not run twice
// (watching one host's engine, sending the notification outbox, polling git stacks…) is held by
// the replica holding its advisory lock, taken with pg_try_advisory_lock on a connection of this
// module's own. Postgres releases a session's locks when its connection closes — a replica that
// exits, crashes or is killed loses every role at once — and the other replicas' next round
// (every `intervalMs`) takes them. Owned by the runtime: one per console process.
import 'server-only';
import pg from 'pg';
import type { Logger } from '@/lib/observability/logger.ts';

/** What a replica does while it holds a role: started when taken, stopped when lost or resigned. */
export type Role = { start(): void | Promise<void>; stop(): void | Promise<void> };

/** The first key of Wharf's two-key advisory locks ("WHRF"); the second is hashtext(role name).
 * Two-key locks never overlap the one-key lock that guards migrations (lib/db/migrate.ts). */
export const LOCK_SPACE = 0x57485246;

/** The application_name of a replica's leadership connection: who holds a lock is read from it. */
export const leadershipApplicationName = (replicaId: string) => `wharf-leadership:${replicaId}`;

export type LeadershipOptions = {
  databaseUrl: string;
  replicaId: string;
  log: Logger;
  /** How often a replica tries to take the roles it does not hold (and checks its connection). */
  intervalMs?: number;
};

export const LEADERSHIP_INTERVAL_MS = 2000;

export class Leadership {
  private client: pg.Client | null = null;
  private readonly wanted = new Map<string, Role>();
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly intervalMs: number;

  constructor(private readonly options: LeadershipOptions) {
    this.intervalMs = options.intervalMs ?? LEADERSHIP_INTERVAL_MS;
  }

  /** Connects and runs the first round (roles asked for before start are tried at once). */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Asks for a role: started here whenever this replica takes its lock. */
  lead(name: string, role: Role): void {
    if (this.stopped || this.wanted.has(name)) return;
    this.wanted.set(name, role);
    if (this.timer) void this.tick();
  }

  /** Gives a role up (a removed host): stopped here if held, its lock released. */
  async resign(name: string): Promise<void> {
    const role = this.wanted.get(name);
    this.wanted.delete(name);
    if (!role || !this.held.has(name)) return;
    this.held.delete(name);
    await this.stopRole(name, role);
    await this.client?.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, name]).catch(() => {});
  }

  holds(name: string): boolean {
    return this.held.has(name);
  }

  /** Stops every held role and closes the connection, which releases the locks for the others. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.round.catch(() => {});
    await this.loseAll();
    this.wanted.clear();
  }

  /** One round at a time: take what is free, or notice that the connection (and so every lock) is gone. */
  private tick(): Promise<void> {
    this.round = this.round.then(() => this.takeFree()).catch((error: unknown) => this.options.log.error({ err: error }, 'leadership round failed'));
    return this.round;
  }

  private async takeFree(): Promise<void> {
    if (this.stopped) return;
    const client = this.client ?? (await this.connect());
    if (!client) return;
    try {
      // A held lock lives only as long as this connection: check it answers before relying on it.
      if (this.held.size) await client.query('SELECT 1');
      const free = [...this.wanted.keys()].filter((name) => !this.held.has(name));
      if (!free.length || this.stopped) return;
      // One query for every role not held: a replica following many hosts asks once a round.
      const { rows } = await client.query<{ name: string }>('SELECT name FROM unnest($2::text[]) AS name WHERE pg_try_advisory_lock($1, hashtext(name))', [LOCK_SPACE, free]);
      for (const { name } of rows) {
        const role = this.wanted.get(name);
        if (!role || this.stopped) {
          // Resigned while the lock was being taken.
          await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, name]);
          continue;
        }
        this.held.add(name);
        this.options.log.info({ role: name }, 'took the lead');
        await this.startRole(name, role);
      }
    } catch (error) {
      this.options.log.warn({ err: error }, 'the leadership connection failed: giving up every role until it is back');
      await this.loseAll();
    }
  }

  private async connect(): Promise<pg.Client | null> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: leadershipApplicationName(this.options.replicaId),
      keepAlive: true,
      // A connection that stops answering (a network partition) must not be trusted with locks for long.
      query_timeout: Math.max(this.intervalMs * 2, 5000),
      connectionTimeoutMillis: 5000,
    });
    client.on('error', () => void this.lostConnection(client));
    client.on('end', () => void this.lostConnection(client));
    try {
      await client.connect();
    } catch (error) {
      this.options.log.warn({ err: error }, 'leadership: could not connect to the database; trying again');
      await client.end().catch(() => {});
      return null;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return null;
    }
    this.client = client;
    return client;
  }

  private async lostConnection(client: pg.Client): Promise<void> {
    if (this.client !== client) return;
    await this.loseAll();
  }

  /** The connection is gone or closing: every lock with it, so every held role stops here. */
  private async loseAll(): Promise<void> {
    const client = this.client;
    this.client = null;
    const held = [...this.held];
    this.held.clear();
    for (const name of held) {
      const role = this.wanted.get(name);
      if (role) await this.stopRole(name, role);
    }
    await client?.end().catch(() => {});
  }

  private async startRole(name: string, role: Role): Promise<void> {
    try {
      await role.start();
    } catch (error) {
      this.options.log.error({ err: error, role: name }, 'a role could not start');
    }
  }

  private async stopRole(name: string, role: Role): Promise<void> {
    try {
      await role.stop();
      this.options.log.info({ role: name }, 'gave up the lead');
    } catch (error) {
      this.options.log.error({ err: error, role: name }, 'a role could not stop cleanly');
    }
  }
}

/** Which replica holds a role now (its id), or null: read from Postgres' lock table. */
export async function leaderOf(query: (sql: string, values: unknown[]) => Promise<{ rows: { name: string }[] }>, role: string): Promise<string | null> {
  const prefix = leadershipApplicationName('');
  const { rows } = await query(
    `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = $1::bigint::oid
       AND l.objid = (hashtext($2)::bigint & 4294967295)::oid AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [LOCK_SPACE, role],
  );
  const name = rows[0]?.name;
  return name?.startsWith(prefix) ? name.slice(prefix.length) : null;
}

/** A worker that runs only on the replica leading its role: a fresh one each time the lead is
 * taken, since a stopped worker stays stopped. */
export class LedWorker<W extends { start(): void; stop(): Promise<void> }> implements Role {
  private worker: W | null = null;

  constructor(private readonly make: () => W) {}

  start(): void {
    this.worker = this.make();
    this.worker.start();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.stop();
  }

  /** The worker running here, or null while another replica leads. */
  get current(): W | null {
    return this.worker;
  }
}

/** Work done every `ms` while a role is held (the first time at once): a LedWorker's worker. */
export function periodic(ms: number, run: () => Promise<unknown>, log: Logger): { start(): void; stop(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const once = () => {
    if (running) return;
    running = run()
      .catch((error: unknown) => log.error({ err: error }, 'periodic work failed'))
      .finally(() => {
        running = null;
      });
  };
  return {
    start() {
      once();
      timer = setInterval(once, ms);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
