'use client';
// "Add registry": the settings form in a dialog; the registry's page opens once it is saved.
import { Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { RegistryForm } from './registry-form.tsx';

export function AddRegistryButton() {
  const t = useTranslations('registries.add');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden /> {t('button')}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={t('title')} description={t('description')}>
        <RegistryForm current={null} onSaved={(view) => router.push(`/registries/${view.id}`)} />
      </Dialog>
    </>
  );
}
