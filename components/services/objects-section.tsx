'use client';
// A swarm's secrets or configs: list (with the services that use each), create from text or a
// file, inspect (a config's content; a secret's value never), remove — refused by the server while
// a service uses it, naming the services.
import { useQueryClient } from '@tanstack/react-query';
import { FileLock2, FileText } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Fact, Facts } from '@/components/swarms/facts.tsx';
import { LabelChips } from '@/components/swarms/node-badges.tsx';
import { Waiting } from '@/components/swarms/swarm-detail.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { FormError, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { createSwarmObjectAction, removeSwarmObjectAction } from '@/lib/actions/services.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useSwarmObjects } from '@/lib/queries/use-swarm-objects.ts';
import type { SwarmObjectRow } from '@/lib/services/swarm-services/swarm-objects.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { parseLabelsText } from './labels-text.ts';
import { ReadError } from './services-list.tsx';

type Kind = 'secret' | 'config';
const plural = (kind: Kind) => (kind === 'secret' ? 'secrets' : 'configs');
const MAX_BYTES = 500 * 1024;

export function UsedBy({ names }: { names: string[] }) {
  if (names.length === 0) return <span className="text-muted">nothing</span>;
  return <span>{names.join(', ')}</span>;
}

function CreateObjectDialog({ swarmId, kind, open, onOpenChange }: { swarmId: string; kind: Kind; open: boolean; onOpenChange: (open: boolean) => void }) {
  const [name, setName] = useState('');
  const [data, setData] = useState('');
  const [labels, setLabels] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const reset = () => {
    setName('');
    setData('');
    setLabels('');
    setErrors({});
    setMessage(null);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (busy) return;
        if (!next) reset();
        onOpenChange(next);
      }}
      title={`Create a ${kind}`}
      description={kind === 'secret' ? 'The value is stored encrypted by the swarm and given only to the services that use it. Wharf never shows it again.' : 'A file services can mount. Its content can be read back.'}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={async (event) => {
          event.preventDefault();
          const parsed = parseLabelsText(labels);
          if (!parsed.ok) return setErrors({ labels: [parsed.error] });
          setBusy(true);
          setErrors({});
          setMessage(null);
          const result = await createSwarmObjectAction({ swarmId, kind, name, data, labels: parsed.labels }).finally(() => setBusy(false));
          if (!result.ok) {
            const fields = result.error.fieldErrors ?? {};
            setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.startsWith('labels') ? 'labels' : k, v])));
            setMessage(result.error.message);
            return;
          }
          toast.success(`Created ${kind} ${name.trim()}`);
          await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
          reset();
          onOpenChange(false);
        }}
      >
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoComplete="off" spellCheck={false} autoFocus />
        <TextAreaField
          label={kind === 'secret' ? 'Value' : 'Content'}
          hint="Type or paste it, or load a file below. At most 500 KiB."
          rows={6}
          value={data}
          onChange={(e) => setData(e.target.value)}
          error={errors.data}
          autoComplete="off"
        />
        <TextField
          label={`Load the ${kind === 'secret' ? 'value' : 'content'} from a file`}
          type="file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            if (file.size > MAX_BYTES) return setErrors({ data: [`${file.name} is larger than 500 KiB (the swarm limit).`] });
            setData(await file.text());
            setErrors({});
          }}
        />
        <TextAreaField label="Labels" hint="One per line: key=value." rows={2} value={labels} onChange={(e) => setLabels(e.target.value)} error={errors.labels} />
        <FormError message={message} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" busy={busy}>
            Create {kind}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function InspectDialog({ kind, row, onClose }: { kind: Kind; row: SwarmObjectRow; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={`${kind === 'secret' ? 'Secret' : 'Config'} ${row.name}`}>
      <div className="flex flex-col gap-4">
        <Facts>
          <Fact term="ID" className="col-span-2 sm:col-span-3">
            <span className="font-mono text-xs">{row.id}</span>
          </Fact>
          <Fact term="Created">{row.createdAt ? <RelativeTime iso={row.createdAt} /> : '—'}</Fact>
          <Fact term="Updated">{row.updatedAt ? <RelativeTime iso={row.updatedAt} /> : '—'}</Fact>
          <Fact term="Stack">{row.stack ?? '—'}</Fact>
          <Fact term="Used by" className="col-span-2 sm:col-span-3">
            <UsedBy names={row.usedBy} />
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
          <div>
            <h3 className="mb-1 text-xs text-muted" id={`content-${row.id}`}>
              Content
            </h3>
            <pre aria-labelledby={`content-${row.id}`} className="max-h-80 overflow-auto rounded-md bg-surface-2 p-3 font-mono text-xs">
              {row.data ?? ''}
            </pre>
          </div>
        )}
        <div className="flex justify-end">
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

