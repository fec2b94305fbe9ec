'use client';
// What Wharf knows of a provisioned host's machine, and what can be done to it: stop, start and
// restart (Docker Machine's matrix, per driver), new server certificates, a shell, and a
// per-user certificate bundle for the docker CLI.
import { useQueryClient } from '@tanstack/react-query';
import { Download, KeyRound, Play, RotateCw, Square, TerminalSquare, X } from 'lucide-react';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
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
import { DRIVER_ABILITIES, type DriverName } from '@/lib/models/hosts/provision-plan.ts';
import { base64ToBytes, downloadBytes } from './download-file.ts';
import { daysUntil, hostMachineFacts, MONO_FACTS } from './provision-format.ts';
import { useSayLine } from './use-say.ts';

type Power = 'stop' | 'start' | 'restart';
type Provisioned = HostView & { driver: DriverName };

/** What the docker CLI panel shows: computed on the server (the bundle's names are the server's). */
export type CliAccess = { contextName: string; command: string; days: number; canDownload: boolean };

/** The power actions that ask first, and the certificates dialog. */
const CONFIRMED_POWER = ['stop', 'restart'] as const;
const CERTIFICATES = 'certificates';

type T = ReturnType<typeof useTranslations<'hosts.machine'>>;

function powerConsequence(t: T, host: Provisioned, action: 'stop' | 'restart'): string {
  if (host.driver === 'digitalocean') {
    const droplet = host.machine?.dropletId ? String(host.machine.dropletId) : 'none';
    return action === 'stop' ? t('consequence.dropletStop', { droplet }) : t('consequence.dropletRestart', { droplet });
  }
  const where = host.driver === 'local' ? 'local' : 'ssh';
  return action === 'stop' ? t('consequence.engineStop', { where }) : t('consequence.engineRestart', { where });
}

function ActionLog({ title, lines, onClose }: { title: string; lines: string[]; onClose: () => void }) {
  const t = useTranslations('hosts.machine');
  return (
    <div className="mt-4 rounded-md border border-border bg-surface-2">
      <div className="flex items-center justify-between border-b border-border px-3 py-1.5 text-xs">
        <span className="font-medium">{title}</span>
        <button type="button" onClick={onClose} className="rounded p-1 text-muted hover:bg-surface hover:text-fg" aria-label={t('closeLog')}>
          <X className="size-3.5" aria-hidden />
        </button>
      </div>
      <pre role="log" aria-label={title} tabIndex={0} className="max-h-48 overflow-auto whitespace-pre-wrap break-words p-3 font-mono text-xs">
        {lines.length ? lines.join('\n') : t('noOutput')}
      </pre>
    </div>
  );
}

