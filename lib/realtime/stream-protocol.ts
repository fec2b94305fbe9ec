// The socket.io protocol for log streams and terminals, shared by lib/realtime/server/streams and
// the browser (components/streams/).
// It lives on its own namespace, STREAMS_NAMESPACE, multiplexed over the tab's one WebSocket
// connection (same Manager), so the live-updates socket and its host rooms are untouched and
// stream sockets get their own checks.

import type { Result } from '@/lib/errors.ts';
import type { HostStatsSnapshot, StatsSample } from '@/lib/models/stats/stats-math.ts';

export const STREAMS_NAMESPACE = '/streams';

export type LogStreamKind = 'stdout' | 'stderr';

/** One log line. `ts` is the engine's RFC 3339 timestamp with nanoseconds (always asked for: it is
 * how a reconnect resumes without gap or duplicate, and how older lines are fetched). Service
 * lines carry the task and node they came from; a Compose project's merged lines, their container's name. */
export type LogLine = { ts: string; stream: LogStreamKind; text: string; task?: string; node?: string; container?: string };

export type LogSource =
  | { kind: 'container'; hostId: string; containerId: string }
  | { kind: 'service'; swarmId: string; serviceId: string }
  /** Every container of a Compose project on a host, merged in time order. */
  | { kind: 'project'; hostId: string; project: string };

export type LogQuery = {
  source: LogSource;
  /** RFC 3339 timestamp (inclusive, like the engine). */
  since?: string;
  /** RFC 3339 timestamp (inclusive, like the engine). */
  until?: string;
  /** How many of the last lines; omitted = all. */
  tail?: number;
  stdout: boolean;
  stderr: boolean;
};

/** A follow: after a reconnect the browser asks again from the last timestamp it has and drops
 * the lines it already holds at that instant itself (lib/models/logs/log-resume.ts). */
export type LogFollowRequest = LogQuery;

/** History read without following: older lines (until + limit) or a text search over history. */
export type LogHistoryRequest = LogQuery & { limit: number; filter?: string };

/** A request's answer: the same Result as server actions give (an error has a code, a message and
 * sometimes field errors). */
export type Ack<T> = Result<T>;

export type ExecShell = { kind: 'sh' } | { kind: 'bash' } | { kind: 'command'; argv: string[] };

export type ExecOpenRequest = {
  hostId: string;
  containerId: string;
  shell: ExecShell;
  user?: string;
  workdir?: string;
  cols: number;
  rows: number;
};

/** A shell on the machine behind a provisioned host (host.ssh), over SSH with a pty. The server
 * decides where it logs in (the host's driver) and always checks the host key pinned at
 * provisioning. */
export type HostSshOpenRequest = { hostId: string; cols: number; rows: number };
/** `login` is user@address:port; `hostKey` the "SHA256:…" fingerprint the machine presented
 * (the pinned one: any other is refused). */
export type HostSshOpened = { sessionId: string; login: string; hostKey: string };

/** The kinds of terminal on the namespace. Each has `<kind>:open` (with an ack), `<kind>:data`,
 * `<kind>:resize` and `<kind>:close` from the browser, and `<kind>:data` and `<kind>:exit` back,
 * the same messages for every kind; only what `open` takes and answers differs. */
export type TerminalKind = 'exec' | 'host-ssh';

/** Live stats of one container (lib/models/stats/stats-math.ts computes the sample). */
export type StatsWatchRequest = { hostId: string; containerId: string };
/** Totals and top lists of a host's running containers. */
export type HostStatsWatchRequest = { hostId: string };

export type EventsScope = { kind: 'host'; hostId: string } | { kind: 'swarm'; swarmId: string };
/** Engine events of a host, or a swarm's cluster events (through a manager). Empty lists: all. */
export type EventsFollowRequest = { scope: EventsScope; types?: string[]; actions?: string[]; sinceSeconds?: number };
export type FeedEvent = { key: string; time: string; type: string; action: string; detail: string; actorId: string; name: string; attributes: Record<string, string> };

