'use client';
// One terminal: xterm with the fit addon, bound to an exec session over the streams socket.
// Keystrokes go out as they are typed (pastes in pieces under the socket's message limit),
// output is written as it comes, and every change of the element's size (window resize,
// layout) is fitted and sent as the new cols/rows. Copy and paste are xterm's own.
import type { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { ExecShell } from '@/lib/realtime/stream-protocol.ts';
import { request, type StreamsSocket } from './log-viewer-socket.tsx';

const CHUNK = 16 * 1024;

export type TerminalSpec = { key: number; hostId: string; containerId: string; shell: ExecShell; user?: string; workdir?: string; label: string };

export function TerminalSession({ socket, spec, onState }: { socket: StreamsSocket; spec: TerminalSpec; onState: (state: 'open' | 'closed', detail?: string) => void }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const sessionRef = useRef<string | null>(null);
  const [size, setSize] = useState<{ cols: number; rows: number } | null>(null);
  const onStateRef = useRef(onState);
  onStateRef.current = onState;

  useEffect(() => {
    let disposed = false;
    let term: Terminal | null = null;
    let fit: FitAddon | null = null;
    let observer: ResizeObserver | null = null;
    const offs: (() => void)[] = [];

    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
      if (disposed || !hostRef.current) return;
      term = new Terminal({ cursorBlink: true, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13, scrollback: 5000 });
      fit = new FitAddon();
      term.loadAddon(fit);
      term.open(hostRef.current);
      fit.fit();
      setSize({ cols: term.cols, rows: term.rows });

      const onData = (m: { sessionId: string; data: string }) => m.sessionId === sessionRef.current && term?.write(m.data);
      const onExit = (m: { sessionId: string; reason: string }) => {
        if (m.sessionId !== sessionRef.current) return;
        term?.write(`\r\n\x1b[2m[${m.reason}]\x1b[0m\r\n`);
        sessionRef.current = null;
        onStateRef.current('closed', m.reason);
      };
      // The server ends every session of a socket that goes away.
      const onDisconnect = () => sessionRef.current && onExit({ sessionId: sessionRef.current, reason: 'The connection to the console was lost.' });
      socket.on('exec:data', onData);
      socket.on('exec:exit', onExit);
      socket.on('disconnect', onDisconnect);
      offs.push(() => socket.off('exec:data', onData), () => socket.off('exec:exit', onExit), () => socket.off('disconnect', onDisconnect));

      const ack = await request<{ sessionId: string; command: string[] }>(socket, 'exec:open', {
        hostId: spec.hostId,
        containerId: spec.containerId,
        shell: spec.shell,
        user: spec.user || undefined,
        workdir: spec.workdir || undefined,
        cols: term.cols,
        rows: term.rows,
      });
      if (disposed) {
        if (ack.ok) socket.emit('exec:close', { sessionId: ack.data.sessionId });
        return;
      }
      if (!ack.ok) {
        term.write(`\x1b[31m${ack.error}\x1b[0m\r\n`);
        onStateRef.current('closed', ack.error);
        return;
      }
      const sessionId = ack.data.sessionId;
      sessionRef.current = sessionId;
      onStateRef.current('open');
      const input = term.onData((data) => {
        if (sessionRef.current !== sessionId) return;
        for (let i = 0; i < data.length; i += CHUNK) socket.emit('exec:data', { sessionId, data: data.slice(i, i + CHUNK) });
      });
      offs.push(() => input.dispose());
      // Fit to the element whenever it changes size, and tell the engine.
      const refit = () => {
        if (!term || !fit) return;
        const before = `${term.cols}x${term.rows}`;
        fit.fit();
        if (`${term.cols}x${term.rows}` !== before && sessionRef.current) {
          socket.emit('exec:resize', { sessionId: sessionRef.current, cols: term.cols, rows: term.rows });
          setSize({ cols: term.cols, rows: term.rows });
        }
      };
      observer = new ResizeObserver(refit);
      observer.observe(hostRef.current);
      window.addEventListener('resize', refit);
      offs.push(() => window.removeEventListener('resize', refit));
      // In case the size changed while the session was opening.
      refit();
      term.focus();
    })();

    return () => {
      disposed = true;
      observer?.disconnect();
      for (const off of offs) off();
      if (sessionRef.current) socket.emit('exec:close', { sessionId: sessionRef.current });
      sessionRef.current = null;
      term?.dispose();
    };
  }, [socket, spec]);

  return (
    <div className="flex flex-col gap-1">
      <div ref={hostRef} role="region" aria-label={spec.label} className="h-[60vh] w-full overflow-hidden rounded-md border border-border bg-black p-1" />
      <p className="text-xs text-muted" aria-live="polite">
        {size ? `${size.cols} × ${size.rows}` : 'Starting…'}
      </p>
    </div>
  );
}
