'use client';
// A host's compose projects: Wharf's and those the Compose CLI made there (marked), each with its
// state and containers; opening one shows its services. Removing one takes it down (containers
// and networks; volumes stay) behind a confirmation, and Wharf forgets its file.
import { Boxes } from 'lucide-react';
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
  const create = canManage && (
    <ButtonLink href={newProjectPath(hostId)} size="sm">
      New project
    </ButtonLink>
  );
  return (
    <QueryState query={useProjectList(hostId)} waiting="Asking the host for its compose projects…" what="The compose projects">
      {(projects) => (
        <ResourceSection<ProjectSummary, unknown>
          caption="Compose projects"
          rows={projects}
          rowId={(p) => p.name}
          columns={[
            column('Project', (p) => <TextLink href={projectPath(hostId, p.name)}>{p.name}</TextLink>, 'font-mono text-sm'),
            column('State', (p) => <ProjectStateBadge state={p.state} />),
            column('Made by', (p) => <OriginBadge origin={p.origin} />),
            column('Services', (p) => p.services.map((s) => s.name).join(', ') || '—', 'text-sm'),
            column('Containers', (p) => `${p.running} of ${p.total} running`, 'text-sm'),
          ]}
          empty={{
            icon: <Boxes className="size-6" aria-hidden />,
            title: `No compose projects on ${hostName}`,
            text: canManage ? 'Create one from a compose file: Wharf brings it up as docker compose would. Projects made with the Compose CLI on this host appear here too.' : 'Projects made here, by Wharf or with the Compose CLI, appear here.',
          }}
          create={create}
          remove={
            canManage && {
              noun: 'project',
              name: (p) => p.name,
              consequence: (p) => `Its ${p.total} container${p.total === 1 ? '' : 's'} and its networks are removed from ${hostName}; its volumes stay.${p.managed ? ' Wharf forgets its file and revisions.' : ''}`,
              run: (p) => downProjectAction({ hostId, name: p.name, volumes: false, forget: true }),
              invalidates: queryKeys.hostProjects(hostId),
            }
          }
        />
      )}
    </QueryState>
  );
}
