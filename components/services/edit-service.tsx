'use client';
// "Edit service": the create form prefilled from the running spec, or the whole spec as YAML in the
// stack editor's CodeMirror; the change is shown field by field in a dialog before it is applied as
// one update at the version read (a service changed underneath is refused, and the dialog shows
// what changed). A stack's service warns that the next stack deploy overwrites the edit. The
// rolling update's progress shows on the page (update-status.tsx) once applied.
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { parse, stringify } from 'yaml';
import { ComposeEditor } from '@/components/stacks/compose-editor.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormError } from '@/components/ui/field.tsx';
import { Form, FormActions } from '@/components/ui/form.tsx';
import { editServiceAction, previewServiceEditAction, readServiceForEditAction } from '@/lib/actions/services.ts';
import type { DocumentProblem, ErrorPayload } from '@/lib/errors.ts';
import { diffSpecs, type SpecChange } from '@/lib/models/services/spec-diff.ts';
import type { ServiceEditSource } from '@/lib/services/swarm-services/edit-service.ts';
import { ServiceForm } from './service-form.tsx';
import { formStateFromSpec } from './service-form-state.ts';

type Edit = { form: Record<string, unknown> } | { spec: Record<string, unknown> };
/** The dialog: the change to confirm, or what changed underneath (nothing applied). */
type Review = { kind: 'change'; edit: Edit; changes: SpecChange[] } | { kind: 'conflict'; fresh: ServiceEditSource; changes: SpecChange[] };
type Refusal = { message: string; fieldErrors?: Record<string, string[]> } | null;

