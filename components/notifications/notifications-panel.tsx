'use client';
// The Notifications page: each channel with where it goes, its rules (events and narrowing), a
// test button that shows the endpoint's answer, and its delivery log (status, attempts, last
// answer, time), refreshed every few seconds. Removing a channel or a rule is confirmed.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { BellRing, Send } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { CopyButton } from '@/components/swarms/copy-button.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { InfoDialog } from '@/components/ui/dialog.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { removeChannelAction, removeRuleAction, testChannelAction } from '@/lib/actions/notifications.ts';
import type { ChannelView, DeliveryView, NotificationsView, RuleView } from '@/lib/models/notifications/notifications.ts';
import { fetchJson } from '@/lib/queries/fetch-json.ts';
import type { ScopeChoices } from '@/lib/services/notifications/list-notifications.ts';
import { ChannelDialog } from './channel-dialog.tsx';
import { RuleDialog } from './rule-dialog.tsx';

const KEY = ['notifications'];
const eventKey = (event: string) => event.replace('.', '_') as 'deploy_finished' | 'audit_chain-broken';

function StatusBadge({ d }: { d: DeliveryView }) {
  const t = useTranslations('notifications.log');
  if (d.status === 'delivered') return <Badge tone="ok">{t('delivered')}</Badge>;
  if (d.status === 'failed') return <Badge tone="danger">{t('failed')}</Badge>;
  return <Badge tone="warn">{d.attempts ? t('retrying') : t('pending')}</Badge>;
}

function DeliveryLog({ channel, deliveries }: { channel: ChannelView; deliveries: DeliveryView[] }) {
  const t = useTranslations('notifications.log');
  const tAll = useTranslations('notifications');
  if (deliveries.length === 0) return <p className="text-xs text-muted">{t('none')}</p>;
  return (
    <Table caption={t('caption', { name: channel.name })} columns={[{ label: t('event') }, { label: t('status') }, { label: t('attempts') }, { label: t('answer') }, { label: t('time') }]}>
      {deliveries.map((d) => (
        <Tr key={d.id}>
          <RowHeader>
            <div className="font-medium">{d.test ? t('test') : tAll(`events.${eventKey(d.event)}`)}</div>
            <div className="text-xs text-muted">{d.title}</div>
          </RowHeader>
          <Td>
            <StatusBadge d={d} />
          </Td>
          <Td>{d.attempts}</Td>
          <Td className="max-w-sm break-words font-mono text-xs">{d.lastAnswer ?? '—'}</Td>
          <Td className="text-xs">
            <RelativeTime iso={d.updatedAt} />
          </Td>
        </Tr>
      ))}
    </Table>
  );
}

