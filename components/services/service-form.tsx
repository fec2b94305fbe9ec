'use client';
// "Create service": every part of a service spec Wharf offers, each input labelled; problems the
// browser sees are shown before sending, the server's at their fields (or above the button when
// they concern the whole service, like the workload policy), and what was typed stays.
import { useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ErrorText, FormError, SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { Form, FormActions } from '@/components/ui/form.tsx';
import { createServiceAction } from '@/lib/actions/services.ts';
import { OwnerTeamField, type OwnerTeam } from '@/components/access/owner-team-field.tsx';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useSwarmObjects } from '@/lib/queries/use-swarm-objects.ts';
import { serviceHref } from '@/components/layout/sections.ts';
import { emptyServiceForm, formFieldErrors, toServiceInput, type FormInput, type MountRow, type PortRow, type ServiceFormState } from './service-form-state.ts';
import { useSay } from '@/components/hosts/use-say.ts';

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
  const t = useTranslations('services.form');
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {rows.length === 0 && <p className="text-xs text-muted">{t('none')}</p>}
      {rows.map((row, i) => (
        <div key={i} className="flex flex-wrap items-end gap-2">
          {render(row, i, (patch) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))))}
          <Button variant="ghost" size="sm" aria-label={t('removeRow', { noun, n: i + 1 })} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            <Trash2 className="size-4" aria-hidden />
          </Button>
        </div>
      ))}
      <ErrorText error={error} />
      <div>
        <Button variant="secondary" size="sm" onClick={() => onChange([...rows, add()])}>
          <Plus className="size-3.5" aria-hidden /> {t('addRow', { noun })}
        </Button>
      </div>
    </fieldset>
  );
}

