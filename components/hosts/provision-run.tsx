'use client';
// One provisioning run, live: status, progress, every step with its log (the running and the
// failed step open), why it failed, and what can be done next (cancel, retry, clean up, open the
// host). Updated by the socket; polled every few seconds while it is under way.
import { useQueryClient } from '@tanstack/react-query';
import { Ban, CheckCircle2, ChevronRight, Circle, Eraser, ExternalLink, Loader2, MinusCircle, RotateCw, Square, XCircle } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge.tsx';
import { Button, ButtonLink } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { useOneDialog } from '@/components/ui/dialog.tsx';
import { cancelProvisionAction, cleanUpProvisionAction, retryProvisionAction } from '@/lib/actions/provision.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useProvisionJob } from '@/lib/queries/use-provision.ts';
import type { ProvisionJobView, ProvisionStepView } from '@/lib/services/hosts/provision/provision-job-view.ts';
import { DRIVER_ABILITIES, isActive } from '@/lib/models/hosts/provision-plan.ts';
import { cn } from '@/lib/ui/cn.ts';
import { describeJobStatus, describeStepStatus, isStepOpen, MONO_FACTS, runMachineFacts, stepDuration, toPercent } from './provision-format.ts';
import { useSay } from './use-say.ts';

const CANCEL = 'cancel';
const CLEANUP = 'cleanup';
const CLEAN_UP_STEP = 'clean-up';
const CRUMB = '›';

/** A status's words: a message, or a status this console does not know, as it is. */
function useStatusText() {
  const say = useSay();
  return (label: string | Parameters<typeof say>[0]) => (typeof label === 'string' ? label : say(label));
}

export function JobStatusBadge({ status }: { status: string }) {
  const text = useStatusText();
  const { label, tone } = describeJobStatus(status);
  return <Badge tone={tone}>{text(label)}</Badge>;
}

export function ProvisionProgress({ job, label }: { job: Pick<ProvisionJobView, 'status' | 'progress'>; label: string }) {
  const t = useTranslations('provisioning.run');
  const text = useStatusText();
  const percent = toPercent(job.progress);
  const tone = job.status === 'failed' ? 'bg-danger' : job.status === 'cancelled' || job.status === 'interrupted' ? 'bg-warn' : job.status === 'succeeded' ? 'bg-ok' : 'bg-accent';
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={t('progressValue', { percent, status: text(describeJobStatus(job.status).label).toLowerCase() })}
      className="h-2 w-full overflow-hidden rounded-full bg-surface-2"
    >
      <div className={cn('h-full transition-[width]', tone)} style={{ width: `${percent}%` }} />
    </div>
  );
}

function StepIcon({ status }: { status: string }) {
  const common = 'size-4 shrink-0';
  switch (status) {
    case 'succeeded':
      return <CheckCircle2 className={cn(common, 'text-ok')} aria-hidden />;
    case 'running':
      return <Loader2 className={cn(common, 'animate-spin text-accent')} aria-hidden />;
    case 'failed':
      return <XCircle className={cn(common, 'text-danger')} aria-hidden />;
    case 'cancelled':
      return <Ban className={cn(common, 'text-warn')} aria-hidden />;
    case 'skipped':
      return <MinusCircle className={cn(common, 'text-muted')} aria-hidden />;
    default:
      return <Circle className={cn(common, 'text-muted')} aria-hidden />;
  }
}

/** A step's log: monospace, scrolled to the end while the step runs unless the reader scrolled up. */
function StepLog({ step, id }: { step: ProvisionStepView; id: string }) {
  const t = useTranslations('provisioning.run');
  const ref = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  const running = step.status === 'running';
  // Opened: show the end (where the news, or the error, is); then follow new lines unless the
  // reader scrolled up to read something.
  useEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [step.log]);
  return (
    <div id={id} className="mt-2 flex flex-col gap-2 pl-6">
      {step.error && (
        <p className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">{step.error}</p>
      )}
      <pre
        ref={ref}
        role="log"
        aria-label={t('logOf', { step: step.label })}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        className="max-h-72 overflow-auto whitespace-pre-wrap break-words rounded-md border border-border bg-surface-2 p-3 font-mono text-xs leading-relaxed focus:outline-none focus-visible:ring-2 focus-visible:ring-accent"
      >
        {step.log || (step.status === 'pending' ? t('notStarted') : running ? t('waitingOutput') : t('noOutput'))}
      </pre>
    </div>
  );
}

