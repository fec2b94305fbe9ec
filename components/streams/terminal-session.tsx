'use client';
// One terminal: xterm with the fit addon, bound to a session over the streams socket: an exec in
// a container, or SSH on a provisioned host's machine (the terminal kinds of
// lib/realtime/stream-protocol.ts share their data, resize, close and exit messages; only the
// open request differs). Keystrokes go out as they are typed (pastes in pieces under the
// socket's message limit), output is written as it comes, and every change of the element's size
// (window resize, layout) is fitted and sent as the new cols/rows. Copy and paste are xterm's own.
import type { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useTranslations } from 'next-intl';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { ExecOpenRequest, HostSshOpened, HostSshOpenRequest, TerminalKind } from '@/lib/realtime/stream-protocol.ts';
import type { RequestPayload } from '@/lib/realtime/stream-protocol.ts';
import { request, type Ack, type StreamsSocket } from './streams-socket.tsx';

const CHUNK = 16 * 1024;

/** What to open: the kind of terminal and its request (the size is the terminal's own). */
export type TerminalOpen = { kind: 'exec'; request: Omit<ExecOpenRequest, 'cols' | 'rows'> } | { kind: 'host-ssh'; request: Omit<HostSshOpenRequest, 'cols' | 'rows'> };

/** `label` names the terminal's region (role="region"), for people and tests. */
export type TerminalSpec = { key: number; label: string; open: TerminalOpen };

type Opened = { sessionId: string; command?: string[] } & Partial<Omit<HostSshOpened, 'sessionId'>>;


type SessionMessage = { sessionId: string; data: string };
type ExitMessage = { sessionId: string; reason: string };

/** The socket seen through one kind's events (every kind's messages have the same shapes). */
function terminalEvents(socket: StreamsSocket, kind: TerminalKind) {
  const on = socket.on.bind(socket) as unknown as (event: string, listener: (message: never) => void) => void;
  const off = socket.off.bind(socket) as unknown as (event: string, listener: (message: never) => void) => void;
  const emit = socket.emit.bind(socket) as unknown as (event: string, message: unknown) => void;
  return {
    onData: (listener: (m: SessionMessage) => void) => (on(`${kind}:data`, listener), () => off(`${kind}:data`, listener)),
    onExit: (listener: (m: ExitMessage) => void) => (on(`${kind}:exit`, listener), () => off(`${kind}:exit`, listener)),
    send: (sessionId: string, data: string) => emit(`${kind}:data`, { sessionId, data }),
    resize: (sessionId: string, cols: number, rows: number) => emit(`${kind}:resize`, { sessionId, cols, rows }),
    close: (sessionId: string) => emit(`${kind}:close`, { sessionId }),
  };
}

export function TerminalSession({ socket, spec, onState }: { socket: StreamsSocket; spec: TerminalSpec; onState: (state: 'open' | 'closed', detail?: string) => void }) {
  const t = useTranslations('streams.terminal');
  /** A line about what opened: the command, or where SSH logged in and the key it verified. */
  const describeOpened = useEffectEvent((data: Opened): string | undefined => (data.login ? t('pinned', { login: data.login, hostKey: data.hostKey ?? '' }) : data.command?.join(' ')));
  const connectionLost = useEffectEvent(() => t('connectionLost'));
  const hostRef = useRef<HTMLDivElement>(null);
  const sessionRef = useRef<string | null>(null);
  const [size, setSize] = useState<{ cols: number; rows: number } | null>(null);
  const reportState = useEffectEvent(onState);

  useEffect(() => {
    let disposed = false;
    let term: Terminal | null = null;
    let fit: FitAddon | null = null;
    let observer: ResizeObserver | null = null;
    const offs: (() => void)[] = [];
    const events = terminalEvents(socket, spec.open.kind);

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
        reportState('closed', m.reason);
      };
      // The server ends every session of a socket that goes away.
      const onDisconnect = () => sessionRef.current && onExit({ sessionId: sessionRef.current, reason: connectionLost() });
      offs.push(events.onData(onData), events.onExit(onExit));
      socket.on('disconnect', onDisconnect);
      offs.push(() => socket.off('disconnect', onDisconnect));

      const ack = (await request(socket, `${spec.open.kind}:open` as 'exec:open', { ...spec.open.request, cols: term.cols, rows: term.rows } as RequestPayload<'exec:open'>)) as Ack<Opened>;
      if (disposed) {
        if (ack.ok) events.close(ack.data.sessionId);
        return;
      }
      if (!ack.ok) {
        term.write(`\x1b[31m${ack.error.message}\x1b[0m\r\n`);
        reportState('closed', ack.error.message);
        return;
      }
      const sessionId = ack.data.sessionId;
      sessionRef.current = sessionId;
      reportState('open', describeOpened(ack.data));
      const input = term.onData((data) => {
        if (sessionRef.current !== sessionId) return;
        for (let i = 0; i < data.length; i += CHUNK) events.send(sessionId, data.slice(i, i + CHUNK));
      });
      offs.push(() => input.dispose());
      // Fit to the element whenever it changes size, and tell the engine.
      const refit = () => {
        if (!term || !fit) return;
        const before = `${term.cols}x${term.rows}`;
        fit.fit();
        if (`${term.cols}x${term.rows}` !== before && sessionRef.current) {
          events.resize(sessionRef.current, term.cols, term.rows);
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
      if (sessionRef.current) events.close(sessionRef.current);
      sessionRef.current = null;
      term?.dispose();
    };
  }, [socket, spec]);

  return (
    <div className="flex flex-col gap-1">
      <div ref={hostRef} role="region" aria-label={spec.label} className="h-[60vh] w-full overflow-hidden rounded-md border border-border bg-black p-1" />
      <p className="text-xs text-muted" aria-live="polite">
        {size ? `${size.cols} × ${size.rows}` : t('starting')}
      </p>
    </div>
  );
}
