'use client';
// What Wharf knows of a provisioned host's machine, and what can be done to it: stop, start and
// restart (Docker Machine's matrix, per driver), new server certificates, a shell, and a
// per-user certificate bundle for the docker CLI.
import { useQueryClient } from '@tanstack/react-query';
import { Download, KeyRound, Play, RotateCw, Square, TerminalSquare, X } from 'lucide-react';
import Link from 'next/link';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { useOneDialog } from '@/components/ui/dialog.tsx';
import { FactList } from '@/components/ui/facts.tsx';
import { useNow } from '@/components/ui/relative-time.tsx';
import { CopyButton } from '@/components/swarms/copy-button.tsx';
import { controlHostMachineAction, issueCliBundleAction, regenerateHostCertificatesAction } from '@/lib/actions/provision.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { machinePower } from '@/lib/models/hosts/machine-power.ts';
import { DRIVER_ABILITIES, DRIVER_LABELS, type DriverName } from '@/lib/models/hosts/provision-plan.ts';
import { base64ToBytes, downloadBytes } from './download-file.ts';
import { daysUntil, hostMachineFacts } from './provision-format.ts';

type Power = 'stop' | 'start' | 'restart';
type Provisioned = HostView & { driver: DriverName };

/** What the docker CLI panel shows: computed on the server (the bundle's names are the server's). */
export type CliAccess = { contextName: string; command: string; days: number; canDownload: boolean };

const POWER_LABELS: Record<Power, { button: string; done: string; busy: string }> = {
  stop: { button: 'Stop', done: 'Stopped', busy: 'Stopping' },
  start: { button: 'Start', done: 'Started', busy: 'Starting' },
  restart: { button: 'Restart', done: 'Restarted', busy: 'Restarting' },
};

function powerConsequence(host: Provisioned, action: 'stop' | 'restart'): string {
  const droplet = host.machine?.dropletId ? `droplet ${host.machine.dropletId}` : 'the droplet';
  if (host.driver === 'digitalocean') {
    return action === 'stop'
      ? `Wharf powers off ${droplet}. Every container on it stops and the host shows as unreachable until you start it again. DigitalOcean still bills a powered-off droplet.`
      : `Wharf reboots ${droplet}. Containers stop and come back only if their restart policy says so; the host is unreachable for a minute or two.`;
  }
  const where = host.driver === 'local' ? 'the sandbox’s Docker engine' : 'the Docker engine on the machine (over SSH)';
  return action === 'stop'
    ? `Wharf stops ${where}. Every container on it stops and the host shows as unreachable until you start it again.`
    : `Wharf restarts ${where}. Containers come back only if their restart policy says so.`;
}

function ActionLog({ title, lines, onClose }: { title: string; lines: string[]; onClose: () => void }) {
  return (
    <div className="mt-4 rounded-md border border-border bg-surface-2">
      <div className="flex items-center justify-between border-b border-border px-3 py-1.5 text-xs">
        <span className="font-medium">{title}</span>
        <button type="button" onClick={onClose} className="rounded p-1 text-muted hover:bg-surface hover:text-fg" aria-label="Close the log">
          <X className="size-3.5" aria-hidden />
        </button>
      </div>
      <pre role="log" aria-label={title} tabIndex={0} className="max-h-48 overflow-auto whitespace-pre-wrap break-words p-3 font-mono text-xs">
        {lines.length ? lines.join('\n') : 'No output.'}
      </pre>
    </div>
  );
}

