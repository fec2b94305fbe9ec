'use client';
// "New policy": a name (and what it is for); it starts as a copy of the default policy's rules.
import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormError, TextField } from '@/components/ui/field.tsx';
import { FormActions } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createPolicyAction } from '@/lib/actions/policies.ts';

export function NewPolicyButton() {
  const t = useTranslations('access.policies.new');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useActionForm({ fields: ['name', 'description'], report: 'inline' });
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden /> {t('button')}
      </Button>
      <Dialog open={open} onOpenChange={(next) => !form.busy && (setOpen(next), form.reset())} title={t('title')} description={t('description')}>
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={async (event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const description = String(data.get('description') ?? '').trim();
            const done = await form.submit(() => createPolicyAction({ name: String(data.get('name') ?? ''), description: description || null }));
            if (!done) return;
            setOpen(false);
            router.push(`/policies/${done.data.id}`);
          }}
        >
          <TextField label={t('name')} name="name" autoComplete="off" required error={form.errors.name} />
          <TextField label={t('descriptionField')} name="description" autoComplete="off" hint={t('descriptionHint')} error={form.errors.description} />
          <FormError message={form.message} />
          <FormActions label={t('submit')} busy={form.busy} onCancel={() => setOpen(false)} />
        </form>
      </Dialog>
    </>
  );
}
