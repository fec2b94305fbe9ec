'use client';
// A host's compose projects: Wharf's and those the Compose CLI made there (marked), each with its
// state and containers; opening one shows its services. Removing one takes it down (containers
// and networks; volumes stay) behind a confirmation, and Wharf forgets its file.
import { Boxes } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { column } from '@/components/ui/data-table.tsx';
import { ButtonLink } from '@/components/ui/button.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { ResourceSection } from '@/components/ui/resource-section.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { downProjectAction } from '@/lib/actions/compose-projects.ts';
import type { ProjectSummary } from '@/lib/models/compose-projects/project-status.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useProjectList } from '@/lib/queries/use-compose-projects.ts';
import { OriginBadge, ProjectStateBadge } from './project-badges.tsx';
import { newProjectPath, projectPath } from './project-paths.ts';

export function ProjectList({ hostId, hostName, canManage }: { hostId: string; hostName: string; canManage: boolean }) {
  const t = useTranslations('compose.list');
  const create = canManage && (
    <ButtonLink href={newProjectPath(hostId)} size="sm">
      {t('new')}
    </ButtonLink>
  );
  return (
    <QueryState query={useProjectList(hostId)} waiting={t('waiting')} what={t('what')}>
      {(projects) => (
        <ResourceSection<ProjectSummary, unknown>
          caption={t('caption')}
          rows={projects}
          rowId={(p) => p.name}
          columns={[
            column(t('columns.project'), (p) => <TextLink href={projectPath(hostId, p.name)}>{p.name}</TextLink>, 'font-mono text-sm'),
            column(t('columns.state'), (p) => <ProjectStateBadge state={p.state} />),
            column(t('columns.madeBy'), (p) => <OriginBadge origin={p.origin} />),
            column(t('columns.services'), (p) => p.services.map((s) => s.name).join(', ') || '—', 'text-sm'),
            column(t('columns.containers'), (p) => t('running', { running: p.running, total: p.total }), 'text-sm'),
          ]}
          empty={{
            icon: <Boxes className="size-6" aria-hidden />,
            title: t('empty.title', { host: hostName }),
            text: canManage ? t('empty.canCreate') : t('empty.viewOnly'),
          }}
          create={create}
          remove={
            canManage && {
              noun: t('noun'),
              name: (p) => p.name,
              consequence: (p) => t(p.managed ? 'remove.consequenceManaged' : 'remove.consequence', { count: p.total, host: hostName }),
              run: (p) => downProjectAction({ hostId, name: p.name, volumes: false, forget: true }),
              invalidates: queryKeys.hostProjects(hostId),
            }
          }
        />
      )}
    </QueryState>
  );
}