export function ObjectsSection({ swarmId, kind, canManage }: { swarmId: string; kind: Kind; canManage: boolean }) {
  const { data, error, isPending } = useSwarmObjects(swarmId, plural(kind));
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [inspecting, setInspecting] = useState<SwarmObjectRow | null>(null);
  const [removing, setRemoving] = useState<SwarmObjectRow | null>(null);
  const createButton = canManage ? <Button onClick={() => setCreating(true)}>Create {kind}</Button> : undefined;

  let body;
  if (isPending) body = <Waiting what={`Asking the swarm's managers for its ${plural(kind)}…`} />;
  else if (!data) body = <ReadError what={`The ${plural(kind)}`} error={error ?? new Error('No answer.')} />;
  else if (data.length === 0) {
    body = (
      <EmptyState icon={kind === 'secret' ? <FileLock2 className="size-8" /> : <FileText className="size-8" />} title={`No ${plural(kind)} yet`} action={createButton}>
        {kind === 'secret' ? 'Secrets hold passwords, keys and certificates for services, encrypted by the swarm.' : 'Configs hold files, like settings, that services mount.'}
      </EmptyState>
    );
  } else {
    body = (
      <Table caption={kind === 'secret' ? 'Secrets' : 'Configs'} columns={[{ label: 'Name' }, { label: 'Created' }, { label: 'Updated' }, { label: 'Labels' }, { label: 'Used by' }, { label: <span className="sr-only">Actions</span> }]}>
        {data.map((row) => (
          <Tr key={row.id} className="align-top text-sm">
            <RowHeader className="font-medium">{row.name}</RowHeader>
            <Td className="whitespace-nowrap text-xs">{row.createdAt ? <RelativeTime iso={row.createdAt} /> : '—'}</Td>
            <Td className="whitespace-nowrap text-xs">{row.updatedAt ? <RelativeTime iso={row.updatedAt} /> : '—'}</Td>
            <Td>
              <LabelChips labels={row.labels} />
            </Td>
            <Td>
              <UsedBy names={row.usedBy} />
            </Td>
            <Td className="whitespace-nowrap text-right">
              <Button variant="ghost" size="sm" aria-label={`Inspect ${row.name}`} onClick={() => setInspecting(row)}>
                Inspect
              </Button>
              {canManage && (
                <Button variant="ghost" size="sm" aria-label={`Remove ${row.name}`} onClick={() => setRemoving(row)}>
                  Remove
                </Button>
              )}
            </Td>
          </Tr>
        ))}
      </Table>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      {createButton && data && data.length > 0 && <div className="flex justify-end">{createButton}</div>}
      {body}
      {canManage && <CreateObjectDialog swarmId={swarmId} kind={kind} open={creating} onOpenChange={setCreating} />}
      {inspecting && <InspectDialog kind={kind} row={inspecting} onClose={() => setInspecting(null)} />}
      {removing && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setRemoving(null)}
          title={`Remove ${kind} ${removing.name}?`}
          description={removing.usedBy.length ? `It is in use by ${removing.usedBy.join(', ')}: the swarm will refuse.` : 'Services can no longer be given it. This cannot be undone.'}
          confirmLabel={`Remove ${kind}`}
          danger
          onConfirm={async () => {
            const result = await removeSwarmObjectAction({ swarmId, kind, id: removing.id });
            if (!result.ok) return result.error.message;
            toast.success(`Removed ${kind} ${removing.name}`);
            await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
            return null;
          }}
        />
      )}
    </div>
  );
}
