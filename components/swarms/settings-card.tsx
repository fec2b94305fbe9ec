'use client';
// The cluster's settings as readable values (Raft, dispatcher, CA, task history, autolock), and
// a form to edit them for those who may; turning autolock on shows the unlock key once.
import { Pencil } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
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
import { isTime } from './format.ts';
import { UnlockKeyDialog } from './unlock-key-dialog.tsx';
import { useRefreshSwarm } from './use-node-call.ts';

type Editable = Exclude<keyof SwarmSettings, 'electionTick' | 'heartbeatTick' | 'autolock'>;

/** The editable settings; each has field.<key>.label and field.<key>.hint in the catalogue. */
const FIELDS: { key: Editable; step?: string }[] = [
  { key: 'taskHistoryLimit' },
  { key: 'snapshotInterval' },
  { key: 'keepOldSnapshots' },
  { key: 'logEntriesForSlowFollowers' },
  { key: 'dispatcherHeartbeatSeconds', step: 'any' },
  { key: 'nodeCertExpiryHours', step: 'any' },
];

function SettingsForm({ swarmId, swarm, canSecrets, onDone }: { swarmId: string; swarm: SwarmView & { name: string }; canSecrets: boolean; onDone: (unlockKey: string | null) => void }) {
  const t = useTranslations('swarms.settings');
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
        if (empty.length) return setErrors(Object.fromEntries(empty.map((f) => [f.key, [t('giveNumber')]])));
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
        toast.success(t('saved', { name: swarm.name }));
        await refresh();
        onDone(result.data.unlockKey);
      }}
    >
      <div className="grid grid-cols-2 gap-4">
        {FIELDS.map((f) => (
          <TextField
            key={f.key}
            label={t(`field.${f.key}.label`)}
            hint={t(`field.${f.key}.hint`)}
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
            <span className="font-medium">{t('autolock')}</span>
            <span className="block text-xs text-muted">{t('autolockHint')}</span>
          </span>
        </label>
      )}
      <FormError message={message} />
      <FormActions label={t('save')} busy={busy} onCancel={() => onDone(null)} />
    </Form>
  );
}

export function SettingsCard({ swarmId, swarm, canManage, canSecrets }: { swarmId: string; swarm: SwarmView & { name: string }; canManage: boolean; canSecrets: boolean }) {
  const t = useTranslations('swarms.settings');
  const format = useFormatter();
  const [editing, setEditing] = useState(false);
  const [unlockKey, setUnlockKey] = useState<string | null>(null);
  const s = swarm.settings;
  const seconds = (n: number) => (n >= 3600 && n % 3600 === 0 ? t('hours', { n: n / 3600 }) : n >= 60 && n % 60 === 0 ? t('minutes', { n: n / 60 }) : t('seconds', { n }));
  const hours = (n: number) => (n >= 48 && n % 24 === 0 ? t('hoursDays', { n, days: n / 24 }) : t('hours', { n }));
  return (
    <Card
      title={t('title')}
      actions={
        canManage ? (
          <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
            <Pencil className="size-3.5" aria-hidden /> {t('edit')}
          </Button>
        ) : undefined
      }
    >
      <Facts>
        <Fact term={t('taskHistoryLimit')}>{t('perSlot', { count: s.taskHistoryLimit })}</Fact>
        <Fact term={t('snapshotInterval')}>{t('entries', { count: s.snapshotInterval })}</Fact>
        <Fact term={t('keepOldSnapshots')}>{s.keepOldSnapshots}</Fact>
        <Fact term={t('logEntries')}>{format.number(s.logEntriesForSlowFollowers)}</Fact>
        <Fact term={t('ticks')}>
          {s.electionTick} / {s.heartbeatTick}
        </Fact>
        <Fact term={t('heartbeat')}>{seconds(s.dispatcherHeartbeatSeconds)}</Fact>
        <Fact term={t('certLifetime')}>{hours(s.nodeCertExpiryHours)}</Fact>
        <Fact term={t('caExpires')}>
          {isTime(swarm.caCertExpiresAt) ? (
            <>
              {new Date(swarm.caCertExpiresAt).toISOString().slice(0, 10)} (<RelativeTime iso={swarm.caCertExpiresAt} />)
            </>
          ) : (
            t('unknown')
          )}
          {swarm.rootRotationInProgress && <span className="block text-xs text-warn">{t('rotation')}</span>}
        </Fact>
        <Fact term={t('autolockFact')}>{s.autolock ? t('on') : t('off')}</Fact>
        <Fact term={t('pool')}>{swarm.defaultAddrPool.length ? <span className="font-mono text-xs">{swarm.defaultAddrPool.join(', ')}</span> : t('engineDefault')}</Fact>
        <Fact term={t('subnetSize')}>/{swarm.subnetSize}</Fact>
        <Fact term={t('dataPathPort')}>{swarm.dataPathPort}</Fact>
      </Facts>
      <Dialog open={editing} onOpenChange={setEditing} title={t('dialogTitle', { name: swarm.name })} description={t('dialogDescription')}>
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
