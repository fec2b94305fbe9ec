'use client';
// "Files this compose file names": one row per env_file and per secret or config `file:` the
// file names (as the server's check lists them), each loaded from a file or pasted, with what will
// happen to it: given now, kept from the revision edited (the server keeps a file not given again),
// or missing. Shared by the stack and compose project editors. Contents are often secrets: they go
// to the server with the check and the deploy, are kept sealed, and never come back.
import { Upload } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ErrorText } from '@/components/ui/field.tsx';
import type { FileReference, FileUse } from '@/lib/models/compose-files/referenced-files.ts';

/** What the schemas take for one file's content (lib/schemas/stacks.ts, compose-projects.ts). */
export const MAX_FILE_CONTENT = 512 * 1024;

/** Given contents by kept path ("conf/app.env"); an empty one is not given. */
export type FileContents = Record<string, string>;

type Props = {
  references: readonly FileReference[];
  contents: FileContents;
  onChange: (path: string, content: string) => void;
  /** Paths the revision edited keeps (normalised), and its number. */
  kept?: readonly string[];
  keptFrom?: number | null;
  error?: string;
};

export function ReferencedFilesEditor({ references, contents, onChange, kept = [], keptFrom = null, error }: Props) {
  const t = useTranslations('stacks.files');
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium">{t('legend')}</legend>
      <p className="text-xs text-muted">{t('hint')}</p>
      {references.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-3 py-2 text-xs text-muted">{t('none')}</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label={t('legend')}>
          {references.map((reference) => (
            <FileRow key={reference.path ?? `?${reference.written}`} reference={reference} content={reference.path ? (contents[reference.path] ?? '') : ''} onChange={onChange} kept={reference.path !== null && kept.includes(reference.path)} keptFrom={keptFrom} />
          ))}
        </ul>
      )}
      <ErrorText error={error} />
    </fieldset>
  );
}

function FileRow({ reference, content, onChange, kept, keptFrom }: { reference: FileReference; content: string; onChange: Props['onChange']; kept: boolean; keptFrom: number | null }) {
  const t = useTranslations('stacks.files');
  const locale = useLocale();
  const id = useId();
  const [loadError, setLoadError] = useState<string | null>(null);
  const uses = new Intl.ListFormat(locale === 'en' ? 'en-GB' : locale, { type: 'conjunction' }).format(reference.uses.map((use: FileUse) => (use.kind === 'env_file' ? t('useEnvFile', { service: use.service }) : t(use.kind === 'secret' ? 'useSecret' : 'useConfig', { name: use.name }))));
  const where = reference.line === null ? uses : t('usesAtLine', { uses, line: reference.line });
  const path = reference.path;
  if (path === null) {
    return (
      <li className="flex flex-col gap-1 rounded-md border border-danger/40 p-3">
        <span className="font-mono text-sm">{reference.written}</span>
        <p className="text-xs text-muted">{where}</p>
        <p className="text-xs text-danger">{t('cannotKeep')}</p>
      </li>
    );
  }
  const given = content !== '';
  const state = given ? (
    <Badge tone="ok">{t('given', { size: content.length })}</Badge>
  ) : kept ? (
    <Badge tone="accent">{keptFrom === null ? t('keptLast') : t('kept', { revision: keptFrom })}</Badge>
  ) : !reference.required ? (
    <Badge>{t('optional')}</Badge>
  ) : (
    <Badge tone="warn">{t('missing')}</Badge>
  );
  const tooLarge = () => setLoadError(t('tooLarge', { path: reference.written, max: '512 KiB' }));
  return (
    <li className="flex flex-col gap-2 rounded-md border border-border p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label htmlFor={`${id}-content`} className="font-mono text-sm font-medium">
          {reference.written}
        </label>
        <span id={`${id}-state`}>{state}</span>
      </div>
      <p id={`${id}-uses`} className="text-xs text-muted">
        {where}
      </p>
      <textarea
        id={`${id}-content`}
        className="min-h-16 w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs text-fg placeholder:text-muted focus:border-accent focus:outline-none"
        rows={3}
        value={content}
        spellCheck={false}
        autoComplete="off"
        maxLength={MAX_FILE_CONTENT}
        placeholder={kept && !given ? t('keptPlaceholder') : t('pastePlaceholder')}
        aria-describedby={`${id}-state ${id}-uses`}
        onChange={(event) => {
          setLoadError(null);
          onChange(path, event.target.value);
        }}
      />
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={`${id}-load`}
          type="file"
          className="peer sr-only"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            // A character takes at most 4 bytes: past that the content cannot fit, without reading it.
            if (file.size > MAX_FILE_CONTENT * 4) return tooLarge();
            const read = await file.text();
            if (read.length > MAX_FILE_CONTENT) return tooLarge();
            setLoadError(null);
            onChange(path, read);
          }}
        />
        <label
          htmlFor={`${id}-load`}
          className="inline-flex h-8 cursor-pointer items-center gap-2 rounded-md border border-border bg-surface px-3 text-xs font-medium hover:bg-surface-2 peer-focus-visible:ring-2 peer-focus-visible:ring-accent"
        >
          <Upload className="size-4" aria-hidden /> {t('load', { path: reference.written })}
        </label>
        {given && (
          <Button variant="ghost" size="sm" onClick={() => onChange(path, '')}>
            {kept ? t('clearKept', { path: reference.written }) : t('clear', { path: reference.written })}
          </Button>
        )}
      </div>
      <ErrorText error={loadError} />
    </li>
  );
}