function Steps({ steps }: { steps: ProvisionStepView[] }) {
  const t = useTranslations('provisioning.run');
  const say = useSay();
  const text = useStatusText();
  const [choices, setChoices] = useState<Record<string, boolean>>({});
  const [now, setNow] = useState(() => Date.now());
  const base = useId();
  const running = steps.some((s) => s.status === 'running');
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return (
    <ol aria-label={t('steps')} className="flex flex-col">
      {steps.map((step, index) => {
        const open = isStepOpen(step, choices);
        const logId = `${base}-${index}`;
        const duration = stepDuration(step, now);
        return (
          <li key={step.key} className="border-b border-border py-2 last:border-0" aria-current={step.status === 'running' ? 'step' : undefined}>
            <button
              type="button"
              aria-expanded={open}
              aria-controls={logId}
              onClick={() => setChoices((c) => ({ ...c, [step.key]: !open }))}
              className="flex w-full items-center gap-2 rounded-md px-1 py-1 text-left hover:bg-surface-2 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent"
            >
              <ChevronRight className={cn('size-4 shrink-0 text-muted transition-transform', open && 'rotate-90')} aria-hidden />
              <StepIcon status={step.status} />
              <span className={cn('flex-1', step.status === 'pending' ? 'text-muted' : 'font-medium')}>{step.label}</span>
              <span className={cn('text-xs', step.status === 'failed' ? 'text-danger' : 'text-muted')}>
                {duration ? t('statusDuration', { status: text(describeStepStatus(step.status)), duration: say(duration) }) : text(describeStepStatus(step.status))}
              </span>
            </button>
            {open && <StepLog step={step} id={logId} />}
          </li>
        );
      })}
    </ol>
  );
}

function StoppedBanner({ job }: { job: ProvisionJobView }) {
  const t = useTranslations('provisioning.run.stopped');
  if (job.status === 'failed') {
    return (
      <div role="alert" className="rounded-lg border border-danger/40 bg-danger/10 p-4 text-danger">
        <strong>{job.failedStep ? t('failedAt', { step: job.failedStep }) : t('failed')}</strong> {job.error}
        {job.canRetry && <span className="block pt-1 text-sm">{t('fixThenRetry')}</span>}
      </div>
    );
  }
  if (job.status === 'cancelled' || job.status === 'interrupted') {
    const step = job.failedStep;
    const headline =
      job.status === 'cancelled' ? (step ? t('cancelledDuring', { step }) : t('cancelled')) : step ? t('interruptedDuring', { step }) : t('interrupted');
    return (
      <div role="alert" className="rounded-lg border border-warn/40 bg-warn/10 p-4 text-warn">
        <strong>{headline}</strong> {job.error ?? (job.status === 'interrupted' ? t('consoleStopped') : '')}
        {job.canRetry && <span className="block pt-1 text-sm">{t('retryToContinue')}</span>}
      </div>
    );
  }
  return null;
}

function cleanUpConsequence(t: ReturnType<typeof useTranslations<'provisioning.run.cleanUp'>>, job: ProvisionJobView): string {
  if (job.driver === 'digitalocean') {
    return typeof job.machine.dropletId === 'number' ? t('droplet', { id: String(job.machine.dropletId) }) : t('dropletMaybe');
  }
  if (job.driver === 'local') {
    return typeof job.machine.netns === 'string' ? t('sandboxNamed', { netns: job.machine.netns }) : t('sandbox');
  }
  return t('other');
}

