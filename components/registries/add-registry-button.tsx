'use client';
// "Add registry": the settings form in a dialog; the registry's page opens once it is saved.
import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { RegistryForm } from './registry-form.tsx';

export function AddRegistryButton() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden /> Add registry
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Add registry" description="Wharf tests the connection and the credentials before it saves them; the password or token is kept sealed and never shown again.">
        <RegistryForm current={null} onSaved={(view) => router.push(`/registries/${view.id}`)} />
      </Dialog>
    </>
  );
}
