'use client';
// "Create service": every part of a service spec Wharf offers, each input labelled; problems the
// browser sees are shown before sending, the server's at their fields (or above the button when
// they concern the whole service, like the workload policy), and what was typed stays.
import { useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ErrorText, FormError, SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { Form, FormActions } from '@/components/ui/form.tsx';
import { createServiceAction } from '@/lib/actions/services.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useSwarmObjects } from '@/lib/queries/use-swarm-objects.ts';
import { serviceHref } from '@/components/layout/sections.ts';
import { emptyServiceForm, formFieldErrors, toServiceInput, type MountRow, type PortRow, type ServiceFormState } from './service-form-state.ts';

type Errors = Record<string, string[]>;

function Rows<T>({
  legend,
  noun,
  rows,
  add,
  onChange,
  render,
  error,
}: {
  legend: string;
  noun: string;
  rows: T[];
  add: () => T;
  onChange: (rows: T[]) => void;
  render: (row: T, index: number, set: (patch: Partial<T>) => void) => ReactNode;
  error?: string[];
}) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {rows.length === 0 && <p className="text-xs text-muted">None.</p>}
      {rows.map((row, i) => (
        <div key={i} className="flex flex-wrap items-end gap-2">
          {render(row, i, (patch) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))))}
          <Button variant="ghost" size="sm" aria-label={`Remove ${noun} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            <Trash2 className="size-4" aria-hidden />
          </Button>
        </div>
      ))}
      <ErrorText error={error} />
      <div>
        <Button variant="secondary" size="sm" onClick={() => onChange([...rows, add()])}>
          <Plus className="size-3.5" aria-hidden /> Add {noun}
        </Button>
      </div>
    </fieldset>
  );
}

function Pickers({ legend, noun, names, picked, onChange, targetLabel, targetHint, loading }: {
  legend: string;
  noun: string;
  names: string[];
  picked: ServiceFormState['secrets'];
  onChange: (next: ServiceFormState['secrets']) => void;
  targetLabel: (name: string) => string;
  targetHint: string;
  loading: boolean;
}) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {loading && <p className="text-xs text-muted">Reading the swarm&apos;s {noun}s…</p>}
      {!loading && names.length === 0 && <p className="text-xs text-muted">The swarm has no {noun}s yet.</p>}
      {names.map((name) => {
        const entry = picked[name] ?? { picked: false, target: '' };
        return (
          <div key={name} className="flex flex-col gap-2">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={entry.picked} onChange={(e) => onChange({ ...picked, [name]: { ...entry, picked: e.target.checked } })} />
              {name}
            </label>
            {entry.picked && <TextField label={targetLabel(name)} hint={targetHint} value={entry.target} onChange={(e) => onChange({ ...picked, [name]: { ...entry, target: e.target.value } })} className="ml-6 w-72" />}
          </div>
        );
      })}
    </fieldset>
  );
}

export function ServiceForm({ swarmId }: { swarmId: string }) {
  const [state, setState] = useState<ServiceFormState>(emptyServiceForm);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const queryClient = useQueryClient();
  const networks = useSwarmObjects(swarmId, 'networks');
  const secrets = useSwarmObjects(swarmId, 'secrets');
  const configs = useSwarmObjects(swarmId, 'configs');
  const set = <K extends keyof ServiceFormState>(key: K, value: ServiceFormState[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    // A field's error goes once the field is changed; the rest stay until the next attempt.
    if (errors[key]) setErrors(({ [key]: _changed, ...rest }) => rest);
  };
  const err = (key: string) => errors[key];
  /** A list of rows in the state, as Rows takes it: the rows, their change and their error. */
  const rowsOf = <K extends 'ports' | 'env' | 'mounts' | 'labels'>(key: K) => ({ rows: state[key], onChange: (rows: ServiceFormState[K]) => set(key, rows), error: err(key) });
  // Networks services can join: overlays other than the ingress mesh.
  const attachable = (networks.data ?? []).filter((n) => n.driver === 'overlay' && n.name !== 'ingress');

  return (
    <Form
      onSubmit={async () => {
        setMessage(null);
        const built = toServiceInput(swarmId, state);
        if (!built.ok) {
          setErrors(built.errors);
          setMessage('Some fields need attention.');
          return;
        }
        setErrors({});
        setBusy(true);
        const result = await createServiceAction(built.input).finally(() => setBusy(false));
        if (!result.ok) {
          setErrors(formFieldErrors(result.error.fieldErrors));
          setMessage(result.error.message);
          return;
        }
        toast.success(`Created service ${state.name.trim()}`);
        await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
        router.push(serviceHref(swarmId, result.data.id));
      }}
    >
      <Card title="Service">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <TextField label="Name" value={state.name} onChange={(e) => set('name', e.target.value)} error={err('name')} autoComplete="off" required />
          <TextField label="Image" hint="For example nginx:1.27 or registry.example.com/team/app:v2." value={state.image} onChange={(e) => set('image', e.target.value)} error={err('image')} autoComplete="off" required />
          <TextField
            label="Command"
            hint="Arguments to the image's entrypoint, split like a shell would (quotes keep spaces). Empty keeps the image's own."
            value={state.command}
            onChange={(e) => set('command', e.target.value)}
            error={err('command')}
            className="md:col-span-2"
            autoComplete="off"
            spellCheck={false}
          />
          <SelectField label="Mode" value={state.mode} onChange={(e) => set('mode', e.target.value as ServiceFormState['mode'])} error={err('mode')} hint="Global runs one task on every node.">
            <option value="replicated">Replicated</option>
            <option value="global">Global</option>
          </SelectField>
          {state.mode === 'replicated' && <TextField label="Replicas" type="number" min={0} value={state.replicas} onChange={(e) => set('replicas', e.target.value)} error={err('replicas')} />}
        </div>
      </Card>

      <Card title="Ports and environment">
        <div className="flex flex-col gap-6">
          <Rows
            legend="Published ports"
            noun="port"
            {...rowsOf('ports')}
            add={(): PortRow => ({ published: '', target: '', protocol: 'tcp', mode: 'ingress' })}
            render={(p, i, setRow) => (
              <>
                <TextField label={`Published port ${i + 1}`} hint="Empty: the swarm picks one." type="number" min={1} max={65535} value={p.published} onChange={(e) => setRow({ published: e.target.value })} error={err(`ports.${i}.published`)} className="w-44" />
                <TextField label={`Container port ${i + 1}`} type="number" min={1} max={65535} value={p.target} onChange={(e) => setRow({ target: e.target.value })} error={err(`ports.${i}.target`)} className="w-40" />
                <SelectField label={`Protocol ${i + 1}`} value={p.protocol} onChange={(e) => setRow({ protocol: e.target.value as 'tcp' | 'udp' })} className="w-28">
                  <option value="tcp">TCP</option>
                  <option value="udp">UDP</option>
                </SelectField>
                <SelectField label={`Publish mode ${i + 1}`} value={p.mode} onChange={(e) => setRow({ mode: e.target.value as 'ingress' | 'host' })} className="w-44">
                  <option value="ingress">Ingress (any node)</option>
                  <option value="host">Host (the task&apos;s node)</option>
                </SelectField>
              </>
            )}
          />
          <Rows
            legend="Environment variables"
            noun="variable"
            {...rowsOf('env')}
            add={() => ({ name: '', value: '' })}
            render={(v, i, setRow) => (
              <>
                <TextField label={`Variable ${i + 1} name`} value={v.name} onChange={(e) => setRow({ name: e.target.value })} error={err(`env.${i}.name`)} className="w-56" autoComplete="off" spellCheck={false} />
                <TextField label={`Variable ${i + 1} value`} value={v.value} onChange={(e) => setRow({ value: e.target.value })} error={err(`env.${i}.value`)} className="w-80" autoComplete="off" spellCheck={false} />
              </>
            )}
          />
        </div>
      </Card>

      <Card title="Storage and networks">
        <div className="flex flex-col gap-6">
          <Rows
            legend="Mounts"
            noun="mount"
            {...rowsOf('mounts')}
            add={(): MountRow => ({ type: 'volume', source: '', target: '', readOnly: false })}
            render={(m, i, setRow) => (
              <>
                <SelectField label={`Mount ${i + 1} type`} value={m.type} onChange={(e) => setRow({ type: e.target.value as 'volume' | 'bind' | 'tmpfs' })} className="w-32">
                  <option value="volume">Volume</option>
                  <option value="bind">Bind (host path)</option>
                  <option value="tmpfs">tmpfs</option>
                </SelectField>
                {m.type !== 'tmpfs' && (
                  <TextField label={`Mount ${i + 1} source`} hint={m.type === 'bind' ? 'A path on the node.' : 'A volume name (created on each node if missing).'} value={m.source} onChange={(e) => setRow({ source: e.target.value })} error={err(`mounts.${i}.source`)} className="w-60" />
                )}
                <TextField label={`Mount ${i + 1} target`} hint="A path inside the container." value={m.target} onChange={(e) => setRow({ target: e.target.value })} error={err(`mounts.${i}.target`)} className="w-60" />
                <label className="flex h-9 items-center gap-2 text-sm">
                  <input type="checkbox" checked={m.readOnly} onChange={(e) => setRow({ readOnly: e.target.checked })} />
                  Mount {i + 1} read-only
                </label>
              </>
            )}
          />
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">Networks</legend>
            {networks.isPending && <p className="text-xs text-muted">Reading the swarm&apos;s networks…</p>}
            {networks.data && attachable.length === 0 && <p className="text-xs text-muted">The swarm has no overlay networks of its own yet (create them under Networks).</p>}
            {attachable.map((n) => (
              <label key={n.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={state.networks.includes(n.name)} onChange={(e) => set('networks', e.target.checked ? [...state.networks, n.name] : state.networks.filter((x) => x !== n.name))} />
                {n.name}
              </label>
            ))}
            <ErrorText error={err('networks')} />
          </fieldset>
        </div>
      </Card>

      <Card title="Secrets and configs">
        <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
          <Pickers
            legend="Secrets"
            noun="secret"
            names={(secrets.data ?? []).map((s) => s.name)}
            picked={state.secrets}
            onChange={(next) => set('secrets', next)}
            targetLabel={(name) => `File name for secret ${name}`}
            targetHint="Under /run/secrets/; empty uses the secret's name."
            loading={secrets.isPending}
          />
          <Pickers
            legend="Configs"
            noun="config"
            names={(configs.data ?? []).map((c) => c.name)}
            picked={state.configs}
            onChange={(next) => set('configs', next)}
            targetLabel={(name) => `Path for config ${name}`}
            targetHint="Where the file appears; empty uses /<name>."
            loading={configs.isPending}
          />
        </div>
      </Card>

      <Card title="Placement and resources">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <TextAreaField label="Placement constraints" hint="One per line, e.g. node.role==worker or node.labels.zone==a." rows={3} value={state.constraints} onChange={(e) => set('constraints', e.target.value)} error={err('constraints')} className="md:col-span-2" />
          <TextField label="CPU limit" hint="In CPUs, e.g. 0.5. Empty: no limit." type="number" min={0} step="any" value={state.cpus} onChange={(e) => set('cpus', e.target.value)} error={err('cpus')} />
          <TextField label="Memory limit (MiB)" hint="Empty: no limit." type="number" min={1} value={state.memoryMb} onChange={(e) => set('memoryMb', e.target.value)} error={err('memoryMb')} />
        </div>
      </Card>

      <Card title="Restart and update policy">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          <SelectField label="Restart" value={state.restartCondition} onChange={(e) => set('restartCondition', e.target.value as ServiceFormState['restartCondition'])} error={err('restart.condition')}>
            <option value="any">Always</option>
            <option value="on-failure">On failure</option>
            <option value="none">Never</option>
          </SelectField>
          <TextField label="Restart attempts" hint="Empty: no limit." type="number" min={0} value={state.restartMaxAttempts} onChange={(e) => set('restartMaxAttempts', e.target.value)} error={err('restart.maxAttempts')} />
          <div />
          <TextField label="Update parallelism" hint="Tasks updated at once (0: all)." type="number" min={0} value={state.updateParallelism} onChange={(e) => set('updateParallelism', e.target.value)} error={err('update.parallelism')} />
          <TextField label="Update delay (seconds)" type="number" min={0} step="any" value={state.updateDelaySeconds} onChange={(e) => set('updateDelaySeconds', e.target.value)} error={err('update.delaySeconds')} />
          <SelectField label="If an update fails" value={state.updateFailureAction} onChange={(e) => set('updateFailureAction', e.target.value as ServiceFormState['updateFailureAction'])} error={err('update.failureAction')}>
            <option value="pause">Pause the update</option>
            <option value="rollback">Roll back</option>
            <option value="continue">Continue</option>
          </SelectField>
          <SelectField label="Update order" value={state.updateOrder} onChange={(e) => set('updateOrder', e.target.value as ServiceFormState['updateOrder'])} error={err('update.order')}>
            <option value="stop-first">Stop the old task first</option>
            <option value="start-first">Start the new task first</option>
          </SelectField>
        </div>
      </Card>

      <Card title="Labels">
        <Rows
          legend="Service labels"
          noun="label"
          {...rowsOf('labels')}
          add={() => ({ key: '', value: '' })}
          render={(l, i, setRow) => (
            <>
              <TextField label={`Label ${i + 1} key`} value={l.key} onChange={(e) => setRow({ key: e.target.value })} error={err(`labels.${i}`)} className="w-56" autoComplete="off" spellCheck={false} />
              <TextField label={`Label ${i + 1} value`} value={l.value} onChange={(e) => setRow({ value: e.target.value })} className="w-72" autoComplete="off" spellCheck={false} />
            </>
          )}
        />
      </Card>

      <FormError message={message} />
      <FormActions label="Create service" busy={busy} onCancel={() => router.back()} />
    </Form>
  );
}
