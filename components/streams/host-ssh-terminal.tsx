'use client';
// An SSH terminal on the machine behind a provisioned host: one session at a time, opened when
// asked (each one is audited), with a status line saying where it logged in and why it ended.
// The terminal itself is the container terminal's (components/containers/terminal-session.tsx)
// with the 'host-ssh' kind. Leaving the page, or the socket going, ends the session on the server.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { useStreamsSocket } from '@/components/streams/streams-socket.tsx';
import { TerminalSession, type TerminalSpec } from '@/components/streams/terminal-session.tsx';

type Status = { state: 'idle' } | { state: 'opening' } | { state: 'open'; detail?: string } | { state: 'refused' | 'ended'; detail?: string; byYou?: boolean };

export function HostSshTerminal({ hostId, hostName }: { hostId: string; hostName: string }) {
  const t = useTranslations('hosts.ssh');
  const { socket, connected } = useStreamsSocket();
  // A new spec (new key) opens a new session; the same one keeps it.
  const [spec, setSpec] = useState<TerminalSpec | null>(null);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const [count, setCount] = useState(0);

  const connect = () => {
    setCount((c) => c + 1);
    setSpec({ key: count + 1, label: t('terminalLabel', { name: hostName }), open: { kind: 'host-ssh', request: { hostId } } });
    setStatus({ state: 'opening' });
  };
  const disconnect = () => {
    setSpec(null);
    setStatus({ state: 'ended', byYou: true });
  };
  const onState = (next: 'open' | 'closed', detail?: string) =>
    setStatus((current) => (next === 'open' ? { state: 'open', detail } : { state: current.state === 'opening' ? 'refused' : 'ended', detail }));

  const live = status.state === 'opening' || status.state === 'open';
  const line = !connected
    ? t('connectingConsole')
    : status.state === 'idle'
      ? t('notConnected')
      : status.state === 'opening'
        ? t('loggingIn', { name: hostName })
        : status.state === 'open'
          ? status.detail ? t('connectedAs', { login: status.detail }) : t('connected')
          : status.state === 'refused'
            ? t('refused', { detail: status.detail ?? t('refusedNoDetail') })
            : t('ended', { detail: status.byYou ? t('closedByYou') : (status.detail ?? '') });

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        {live ? (
          <Button variant="secondary" onClick={disconnect}>
            {t('disconnect')}
          </Button>
        ) : (
          <Button onClick={connect} disabled={!socket || !connected}>
            {count === 0 ? t('connect') : t('reconnect')}
          </Button>
        )}
        <p role="status" aria-live="polite" aria-label={t('session')} className={`text-sm ${status.state === 'refused' ? 'text-danger' : 'text-muted'}`}>
          {line}
        </p>
      </div>
      {socket && spec && <TerminalSession key={spec.key} socket={socket} spec={spec} onState={onState} />}
    </div>
  );
}
