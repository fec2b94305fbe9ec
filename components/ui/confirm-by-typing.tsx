'use client';
// Confirmation for destructive actions: the user types the name of what goes away.
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { Dialog } from './dialog.tsx';
import { FormError, TextField } from './field.tsx';
import { Form, FormActions } from './form.tsx';

export function ConfirmByTyping({
  open,
  onOpenChange,
  title,
  name,
  consequence,
  confirmLabel,
  onConfirm,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  name: string;
  consequence: ReactNode;
  confirmLabel: string;
  onConfirm: (typed: string) => Promise<string | null>;
  /** Choices that shape the action (shown above the name to type). */
  children?: ReactNode;
}) {
  const t = useTranslations('common');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = (next: boolean) => {
    if (!next) {
      setTyped('');
      setError(null);
    }
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={close} title={title} description={consequence}>
      <Form
        onSubmit={async () => {
          setBusy(true);
          setError(await onConfirm(typed));
          setBusy(false);
        }}
      >
        {children}
        <TextField label={t('typeToConfirm', { name })} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
        <FormError message={error} />
        <FormActions label={confirmLabel} danger busy={busy} disabled={typed !== name} onCancel={() => close(false)} />
      </Form>
    </Dialog>
  );
}