export interface StreamServerToClient {
  'stats:sample': (message: { watchId: string; sample: StatsSample }) => void;
  'stats:host': (message: { watchId: string; snapshot: HostStatsSnapshot }) => void;
  'stats:end': (message: { watchId: string; reason: string }) => void;
  'events:batch': (message: { streamId: string; events: FeedEvent[] }) => void;
  'events:end': (message: { streamId: string; reason: string }) => void;
  'logs:lines': (message: { streamId: string; lines: LogLine[] }) => void;
  'logs:end': (message: { streamId: string; reason: string }) => void;
  'exec:data': (message: { sessionId: string; data: string }) => void;
  'exec:exit': (message: { sessionId: string; reason: string }) => void;
  'host-ssh:data': (message: { sessionId: string; data: string }) => void;
  'host-ssh:exit': (message: { sessionId: string; reason: string }) => void;
  'session:ended': (message: { reason: string }) => void;
  /** The session could not be checked (no database): the socket is dropped with its streams and comes back. */
  'session:suspended': (message: { reason: string }) => void;
}

export interface StreamClientToServer {
  'logs:follow': (request: LogFollowRequest, ack: (result: Ack<{ streamId: string }>) => void) => void;
  'logs:stop': (message: { streamId: string }) => void;
  'logs:history': (request: LogHistoryRequest, ack: (result: Ack<{ lines: LogLine[]; scanned: number; complete: boolean }>) => void) => void;
  'exec:open': (request: ExecOpenRequest, ack: (result: Ack<{ sessionId: string; command: string[] }>) => void) => void;
  'exec:data': (message: { sessionId: string; data: string }) => void;
  'exec:resize': (message: { sessionId: string; cols: number; rows: number }) => void;
  'exec:close': (message: { sessionId: string }) => void;
  'host-ssh:open': (request: HostSshOpenRequest, ack: (result: Ack<HostSshOpened>) => void) => void;
  'host-ssh:data': (message: { sessionId: string; data: string }) => void;
  'host-ssh:resize': (message: { sessionId: string; cols: number; rows: number }) => void;
  'host-ssh:close': (message: { sessionId: string }) => void;
  'stats:watch': (request: StatsWatchRequest, ack: (result: Ack<{ watchId: string }>) => void) => void;
  'stats:host-watch': (request: HostStatsWatchRequest, ack: (result: Ack<{ watchId: string }>) => void) => void;
  'stats:unwatch': (message: { watchId: string }) => void;
  'events:follow': (request: EventsFollowRequest, ack: (result: Ack<{ streamId: string; via: string }>) => void) => void;
  'events:stop': (message: { streamId: string }) => void;
}

/** Every event a browser may send on the namespace; the server registers each through its socket
 * door (lib/realtime/server/socket-door.ts), and a test checks that the two lists agree. */
export const STREAM_CLIENT_EVENTS = [
  'logs:follow', 'logs:stop', 'logs:history',
  'exec:open', 'exec:data', 'exec:resize', 'exec:close',
  'host-ssh:open', 'host-ssh:data', 'host-ssh:resize', 'host-ssh:close',
  'stats:watch', 'stats:host-watch', 'stats:unwatch',
  'events:follow', 'events:stop',
] as const satisfies readonly (keyof StreamClientToServer)[];
// Fails to compile when an event of StreamClientToServer is missing from the list above.
const everyClientEvent: Record<keyof StreamClientToServer, true> = Object.fromEntries(STREAM_CLIENT_EVENTS.map((e) => [e, true])) as Record<(typeof STREAM_CLIENT_EVENTS)[number], true>;
void everyClientEvent;

/** The events that are requests (they carry an acknowledgement), and what each answers. */
export type StreamRequest = {
  [K in keyof StreamClientToServer]: Parameters<StreamClientToServer[K]> extends [unknown, (result: never) => void] ? K : never;
}[keyof StreamClientToServer];
export type RequestPayload<E extends StreamRequest> = Parameters<StreamClientToServer[E]>[0];
export type RequestReply<E extends StreamRequest> = Parameters<StreamClientToServer[E]>[1] extends (result: Ack<infer R>) => void ? R : never;
