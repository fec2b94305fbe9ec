'use client';
// "New user": the page header's button and the dialog it opens.
import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { CreateUserForm } from './create-user-form.tsx';

export function NewUserButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UserPlus className="size-4" aria-hidden /> New user
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="New user" description="Someone who can sign in to Wharf with the role you choose.">
        <CreateUserForm onCancel={() => setOpen(false)} onCreated={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
