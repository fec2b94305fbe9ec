'use client';
// The team a new stack, service or container is made for (lib/auth/ownership.ts): a labelled
// select when the user belongs to several teams; a line saying which when they belong to one (it
// is chosen for them); nothing when they belong to none (the object has no owner).
import { useTranslations } from 'next-intl';
import { SelectField } from '@/components/ui/field.tsx';

export type OwnerTeam = { id: string; name: string };

export function OwnerTeamField({ teams, value, onChange, error }: { teams: readonly OwnerTeam[]; value: string; onChange: (teamId: string) => void; error?: string[] }) {
  const t = useTranslations('access.owner');
  if (teams.length === 0) return null;
  if (teams.length === 1) return <p className="text-xs text-muted">{t('onlyTeam', { team: teams[0].name })}</p>;
  return (
    <SelectField label={t('team')} hint={t('teamHint')} value={value} onChange={(e) => onChange(e.target.value)} error={error}>
      {teams.map((team) => (
        <option key={team.id} value={team.id}>
          {team.name}
        </option>
      ))}
    </SelectField>
  );
}