function RuleList({ rules, onRemove }: { rules: RuleView[]; onRemove: (rule: RuleView) => void }) {
  const t = useTranslations('notifications.rule');
  const tAll = useTranslations('notifications');
  if (rules.length === 0) return <p className="text-xs text-muted">{t('none')}</p>;
  return (
    <ul className="flex flex-col gap-1" aria-label={t('listLabel')}>
      {rules.map((rule) => {
        const events = rule.events.map((e) => tAll(`events.${eventKey(e)}`)).join(', ');
        const where = rule.scopeName ?? t('everywhere');
        return (
          <li key={rule.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border px-3 py-1.5 text-sm">
            <span>
              {events} <span className="text-muted">· {where}</span>
            </span>
            <Button size="sm" variant="ghost" onClick={() => onRemove(rule)} aria-label={t('removeLabel', { events, where })}>
              {t('remove')}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}

export function NotificationsPanel({ initial, choices }: { initial: NotificationsView; choices: ScopeChoices }) {
  const t = useTranslations('notifications.page');
  const tKinds = useTranslations('notifications.channel.kinds');
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: ({ signal }) => fetchJson<NotificationsView>('/api/notifications', signal), initialData: initial, refetchInterval: 3_000 });
  const [channelDialog, setChannelDialog] = useState<{ editing: ChannelView | null } | null>(null);
  const [ruleFor, setRuleFor] = useState<ChannelView | null>(null);
  const [removing, setRemoving] = useState<ChannelView | null>(null);
  const [removingRule, setRemovingRule] = useState<RuleView | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, { ok: boolean; text: string }>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const { channels, rules, deliveries } = query.data;

  async function sendTest(channel: ChannelView) {
    setTesting(channel.id);
    const result = await testChannelAction({ channelId: channel.id }).finally(() => setTesting(null));
    const answer = result.ok ? { ok: true, text: t('testDelivered', { answer: result.data.answer }) } : { ok: false, text: result.error.message };
    setAnswers((all) => ({ ...all, [channel.id]: answer }));
    if (answer.ok) toast.success(answer.text);
    else toast.error(answer.text);
    await refresh();
  }

  const addButton = <Button onClick={() => setChannelDialog({ editing: null })}>{t('add')}</Button>;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end">{addButton}</div>
      {query.isError && <p role="alert" className="text-xs text-danger">{t('refreshFailed', { message: query.error.message })}</p>}
      {channels.length === 0 ? (
        <EmptyState icon={<BellRing className="size-8" />} title={t('emptyTitle')}>
          {t('emptyText')}
        </EmptyState>
      ) : (
        channels.map((channel) => {
          const answer = answers[channel.id];
          return (
            <section key={channel.id} aria-label={channel.name} className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <h2 className="text-sm font-semibold">{channel.name}</h2>
                  <p className="text-xs text-muted">
                    {tKinds(channel.kind)} · <span className="font-mono">{channel.urlHint}</span>
                    {channel.hasSecret && ` · ${t('signed')}`}
                  </p>
                </div>
                <div className="flex flex-wrap gap-1">
                  <Button size="sm" variant="secondary" busy={testing === channel.id} onClick={() => void sendTest(channel)} aria-label={t('sendTestLabel', { name: channel.name })}>
                    <Send className="size-3.5" aria-hidden /> {t('sendTest')}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setRuleFor(channel)} aria-label={t('addRuleLabel', { name: channel.name })}>
                    {t('addRule')}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setChannelDialog({ editing: channel })} aria-label={t('editLabel', { name: channel.name })}>
                    {t('edit')}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setRemoving(channel)} aria-label={t('removeLabel', { name: channel.name })}>
                    {t('remove')}
                  </Button>
                </div>
              </div>
              <div role="status" aria-label={t('answerLabel', { name: channel.name })} className={answer ? (answer.ok ? 'text-xs text-ok' : 'text-xs text-danger') : 'sr-only'}>
                {answer?.text}
              </div>
              <div className="flex flex-col gap-1">
                <h3 className="text-xs font-semibold uppercase text-muted">{t('rules')}</h3>
                <RuleList rules={rules.filter((r) => r.channelId === channel.id)} onRemove={setRemovingRule} />
              </div>
              <div className="flex flex-col gap-1">
                <h3 className="text-xs font-semibold uppercase text-muted">{t('log')}</h3>
                <DeliveryLog channel={channel} deliveries={deliveries.filter((d) => d.channelId === channel.id)} />
              </div>
            </section>
          );
        })
      )}
      {channelDialog && <ChannelDialog key={channelDialog.editing?.id ?? 'new'} editing={channelDialog.editing} onClose={() => setChannelDialog(null)} onSecret={(name, value) => setSecret({ name, secret: value })} />}
      {ruleFor && <RuleDialog channel={ruleFor} choices={choices} onClose={() => setRuleFor(null)} />}
      {secret && (
        <InfoDialog title={t('secretTitle', { name: secret.name })} description={t('secretText')} onClose={() => setSecret(null)}>
          <label htmlFor="new-signing-secret" className="text-sm font-medium">
            {t('secretLabel')}
          </label>
          <input id="new-signing-secret" readOnly value={secret.secret} className="w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={secret.secret} label={t('copy')} what={t('secretLabel')} />
        </InfoDialog>
      )}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={t('removeTitle', { name: removing?.name ?? '' })}
        description={t('removeText')}
        confirmLabel={t('removeConfirm')}
        danger
        onConfirm={async () => {
          const result = await removeChannelAction({ channelId: removing!.id });
          if (!result.ok) return result.error.message;
          toast.success(t('removed', { name: removing!.name }));
          await refresh();
          return null;
        }}
      />
      <ConfirmDialog
        open={removingRule !== null}
        onOpenChange={(open) => !open && setRemovingRule(null)}
        title={t('removeRuleTitle')}
        description={t('removeRuleText')}
        confirmLabel={t('removeRuleConfirm')}
        danger
        onConfirm={async () => {
          const result = await removeRuleAction({ ruleId: removingRule!.id });
          if (!result.ok) return result.error.message;
          await refresh();
          return null;
        }}
      />
    </div>
  );
}