export function ProvisionRun({ jobId, initialJob }: { jobId: string; initialJob: ProvisionJobView }) {
  const t = useTranslations('provisioning.run');
  const tp = useTranslations('provisioning');
  const tc = useTranslations('provisioning.run.cleanUp');
  const text = useStatusText();
  const queryClient = useQueryClient();
  const { data: job, error } = useProvisionJob(jobId, initialJob);
  const dialogs = useOneDialog<'cancel' | 'cleanup'>();
  const [retrying, setRetrying] = useState(false);

  if (!job) {
    return (
      <EmptyState title={t('unreadable')}>
        {error?.message} <Link href="/hosts/provision" className="text-accent underline">{t('back')}</Link>
      </EmptyState>
    );
  }

  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.provisionJobs });
  const active = isActive(job.status);
  const facts = runMachineFacts(job.machine);
  const cleanUpStep = job.steps.find((s) => s.key === CLEAN_UP_STEP);
  const cleaningUp = cleanUpStep?.status === 'running';

  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-xs text-muted">
            <Link href="/hosts/provision" className="hover:underline">{t('breadcrumb')}</Link> {CRUMB}
          </p>
          <h1 className="flex items-center gap-3 text-xl font-semibold">
            {job.hostName} <JobStatusBadge status={job.status} />
          </h1>
          <p className="mt-1 text-muted">
            {t.rich('startedBy', { driver: tp(`drivers.${job.driver}`), name: job.createdByName, time: () => <RelativeTime iso={job.createdAt} /> })}
            {job.finishedAt && <> {t.rich('ended', { time: () => <RelativeTime iso={job.finishedAt} /> })}</>}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {job.status === 'succeeded' && job.hostId && (
            <ButtonLink href={`/hosts/${job.hostId}`}>
              <ExternalLink className="size-4" aria-hidden /> {t('openHost')}
            </ButtonLink>
          )}
          {job.canCancel && (
            <Button variant="secondary" onClick={() => dialogs.open(CANCEL)}>
              <Square className="size-4" aria-hidden /> {t('cancelRun')}
            </Button>
          )}
          {job.canRetry && (
            <Button
              busy={retrying}
              disabled={cleaningUp}
              onClick={async () => {
                setRetrying(true);
                const result = await retryProvisionAction({ jobId: job.id });
                setRetrying(false);
                if (!result.ok) {
                  toast.error(result.error.message);
                  return;
                }
                toast.success(t('retrying', { name: job.hostName }));
                await refresh();
              }}
            >
              <RotateCw className="size-4" aria-hidden /> {t('retry')}
            </Button>
          )}
          {job.canCleanUp && (
            <Button variant="danger" onClick={() => dialogs.open(CLEANUP)} busy={cleaningUp}>
              <Eraser className="size-4" aria-hidden /> {t('cleanUpButton')}
            </Button>
          )}
        </div>
      </div>

      <div className="mb-6 flex flex-col gap-2">
        <div className="flex items-center justify-between text-sm">
          <span aria-live="polite">
            {active ? (job.steps.find((s) => s.status === 'running')?.label ?? (job.status === 'queued' ? t('queuedSoon') : t('working'))) : text(describeJobStatus(job.status).label)}
          </span>
          <span className="text-muted">{toPercent(job.progress)}%</span>
        </div>
        <ProvisionProgress job={job} label={t('progress')} />
      </div>

      <div className="flex flex-col gap-6">
        <StoppedBanner job={job} />
        {job.cleanedAt && (
          <p role="status" className="rounded-lg border border-border bg-surface-2 p-3 text-sm">
            {t.rich('cleanedUp', { time: () => <RelativeTime iso={job.cleanedAt} /> })}
          </p>
        )}
        {!job.canCleanUp && job.driver === 'generic' && (job.status === 'failed' || job.status === 'cancelled' || job.status === 'interrupted') && (
          <p className="text-sm text-muted">
            {t('nothingToDelete')}
          </p>
        )}

        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[2fr_1fr]">
          <Card title={t('steps')}>
            <Steps steps={job.steps} />
          </Card>
          <Card title={t('machine')}>
            {facts.length ? (
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                {facts.map(([fact, value]) => (
                  <div key={fact} className="contents">
                    <dt className="text-muted">{tp(`facts.${fact}`)}</dt>
                    <dd className={cn('min-w-0 break-words', MONO_FACTS.includes(fact) && fact !== 'netns' && 'font-mono text-xs')}>{value}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="text-sm text-muted">{t('noMachine')}</p>
            )}
          </Card>
        </div>
      </div>

      <ConfirmDialog
        {...dialogs.bind(CANCEL)}
        title={t('cancelTitle', { name: job.hostName })}
        description={DRIVER_ABILITIES[job.driver]?.deleteMachine ? t('cancelTextCleanUp') : t('cancelText')}
        confirmLabel={t('cancelRun')}
        cancelLabel={t('keepRunning')}
        danger
        onConfirm={async () => {
          const result = await cancelProvisionAction({ jobId: job.id });
          if (!result.ok) return result.error.message;
          toast.success(t('cancelling', { name: job.hostName }));
          await refresh();
          return null;
        }}
      />
      <ConfirmDialog
        {...dialogs.bind(CLEANUP)}
        title={t('cleanUpTitle', { name: job.hostName })}
        description={cleanUpConsequence(tc, job)}
        confirmLabel={t('cleanUpConfirm')}
        danger
        onConfirm={async () => {
          const result = await cleanUpProvisionAction({ jobId: job.id });
          await refresh();
          if (!result.ok) return result.error.message;
          toast.success(t('cleanedUpToast', { name: job.hostName }));
          return null;
        }}
      />
    </>
  );
}
