// Whether the console's database answers, checked every few seconds and on demand. The probes
// (/readyz) and the page shown while the database is away read it; it changes nothing itself.
import 'server-only';
import type { Db } from './client.ts';
import type { DatabaseState } from '@/lib/http/probe-answers.ts';

const CHECK_EVERY_MS = 2_000;
const ANSWER_WITHIN_MS = 3_000;

export class DatabaseHealth {
  private state: DatabaseState;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<boolean> | null = null;

  constructor(
    private readonly db: Db,
    options: { own: boolean },
    private readonly log: (line: string) => void = () => {},
  ) {
    this.state = { ready: true, since: Date.now(), own: options.own };
  }

  start(): void {
    this.timer ??= setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  current(): DatabaseState {
    return this.state;
  }

  /** Asks the database now (one question at a time); resolves with whether it answered. */
  check(): Promise<boolean> {
    this.checking ??= this.ask().finally(() => (this.checking = null));
    return this.checking;
  }

  private async ask(): Promise<boolean> {
    let timeout: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new Error('no answer')), ANSWER_WITHIN_MS);
    });
    const answered = await Promise.race([this.db.$queryRaw`SELECT 1`, late]).then(
      () => true,
      () => false,
    );
    clearTimeout(timeout);
    if (answered !== this.state.ready) {
      this.state = { ...this.state, ready: answered, since: Date.now() };
      this.log(answered ? 'Database: answering again' : 'Database: not answering; pages say so and /readyz reports not ready');
    }
    return answered;
  }
}