function Pickers({ legend, reading, none, names, picked, onChange, targetLabel, targetHint, loading }: {
  legend: string;
  /** Said while the names are read, and when there are none. */
  reading: string;
  none: string;
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
      {loading && <p className="text-xs text-muted">{reading}</p>}
      {!loading && names.length === 0 && <p className="text-xs text-muted">{none}</p>}
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

/** The form editing a service it was prefilled from (edit-service.tsx): the name cannot change, the
 * owner stays, and sending hands the input to `onSubmit`, which answers a refusal to show or null. */
export type ServiceFormEdit = {
  initial: ServiceFormState;
  submitLabel: string;
  onSubmit: (input: FormInput) => Promise<{ message: string; fieldErrors?: Record<string, string[]> } | null>;
  onCancel: () => void;
};

export function ServiceForm({ swarmId, ownerTeams = [], edit }: { swarmId: string; /** the user's teams: the service is made for one of them */ ownerTeams?: OwnerTeam[]; edit?: ServiceFormEdit }) {
  const t = useTranslations('services.form');
  const [teamId, setTeamId] = useState(ownerTeams[0]?.id ?? '');
  const say = useSay();
  const [state, setState] = useState<ServiceFormState>(() => edit?.initial ?? emptyServiceForm());
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
  const [portRows, envRows, mountRows, labelRows] = [rowsOf('ports'), rowsOf('env'), rowsOf('mounts'), rowsOf('labels')];
  // Networks services can join: overlays other than the ingress mesh.
  const attachable = (networks.data ?? []).filter((n) => n.driver === 'overlay' && n.name !== 'ingress');

  return (
    <Form
      onSubmit={async () => {
        setMessage(null);
        const built = toServiceInput(swarmId, state, (problem) => (typeof problem === 'string' ? t(`check.${problem}`) : say(problem)));
        if (!built.ok) {
          setErrors(built.errors);
          setMessage(t('needsAttention'));
          return;
        }
        setErrors({});
        setBusy(true);
        if (edit) {
          const refused = await edit.onSubmit(built.input).finally(() => setBusy(false));
          if (refused) {
            setErrors(formFieldErrors(refused.fieldErrors));
            setMessage(refused.message);
          }
          return;
        }
        const result = await createServiceAction({ ...built.input, form: { ...built.input.form, ...(teamId ? { teamId } : {}) } }).finally(() => setBusy(false));
        if (!result.ok) {
          setErrors(formFieldErrors(result.error.fieldErrors));
          setMessage(result.error.message);
          return;
        }
        // Created on its tag without a digest pin: said, since its update badge cannot show.
        const { pin } = result.data;
        if ('reason' in pin) toast.warning(t('created', { name: state.name.trim() }), { description: say(pin.reason) });
        else toast.success(t('created', { name: state.name.trim() }));
        await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
        router.push(serviceHref(swarmId, result.data.id));
      }}
    >
      <Card title={t('serviceCard')}>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <TextField label={t('name')} value={state.name} onChange={(e) => set('name', e.target.value)} error={err('name')} autoComplete="off" required readOnly={Boolean(edit)} hint={edit ? t('nameFixed') : undefined} />
          <TextField label={t('image')} hint={t('imageHint')} value={state.image} onChange={(e) => set('image', e.target.value)} error={err('image')} autoComplete="off" required />
          {!edit && <OwnerTeamField teams={ownerTeams} value={teamId} onChange={setTeamId} error={err('teamId')} />}
          <TextField
            label={t('command')}
            hint={t('commandHint')}
            value={state.command}
            onChange={(e) => set('command', e.target.value)}
            error={err('command')}
            className="md:col-span-2"
            autoComplete="off"
            spellCheck={false}
          />
          <SelectField label={t('mode')} value={state.mode} onChange={(e) => set('mode', e.target.value as ServiceFormState['mode'])} error={err('mode')} hint={t('modeHint')}>
            <option value="replicated">{t('replicated')}</option>
            <option value="global">{t('global')}</option>
          </SelectField>
          {state.mode === 'replicated' && <TextField label={t('replicas')} type="number" min={0} value={state.replicas} onChange={(e) => set('replicas', e.target.value)} error={err('replicas')} />}
        </div>
      </Card>

      <Card title={t('portsCard')}>
        <div className="flex flex-col gap-6">
          <Rows
            legend={t('publishedPorts')}
            noun={t('noun.port')}
            {...portRows}
            add={(): PortRow => ({ published: '', target: '', protocol: 'tcp', mode: 'ingress' })}
            render={(p, i, setRow) => (
              <>
                <TextField label={t('publishedPort', { n: i + 1 })} hint={t('publishedHint')} type="number" min={1} max={65535} value={p.published} onChange={(e) => setRow({ published: e.target.value })} error={err(`ports.${i}.published`)} className="w-44" />
                <TextField label={t('containerPort', { n: i + 1 })} type="number" min={1} max={65535} value={p.target} onChange={(e) => setRow({ target: e.target.value })} error={err(`ports.${i}.target`)} className="w-40" />
                <SelectField label={t('protocol', { n: i + 1 })} value={p.protocol} onChange={(e) => setRow({ protocol: e.target.value as 'tcp' | 'udp' })} className="w-28">
                  <option value="tcp">TCP</option>
                  <option value="udp">UDP</option>
                </SelectField>
                <SelectField label={t('publishMode', { n: i + 1 })} value={p.mode} onChange={(e) => setRow({ mode: e.target.value as 'ingress' | 'host' })} className="w-44">
                  <option value="ingress">{t('ingress')}</option>
                  <option value="host">{t('host')}</option>
                </SelectField>
              </>
            )}
          />
          <Rows
            legend={t('envVars')}
            noun={t('noun.variable')}
            {...envRows}
            add={() => ({ name: '', value: '' })}
            render={(v, i, setRow) => (
              <>
                <TextField label={t('varName', { n: i + 1 })} value={v.name} onChange={(e) => setRow({ name: e.target.value })} error={err(`env.${i}.name`)} className="w-56" autoComplete="off" spellCheck={false} />
                <TextField label={t('varValue', { n: i + 1 })} value={v.value} onChange={(e) => setRow({ value: e.target.value })} error={err(`env.${i}.value`)} className="w-80" autoComplete="off" spellCheck={false} />
              </>
            )}
          />
        </div>
      </Card>

      <Card title={t('storageCard')}>
        <div className="flex flex-col gap-6">
          <Rows
            legend={t('mounts')}
            noun={t('noun.mount')}
            {...mountRows}
            add={(): MountRow => ({ type: 'volume', source: '', target: '', readOnly: false })}
            render={(m, i, setRow) => (
              <>
                <SelectField label={t('mountType', { n: i + 1 })} value={m.type} onChange={(e) => setRow({ type: e.target.value as 'volume' | 'bind' | 'tmpfs' })} className="w-32">
                  <option value="volume">{t('volume')}</option>
                  <option value="bind">{t('bind')}</option>
                  <option value="tmpfs">tmpfs</option>
                </SelectField>
                {m.type !== 'tmpfs' && (
                  <TextField label={t('mountSource', { n: i + 1 })} hint={m.type === 'bind' ? t('bindHint') : t('volumeHint')} value={m.source} onChange={(e) => setRow({ source: e.target.value })} error={err(`mounts.${i}.source`)} className="w-60" />
                )}
                <TextField label={t('mountTarget', { n: i + 1 })} hint={t('targetHint')} value={m.target} onChange={(e) => setRow({ target: e.target.value })} error={err(`mounts.${i}.target`)} className="w-60" />
                <label className="flex h-9 items-center gap-2 text-sm">
                  <input type="checkbox" checked={m.readOnly} onChange={(e) => setRow({ readOnly: e.target.checked })} />
                  {t('readOnly', { n: i + 1 })}
                </label>
              </>
            )}
          />
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">{t('networks')}</legend>
            {networks.isPending && <p className="text-xs text-muted">{t('readingNetworks')}</p>}
            {networks.data && attachable.length === 0 && <p className="text-xs text-muted">{t('noNetworks')}</p>}
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

      <Card title={t('secretsCard')}>
        <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
          <Pickers
            legend={t('secrets')}
            reading={t('readingSecrets')}
            none={t('noSecrets')}
            names={(secrets.data ?? []).map((s) => s.name)}
            picked={state.secrets}
            onChange={(next) => set('secrets', next)}
            targetLabel={(name) => t('secretTarget', { name })}
            targetHint={t('secretHint')}
            loading={secrets.isPending}
          />
          <Pickers
            legend={t('configs')}
            reading={t('readingConfigs')}
            none={t('noConfigs')}
            names={(configs.data ?? []).map((c) => c.name)}
            picked={state.configs}
            onChange={(next) => set('configs', next)}
            targetLabel={(name) => t('configTarget', { name })}
            targetHint={t('configHint')}
            loading={configs.isPending}
          />
        </div>
      </Card>

      <Card title={t('placementCard')}>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <TextAreaField label={t('constraints')} hint={t('constraintsHint')} rows={3} value={state.constraints} onChange={(e) => set('constraints', e.target.value)} error={err('constraints')} className="md:col-span-2" />
          <TextAreaField label={t('preferences')} hint={t('preferencesHint')} rows={2} value={state.preferences} onChange={(e) => set('preferences', e.target.value)} error={err('preferences')} className="md:col-span-2" />
          <TextField label={t('cpus')} hint={t('cpusHint')} type="number" min={0} step="any" value={state.cpus} onChange={(e) => set('cpus', e.target.value)} error={err('cpus')} />
          <TextField label={t('memory')} hint={t('noLimit')} type="number" min={1} value={state.memoryMb} onChange={(e) => set('memoryMb', e.target.value)} error={err('memoryMb')} />
        </div>
      </Card>

      <Card title={t('policyCard')}>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          <SelectField label={t('restart')} value={state.restartCondition} onChange={(e) => set('restartCondition', e.target.value as ServiceFormState['restartCondition'])} error={err('restart.condition')}>
            <option value="any">{t('always')}</option>
            <option value="on-failure">{t('onFailure')}</option>
            <option value="none">{t('never')}</option>
          </SelectField>
          <TextField label={t('restartAttempts')} hint={t('noLimit')} type="number" min={0} value={state.restartMaxAttempts} onChange={(e) => set('restartMaxAttempts', e.target.value)} error={err('restart.maxAttempts')} />
          <div />
          <TextField label={t('parallelism')} hint={t('parallelismHint')} type="number" min={0} value={state.updateParallelism} onChange={(e) => set('updateParallelism', e.target.value)} error={err('update.parallelism')} />
          <TextField label={t('delay')} type="number" min={0} step="any" value={state.updateDelaySeconds} onChange={(e) => set('updateDelaySeconds', e.target.value)} error={err('update.delaySeconds')} />
          <SelectField label={t('failureAction')} value={state.updateFailureAction} onChange={(e) => set('updateFailureAction', e.target.value as ServiceFormState['updateFailureAction'])} error={err('update.failureAction')}>
            <option value="pause">{t('pauseUpdate')}</option>
            <option value="rollback">{t('rollback')}</option>
            <option value="continue">{t('continue')}</option>
          </SelectField>
          <SelectField label={t('order')} value={state.updateOrder} onChange={(e) => set('updateOrder', e.target.value as ServiceFormState['updateOrder'])} error={err('update.order')}>
            <option value="stop-first">{t('stopFirst')}</option>
            <option value="start-first">{t('startFirst')}</option>
          </SelectField>
          <div className="md:col-span-2" />
          <TextField label={t('rollbackParallelism')} hint={t('parallelismHint')} type="number" min={0} value={state.rollbackParallelism} onChange={(e) => set('rollbackParallelism', e.target.value)} error={err('rollback.parallelism')} />
          <TextField label={t('rollbackDelay')} type="number" min={0} step="any" value={state.rollbackDelaySeconds} onChange={(e) => set('rollbackDelaySeconds', e.target.value)} error={err('rollback.delaySeconds')} />
          <SelectField label={t('rollbackFailureAction')} value={state.rollbackFailureAction} onChange={(e) => set('rollbackFailureAction', e.target.value as ServiceFormState['rollbackFailureAction'])} error={err('rollback.failureAction')}>
            <option value="pause">{t('pauseRollback')}</option>
            <option value="continue">{t('continue')}</option>
          </SelectField>
          <SelectField label={t('rollbackOrder')} value={state.rollbackOrder} onChange={(e) => set('rollbackOrder', e.target.value as ServiceFormState['rollbackOrder'])} error={err('rollback.order')}>
            <option value="stop-first">{t('stopFirst')}</option>
            <option value="start-first">{t('startFirst')}</option>
          </SelectField>
        </div>
      </Card>

      <Card title={t('healthCard')}>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-4">
          <TextField
            label={t('healthCommand')}
            hint={t('healthCommandHint')}
            value={state.healthCommand}
            onChange={(e) => set('healthCommand', e.target.value)}
            error={err('healthcheck.command')}
            className="md:col-span-3"
            autoComplete="off"
            spellCheck={false}
          />
          <label className="flex h-9 items-center gap-2 self-end text-sm">
            <input type="checkbox" checked={state.healthShell} onChange={(e) => set('healthShell', e.target.checked)} />
            {t('healthShell')}
          </label>
          <TextField label={t('healthInterval')} hint={t('engineDefault')} type="number" min={0} step="any" value={state.healthInterval} onChange={(e) => set('healthInterval', e.target.value)} error={err('healthcheck.intervalSeconds')} />
          <TextField label={t('healthTimeout')} hint={t('engineDefault')} type="number" min={0} step="any" value={state.healthTimeout} onChange={(e) => set('healthTimeout', e.target.value)} error={err('healthcheck.timeoutSeconds')} />
          <TextField label={t('healthRetries')} hint={t('engineDefault')} type="number" min={0} value={state.healthRetries} onChange={(e) => set('healthRetries', e.target.value)} error={err('healthcheck.retries')} />
          <TextField label={t('healthStartPeriod')} hint={t('engineDefault')} type="number" min={0} step="any" value={state.healthStartPeriod} onChange={(e) => set('healthStartPeriod', e.target.value)} error={err('healthcheck.startPeriodSeconds')} />
        </div>
      </Card>

      <Card title={t('labelsCard')}>
        <Rows
          legend={t('serviceLabels')}
          noun={t('noun.label')}
          {...labelRows}
          add={() => ({ key: '', value: '' })}
          render={(l, i, setRow) => (
            <>
              <TextField label={t('labelKey', { n: i + 1 })} value={l.key} onChange={(e) => setRow({ key: e.target.value })} error={err(`labels.${i}`)} className="w-56" autoComplete="off" spellCheck={false} />
              <TextField label={t('labelValue', { n: i + 1 })} value={l.value} onChange={(e) => setRow({ value: e.target.value })} className="w-72" autoComplete="off" spellCheck={false} />
            </>
          )}
        />
      </Card>

      <FormError message={message} />
      <FormActions label={edit?.submitLabel ?? t('submit')} busy={busy} onCancel={edit?.onCancel ?? (() => router.back())} />
    </Form>
  );
}
