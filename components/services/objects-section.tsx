'use client';
// A swarm's secrets or configs: list (with the services that use each), create from text or a
// file, inspect (a config's content when revealed by someone allowed, audited; a secret's value
// never), remove — refused by the server while a service uses it, naming the services.
import { useQueryClient } from '@tanstack/react-query';
import { FileLock2, FileText } from 'lucide-react';
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
const plural = (kind: Kind) => (kind === 'secret' ? 'secrets' : 'configs');
const MAX_BYTES = 500 * 1024;

function CreateObjectDialog({ swarmId, kind, open, onOpenChange }: { swarmId: string; kind: Kind; open: boolean; onOpenChange: (open: boolean) => void }) {
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
      title={`Create a ${kind}`}
      description={kind === 'secret' ? 'The value is stored encrypted by the swarm and given only to the services that use it. Wharf never shows it again.' : 'A file services can mount. Its content can be read back by those allowed to reveal it.'}
      form={form}
      label={`Create ${kind}`}
      onSubmit={async () => {
        const parsed = parseLabelsText(labels);
        if (!parsed.ok) return form.setErrors({ labels: [parsed.error] });
        if (!(await form.submit(() => createSwarmObjectAction({ swarmId, kind, name, data, labels: parsed.labels })))) return;
        toast.success(`Created ${kind} ${name.trim()}`);
        await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
        clear();
        onOpenChange(false);
      }}
    >
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} autoComplete="off" spellCheck={false} autoFocus />
      <TextAreaField
        label={kind === 'secret' ? 'Value' : 'Content'}
        hint="Type or paste it, or load a file below. At most 500 KiB."
        rows={6}
        value={data}
        onChange={(e) => setData(e.target.value)}
        error={form.errors.data}
        autoComplete="off"
      />
      <TextField
        label={`Load the ${kind === 'secret' ? 'value' : 'content'} from a file`}
        type="file"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          if (file.size > MAX_BYTES) return form.setErrors({ data: [`${file.name} is larger than 500 KiB (the swarm limit).`] });
          setData(await file.text());
          form.setErrors({});
        }}
      />
      <TextAreaField label="Labels" hint="One per line: key=value." rows={2} value={labels} onChange={(e) => setLabels(e.target.value)} error={form.errors.labels} />
    </FormDialog>
  );
}

/** A config's content, fetched only when someone allowed asks (each reveal is audited). */
function ConfigContent({ swarmId, row, canReveal }: { swarmId: string; row: SwarmObjectRow; canReveal: boolean }) {
  const [content, setContent] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-3">
        <h3 className="text-xs text-muted" id={`content-${row.id}`}>
          Content
        </h3>
        {canReveal && content === null && (
          <RevealButton label="Reveal content" reveal={() => revealConfigAction({ swarmId, id: row.id })} onRevealed={(config) => setContent(config.data)} />
        )}
      </div>
      {content === null ? (
        <p className="rounded-md border border-border bg-surface-2 px-3 py-2 text-sm text-muted">The content is hidden.{canReveal ? ' Revealing it is recorded in the audit log.' : ' Your role may not reveal it.'}</p>
      ) : (
        <pre aria-labelledby={`content-${row.id}`} className="max-h-80 overflow-auto rounded-md bg-surface-2 p-3 font-mono text-xs">
          {content}
        </pre>
      )}
    </div>
  );
}

function InspectDialog({ swarmId, kind, row, canReveal, onClose }: { swarmId: string; kind: Kind; row: SwarmObjectRow; canReveal: boolean; onClose: () => void }) {
  return (
    <InfoDialog title={`${kind === 'secret' ? 'Secret' : 'Config'} ${row.name}`} onClose={onClose}>
      <Facts>
        <Fact term="ID" className="col-span-2 sm:col-span-3">
          <span className="font-mono text-xs">{row.id}</span>
        </Fact>
        <Fact term="Created"><RelativeTime iso={row.createdAt} /></Fact>
        <Fact term="Updated"><RelativeTime iso={row.updatedAt} /></Fact>
        <Fact term="Stack">{row.stack ?? '—'}</Fact>
        <Fact term="Used by" className="col-span-2 sm:col-span-3">
          <NamesOrNone names={row.usedBy} />
        </Fact>
        <Fact term="Labels" className="col-span-2 sm:col-span-3">
          <LabelChips labels={row.labels} />
        </Fact>
      </Facts>
      {kind === 'secret' ? (
        <p className="rounded-md border border-border bg-surface-2 px-3 py-2 text-sm text-muted">
          The value of a secret is never shown: the swarm gives it only to the services that use it, as a file under /run/secrets/.
        </p>
      ) : (
        <ConfigContent swarmId={swarmId} row={row} canReveal={canReveal} />
      )}
    </InfoDialog>
  );
}

const COLUMNS = [
  column<SwarmObjectRow>('Name', (o) => o.name, 'font-medium'),
  column<SwarmObjectRow>('Created', (o) => <RelativeTime iso={o.createdAt} />, 'whitespace-nowrap text-xs'),
  column<SwarmObjectRow>('Updated', (o) => <RelativeTime iso={o.updatedAt} />, 'whitespace-nowrap text-xs'),
  column<SwarmObjectRow>('Labels', (o) => <LabelChips labels={o.labels} />),
  column<SwarmObjectRow>('Used by', (o) => <NamesOrNone names={o.usedBy} />),
];

export function ObjectsSection({ swarmId, kind, canManage, canReveal }: { swarmId: string; kind: Kind; canManage: boolean; canReveal: boolean }) {
  const [creating, setCreating] = useState(false);
  const [inspecting, setInspecting] = useState<SwarmObjectRow | null>(null);
  return (
    <QueryState query={useSwarmObjects(swarmId, plural(kind))} waiting={`Asking the swarm's managers for its ${plural(kind)}…`} what={`The ${plural(kind)}`}>
      {(objects) => (
        <ResourceSection
          caption={kind === 'secret' ? 'Secrets' : 'Configs'}
          rows={objects}
          rowId={(o) => o.id}
          columns={COLUMNS}
          empty={{
            icon: kind === 'secret' ? <FileLock2 className="size-8" /> : <FileText className="size-8" />,
            title: `No ${plural(kind)} yet`,
            text: kind === 'secret' ? 'Secrets hold passwords, keys and certificates for services, encrypted by the swarm.' : 'Configs hold files, like settings, that services mount.',
          }}
          create={canManage && <Button onClick={() => setCreating(true)}>Create {kind}</Button>}
          rowActions={(o) => (
            <Button variant="ghost" size="sm" aria-label={`Inspect ${o.name}`} onClick={() => setInspecting(o)}>
              Inspect
            </Button>
          )}
          remove={
            canManage &&
            swarmRemoval<SwarmObjectRow, unknown>(swarmId, {
              noun: kind,
              name: (o) => o.name,
              consequence: (o) => (o.usedBy.length ? `It is in use by ${o.usedBy.join(', ')}: the swarm will refuse.` : 'Services can no longer be given it. This cannot be undone.'),
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
