// What first-run setup asks for besides a username and password: proof of access to the machine
// (a one-time token the console makes at start and prints once in its output, never stored: the
// gate keeps only its SHA-256, in memory), and a request addressed to one of the console's own
// names (lib/models/net/own-host.ts), so a page on another name pointed at this machine (DNS
// rebinding) cannot make the first administrator. Owned by the runtime; the token works until the
// first administrator exists, and a restart makes a new one.
import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import { isOwnHost, type ConsoleNames } from '@/lib/models/net/own-host.ts';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The console's own names, read afresh each time (interfaces come and go). */
export function machineNames(config: { publicUrl: string | undefined; host: string }): () => ConsoleNames {
  return () => ({
    publicHost: config.publicUrl ? new URL(config.publicUrl).hostname : null,
    hostnames: [os.hostname()],
    addresses: [config.host, ...Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address))],
  });
}

/** The line the console prints at start while setup is open: the one place the token appears. */
export function setupTokenLine(url: string, token: string): string {
  return `First-run setup: open ${url}/setup and enter the setup token ${token}`;
}

export class SetupGate {
  private tokenDigest: Buffer | null;

  private constructor(
    token: string | null,
    private readonly names: () => ConsoleNames,
  ) {
    this.tokenDigest = token ? digest(token) : null;
  }

  /**
   * At start: while setup is `needed`, a fresh token, returned here once for the console to print
   * (the gate keeps only its digest); otherwise no token, and setup is closed.
   */
  static open(needed: boolean, names: () => ConsoleNames): { gate: SetupGate; token: string | null } {
    const token = needed ? randomBytes(24).toString('base64url') : null;
    return { gate: new SetupGate(token, names), token };
  }

  get isOpen(): boolean {
    return this.tokenDigest !== null;
  }

  /** Whether a Host header names this console. */
  ownHost(host: string | null | undefined): boolean {
    return isOwnHost(host, this.names());
  }

  /** Compares in constant time (digests of equal length, whatever was typed). */
  tokenMatches(candidate: string): boolean {
    if (!this.tokenDigest) return false;
    return timingSafeEqual(digest(candidate.trim()), this.tokenDigest);
  }

  /** The first administrator exists: the token stops working. */
  close(): void {
    this.tokenDigest = null;
  }
}
