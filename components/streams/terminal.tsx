'use client';
// Terminals into a container: a short form (shell, user, working directory), then as many
// sessions as wanted, side by side in tabs. A custom command is split into argv here and sent
// as an array; the server never builds a shell string from it. Closing a tab or leaving the
// page ends the sessions (the server also ends them when the socket goes).
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { SelectField, TextField } from '@/components/ui/field.tsx';
import type { ExecShell } from '@/lib/realtime/stream-protocol.ts';
import { parseCommandLine } from '@/lib/models/command-line.ts';
import { useSay } from '@/components/hosts/use-say.ts';
import { useStreamsSocket } from './streams-socket.tsx';
import { TerminalSession, type TerminalSpec } from './terminal-session.tsx';

// The spec stays the same object for a tab's life: a new one would open a new session.
// A session that closes before it ever opened was refused: its reason is the tab's error.
/** The shells' program names, the same in every language. */
const SHELLS = { sh: 'sh', bash: 'bash' } as const;

type Tab = { spec: TerminalSpec; state: 'opening' | 'open' | 'closed' | 'refused'; detail?: string };

export function ContainerTerminals({ hostId, containerId }: { hostId: string; containerId: string }) {
  const t = useTranslations('streams.terminal');
  const say = useSay();
  const { socket, connected } = useStreamsSocket();
  const [shell, setShell] = useState<'sh' | 'bash' | 'command'>('sh');
  const [command, setCommand] = useState('');
  const [user, setUser] = useState('');
  const [workdir, setWorkdir] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [tabs, setTabs] = useState<Tab[]>([]);
  const [active, setActive] = useState<number | null>(null);
  const [counter, setCounter] = useState(1);

  const open = (event: FormEvent) => {
    event.preventDefault();
    let spec: ExecShell;
    if (shell === 'command') {
      const parsed = parseCommandLine(command);
      if (!parsed.ok) {
        setFormError(say(parsed.error));
        return;
      }
      if (!parsed.args.length) {
        setFormError(t('typeCommand'));
        return;
      }
      spec = { kind: 'command', argv: parsed.args };
    } else spec = { kind: shell };
    if (workdir && !workdir.startsWith('/')) {
      setFormError(t('absoluteWorkdir'));
      return;
    }
    setFormError(null);
    const name = shell === 'command' ? command.trim().slice(0, 40) : shell;
    const request = { hostId, containerId, shell: spec, user: user.trim() || undefined, workdir: workdir.trim() || undefined };
    const tab: Tab = { spec: { key: counter, label: t('tabLabel', { number: counter, name }), open: { kind: 'exec', request } }, state: 'opening' };
    setCounter((c) => c + 1);
    setTabs((list) => [...list, tab]);
    setActive(tab.spec.key);
  };

  const close = (key: number) => {
    setTabs((list) => list.filter((tab) => tab.spec.key !== key));
    setActive((current) => (current === key ? (tabs.find((tab) => tab.spec.key !== key)?.spec.key ?? null) : current));
  };

  // An ended session (exited, or its connection lost with the replica serving it) opens again as
  // it was asked for, in the same tab: a new session, since the old process is gone.
  const reopen = (key: number) => {
    const fresh = counter;
    setCounter((c) => c + 1);
    setTabs((list) => list.map((tab) => (tab.spec.key === key ? { spec: { ...tab.spec, key: fresh }, state: 'opening' } : tab)));
    setActive((current) => (current === key ? fresh : current));
  };

  const setState = (key: number, state: 'open' | 'closed', detail?: string) =>
    setTabs((list) => list.map((tab) => (tab.spec.key === key ? { ...tab, state: state === 'closed' && tab.state === 'opening' ? 'refused' : state, detail } : tab)));

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={open} className="flex flex-wrap items-start gap-3" aria-label={t('form')}>
        <SelectField label={t('shell')} value={shell} onChange={(e) => setShell(e.target.value as typeof shell)} className="w-40">
          <option value="sh">{SHELLS.sh}</option>
          <option value="bash">{SHELLS.bash}</option>
          <option value="command">{t('aCommand')}</option>
        </SelectField>
        {shell === 'command' && <TextField label={t('command')} value={command} onChange={(e) => setCommand(e.target.value)} placeholder={t('commandPlaceholder')} className="w-64" required />}
        <TextField label={t('user')} value={user} onChange={(e) => setUser(e.target.value)} placeholder={t('userPlaceholder')} className="w-44" hint={t('userHint')} />
        <TextField label={t('workdir')} value={workdir} onChange={(e) => setWorkdir(e.target.value)} placeholder={t('workdirPlaceholder')} className="w-56" hint={t('workdirHint')} />
        <Button type="submit" disabled={!socket || !connected} className="mt-[26px]">
          {t('open')}
        </Button>
        {formError && (
          <p className="w-full text-sm text-danger" role="alert">
            {formError}
          </p>
        )}
      </form>

      {tabs.length > 0 && (
        <div className="flex flex-col gap-2">
          <div role="tablist" aria-label={t('tabs')} className="flex flex-wrap gap-1 border-b border-border">
            {tabs.map(({ spec: tab, state }) => (
              <div key={tab.key} className="flex items-center">
                <button
                  role="tab"
                  aria-selected={active === tab.key}
                  onClick={() => setActive(tab.key)}
                  className={`rounded-t-md px-3 py-1.5 text-sm ${active === tab.key ? 'bg-surface-2 font-medium' : 'text-muted hover:bg-surface-2'}`}
                >
                  {state === 'closed' ? t('ended', { label: tab.label }) : state === 'refused' ? t('refused', { label: tab.label }) : tab.label}
                </button>
                <button aria-label={t('close', { label: tab.label })} onClick={() => close(tab.key)} className="px-1.5 text-muted hover:text-fg">
                  ×
                </button>
              </div>
            ))}
          </div>
          {socket &&
            tabs.map(({ spec, state, detail }) => (
              <div key={spec.key} hidden={active !== spec.key} role="tabpanel" aria-label={spec.label}>
                <TerminalSession socket={socket} spec={spec} onState={(next, why) => setState(spec.key, next, why)} />
                {state === 'refused' && detail && (
                  <p role="alert" className="mt-1 text-sm text-danger">
                    {t('couldNotOpen', { detail })}
                  </p>
                )}
                {state === 'closed' && (
                  <div className="mt-1 flex items-center gap-3">
                    {detail && <p className="text-xs text-muted">{t('endedDetail', { detail })}</p>}
                    <Button variant="secondary" size="sm" disabled={!connected} onClick={() => reopen(spec.key)}>
                      {t('openAgain')}
                    </Button>
                  </div>
                )}
              </div>
            ))}
        </div>
      )}
    </div>
  );
}