export function MachineCard({ host, canEdit, canSsh }: { host: Provisioned; canEdit: boolean; canSsh: boolean }) {
  const queryClient = useQueryClient();
  const abilities = DRIVER_ABILITIES[host.driver];
  const machine = host.machine;
  const dialogs = useOneDialog<'stop' | 'restart' | 'certificates'>();
  const [busy, setBusy] = useState<Power | null>(null);
  const [log, setLog] = useState<{ title: string; lines: string[] } | null>(null);

  const refreshHost = () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.host(host.id) }), queryClient.invalidateQueries({ queryKey: queryKeys.hostList })]);

  const power = async (action: Power): Promise<string | null> => {
    setBusy(action);
    const result = await controlHostMachineAction({ id: host.id, action }).finally(() => setBusy(null));
    if (!result.ok) return result.error.message;
    const lines = result.data.log;
    setLog({ title: `${POWER_LABELS[action].done} ${host.name}: log`, lines });
    toast.success(`${POWER_LABELS[action].done} ${host.name}`, { description: lines.at(-1) });
    await refreshHost();
    return null;
  };

  const cert = machine?.serverCertificate;
  const now = useNow(3_600_000);
  const days = now === null ? null : daysUntil(cert?.notAfter, now);
  const powerNow = machinePower(host.status);
  const rows: [string, React.ReactNode][] = [
    ['Driver', DRIVER_LABELS[host.driver]],
    ...(abilities.power ? ([['Power', powerNow.state]] as [string, React.ReactNode][]) : []),
    ...(machine ? hostMachineFacts(machine) : []).map(([term, value]): [string, React.ReactNode] => [
      term,
      term === 'Address' || term === 'SSH' || term === 'SSH host key' || term === 'Sandbox namespace' ? <span className="font-mono text-xs">{value}</span> : value,
    ]),
    ...(cert?.notAfter
      ? ([
          [
            'Server certificate',
            <span key="c" className={days !== null && days < 30 ? 'text-warn' : undefined}>
              Expires {new Date(cert.notAfter).toLocaleDateString()}
              {days !== null && (days < 0 ? ' (expired)' : ` (in ${days} day${days === 1 ? '' : 's'})`)}
              {cert.serial && <span className="block font-mono text-xs text-muted">serial {cert.serial}</span>}
            </span>,
          ],
        ] as [string, React.ReactNode][])
      : []),
  ];

  return (
    <Card
      title="Machine"
      actions={
        canSsh && abilities.ssh ? (
          <Link href={`/hosts/${host.id}/ssh`} className="inline-flex h-8 items-center gap-2 rounded-md border border-border bg-surface px-3 text-xs font-medium hover:bg-surface-2">
            <TerminalSquare className="size-3.5" aria-hidden /> Open SSH terminal
          </Link>
        ) : undefined
      }
    >
      <FactList rows={rows} />

      {canEdit && (
        <div role="group" aria-label="Machine actions" className="mt-4 flex flex-wrap gap-2 border-t border-border pt-4">
          {abilities.power && (
            <>
              {powerNow.offers.includes('start') && (
                <Button size="sm" variant="secondary" busy={busy === 'start'} disabled={busy !== null} onClick={async () => {
                  const failed = await power('start');
                  if (failed) toast.error(failed);
                }}>
                  <Play className="size-3.5" aria-hidden /> Start
                </Button>
              )}
              {powerNow.offers.includes('stop') && (
                <Button size="sm" variant="secondary" busy={busy === 'stop'} disabled={busy !== null} onClick={() => dialogs.open('stop')}>
                  <Square className="size-3.5" aria-hidden /> Stop
                </Button>
              )}
              {powerNow.offers.includes('restart') && (
                <Button size="sm" variant="secondary" busy={busy === 'restart'} disabled={busy !== null} onClick={() => dialogs.open('restart')}>
                  <RotateCw className="size-3.5" aria-hidden /> Restart
                </Button>
              )}
            </>
          )}
          <Button size="sm" variant="secondary" disabled={busy !== null} onClick={() => dialogs.open('certificates')}>
            <KeyRound className="size-3.5" aria-hidden /> Regenerate certificates
          </Button>
          {busy && (
            <span role="status" className="self-center text-xs text-muted">
              {POWER_LABELS[busy].busy} {host.driver === 'digitalocean' ? 'the droplet' : 'the engine'}… this can take a minute.
            </span>
          )}
        </div>
      )}

      {log && <ActionLog title={log.title} lines={log.lines} onClose={() => setLog(null)} />}

      {(['stop', 'restart'] as const).map((action) => (
        <ConfirmDialog
          key={action}
          {...dialogs.bind(action)}
          title={`${POWER_LABELS[action].button} ${host.name}?`}
          description={powerConsequence(host, action)}
          confirmLabel={`${POWER_LABELS[action].button} ${host.name}`}
          danger={action === 'stop'}
          onConfirm={() => power(action)}
        />
      ))}
      <ConfirmDialog
        {...dialogs.bind('certificates')}
        title={`Regenerate certificates of ${host.name}?`}
        description={
          <>
            Wharf issues a new server certificate for {machine?.address ?? 'the machine’s address'}, installs it and <strong>restarts the engine</strong>: containers come back only if
            their restart policy says so.{' '}
            {host.engineCa === 'shared'
              ? 'The host also moves from Wharf’s former shared CA to a CA of its own: docker CLI bundles issued under the shared CA stop opening it.'
              : 'Docker CLI bundles already downloaded keep working, because the host’s CA stays the same.'}
          </>
        }
        confirmLabel="Regenerate and restart"
        onConfirm={async () => {
          const result = await regenerateHostCertificatesAction({ id: host.id });
          if (!result.ok) return result.error.message;
          setLog({ title: `New certificates for ${host.name}: log`, lines: result.data.log });
          toast.success(`New server certificate for ${host.name}, valid until ${new Date(result.data.notAfter).toLocaleDateString()}`, {
            description: result.data.movedToOwnCa ? `${host.name} now has a CA of its own: bundles of the former shared CA no longer open it.` : undefined,
          });
          await refreshHost();
          return null;
        }}
      />
    </Card>
  );
}

