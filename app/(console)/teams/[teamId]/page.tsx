import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { foundOr404, validParams } from '@/app/(console)/_lib/page-params.ts';
import { GrantsCard } from '@/components/access/grants-card.tsx';
import { TeamMembers } from '@/components/access/team-members.tsx';
import { TeamSettings } from '@/components/access/team-settings.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccessOn } from '@/app/(console)/_lib/page-params.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { teamIdSchema } from '@/lib/schemas/access.ts';
import { grantOptions } from '@/lib/services/access/grant-options.ts';
import { memberCandidates, readTeam } from '@/lib/services/access/manage-teams.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('access.team'))('pageTitle') };
}

// A team's members and grants: its leads manage both (within what they hold); administrators also rename and delete it.
export default async function TeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  const t = await getTranslations('access.team');
  const { teamId } = await validParams(params, { teamId: teamIdSchema });
  const access = await pageAccessOn('team.view', { type: 'team', id: teamId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const rt = getRuntime();
  const administrator = can(access.actor, 'team.manage');
  const [team, options, users] = await Promise.all([
    foundOr404(readTeam(rt, teamId)),
    grantOptions(rt, access.actor),
    memberCandidates(rt, access.actor),
  ]);
  const canManage = access.can('team.manage');
  return (
    <>
      <PageHeader
        title={team.name}
        description={team.description ?? t('description')}
        actions={
          <div className="flex items-center gap-3">
            <TextLink href="/teams">{t('allTeams')}</TextLink>
            {administrator && <TeamSettings team={team} />}
          </div>
        }
      />
      <div className="flex flex-col gap-4">
        <TeamMembers teamId={team.id} teamName={team.name} members={team.members} candidates={users} canManage={canManage} canChooseLeads={administrator} />
        <GrantsCard subject={{ type: 'team', id: team.id, name: team.name }} grants={team.grants} options={options} canManage={canManage} />
      </div>
    </>
  );
}