export function MachineCard({ host, canEdit, canSsh }: { host: Provisioned; canEdit: boolean; canSsh: boolean }) {
  const t = useTranslations('hosts.machine');
  const tp = useTranslations('provisioning');
  const format = useFormatter();
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' });
  const queryClient = useQueryClient();
  const abilities = DRIVER_ABILITIES[host.driver];
  const machine = host.machine;
  const dialogs = useOneDialog<'stop' | 'restart' | 'certificates'>();
  const [busy, setBusy] = useState<Power | null>(null);
  const [log, setLog] = useState<{ title: string; lines: string[] } | null>(null);
  const sayLine = useSayLine();

  const refreshHost = () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.host(host.id) }), queryClient.invalidateQueries({ queryKey: queryKeys.hostList })]);

  const power = async (action: Power): Promise<string | null> => {
    setBusy(action);
    const result = await controlHostMachineAction({ id: host.id, action }).finally(() => setBusy(null));
    if (!result.ok) return result.error.message;
    const lines = result.data.log.map(sayLine);
    setLog({ title: t(`power.${action}.logTitle`, { name: host.name }), lines });
    toast.success(t(`power.${action}.done`, { name: host.name }), { description: lines.at(-1) });
    await refreshHost();
    return null;
  };

  const cert = machine?.serverCertificate;
  const now = useNow(3_600_000);
  const days = now === null ? null : daysUntil(cert?.notAfter, now);
  const powerNow = machinePower(host.status);
  const rows: [string, React.ReactNode][] = [
    [t('driver'), tp(`drivers.${host.driver}`)],
    ...(abilities.power ? ([[t('powerState'), t(`powerNow.${powerNow.state}`)]] as [string, React.ReactNode][]) : []),
    ...(machine ? hostMachineFacts(machine) : []).map(([fact, value]): [string, React.ReactNode] => [
      tp(`facts.${fact}`),
      MONO_FACTS.includes(fact) ? <span className="font-mono text-xs">{value}</span> : value,
    ]),
    ...(cert?.notAfter
      ? ([
          [
            t('serverCertificate'),
            <span key="c" className={days !== null && days < 30 ? 'text-warn' : undefined}>
              {days === null ? t('expires', { date: day(cert.notAfter) }) : days < 0 ? t('expired', { date: day(cert.notAfter) }) : t('expiresIn', { date: day(cert.notAfter), days })}
              {cert.serial && <span className="block font-mono text-xs text-muted">{t('serial', { serial: cert.serial })}</span>}
            </span>,
          ],
        ] as [string, React.ReactNode][])
      : []),
  ];

  return (
    <Card
      title={t('title')}
      actions={
        canSsh && abilities.ssh ? (
          <Link href={`/hosts/${host.id}/ssh`} className="inline-flex h-8 items-center gap-2 rounded-md border border-border bg-surface px-3 text-xs font-medium hover:bg-surface-2">
            <TerminalSquare className="size-3.5" aria-hidden /> {t('openSsh')}
          </Link>
        ) : undefined
      }
    >
      <FactList rows={rows} />

      {canEdit && (
        <div role="group" aria-label={t('actions')} className="mt-4 flex flex-wrap gap-2 border-t border-border pt-4">
          {abilities.power && (
            <>
              {powerNow.offers.includes('start') && (
                <Button size="sm" variant="secondary" busy={busy === 'start'} disabled={busy !== null} onClick={async () => {
                  const failed = await power('start');
                  if (failed) toast.error(failed);
                }}>
                  <Play className="size-3.5" aria-hidden /> {t('power.start.button')}
                </Button>
              )}
              {powerNow.offers.includes('stop') && (
                <Button size="sm" variant="secondary" busy={busy === 'stop'} disabled={busy !== null} onClick={() => dialogs.open('stop')}>
                  <Square className="size-3.5" aria-hidden /> {t('power.stop.button')}
                </Button>
              )}
              {powerNow.offers.includes('restart') && (
                <Button size="sm" variant="secondary" busy={busy === 'restart'} disabled={busy !== null} onClick={() => dialogs.open('restart')}>
                  <RotateCw className="size-3.5" aria-hidden /> {t('power.restart.button')}
                </Button>
              )}
            </>
          )}
          <Button size="sm" variant="secondary" disabled={busy !== null} onClick={() => dialogs.open('certificates')}>
            <KeyRound className="size-3.5" aria-hidden /> {t('regenerate')}
          </Button>
          {busy && (
            <span role="status" className="self-center text-xs text-muted">
              {t(`power.${busy}.busy`, { what: host.driver === 'digitalocean' ? 'droplet' : 'engine' })}
            </span>
          )}
        </div>
      )}

      {log && <ActionLog title={log.title} lines={log.lines} onClose={() => setLog(null)} />}

      {CONFIRMED_POWER.map((action) => (
        <ConfirmDialog
          key={action}
          {...dialogs.bind(action)}
          title={t(`power.${action}.title`, { name: host.name })}
          description={powerConsequence(t, host, action)}
          confirmLabel={t(`power.${action}.confirm`, { name: host.name })}
          danger={action === 'stop'}
          onConfirm={() => power(action)}
        />
      ))}
      <ConfirmDialog
        {...dialogs.bind(CERTIFICATES)}
        title={t('certificates.title', { name: host.name })}
        description={
          <>
            {t.rich('certificates.what', { address: machine?.address ?? 'none', strong: (chunks) => <strong>{chunks}</strong> })}{' '}
            {host.engineCa === 'shared' ? t('certificates.movesCa') : t('certificates.keepsCa')}
          </>
        }
        confirmLabel={t('certificates.confirm')}
        onConfirm={async () => {
          const result = await regenerateHostCertificatesAction({ id: host.id });
          if (!result.ok) return result.error.message;
          setLog({ title: t('certificates.logTitle', { name: host.name }), lines: result.data.log.map(sayLine) });
          toast.success(t('certificates.done', { name: host.name, date: day(result.data.notAfter) }), {
            description: result.data.movedToOwnCa ? t('certificates.movedCa', { name: host.name }) : undefined,
          });
          await refreshHost();
          return null;
        }}
      />
    </Card>
  );
}

