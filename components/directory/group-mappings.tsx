'use client';
// Directory group → team mappings (administrators): members of the group join the team at their
// next directory sign-in, and leave it when the mapping goes or they leave the group.
import type { ColumnDef } from '@tanstack/react-table';
import { Users } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { FormError, SelectField, TextField } from '@/components/ui/field.tsx';
import { Form, formText } from '@/components/ui/form.tsx';
import { ResourceSection } from '@/components/ui/resource-section.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { addGroupMappingAction, removeGroupMappingAction } from '@/lib/actions/directory.ts';
import { sourceName } from '@/lib/models/directory/directory-source.ts';
import type { GroupMappingView } from '@/lib/models/directory/directory-view.ts';

const columns: ColumnDef<GroupMappingView>[] = [
  { id: 'group', header: 'Directory group', cell: ({ row }) => <span className="font-medium">{row.original.groupName}</span> },
  { id: 'source', header: 'Directory', cell: ({ row }) => sourceName(row.original.source) },
  { id: 'team', header: 'Team', cell: ({ row }) => row.original.teamName },
];

function AddMapping({ teams }: { teams: { id: string; name: string }[] }) {
  const router = useRouter();
  const form = useActionForm({ fields: ['source', 'groupName', 'teamId'], report: 'inline' });
  return (
    <Form
      aria-label="Map a directory group to a team"
      className="grid grid-cols-[10rem_1fr_14rem_auto] items-start gap-3"
      onSubmit={async (event) => {
        const element = event.currentTarget;
        const input = formText(new FormData(element), 'source', 'groupName', 'teamId');
        if (!(await form.submit(() => addGroupMappingAction(input)))) return;
        toast.success(`Members of "${input.groupName}" join the team at their next sign-in.`);
        element.reset();
        router.refresh();
      }}
    >
      <SelectField label="Directory" name="source" defaultValue="oidc" error={form.errors.source}>
        <option value="oidc">OpenID Connect</option>
        <option value="ldap">LDAP</option>
      </SelectField>
      <TextField label="Group" name="groupName" placeholder="payments-devs" error={form.errors.groupName} />
      <SelectField label="Team" name="teamId" defaultValue="" error={form.errors.teamId}>
        <option value="" disabled>
          Choose a team
        </option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
      <Button type="submit" busy={form.busy} className="mt-6.5">
        Add mapping
      </Button>
      <div className="col-span-4">
        <FormError message={form.message} />
      </div>
    </Form>
  );
}

export function GroupMappings({ mappings, teams }: { mappings: GroupMappingView[]; teams: { id: string; name: string }[] }) {
  const router = useRouter();
  return (
    <ResourceSection
      caption="Directory group mappings"
      rows={mappings}
      rowId={(m) => m.id}
      columns={columns}
      toolbar={teams.length > 0 ? <AddMapping teams={teams} /> : <p className="text-sm text-muted">Create a team first: mappings put a directory group's members into a team.</p>}
      empty={{ icon: <Users className="size-6" />, title: 'No group is mapped yet', text: 'Directory users can sign in, but they belong to no team (and see nothing) until one of their groups is mapped to a team here.' }}
      remove={{
        noun: 'mapping',
        name: (m) => `${m.groupName} → ${m.teamName}`,
        consequence: (m) => `Members of "${m.groupName}" leave ${m.teamName} at their next ${sourceName(m.source)} sign-in (unless another mapping keeps them there). Members added by hand stay.`,
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
