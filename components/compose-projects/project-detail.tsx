'use client';
// One compose project on a host: its state, each service with its containers and health, the
// commands (up, pull, recreate, restart, stop, start, scale; pull, recreate and down behind a confirmation), the logs of its
// containers, and for Wharf's projects the revisions (how each up ended, compared, rolled back to).
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { LogViewer } from '@/components/streams/log-viewer.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button, ButtonLink } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { SelectField } from '@/components/ui/field.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { changeProjectAction, downProjectAction, scaleServiceAction, upProjectAction } from '@/lib/actions/compose-projects.ts';
import type { Result } from '@/lib/errors.ts';
import type { ProjectDetail as Detail, ServiceStatus } from '@/lib/models/compose-projects/project-status.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useProject } from '@/lib/queries/use-compose-projects.ts';
import { OriginBadge, ProjectStateBadge } from './project-badges.tsx';
import { ProjectRevisions } from './project-revisions.tsx';
import { ProjectPulls, PullButton, RecreateButton } from './project-pull-recreate.tsx';
import { editProjectPath, projectsPath } from './project-paths.ts';

type Props = { hostId: string; name: string; canManage: boolean };

const CONTAINER_STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;
const HEALTH = ['starting', 'healthy', 'unhealthy'] as const;
const OUTCOMES = ['saved', 'up', 'failed'] as const;
const VERBS = ['restart', 'stop', 'start'] as const;
const ALL_CONTAINERS = '';
const known = <K extends string>(list: readonly K[], value: string): value is K => (list as readonly string[]).includes(value);

/** Engine and revision words in the page's language; one the console does not know stays as it is. */
function useWords() {
  const t = useTranslations('compose.words');
  return {
    containerState: (state: string) => (known(CONTAINER_STATES, state) ? t(`state.${state}`) : state),
    health: (health: string) => (known(HEALTH, health) ? t(`health.${health}`) : health),
    outcomeWord: (outcome: string) => (known(OUTCOMES, outcome) ? t(`outcome.${outcome}`) : outcome),
  };
}

function useCommand(hostId: string, name: string) {
  const t = useTranslations('compose.detail');
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async <T,>(label: string, work: () => Promise<Result<T>>, done: (data: T) => string) => {
    setBusy(label);
    const result = await work().catch(() => null);
    setBusy(null);
    await queryClient.invalidateQueries({ queryKey: queryKeys.project(hostId, name) });
    if (!result) return void toast.error(t('noAnswer'));
    if (!result.ok) return void toast.error(result.error.message);
    toast.success(done(result.data));
  };
  return { busy, run };
}

function ScaleControl({ hostId, name, service, run, busy }: { hostId: string; name: string; service: ServiceStatus; run: ReturnType<typeof useCommand>['run']; busy: boolean }) {
  const t = useTranslations('compose.detail.scale');
  const [value, setValue] = useState(String(service.desired ?? service.containers.length));
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        void run(`scale ${service.name}`, () => scaleServiceAction({ hostId, name, service: service.name, scale: Number(value) }), () => t('done', { service: service.name, count: value }));
      }}
    >
      <label className="sr-only" htmlFor={`scale-${service.name}`}>
        {t('label', { service: service.name })}
      </label>
      <input id={`scale-${service.name}`} type="number" min={0} max={100} value={value} onChange={(e) => setValue(e.target.value)} className="h-8 w-16 rounded-md border border-border bg-surface px-2 text-sm" />
      <Button type="submit" size="sm" variant="secondary" disabled={busy} aria-label={t('button', { service: service.name })}>
        {t('submit')}
      </Button>
    </form>
  );
}

