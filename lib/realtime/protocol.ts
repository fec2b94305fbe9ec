// The socket.io protocol between the console server and browsers: event names and payloads.
// Shared by lib/realtime/server and lib/realtime/client.
import type { EngineFacts } from '@/lib/models/hosts/engine-facts.ts';
import type { EngineEvent } from '@/lib/services/inventory/engine-events.ts';
import type { HostStatus } from '@/lib/services/hosts/host-view.ts';

export const SOCKET_PATH = '/socket.io';

export type HostStatusMessage = { hostId: string; status: HostStatus; reason: string | null; since: string };
export type HostFactsMessage = { hostId: string; facts: EngineFacts; at: string };
export type HostChangedMessage = { hostId: string; change: 'added' | 'updated' | 'removed' };
export type EngineEventMessage = { hostId: string; event: EngineEvent };
export type SessionEndedMessage = { reason: string };
export type ProvisionUpdatedMessage = { jobId: string };

export interface ServerToClientEvents {
  'host:status': (message: HostStatusMessage) => void;
  'host:facts': (message: HostFactsMessage) => void;
  'host:changed': (message: HostChangedMessage) => void;
  'engine:event': (message: EngineEventMessage) => void;
  'session:ended': (message: SessionEndedMessage) => void;
  /** The session could not be checked (the database did not answer): the socket is dropped and comes back (reconnect-policy.ts). */
  'session:suspended': (message: SessionEndedMessage) => void;
  /** Sent to users who may provision hosts: re-read the run. */
  'provision:updated': (message: ProvisionUpdatedMessage) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

export const hostRoom = (hostId: string) => `host:${hostId}`;