function Changes({ changes, caption }: { changes: SpecChange[]; caption: string }) {
  const t = useTranslations('services.edit');
  return (
    <table className="w-full table-fixed text-xs">
      <caption className="mb-1 text-left text-sm font-medium">{caption}</caption>
      <thead>
        <tr className="text-left text-muted">
          <th scope="col" className="w-1/3 pb-1">{t('col.field')}</th>
          <th scope="col" className="pb-1">{t('col.before')}</th>
          <th scope="col" className="pb-1">{t('col.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} className="border-t border-border align-top">
            <th scope="row" className="break-all py-1 pr-2 text-left font-mono font-normal">{c.path}</th>
            <td className="break-all py-1 pr-2 font-mono text-danger">{c.before ?? t('absent')}</td>
            <td className="break-all py-1 font-mono text-ok">{c.after ?? t('absent')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EditService({ swarmId, serviceId, onClose, onApplied }: { swarmId: string; serviceId: string; onClose: () => void; onApplied: () => Promise<void> }) {
  const t = useTranslations('services.edit');
  const [source, setSource] = useState<ServiceEditSource | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tab, setTab] = useState<'form' | 'yaml'>('form');
  const [yamlText, setYamlText] = useState('');
  const [yamlProblems, setYamlProblems] = useState<DocumentProblem[]>([]);
  const [yamlMessage, setYamlMessage] = useState<string | null>(null);
  const [review, setReview] = useState<Review | null>(null);
  const opened = (data: ServiceEditSource) => {
    setSource(data);
    setYamlText(stringify(data.spec));
    setYamlProblems([]);
    setYamlMessage(null);
  };
  // Read once when the editor opens: the version read is the one the update is sent at.
  useEffect(() => {
    let live = true;
    void readServiceForEditAction({ swarmId, serviceId }).then((result) => {
      if (!live) return;
      if (result.ok) opened(result.data);
      else setLoadError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [swarmId, serviceId]);

  /** A conflict shows what changed since the edit was read; any other refusal goes back to the form. */
  const refused = async (error: ErrorPayload): Promise<Refusal> => {
    if (error.code !== 'CONFLICT' || !source) return { message: error.message, fieldErrors: error.fieldErrors };
    const fresh = await readServiceForEditAction({ swarmId, serviceId });
    if (!fresh.ok) return { message: fresh.error.message };
    setReview({ kind: 'conflict', fresh: fresh.data, changes: diffSpecs(source.spec, fresh.data.spec) });
    return { message: error.message };
  };
  const preview = async (edit: Edit): Promise<Refusal> => {
    if (!source) return null;
    const result = await previewServiceEditAction({ swarmId, serviceId, version: source.version, ...edit });
    if (!result.ok) return refused(result.error);
    setReview({ kind: 'change', edit, changes: result.data.changes });
    return null;
  };

  if (loadError) return <FormError message={loadError} />;
  if (!source) return <p className="text-sm text-muted">{t('reading')}</p>;

  return (
    <Card title={t('title')}>
      <div className="flex flex-col gap-4">
        {source.stack && (
          <p role="note" className="rounded-md border border-warn/40 bg-warn/10 p-3 text-sm">
            {t('stackWarning', { stack: source.stack })}
          </p>
        )}
        <div role="tablist" aria-label={t('how')} className="flex gap-2">
          <Button role="tab" aria-selected={tab === 'form'} variant={tab === 'form' ? 'primary' : 'secondary'} size="sm" onClick={() => setTab('form')}>
            {t('tabForm')}
          </Button>
          <Button role="tab" aria-selected={tab === 'yaml'} variant={tab === 'yaml' ? 'primary' : 'secondary'} size="sm" onClick={() => setTab('yaml')}>
            {t('tabYaml')}
          </Button>
        </div>
        {tab === 'form' ? (
          <ServiceForm
            key={source.version}
            swarmId={swarmId}
            edit={{ initial: formStateFromSpec(source.spec, source.networkNames), submitLabel: t('review'), onSubmit: (input) => preview({ form: input.form }), onCancel: onClose }}
          />
        ) : (
          <Form
            className="flex flex-col gap-3"
            onSubmit={async () => {
              setYamlMessage(null);
              let spec: unknown;
              try {
                spec = parse(yamlText);
              } catch (error) {
                const at = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
                setYamlProblems([{ message: t('yamlInvalid'), severity: 'error', ...(at ? { line: at.line, column: at.col } : {}) }]);
                return setYamlMessage(t('yamlInvalid'));
              }
              if (!spec || typeof spec !== 'object' || Array.isArray(spec)) {
                setYamlProblems([{ message: t('yamlNotMap'), severity: 'error', line: 1 }]);
                return setYamlMessage(t('yamlNotMap'));
              }
              setYamlProblems([]);
              const failure = await preview({ spec: spec as Record<string, unknown> });
              if (failure) setYamlMessage(failure.message);
            }}
          >
            <p className="text-xs text-muted">{t('yamlHint')}</p>
            <ComposeEditor label={t('yamlLabel')} value={yamlText} onChange={setYamlText} problems={yamlProblems} />
            <FormError message={yamlMessage} />
            <FormActions label={t('review')} onCancel={onClose} />
          </Form>
        )}
      </div>

      {review?.kind === 'change' && (
        <ReviewDialog
          name={source.name}
          stack={source.stack}
          changes={review.changes}
          onCancel={() => setReview(null)}
          onApply={async () => {
            const result = await editServiceAction({ swarmId, serviceId, version: source.version, ...review.edit });
            if (!result.ok) {
              const shown = await refused(result.error);
              return result.error.code === 'CONFLICT' ? null : (shown?.message ?? result.error.message);
            }
            setReview(null);
            toast.success(t('applied', { name: source.name }));
            for (const warning of result.data.warnings) toast.warning(warning);
            await onApplied();
            onClose();
            return null;
          }}
        />
      )}
      {review?.kind === 'conflict' && (
        <Dialog open onOpenChange={(open) => !open && setReview(null)} title={t('conflictTitle', { name: source.name })} description={t('conflictText')}>
          <div className="flex flex-col gap-4">
            {review.changes.length ? <Changes changes={review.changes} caption={t('changedUnderneath')} /> : <p className="text-sm">{t('conflictNoFields')}</p>}
            <FormActions
              label={t('reload')}
              onCancel={() => setReview(null)}
              onConfirm={() => {
                setReview(null);
                opened(review.fresh);
              }}
            />
          </div>
        </Dialog>
      )}
    </Card>
  );
}

function ReviewDialog({ name, stack, changes, onCancel, onApply }: { name: string; stack: string | null; changes: SpecChange[]; onCancel: () => void; onApply: () => Promise<string | null> }) {
  const t = useTranslations('services.edit');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog open onOpenChange={(open) => !open && !busy && onCancel()} title={t('reviewTitle', { name })} description={t('reviewText')}>
      <div className="flex flex-col gap-4">
        {stack && <p role="note" className="text-sm text-warn">{t('stackWarning', { stack })}</p>}
        {changes.length ? <Changes changes={changes} caption={t('changes', { count: changes.length })} /> : <p className="text-sm">{t('nothing')}</p>}
        <FormError message={error} />
        <FormActions
          label={t('apply')}
          busy={busy}
          disabled={!changes.length}
          onCancel={onCancel}
          onConfirm={async () => {
            setBusy(true);
            setError(null);
            const failed = await onApply().finally(() => setBusy(false));
            if (failed) setError(failed);
          }}
        />
      </div>
    </Dialog>
  );
}
