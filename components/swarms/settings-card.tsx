'use client';
// The cluster's settings as readable values (Raft, dispatcher, CA, task history, autolock), and
// a form to edit them for those who may; turning autolock on shows the unlock key once.
import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormError, TextField } from '@/components/ui/field.tsx';
import { Form, FormActions } from '@/components/ui/form.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { updateSwarmSettingsAction } from '@/lib/actions/swarms.ts';
import type { SwarmSettings, SwarmView } from '@/lib/services/swarms/swarm-views.ts';
import { Fact, Facts } from '@/components/ui/facts.tsx';
import { formatHours, formatSeconds, isTime } from './format.ts';
import { UnlockKeyDialog } from './unlock-key-dialog.tsx';
import { useRefreshSwarm } from './use-node-call.ts';

type Editable = Exclude<keyof SwarmSettings, 'electionTick' | 'heartbeatTick' | 'autolock'>;

const FIELDS: { key: Editable; label: string; hint: string; step?: string }[] = [
  { key: 'taskHistoryLimit', label: 'Task history limit', hint: 'Ended tasks kept per slot (0–1000).' },
  { key: 'snapshotInterval', label: 'Raft snapshot interval', hint: 'Log entries between snapshots.' },
  { key: 'keepOldSnapshots', label: 'Old snapshots kept', hint: 'Snapshots kept besides the current one (0–100).' },
  { key: 'logEntriesForSlowFollowers', label: 'Log entries for slow followers', hint: 'Entries kept after a snapshot for managers that lag.' },
  { key: 'dispatcherHeartbeatSeconds', label: 'Dispatcher heartbeat (seconds)', hint: 'How often nodes report to the managers.', step: 'any' },
  { key: 'nodeCertExpiryHours', label: 'Node certificate lifetime (hours)', hint: 'Node certificates are renewed before this; 2160 h is 90 days.', step: 'any' },
];

function SettingsForm({ swarmId, swarm, canSecrets, onDone }: { swarmId: string; swarm: SwarmView & { name: string }; canSecrets: boolean; onDone: (unlockKey: string | null) => void }) {
  const current = swarm.settings;
  const [values, setValues] = useState<Record<Editable, string>>(() => Object.fromEntries(FIELDS.map((f) => [f.key, String(current[f.key])])) as Record<Editable, string>);
  const [autolock, setAutolock] = useState(current.autolock);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const refresh = useRefreshSwarm();

  return (
    <Form
      onSubmit={async () => {
        // Only what changed: the rest stays as the engine has it.
        const empty = FIELDS.filter((f) => values[f.key].trim() === '');
        if (empty.length) return setErrors(Object.fromEntries(empty.map((f) => [f.key, ['Give a number.']])));
        const settings: Partial<Record<Editable, string> & { autolock: boolean }> = {};
        for (const f of FIELDS) if (values[f.key].trim() !== String(current[f.key])) settings[f.key] = values[f.key].trim();
        if (canSecrets && autolock !== current.autolock) settings.autolock = autolock;
        if (Object.keys(settings).length === 0) return onDone(null);
        setBusy(true);
        setErrors({});
        setMessage(null);
        const result = await updateSwarmSettingsAction({ swarmId, settings });
        setBusy(false);
        if (!result.ok) {
          setErrors(Object.fromEntries(Object.entries(result.error.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^settings\./, ''), v])));
          setMessage(result.error.message);
          return;
        }
        toast.success(`Saved the settings of ${swarm.name}`);
        await refresh();
        onDone(result.data.unlockKey);
      }}
    >
      <div className="grid grid-cols-2 gap-4">
        {FIELDS.map((f) => (
          <TextField
            key={f.key}
            label={f.label}
            hint={f.hint}
            type="number"
            inputMode="decimal"
            step={f.step ?? '1'}
            min={0}
            value={values[f.key]}
            onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
            error={errors[f.key]}
          />
        ))}
      </div>
      {canSecrets && (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={autolock} onChange={(e) => setAutolock(e.target.checked)} />
          <span>
            <span className="font-medium">Autolock managers</span>
            <span className="block text-xs text-muted">A restarted manager needs the unlock key before it can serve. Turning it on shows the key once.</span>
          </span>
        </label>
      )}
      <FormError message={message} />
      <FormActions label="Save settings" busy={busy} onCancel={() => onDone(null)} />
    </Form>
  );
}

export function SettingsCard({ swarmId, swarm, canManage, canSecrets }: { swarmId: string; swarm: SwarmView & { name: string }; canManage: boolean; canSecrets: boolean }) {
  const [editing, setEditing] = useState(false);
  const [unlockKey, setUnlockKey] = useState<string | null>(null);
  const s = swarm.settings;
  return (
    <Card
      title="Cluster settings"
      actions={
        canManage ? (
          <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
            <Pencil className="size-3.5" aria-hidden /> Edit settings
          </Button>
        ) : undefined
      }
    >
      <Facts>
        <Fact term="Task history limit">{s.taskHistoryLimit} per slot</Fact>
        <Fact term="Raft snapshot interval">{s.snapshotInterval.toLocaleString('en')} entries</Fact>
        <Fact term="Old snapshots kept">{s.keepOldSnapshots}</Fact>
        <Fact term="Log entries for slow followers">{s.logEntriesForSlowFollowers.toLocaleString('en')}</Fact>
        <Fact term="Election / heartbeat ticks">
          {s.electionTick} / {s.heartbeatTick}
        </Fact>
        <Fact term="Dispatcher heartbeat">{formatSeconds(s.dispatcherHeartbeatSeconds)}</Fact>
        <Fact term="Node certificate lifetime">{formatHours(s.nodeCertExpiryHours)}</Fact>
        <Fact term="CA certificate expires">
          {isTime(swarm.caCertExpiresAt) ? (
            <>
              {new Date(swarm.caCertExpiresAt).toISOString().slice(0, 10)} (<RelativeTime iso={swarm.caCertExpiresAt} />)
            </>
          ) : (
            'unknown'
          )}
          {swarm.rootRotationInProgress && <span className="block text-xs text-warn">Root CA rotation in progress</span>}
        </Fact>
        <Fact term="Autolock">{s.autolock ? 'On' : 'Off'}</Fact>
        <Fact term="Default address pool">{swarm.defaultAddrPool.length ? <span className="font-mono text-xs">{swarm.defaultAddrPool.join(', ')}</span> : 'engine default'}</Fact>
        <Fact term="Subnet size">/{swarm.subnetSize}</Fact>
        <Fact term="Data path port">{swarm.dataPathPort}</Fact>
      </Facts>
      <Dialog open={editing} onOpenChange={setEditing} title={`Settings of ${swarm.name}`} description="Changes apply to the whole cluster at once.">
        {editing && (
          <SettingsForm
            swarmId={swarmId}
            swarm={swarm}
            canSecrets={canSecrets}
            onDone={(key) => {
              setEditing(false);
              if (key) setUnlockKey(key);
            }}
          />
        )}
      </Dialog>
      <UnlockKeyDialog unlockKey={unlockKey} swarmName={swarm.name} onClose={() => setUnlockKey(null)} />
    </Card>
  );
}
