'use client';
// "New team": a name and a description; the team's page opens once it exists.
import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { FormDialog, formText } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createTeamAction } from '@/lib/actions/access.ts';

export function NewTeamButton() {
  const t = useTranslations('access.newTeam');
  const tTeam = useTranslations('access.team');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useActionForm({ fields: ['name', 'description'], report: 'inline' });
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden /> {t('button')}
      </Button>
      <FormDialog
        open={open}
        onOpenChange={setOpen}
        title={t('title')}
        description={t('description')}
        form={form}
        label={t('submit')}
        onSubmit={async (event) => {
          const done = await form.submit(() => createTeamAction(formText(new FormData(event.currentTarget), 'name', 'description')));
          if (!done) return;
          setOpen(false);
          router.push(`/teams/${done.data.id}`);
        }}
      >
        <TextField label={tTeam('name')} name="name" required maxLength={60} autoComplete="off" autoFocus error={form.errors.name} />
        <TextField label={tTeam('descriptionField')} name="description" maxLength={300} autoComplete="off" error={form.errors.description} />
      </FormDialog>
    </>
  );
}
