// What every terminal kind ('exec', 'host-ssh') does after it is open: keystrokes in, resize and
// close, on `<kind>:data`, `<kind>:resize` and `<kind>:close`. Only opening differs per kind.
import type { TerminalKind } from '@/lib/realtime/stream-protocol.ts';
import type { StreamSocket } from './stream-types.ts';

type ControlledSession = {
  write(data: string): void;
  resize(cols: number, rows: number): void | Promise<void>;
  close(reason: string): Promise<void>;
};

export function registerTerminalControls(socket: StreamSocket, kind: TerminalKind, sessions: { get(id: string): ControlledSession | undefined }): void {
  // The events of every kind have the same shapes; 'exec' stands for them in the types.
  socket.on(`${kind}:data` as 'exec:data', (message) => {
    if (typeof message?.data !== 'string') return;
    sessions.get(message.sessionId)?.write(message.data);
  });

  socket.on(`${kind}:resize` as 'exec:resize', (message) => {
    const session = sessions.get(message?.sessionId);
    if (!session) return;
    // An out-of-range size is ignored.
    void Promise.resolve()
      .then(() => session.resize(Number(message.cols), Number(message.rows)))
      .catch(() => {});
  });

  socket.on(`${kind}:close` as 'exec:close', (message) => {
    void sessions.get(message?.sessionId)?.close('Closed by the user.');
  });
}