function Services({ project, hostId, canManage, command }: { project: Detail; hostId: string; canManage: boolean; command: ReturnType<typeof useCommand> }) {
  const t = useTranslations('compose.detail.services');
  const { containerState, health } = useWords();
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{t('caption', { name: project.name })}</caption>
      <thead className="text-left text-xs text-muted">
        <tr>
          <th className="py-2">{t('columns.service')}</th>
          <th>{t('columns.running')}</th>
          <th>{t('columns.containers')}</th>
          {canManage && project.managed && <th>{t('columns.scale')}</th>}
        </tr>
      </thead>
      <tbody>
        {project.services.map((s) => (
          <tr key={s.name} className="border-t border-border align-top">
            <td className="py-2 font-mono">{s.name}</td>
            <td className="py-2">
              {t('runningOf', { running: s.running, desired: s.desired ?? s.containers.length })}
            </td>
            <td className="py-2">
              {s.containers.length === 0 ? (
                <span className="text-muted">{t('noneYet')}</span>
              ) : (
                <ul className="flex flex-col gap-1">
                  {s.containers.map((c) => (
                    <li key={c.id} className="flex flex-wrap items-center gap-2">
                      <span className="font-mono text-xs">{c.name}</span>
                      <Badge tone={c.state === 'running' ? 'ok' : 'neutral'}>{containerState(c.state)}</Badge>
                      {c.health && <Badge tone={c.health === 'healthy' ? 'ok' : c.health === 'unhealthy' ? 'danger' : 'warn'}>{health(c.health)}</Badge>}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            {canManage && project.managed && (
              <td className="py-2">
                <ScaleControl hostId={hostId} name={project.name} service={s} run={command.run} busy={command.busy !== null} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The project's logs: every container merged (each line named by its container), or one container's. */
function Logs({ project, hostId }: { project: Detail; hostId: string }) {
  const t = useTranslations('compose.detail.logs');
  const containers = project.services.flatMap((s) => s.containers);
  const [chosen, setChosen] = useState(ALL_CONTAINERS);
  const container = containers.find((c) => c.id === chosen);
  if (containers.length === 0) return <p className="text-sm text-muted">{t('none')}</p>;
  return (
    <div className="flex flex-col gap-3">
      <SelectField label={t('choose')} value={container?.id ?? ALL_CONTAINERS} onChange={(e) => setChosen(e.target.value)} className="max-w-sm">
        <option value={ALL_CONTAINERS}>{t('all')}</option>
        {containers.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      {container ? (
        <LogViewer key={container.id} source={{ kind: 'container', hostId, containerId: container.id }} title={t('title', { name: container.name })} />
      ) : (
        <LogViewer key={ALL_CONTAINERS} source={{ kind: 'project', hostId, project: project.name }} title={t('allTitle', { name: project.name })} lineLabel={(line) => line.container ?? null} />
      )}
    </div>
  );
}

export function ProjectDetail({ hostId, name, canManage }: Props) {
  const t = useTranslations('compose.detail');
  const { outcomeWord } = useWords();
  const router = useRouter();
  const queryClient = useQueryClient();
  const command = useCommand(hostId, name);
  const [downOpen, setDownOpen] = useState(false);
  const [withVolumes, setWithVolumes] = useState(false);
  const [pulls, setPulls] = useState<{ jobId: string; image: string }[]>([]);
  return (
    <QueryState query={useProject(hostId, name)} waiting={t('waiting', { name })} what={t('what', { name })}>
      {(project) => {
        const failed = project.revisions[0]?.outcome === 'failed' ? project.revisions[0] : null;
        return (
          <div className="flex flex-col gap-6">
            <div className="flex flex-wrap items-center gap-3">
              <ProjectStateBadge state={project.state} />
              <OriginBadge origin={project.origin} />
              <span className="text-sm text-muted">{t('running', { running: project.running, total: project.total })}</span>
            </div>
            {failed && (
              <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 p-3 text-sm">
                {t('lastUpFailed', { number: failed.number, message: failed.message ?? '' })}
              </p>
            )}
            {canManage && (
              <div className="flex flex-wrap gap-2" role="group" aria-label={t('commands.label')}>
                {project.managed && (
                  <Button busy={command.busy === 'up'} disabled={command.busy !== null} onClick={() => command.run('up', () => upProjectAction({ hostId, name }), (r) => t('commands.upDone', { name, plan: r.plan.join('; ') }))}>
                    {t('commands.up')}
                  </Button>
                )}
                {VERBS.map((verb) => (
                  <Button key={verb} variant="secondary" busy={command.busy === verb} disabled={command.busy !== null || project.total === 0} onClick={() => command.run(verb, () => changeProjectAction({ hostId, name, verb }), (r) => t(`commands.${verb}Done`, { count: r.changed.length }))}>
                    {t(`commands.${verb}`)}
                  </Button>
                ))}
                {project.managed && (
                  <>
                    <PullButton project={project} hostId={hostId} disabled={command.busy !== null} onStarted={setPulls} />
                    <RecreateButton project={project} hostId={hostId} disabled={command.busy !== null || project.total === 0} />
                  </>
                )}
                {project.managed && (
                  <ButtonLink variant="secondary" href={editProjectPath(hostId, name)}>
                    {t('commands.edit')}
                  </ButtonLink>
                )}
                <Button variant="danger" disabled={command.busy !== null || project.total === 0} onClick={() => setDownOpen(true)}>
                  {t('commands.down')}
                </Button>
              </div>
            )}
            <ProjectPulls hostId={hostId} name={name} pulls={pulls} />
            <section aria-labelledby="project-services" className="flex flex-col gap-2">
              <h2 id="project-services" className="font-semibold">
                {t('services.title')}
              </h2>
              <Services project={project} hostId={hostId} canManage={canManage} command={command} />
            </section>
            {project.fileObjects.length > 0 && (
              <section aria-labelledby="project-files" className="flex flex-col gap-2">
                <h2 id="project-files" className="font-semibold">
                  {t('files.title')}
                </h2>
                <ul aria-labelledby="project-files" className="flex flex-col gap-1 text-sm">
                  {project.fileObjects.map((f) => (
                    <li key={`${f.kind}:${f.name}`} className="flex flex-wrap items-center gap-2">
                      <Badge tone="neutral">{t(`files.${f.kind}`)}</Badge>
                      <span className="font-mono">{f.name}</span>
                      <span className="text-muted">{t('files.usedBy', { services: f.services.join(', ') })}</span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <section aria-labelledby="project-logs" className="flex flex-col gap-2">
              <h2 id="project-logs" className="font-semibold">
                {t('logs.heading')}
              </h2>
              <Logs project={project} hostId={hostId} />
            </section>
            {project.managed && (
              <section aria-labelledby="project-revisions" className="flex flex-col gap-2">
                <h2 id="project-revisions" className="font-semibold">
                  {t('revisions.title')}
                </h2>
                <ProjectRevisions hostId={hostId} name={name} revisions={project.revisions} canManage={canManage} outcomeWord={outcomeWord} />
              </section>
            )}
            {downOpen && (
              <ConfirmDialog
                open
                onOpenChange={setDownOpen}
                title={t('down.title', { name })}
                description={t(project.managed ? 'down.descriptionManaged' : 'down.description', { count: project.total })}
                confirmLabel={t('down.confirm')}
                danger
                busyNote={t('down.busy')}
                onConfirm={async () => {
                  const result = await downProjectAction({ hostId, name, volumes: withVolumes, forget: false });
                  if (!result.ok) return result.error.message;
                  toast.success(withVolumes ? t('down.doneVolumes', { name, containers: result.data.containers.length, networks: result.data.networks.length, volumes: result.data.volumes.length }) : t('down.done', { name, containers: result.data.containers.length, networks: result.data.networks.length }));
                  await queryClient.invalidateQueries({ queryKey: queryKeys.hostProjects(hostId) });
                  if (!project.managed) router.push(projectsPath(hostId));
                  return null;
                }}
              >
                <label className="inline-flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={withVolumes} onChange={(e) => setWithVolumes(e.target.checked)} className="size-4" />
                  {t('down.volumes')}
                </label>
              </ConfirmDialog>
            )}
          </div>
        );
      }}
    </QueryState>
  );
}
