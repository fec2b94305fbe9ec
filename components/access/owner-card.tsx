'use client';
// An administrator's card on a stack, service, container or Compose project page: who owns it
// (lib/auth/ownership.ts), and moving it to another team, to no team, or making it visible to all
// who hold its host or swarm. Each move is an audited action.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { FormError, SelectField } from '@/components/ui/field.tsx';
import { moveContainerAction } from '@/lib/actions/containers.ts';
import { moveProjectAction } from '@/lib/actions/compose-projects.ts';
import { moveServiceAction } from '@/lib/actions/services.ts';
import { moveStackAction } from '@/lib/actions/stacks.ts';
import type { OwnerTeam } from './owner-team-field.tsx';

export type Movable =
  | { kind: 'service'; swarmId: string; serviceId: string }
  | { kind: 'stack'; swarmId: string; stackName: string }
  | { kind: 'project'; hostId: string; name: string }
  | { kind: 'container'; hostId: string; containerId: string };

function move(object: Movable, owner: { teamId: string | null; everyone: boolean }) {
  switch (object.kind) {
    case 'service':
      return moveServiceAction({ swarmId: object.swarmId, serviceId: object.serviceId, owner });
    case 'stack':
      return moveStackAction({ swarmId: object.swarmId, stackName: object.stackName, owner });
    case 'project':
      return moveProjectAction({ hostId: object.hostId, name: object.name, owner });
    case 'container':
      return moveContainerAction({ hostId: object.hostId, containerId: object.containerId, owner });
  }
}

export function OwnerCard({ object, current, teams }: { object: Movable; current: { teamId: string | null; everyone: boolean }; teams: readonly OwnerTeam[] }) {
  const t = useTranslations('access.owner');
  const router = useRouter();
  const [teamId, setTeamId] = useState(current.teamId ?? '');
  const [everyone, setEveryone] = useState(current.everyone);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const currentName = teams.find((team) => team.id === current.teamId)?.name ?? current.teamId;
  const restarts = object.kind === 'service' || object.kind === 'stack';

  return (
    <Card title={t('cardTitle')} className="mt-6">
      <div className="flex flex-col gap-3 p-4">
        <p className="text-sm">{currentName ? t(current.everyone ? 'ownedVisible' : 'owned', { team: currentName }) : t('unowned')}</p>
        <div className="flex flex-wrap items-end gap-4">
          <SelectField label={t('moveTo')} value={teamId} onChange={(e) => setTeamId(e.target.value)} className="w-64">
            <option value="">{t('noTeam')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </SelectField>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" checked={everyone} disabled={!teamId} onChange={(e) => setEveryone(e.target.checked)} />
            {t('visibleToAll')}
          </label>
          <Button
            type="button"
            busy={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              const result = await move(object, { teamId: teamId || null, everyone: !!teamId && everyone }).catch(() => null);
              setBusy(false);
              if (!result) return setError(t('noAnswer'));
              if (!result.ok) return setError(result.error.message);
              toast.success(t('moved'));
              router.refresh();
            }}
          >
            {t('move')}
          </Button>
        </div>
        {restarts && <p className="text-xs text-muted">{t('restartsTasks')}</p>}
        <FormError message={error} />
      </div>
    </Card>
  );
}
