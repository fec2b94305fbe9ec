'use client';
// Directory group → team mappings (administrators): members of the group join the team at their
// next directory sign-in, and leave it when the mapping goes or they leave the group.
import type { ColumnDef } from '@tanstack/react-table';
import { Users } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { FormError, SelectField, TextField } from '@/components/ui/field.tsx';
import { Form, formText } from '@/components/ui/form.tsx';
import { ResourceSection } from '@/components/ui/resource-section.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { addGroupMappingAction, removeGroupMappingAction } from '@/lib/actions/directory.ts';
import { sourceName } from '@/lib/models/directory/directory-source.ts';
import type { GroupMappingView } from '@/lib/models/directory/directory-view.ts';

// An example group name in the box: the same in every language.
const GROUP_EXAMPLE = 'payments-devs';
const DIRECTORIES = (['oidc', 'ldap'] as const).map((kind) => ({ kind, name: sourceName(kind) }));

function useColumns(): ColumnDef<GroupMappingView>[] {
  const t = useTranslations('directory.mappings');
  return [
    { id: 'group', header: t('group'), cell: ({ row }) => <span className="font-medium">{row.original.groupName}</span> },
    { id: 'source', header: t('directory'), cell: ({ row }) => sourceName(row.original.source) },
    { id: 'team', header: t('team'), cell: ({ row }) => row.original.teamName },
  ];
}

function AddMapping({ teams }: { teams: { id: string; name: string }[] }) {
  const t = useTranslations('directory.mappings');
  const router = useRouter();
  const form = useActionForm({ fields: ['source', 'groupName', 'teamId'], report: 'inline' });
  return (
    <Form
      aria-label={t('form')}
      className="grid grid-cols-[10rem_1fr_14rem_auto] items-start gap-3"
      onSubmit={async (event) => {
        const element = event.currentTarget;
        const input = formText(new FormData(element), 'source', 'groupName', 'teamId');
        if (!(await form.submit(() => addGroupMappingAction(input)))) return;
        toast.success(t('added', { group: input.groupName }));
        element.reset();
        router.refresh();
      }}
    >
      <SelectField label={t('directory')} name="source" defaultValue="oidc" error={form.errors.source}>
        {DIRECTORIES.map((d) => (
          <option key={d.kind} value={d.kind}>
            {d.name}
          </option>
        ))}
      </SelectField>
      <TextField label={t('groupField')} name="groupName" placeholder={GROUP_EXAMPLE} error={form.errors.groupName} />
      <SelectField label={t('team')} name="teamId" defaultValue="" error={form.errors.teamId}>
        <option value="" disabled>
          {t('chooseTeam')}
        </option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
      <Button type="submit" busy={form.busy} className="mt-6.5">
        {t('add')}
      </Button>
      <div className="col-span-4">
        <FormError message={form.message} />
      </div>
    </Form>
  );
}

export function GroupMappings({ mappings, teams }: { mappings: GroupMappingView[]; teams: { id: string; name: string }[] }) {
  const t = useTranslations('directory.mappings');
  const columns = useColumns();
  const router = useRouter();
  return (
    <ResourceSection
      caption={t('caption')}
      rows={mappings}
      rowId={(m) => m.id}
      columns={columns}
      toolbar={teams.length > 0 ? <AddMapping teams={teams} /> : <p className="text-sm text-muted">{t('teamFirst')}</p>}
      empty={{ icon: <Users className="size-6" />, title: t('emptyTitle'), text: t('emptyText') }}
      remove={{
        noun: t('noun'),
        name: (m) => `${m.groupName} → ${m.teamName}`,
        consequence: (m) => t('consequence', { group: m.groupName, team: m.teamName, directory: sourceName(m.source) }),
        run: async (m) => {
          const result = await removeGroupMappingAction({ mappingId: m.id });
          if (result.ok) router.refresh();
          return result;
        },
        invalidates: ['directory-mappings'],
      }}
    />
  );
}