function Command({ value, what }: { value: string; what: string }) {
  const t = useTranslations('hosts.cli');
  return (
    <div className="flex items-start gap-2">
      <code className="min-w-0 flex-1 break-all rounded-md border border-border bg-surface-2 px-3 py-2 font-mono text-xs">{value}</code>
      <CopyButton value={value} label={t('copy', { what })} what={what} />
    </div>
  );
}

/** Why the download is not offered, or null when it is. */
function whyNoBundle(t: ReturnType<typeof useTranslations<'hosts.cli'>>, host: HostView, canDownload: boolean): string | null {
  if (!canDownload) return t('notAllowed', { name: host.name });
  if (host.engineCa === 'shared') return t('sharedCa', { name: host.name });
  return null;
}

export function DockerCliCard({ host, cli }: { host: HostView; cli: CliAccess }) {
  const { canDownload, days } = cli;
  const t = useTranslations('hosts.cli');
  const format = useFormatter();
  const queryClient = useQueryClient();
  const [downloading, setDownloading] = useState(false);
  const [issued, setIssued] = useState<{ serial: string; notAfter: string } | null>(null);
  const unzip = `mkdir -p ~/.docker/wharf && unzip -o ${cli.contextName}.zip -d ~/.docker/wharf`;
  const use = `docker --context ${cli.contextName} info`;
  const unavailable = whyNoBundle(t, host, canDownload);
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
    toast.success(t('downloading', { file: result.data.fileName }));
    await queryClient.invalidateQueries({ queryKey: queryKeys.hostBundles(host.id) });
  };

  return (
    <Card title={t('title')} className="lg:col-span-2">
      <ol className="flex list-decimal flex-col gap-4 pl-5 text-sm marker:text-muted">
        <li>
          <div className="flex flex-col gap-2">
            <span>
              {t('step1', { days })}
            </span>
            <div className="flex flex-wrap items-center gap-3">
              <Button size="sm" onClick={download} busy={downloading} disabled={unavailable !== null} aria-describedby={unavailable ? whyId : undefined}>
                <Download className="size-3.5" aria-hidden /> {t('download')}
              </Button>
              {issued && (
                <span role="status" className="text-xs text-muted">
                  {t('issued', { serial: issued.serial, date: format.dateTime(new Date(issued.notAfter), { dateStyle: 'medium' }) })}
                </span>
              )}
            </div>
            {unavailable ? (
              <p id={whyId} className="rounded-md border border-border bg-surface-2 px-3 py-2 text-xs">
                {unavailable}
              </p>
            ) : (
              <p className="text-xs text-muted">
                {t('personal')}
              </p>
            )}
          </div>
        </li>
        <li>
          <div className="flex flex-col gap-2">
            <span>{t('step2')}</span>
            <Command value={unzip} what={t('unpackCommand')} />
          </div>
        </li>
        <li>
          <div className="flex flex-col gap-2">
            <span>{t('step3', { name: host.name })}</span>
            <Command value={cli.command} what={t('contextCommand')} />
          </div>
        </li>
        <li>
          <div className="flex flex-col gap-2">
            <span>{t('step4')}</span>
            <Command value={use} what={t('dockerCommand')} />
          </div>
        </li>
      </ol>
    </Card>
  );
}
