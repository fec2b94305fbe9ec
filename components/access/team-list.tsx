// The teams the user may see, each linking to its members and grants.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Users } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { NamesOrNone, RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import type { TeamSummary } from '@/lib/models/access/access-views.ts';

export function TeamList({ teams, canCreate }: { teams: TeamSummary[]; canCreate: boolean }) {
  const t = useTranslations('access.teams');
  if (teams.length === 0) {
    return (
      <EmptyState icon={<Users className="size-8" />} title={t('emptyTitle')}>
        {canCreate ? t('emptyCreate') : t('emptyLead')}
      </EmptyState>
    );
  }
  return (
    <Table caption={t('caption')} columns={[{ label: t('team') }, { label: t('members') }, { label: t('leads') }]}>
      {teams.map((team) => (
        <Tr key={team.id}>
          <RowHeader>
            <Link href={`/teams/${team.id}`} className="font-medium text-accent hover:underline">
              {team.name}
            </Link>
            {team.description && <div className="text-xs text-muted">{team.description}</div>}
          </RowHeader>
          <Td className="tabular-nums">{team.members}</Td>
          <Td>
            <NamesOrNone names={team.leads} none={t('noLead')} />
          </Td>
        </Tr>
      ))}
    </Table>
  );
}
