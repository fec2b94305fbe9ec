'use client';
// A swarm's secrets or configs: list (with the services that use each), create from text or a
// file, inspect (a config's content when revealed by someone allowed, audited; a secret's value
// never), remove — refused by the server while a service uses it, naming the services.
import { useQueryClient } from '@tanstack/react-query';
import { FileLock2, FileText } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Fact, Facts } from '@/components/ui/facts.tsx';
import { LabelChips } from '@/components/swarms/node-badges.tsx';
import { Button } from '@/components/ui/button.tsx';
import { column } from '@/components/ui/data-table.tsx';
import { InfoDialog } from '@/components/ui/dialog.tsx';
import { TextAreaField, TextField } from '@/components/ui/field.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { ResourceSection } from '@/components/ui/resource-section.tsx';
import { RevealButton } from '@/components/ui/reveal-button.tsx';
import { NamesOrNone } from '@/components/ui/table.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createSwarmObjectAction, removeSwarmObjectAction, revealConfigAction } from '@/lib/actions/services.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useSwarmObjects } from '@/lib/queries/use-swarm-objects.ts';
import type { SwarmObjectRow } from '@/lib/services/swarm-services/swarm-objects.ts';
import { parseLabelsText } from './labels-text.ts';
import { swarmRemoval } from './swarm-removal.ts';

type Kind = 'secret' | 'config';
const MAX_BYTES = 500 * 1024;

function CreateObjectDialog({ swarmId, kind, open, onOpenChange }: { swarmId: string; kind: Kind; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations('services.objects');
  const said = useTranslations('services.labelsText');
  const [name, setName] = useState('');
  const [data, setData] = useState('');
  const [labels, setLabels] = useState('');
  const form = useActionForm({ fields: ['name', 'data', 'labels'], report: 'inline' });
  const queryClient = useQueryClient();
  const clear = () => {
    setName('');
    setData('');
    setLabels('');
  };
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      onClosed={clear}
      title={t(`kind.${kind}.createTitle`)}
      description={t(`kind.${kind}.createDescription`)}
      form={form}
      label={t(`kind.${kind}.createButton`)}
      onSubmit={async () => {
        const parsed = parseLabelsText(labels);
        if (!parsed.ok) return form.setErrors({ labels: [parsed.problem === 'noKey' ? said('noKey', { line: parsed.line }) : said('twice', { key: parsed.key })] });
        if (!(await form.submit(() => createSwarmObjectAction({ swarmId, kind, name, data, labels: parsed.labels })))) return;
        toast.success(t(`kind.${kind}.created`, { name: name.trim() }));
        await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
        clear();
        onOpenChange(false);
      }}
    >
      <TextField label={t('name')} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} autoComplete="off" spellCheck={false} autoFocus />
      <TextAreaField
        label={t(`kind.${kind}.data`)}
        hint={t('dataHint')}
        rows={6}
        value={data}
        onChange={(e) => setData(e.target.value)}
        error={form.errors.data}
        autoComplete="off"
      />
      <TextField
        label={t(`kind.${kind}.loadFile`)}
        type="file"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          if (file.size > MAX_BYTES) return form.setErrors({ data: [t('tooLarge', { file: file.name })] });
          setData(await file.text());
          form.setErrors({});
        }}
      />
      <TextAreaField label={t('labels')} hint={t('labelsHint')} rows={2} value={labels} onChange={(e) => setLabels(e.target.value)} error={form.errors.labels} />
    </FormDialog>
  );
}

/** A config's content, fetched only when someone allowed asks (each reveal is audited). */
function ConfigContent({ swarmId, row, canReveal }: { swarmId: string; row: SwarmObjectRow; canReveal: boolean }) {
  const t = useTranslations('services.objects');
  const [content, setContent] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-3">
        <h3 className="text-xs text-muted" id={`content-${row.id}`}>
          {t('content')}
        </h3>
        {canReveal && content === null && (
          <RevealButton label={t('reveal')} reveal={() => revealConfigAction({ swarmId, id: row.id })} onRevealed={(config) => setContent(config.data)} />
        )}
      </div>
      {content === null ? (
        <p className="rounded-md border border-border bg-surface-2 px-3 py-2 text-sm text-muted">{canReveal ? t('hiddenAudited') : t('hiddenForbidden')}</p>
      ) : (
        <pre aria-labelledby={`content-${row.id}`} className="max-h-80 overflow-auto rounded-md bg-surface-2 p-3 font-mono text-xs">
          {content}
        </pre>
      )}
    </div>
  );
}

