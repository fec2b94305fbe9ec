// One terminal session, whatever is behind it (a container exec, a shell over SSH): bytes both
// ways, decoded as UTF-8; resize; an idle timer; and one way to end — on close, on idle, when
// its owner loses access (the socket layer calls close), or when the far side ends — after which
// the back end hangs up, the end is audited with why and how long, and `onExit` is called once.
// A back end says only how to reach its far side; everything a session does is here.
import 'server-only';
import { sayReason, type EndReason } from '../end-reason.ts';
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { recordAudit, type AuditTarget } from '@/lib/audit/record-audit.ts';
import type { Db } from '@/lib/db/client.ts';
import { checkTerminalSize } from './exec-command.ts';
import { IdleTimer } from './idle-timer.ts';
import { log } from '@/lib/observability/logger.ts';

export const DEFAULT_TERMINAL_IDLE_MS = 15 * 60_000;
/** Waits between tries to record the end of a session when the database does not answer (about 15 s in all). */
const END_RECORD_RETRIES_MS = [500, 1000, 2000, 4000, 8000];

/** WHARF_EXEC_IDLE_MINUTES, else 15 minutes: for every kind of terminal. */
export function terminalIdleMsFromEnv(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.WHARF_EXEC_IDLE_MINUTES);
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : DEFAULT_TERMINAL_IDLE_MS;
}

export type TerminalEvents = {
  onData: (data: string) => void;
  /** Called once, after the session is closed, cleaned up and its end recorded. */
  onExit: (reason: EndReason) => void;
};

/** How a kind of terminal reaches its far side. */
export type TerminalBackend = {
  /** What the far side writes (a pty's output; SSH may also send stderr apart). */
  outputs: readonly Readable[];
  /** Pausing it stops the far side (flow control while the browser is behind). */
  flow: Readable;
  write(data: string): void;
  resize(size: { cols: number; rows: number }): void | Promise<void>;
  /** Subscribes to the far side ending by itself, with the reason to show. */
  onEnd(ended: (reason: EndReason) => void): void;
  /** Hangs up. Resolves with a note when something may still run over there (it is audited). */
  hangUp(): Promise<string | null>;
};

/** How the end is recorded: the action, the target, and what the session was ("command ["sh"]"). */
export type TerminalAudit = { db: Db; actor: Actor; action: string; target: AuditTarget; describe: string };

export class TerminalSession<About = unknown> {
  readonly id = randomBytes(12).toString('hex');
  readonly startedAt = Date.now();
  private closing: Promise<void> | null = null;
  private readonly idle: IdleTimer;

  constructor(
    /** What this session is, for its opener's answer (the command; where SSH logged in). */
    readonly about: About,
    private readonly backend: TerminalBackend,
    private readonly audit: TerminalAudit,
    private readonly events: TerminalEvents,
    idleMs: number = DEFAULT_TERMINAL_IDLE_MS,
  ) {
    this.idle = new IdleTimer(idleMs, (message) => void this.close(message));
    backend.onEnd((reason) => void this.close(reason));
    this.touch();
  }

  /** Starts delivering output (after the caller has told its client the session's id). */
  begin(): void {
    if (this.closing) return;
    for (const output of this.backend.outputs) {
      const decoder = new StringDecoder('utf8');
      output.on('data', (chunk: Buffer) => {
        this.touch();
        const text = decoder.write(chunk);
        if (text) this.events.onData(text);
      });
    }
  }

  /** The far side's output, for flow control. */
  get output(): Readable {
    return this.backend.flow;
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  private touch(): void {
    if (!this.closing) this.idle.touch();
  }

  write(data: string): void {
    if (this.closing || typeof data !== 'string') return;
    this.touch();
    this.backend.write(data);
  }

  /** An out-of-range size is refused (AppError). */
  async resize(cols: number, rows: number): Promise<void> {
    if (this.closing) return;
    await this.backend.resize(checkTerminalSize(cols, rows));
  }

  /** Ends the session; safe to call many times (the first reason wins). */
  close(reason: EndReason): Promise<void> {
    this.closing ??= this.shutdown(reason);
    return this.closing;
  }

  private async shutdown(reason: EndReason): Promise<void> {
    this.idle.stop();
    for (const output of this.backend.outputs) output.removeAllListeners('data');
    let leftBehind: string | null;
    try {
      leftBehind = await this.backend.hangUp();
    } catch (error) {
      log('terminal').error({ err: error }, 'could not check that the session ended');
      leftBehind = 'Something may still run on the other side.';
    }
    const seconds = Math.round((Date.now() - this.startedAt) / 1000);
    const end = {
      subject: subjectOf(this.audit.actor),
      action: this.audit.action,
      target: this.audit.target,
      result: leftBehind ? ('failed' as const) : ('succeeded' as const),
      message: `${this.audit.describe}; ${sayReason(reason)} After ${seconds} s.${leftBehind ? ` ${leftBehind}` : ''}`.slice(0, 500),
    };
    // The end is recorded even when the database was away for a moment (a restart ends sessions too).
    for (let attempt = 0; ; attempt++) {
      try {
        await recordAudit(this.audit.db, end);
        break;
      } catch (error) {
        if (attempt >= END_RECORD_RETRIES_MS.length) {
          log('audit').error({ err: error }, 'could not record the end of a terminal session');
          break;
        }
        await new Promise((r) => setTimeout(r, END_RECORD_RETRIES_MS[attempt]));
      }
    }
    this.events.onExit(reason);
  }
}
