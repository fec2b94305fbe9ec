'use client';
// The administrator's backup button: a passphrase (typed twice), then the archive of the database
// and keys downloads as a file. The same archive as `npm run backup`; `npm run restore` reads it.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createBackupAction } from '@/lib/actions/backup.ts';
import { BACKUP_PASSPHRASE_MIN } from '@/lib/schemas/backup.ts';

/** Hands the browser the archive as a file download. */
function saveFile(filename: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function BackupForm() {
  const t = useTranslations('backup.form');
  const form = useActionForm({ fields: ['passphrase'], report: 'inline' });
  const [mismatch, setMismatch] = useState<string | undefined>();
  return (
    <form
      aria-label={t('label')}
      noValidate
      className="flex max-w-md flex-col gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const passphrase = String(data.get('passphrase') ?? '');
        if (passphrase !== String(data.get('confirm') ?? '')) {
          setMismatch(t('mismatch'));
          return;
        }
        setMismatch(undefined);
        const done = await form.submit(() => createBackupAction({ passphrase }));
        if (!done) return;
        saveFile(done.data.filename, done.data.base64);
        toast.success(t('downloaded', { filename: done.data.filename }));
      }}
    >
      <TextField
        label={t('passphrase')}
        name="passphrase"
        type="password"
        autoComplete="new-password"
        hint={t('passphraseHint', { min: BACKUP_PASSPHRASE_MIN })}
        error={form.errors.passphrase}
      />
      <TextField label={t('confirm')} name="confirm" type="password" autoComplete="new-password" error={mismatch} />
      {form.message && (
        <p role="alert" className="text-sm text-danger">
          {form.message}
        </p>
      )}
      <div>
        <Button type="submit" busy={form.busy}>
          {t('submit')}
        </Button>
      </div>
    </form>
  );
}
