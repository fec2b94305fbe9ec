'use client';
// Adding a rule to a channel: which events it receives (checkboxes), and optionally only those of
// one host, one swarm, or one stack on a swarm.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ErrorText, SelectField, TextField } from '@/components/ui/field.tsx';
import { FormDialog } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { addRuleAction } from '@/lib/actions/notifications.ts';
import { NOTIFICATION_EVENTS, type ChannelView, type NotificationEventKind } from '@/lib/models/notifications/notifications.ts';
import type { ScopeChoices } from '@/lib/services/notifications/list-notifications.ts';

const FIELDS = ['events', 'hostId', 'swarmId', 'stackName'] as const;
type ScopeKind = 'global' | 'host' | 'swarm' | 'stack';
const SCOPES: ScopeKind[] = ['global', 'host', 'swarm', 'stack'];

export function RuleDialog({ channel, choices, onClose }: { channel: ChannelView; choices: ScopeChoices; onClose: () => void }) {
  const t = useTranslations('notifications.rule');
  const tAll = useTranslations('notifications');
  const queryClient = useQueryClient();
  const form = useActionForm({ fields: FIELDS, report: 'inline' });
  const [events, setEvents] = useState<NotificationEventKind[]>(['deploy.failed']);
  const [scope, setScope] = useState<ScopeKind>('global');
  const [hostId, setHostId] = useState('');
  const [swarmId, setSwarmId] = useState('');
  const [stackName, setStackName] = useState('');
  const toggle = (event: NotificationEventKind, on: boolean) => setEvents((list) => (on ? [...list, event] : list.filter((e) => e !== event)));

  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('addTitle', { name: channel.name })}
      description={t('description')}
      form={form}
      // A refusal on a field is said there, not twice.
      message={Object.keys(form.errors).length ? null : form.message}
      label={t('add')}
      onSubmit={async () => {
        const done = await form.submit(() => addRuleAction({ channelId: channel.id, events, scope, hostId, swarmId, stackName }));
        if (!done) return;
        toast.success(t('added', { name: channel.name }));
        await queryClient.invalidateQueries({ queryKey: ['notifications'] });
        onClose();
      }}
    >
      <fieldset className="flex flex-col gap-1.5" aria-describedby={form.errors.events ? 'rule-events-error' : undefined}>
        <legend className="mb-1 text-sm font-medium">{t('events')}</legend>
        {NOTIFICATION_EVENTS.map((event) => (
          <label key={event} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="events" value={event} checked={events.includes(event)} onChange={(e) => toggle(event, e.target.checked)} />
            {tAll(`events.${event.replace('.', '_') as 'deploy_finished'}`)}
          </label>
        ))}
        <ErrorText id="rule-events-error" error={form.errors.events} />
      </fieldset>
      <SelectField label={t('scope')} name="scope" value={scope} onChange={(e) => setScope(e.target.value as ScopeKind)}>
        {SCOPES.map((s) => (
          <option key={s} value={s}>
            {t(`scopes.${s}`)}
          </option>
        ))}
      </SelectField>
      {scope === 'host' && (
        <SelectField label={t('host')} name="hostId" value={hostId} onChange={(e) => setHostId(e.target.value)} error={form.errors.hostId}>
          <option value="">{t('chooseHost')}</option>
          {choices.hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </SelectField>
      )}
      {(scope === 'swarm' || scope === 'stack') && (
        <SelectField label={t('swarm')} name="swarmId" value={swarmId} onChange={(e) => setSwarmId(e.target.value)} error={form.errors.swarmId}>
          <option value="">{t('chooseSwarm')}</option>
          {choices.swarms.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      )}
      {scope === 'stack' && <TextField label={t('stack')} name="stackName" autoComplete="off" value={stackName} onChange={(e) => setStackName(e.target.value)} error={form.errors.stackName} />}
    </FormDialog>
  );
}
