// Types shared by the stream handlers.
import 'server-only';
import type { Namespace, Socket } from 'socket.io';
import type { Db } from '@/lib/db/client.ts';
import type { StreamClientToServer, StreamServerToClient } from '@/lib/realtime/stream-protocol.ts';
import type { EngineClients } from '@/lib/services/engine/engine-clients.ts';
import type { HostSshDeps } from '@/lib/services/hosts/ssh/host-ssh-login.ts';
import type { DoorSocketData } from '../socket-door.ts';

export type StreamsDeps = {
  db: Db;
  /** Resolved when first needed (the runtime may install the clients after the server starts). */
  engines: () => { db: Db; engines: EngineClients };
  /** For SSH terminals on provisioned machines: the keyring opens a machine's key, the drivers say
   * where to log in. Resolved when first needed, like `engines`. */
  machines: () => HostSshDeps;
  /** A terminal (exec or SSH) with no traffic either way for this long is closed. */
  execIdleMs: number;
};

export type StreamSocketData = DoorSocketData & {
  /** Aborted when the socket goes: cancels engine requests still under way. */
  abort: AbortController;
};

export type StreamSocket = Socket<StreamClientToServer, StreamServerToClient, Record<string, never>, StreamSocketData>;
export type StreamNamespace = Namespace<StreamClientToServer, StreamServerToClient, Record<string, never>, StreamSocketData>;