function InspectDialog({ swarmId, kind, row, canReveal, onClose }: { swarmId: string; kind: Kind; row: SwarmObjectRow; canReveal: boolean; onClose: () => void }) {
  const t = useTranslations('services.objects');
  return (
    <InfoDialog title={t(`kind.${kind}.inspectTitle`, { name: row.name })} onClose={onClose}>
      <Facts>
        <Fact term="ID" className="col-span-2 sm:col-span-3">
          <span className="font-mono text-xs">{row.id}</span>
        </Fact>
        <Fact term={t('created')}><RelativeTime iso={row.createdAt} /></Fact>
        <Fact term={t('updated')}><RelativeTime iso={row.updatedAt} /></Fact>
        <Fact term={t('stack')}>{row.stack ?? '—'}</Fact>
        <Fact term={t('usedBy')} className="col-span-2 sm:col-span-3">
          <NamesOrNone names={row.usedBy} />
        </Fact>
        <Fact term={t('labels')} className="col-span-2 sm:col-span-3">
          <LabelChips labels={row.labels} />
        </Fact>
      </Facts>
      {kind === 'secret' ? (
        <p className="rounded-md border border-border bg-surface-2 px-3 py-2 text-sm text-muted">
          {t('secretNever')}
        </p>
      ) : (
        <ConfigContent swarmId={swarmId} row={row} canReveal={canReveal} />
      )}
    </InfoDialog>
  );
}

export function ObjectsSection({ swarmId, kind, canManage, canReveal }: { swarmId: string; kind: Kind; canManage: boolean; canReveal: boolean }) {
  const t = useTranslations('services.objects');
  const columns = [
    column<SwarmObjectRow>(t('name'), (o) => o.name, 'font-medium'),
    column<SwarmObjectRow>(t('created'), (o) => <RelativeTime iso={o.createdAt} />, 'whitespace-nowrap text-xs'),
    column<SwarmObjectRow>(t('updated'), (o) => <RelativeTime iso={o.updatedAt} />, 'whitespace-nowrap text-xs'),
    column<SwarmObjectRow>(t('labels'), (o) => <LabelChips labels={o.labels} />),
    column<SwarmObjectRow>(t('usedBy'), (o) => <NamesOrNone names={o.usedBy} />),
  ];
  const [creating, setCreating] = useState(false);
  const [inspecting, setInspecting] = useState<SwarmObjectRow | null>(null);
  return (
    <QueryState query={useSwarmObjects(swarmId, kind === 'secret' ? 'secrets' : 'configs')} waiting={t(`kind.${kind}.asking`)} what={t(`kind.${kind}.what`)}>
      {(objects) => (
        <ResourceSection
          caption={t(`kind.${kind}.caption`)}
          rows={objects}
          rowId={(o) => o.id}
          columns={columns}
          empty={{
            icon: kind === 'secret' ? <FileLock2 className="size-8" /> : <FileText className="size-8" />,
            title: t(`kind.${kind}.emptyTitle`),
            text: t(`kind.${kind}.emptyText`),
          }}
          create={canManage && <Button onClick={() => setCreating(true)}>{t(`kind.${kind}.createButton`)}</Button>}
          rowActions={(o) => (
            <Button variant="ghost" size="sm" aria-label={t('inspectLabel', { name: o.name })} onClick={() => setInspecting(o)}>
              {t('inspect')}
            </Button>
          )}
          remove={
            canManage &&
            swarmRemoval<SwarmObjectRow, unknown>(swarmId, {
              noun: t(`kind.${kind}.noun`),
              name: (o) => o.name,
              consequence: (o) => (o.usedBy.length ? t('inUse', { users: o.usedBy.join(', ') }) : t(`kind.${kind}.unused`)),
              run: (o) => removeSwarmObjectAction({ swarmId, kind, id: o.id }),
            })
          }
        >
          {canManage && <CreateObjectDialog swarmId={swarmId} kind={kind} open={creating} onOpenChange={setCreating} />}
          {inspecting && <InspectDialog swarmId={swarmId} kind={kind} row={inspecting} canReveal={canReveal} onClose={() => setInspecting(null)} />}
        </ResourceSection>
      )}
    </QueryState>
  );
}
