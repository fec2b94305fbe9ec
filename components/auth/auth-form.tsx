'use client';
// The form of the sign-in and first-run pages: a column of fields, the form's error and one submit
// button. The browser checks required fields and lengths before `onSubmit` gets what was entered.
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { FormError } from '@/components/ui/field.tsx';

export function AuthForm({ onSubmit, message, busy, label, children }: { onSubmit: (form: FormData) => unknown; message: string | null; busy: boolean; label: string; children: ReactNode }) {
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit(new FormData(event.currentTarget));
      }}
    >
      {children}
      <FormError message={message} />
      <Button type="submit" busy={busy}>
        {label}
      </Button>
    </form>
  );
}
