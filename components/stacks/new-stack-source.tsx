'use client';
// Where a new stack comes from: the editor (a compose file written or uploaded here) or a git
// repository Wharf follows. One form at a time, chosen by two tabs; the editor is first.
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';

export function NewStackSource({ editor, git }: { editor: ReactNode; git: ReactNode }) {
  const t = useTranslations('gitStacks.pages');
  const [source, setSource] = useState<'editor' | 'git'>('editor');
  const tab = (value: 'editor' | 'git', label: string) => (
    <button
      type="button"
      role="tab"
      id={`new-stack-${value}`}
      aria-selected={source === value}
      aria-controls="new-stack-source"
      onClick={() => setSource(value)}
      className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${source === value ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg'}`}
    >
      {label}
    </button>
  );
  return (
    <>
      <div role="tablist" aria-label={t('source')} className="mb-4 flex gap-2 border-b border-border">
        {tab('editor', t('fromEditor'))}
        {tab('git', t('fromGit'))}
      </div>
      <div role="tabpanel" id="new-stack-source" aria-labelledby={`new-stack-${source}`}>
        {source === 'editor' ? editor : git}
      </div>
    </>
  );
}
