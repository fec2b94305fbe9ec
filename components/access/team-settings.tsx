'use client';
// An administrator's changes to a team itself: rename it, or delete it (typing its name), which
// ends its members' access through it at once.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmByTyping } from '@/components/ui/confirm-by-typing.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { FormDialog, formText } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { deleteTeamAction, renameTeamAction } from '@/lib/actions/access.ts';

export function TeamSettings({ team }: { team: { id: string; name: string; description: string | null } }) {
  const t = useTranslations('access.team');
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const form = useActionForm({ fields: ['name', 'description'], report: 'inline' });
  return (
    <div className="flex gap-2">
      <Button variant="secondary" onClick={() => setRenaming(true)}>
        {t('rename')}
      </Button>
      <Button variant="danger" onClick={() => setDeleting(true)}>
        {t('delete')}
      </Button>
      <FormDialog
        open={renaming}
        onOpenChange={setRenaming}
        title={t('renameTitle', { name: team.name })}
        form={form}
        label={t('save')}
        onSubmit={async (event) => {
          const done = await form.submit(() => renameTeamAction({ teamId: team.id, ...formText(new FormData(event.currentTarget), 'name', 'description') }));
          if (!done) return;
          setRenaming(false);
          router.refresh();
        }}
      >
        <TextField label={t('name')} name="name" defaultValue={team.name} required maxLength={60} autoComplete="off" autoFocus error={form.errors.name} />
        <TextField label={t('descriptionField')} name="description" defaultValue={team.description ?? ''} maxLength={300} autoComplete="off" error={form.errors.description} />
      </FormDialog>
      <ConfirmByTyping
        open={deleting}
        onOpenChange={setDeleting}
        title={t('deleteTitle', { name: team.name })}
        name={team.name}
        consequence={t('deleteConsequence')}
        confirmLabel={t('delete')}
        onConfirm={async (typed) => {
          const result = await deleteTeamAction({ teamId: team.id, confirmName: typed });
          if (!result.ok) return result.error.message;
          toast.success(t('deleted', { name: team.name }));
          router.push('/teams');
          return null;
        }}
      />
    </div>
  );
}
