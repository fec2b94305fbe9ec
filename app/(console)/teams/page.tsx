import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NewTeamButton } from '@/components/access/new-team-button.tsx';
import { TeamList } from '@/components/access/team-list.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listTeams } from '@/lib/services/access/manage-teams.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('access.teams'))('title') };
}

// Administrators see every team; a lead sees the teams they lead.
export default async function TeamsPage() {
  const t = await getTranslations('access.teams');
  const access = await pageAccess('team.view', ANYWHERE);
  if (!access.ok) return <Forbidden message={access.message} />;
  const canCreate = can(access.actor, 'team.manage');
  const teams = await listTeams(getRuntime(), access.actor);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={canCreate ? <NewTeamButton /> : undefined} />
      <TeamList teams={teams} canCreate={canCreate} />
    </>
  );
}
