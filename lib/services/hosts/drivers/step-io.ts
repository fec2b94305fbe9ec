// The contract between a provisioning job and the pieces that do the work on a machine (SSH
// configuration, the local sandbox, a cloud API). Each piece receives a StepIo, logs what it does
// for the user to watch, honours cancellation, and throws an AppError that says what went wrong
// and what to do; anything else is treated as unexpected by the job runner.
import 'server-only';
import type { Message } from '@/lib/i18n/message.ts';

/** The TLS port Wharf configures every provisioned engine to listen on (as Docker Machine did). */
export const ENGINE_TLS_PORT = 2376;

export interface StepIo {
  /** Aborted when the user cancels the job or the console shuts down. Check it between commands and pass it on. */
  readonly signal: AbortSignal;
  /** One line of the step's log, shown live to the user: what Wharf says as a message (shown in
   * each reader's language), a machine's or a program's output as the text it printed. Never pass
   * secrets (keys, tokens). */
  log(line: LogLine): void;
}

/** A log line: Wharf's own words as a message, or output as it was printed. */
export type LogLine = string | Message;

/** PEM files a provisioned engine needs: its host's own CA (the only one whose client certificates it accepts) and the engine's server certificate and key. */
export interface EngineTlsFiles {
  caPem: string;
  certPem: string;
  keyPem: string;
}

/** How Wharf logs in to a machine over SSH. */
export interface SshLogin {
  host: string;
  port: number;
  username: string;
  /** OpenSSH or PEM private key. */
  privateKey: string;
  /** "SHA256:…" fingerprint to require, or null to accept and pin the key seen (first use). */
  hostKey: string | null;
}

/** Throws the abort reason (an AppError from the runner) when the job was cancelled. */
export function throwIfCancelled(io: StepIo): void {
  if (io.signal.aborted) throw io.signal.reason instanceof Error ? io.signal.reason : new Error('Cancelled');
}

/**
 * Waits `ms` between two attempts, or less when the job is cancelled meanwhile: the wait then ends
 * at once and the caller's next throwIfCancelled stops the step.
 */
export function pauseStep(io: StepIo, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      io.signal.removeEventListener('abort', done);
      resolve();
    }
    io.signal.addEventListener('abort', done, { once: true });
  });
}
