// The teams the user may see, each linking to its members and grants.
import Link from 'next/link';
import { Users } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { NamesOrNone, RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import type { TeamSummary } from '@/lib/models/access/access-views.ts';

export function TeamList({ teams, canCreate }: { teams: TeamSummary[]; canCreate: boolean }) {
  if (teams.length === 0) {
    return (
      <EmptyState icon={<Users className="size-8" />} title="No teams yet">
        {canCreate ? 'Create a team, add its members and a lead, then grant it a role on the hosts, swarms or stacks it runs.' : 'You lead no team. An administrator can make you the lead of one.'}
      </EmptyState>
    );
  }
  return (
    <Table caption="Teams" columns={[{ label: 'Team' }, { label: 'Members' }, { label: 'Leads' }]}>
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
            <NamesOrNone names={team.leads} none="no lead" />
          </Td>
        </Tr>
      ))}
    </Table>
  );
}