function Command({ value, what }: { value: string; what: string }) {
  return (
    <div className="flex items-start gap-2">
      <code className="min-w-0 flex-1 break-all rounded-md border border-border bg-surface-2 px-3 py-2 font-mono text-xs">{value}</code>
      <CopyButton value={value} label={`Copy the ${what}`} what={what} />
    </div>
  );
}

/** Why the download is not offered, or null when it is. */
function whyNoBundle(host: HostView, canDownload: boolean): string | null {
  if (!canDownload) {
    return `You may not run unrestricted workloads on ${host.name}, so Wharf issues you no bundle: a bundle is full control of the engine (root on the machine), past every workload policy. Ask an administrator if you need the docker CLI here.`;
  }
  if (host.engineCa === 'shared') {
    return `${host.name} still trusts Wharf's former shared CA, so a bundle for it would open every host that does. An operator regenerates its certificates (under Machine) to give it a CA of its own; then bundles can be downloaded.`;
  }
  return null;
}

export function DockerCliCard({ host, cli }: { host: HostView; cli: CliAccess }) {
  const { canDownload, days } = cli;
  const queryClient = useQueryClient();
  const [downloading, setDownloading] = useState(false);
  const [issued, setIssued] = useState<{ serial: string; notAfter: string } | null>(null);
  const unzip = `mkdir -p ~/.docker/wharf && unzip -o ${cli.contextName}.zip -d ~/.docker/wharf`;
  const use = `docker --context ${cli.contextName} info`;
  const unavailable = whyNoBundle(host, canDownload);
  const whyId = useId();

  const download = async () => {
    setDownloading(true);
    const result = await issueCliBundleAction({ id: host.id }).finally(() => setDownloading(false));
    if (!result.ok) {
      toast.error(result.error.message);
      return;
    }
    downloadBytes(result.data.fileName, base64ToBytes(result.data.base64), 'application/zip');
    setIssued({ serial: result.data.serial, notAfter: result.data.notAfter });
    toast.success(`Downloading ${result.data.fileName}`);
    await queryClient.invalidateQueries({ queryKey: queryKeys.hostBundles(host.id) });
  };

  return (
    <Card title="Connect with the docker CLI" className="lg:col-span-2">
      <ol className="flex list-decimal flex-col gap-4 pl-5 text-sm marker:text-muted">
        <li>
          <div className="flex flex-col gap-2">
            <span>
              Download a certificate bundle: a client certificate for this engine only, its CA and an env script. It lasts {days} {days === 1 ? 'day' : 'days'}.
            </span>
            <div className="flex flex-wrap items-center gap-3">
              <Button size="sm" onClick={download} busy={downloading} disabled={unavailable !== null} aria-describedby={unavailable ? whyId : undefined}>
                <Download className="size-3.5" aria-hidden /> Download certificate bundle
              </Button>
              {issued && (
                <span role="status" className="text-xs text-muted">
                  Issued certificate {issued.serial}, valid until {new Date(issued.notAfter).toLocaleDateString()}.
                </span>
              )}
            </div>
            {unavailable ? (
              <p id={whyId} className="rounded-md border border-border bg-surface-2 px-3 py-2 text-xs">
                {unavailable}
              </p>
            ) : (
              <p className="text-xs text-muted">
                The certificate is issued to you personally and recorded in the audit log: what is done with it is done in your name. Keep its key.pem secret. It stops working when it
                expires, when it is revoked, or when your account is disabled or loses the right to unrestricted workloads.
              </p>
            )}
          </div>
        </li>
        <li>
          <div className="flex flex-col gap-2">
            <span>Unpack it into ~/.docker/wharf:</span>
            <Command value={unzip} what="unpack command" />
          </div>
        </li>
        <li>
          <div className="flex flex-col gap-2">
            <span>Create a docker context for {host.name}:</span>
            <Command value={cli.command} what="docker context command" />
          </div>
        </li>
        <li>
          <div className="flex flex-col gap-2">
            <span>Use it:</span>
            <Command value={use} what="docker command" />
          </div>
        </li>
      </ol>
    </Card>
  );
}
