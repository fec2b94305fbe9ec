'use client';
// What the directory settings forms share: a labelled checkbox, reading a form into the action's
// input, and the row of "Test connection" and "Save" (a test runs the same checks as a save,
// without saving).
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { ErrorText } from '@/components/ui/field.tsx';

export function CheckboxField({ label, name, defaultChecked, hint, error }: { label: string; name: string; defaultChecked: boolean; hint?: ReactNode; error?: string[] }) {
  return (
    <div className="flex flex-col gap-1">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name={name} defaultChecked={defaultChecked} aria-invalid={error?.length ? true : undefined} />
        {label}
      </label>
      {hint && <p className="text-xs text-muted">{hint}</p>}
      <ErrorText error={error} />
    </div>
  );
}

/** The form's text fields by name, and its checkboxes as booleans. */
export function readForm(form: HTMLFormElement, texts: readonly string[], checks: readonly string[]): Record<string, string | boolean> {
  const data = new FormData(form);
  return {
    ...Object.fromEntries(texts.map((name) => [name, String(data.get(name) ?? '')])),
    ...Object.fromEntries(checks.map((name) => [name, data.get(name) === 'on'])),
  };
}

export function TestAndSave({ busy, onTest, saveLabel }: { busy: boolean; onTest: (form: HTMLFormElement) => void; saveLabel: string }) {
  const t = useTranslations('directory.form');
  return (
    <div className="flex gap-2">
      <Button variant="secondary" busy={busy} onClick={(event) => event.currentTarget.form && onTest(event.currentTarget.form)}>
        {t('test')}
      </Button>
      <Button type="submit" busy={busy}>
        {saveLabel}
      </Button>
    </div>
  );
}
