'use client';
// "New user": the page header's button and the dialog it opens.
import { UserPlus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { CreateUserForm } from './create-user-form.tsx';

export function NewUserButton() {
  const t = useTranslations('users.create');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UserPlus className="size-4" aria-hidden /> {t('button')}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={t('title')} description={t('description')}>
        <CreateUserForm onCancel={() => setOpen(false)} onCreated={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
