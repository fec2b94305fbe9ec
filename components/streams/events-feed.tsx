'use client';
// A live, filterable event feed: a host's engine events or a swarm's cluster events. Type and
// action filters go to the engine (changing them follows anew); a text filter narrows what is
// held. The browser keeps the newest 500 events.
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { SelectField, TextField } from '@/components/ui/field.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import type { EventsScope, FeedEvent } from '@/lib/realtime/stream-protocol.ts';
import { matchesText, MAX_FEED_EVENTS, prependEvents } from '@/lib/models/events/events-feed.ts';
import { useStreamsSocket, useStreamSubscription } from './streams-socket.tsx';

type Status = { kind: 'connecting' } | { kind: 'live'; via: string } | { kind: 'ended'; reason: string };
type Feed = { key: string; events: FeedEvent[]; status: Status };
/** Engine event actions as an example: the engine's own words, the same in every language. */
const ACTIONS_EXAMPLE = 'start, die';
const freshFeed = (key: string): Feed => ({ key, events: [], status: { kind: 'connecting' } });

export function EventsFeed({ scope, types, title }: { scope: EventsScope; types: readonly string[]; title: string }) {
  const t = useTranslations('streams');
  const streams = useStreamsSocket();
  const [type, setType] = useState('');
  const [actionsText, setActionsText] = useState('');
  const [actions, setActions] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [attempt, setAttempt] = useState(0);
  const scopeKey = scope.kind === 'host' ? `host:${scope.hostId}` : `swarm:${scope.swarmId}`;
  // Each follow (other filters, again, or after a reconnect) replays the look-back window: what
  // the feed holds belongs to one follow, and a new one starts empty, so nothing shows twice.
  const followKey = JSON.stringify([scopeKey, type, actions, attempt, streams.connected]);
  const [held, setHeld] = useState<Feed>(() => freshFeed(followKey));
  const feed = held.key === followKey ? held : freshFeed(followKey);
  const { events, status } = feed;
  const update = (change: (current: Feed) => Partial<Feed>) =>
    setHeld((previous) => {
      const current = previous.key === followKey ? previous : freshFeed(followKey);
      return { ...current, ...change(current) };
    });

  // The first follow looks back a few minutes; a refollow after a change starts from now.
  useStreamSubscription(
    streams,
    {
      event: 'events:follow',
      payload: { scope, types: type ? [type] : [], actions, sinceSeconds: 300 },
      idOf: (reply) => reply.streamId,
      stop: (socket, streamId) => socket.emit('events:stop', { streamId }),
      listeners: (mine) => ({
        'events:batch': (m) => mine(m.streamId) && update((current) => ({ events: prependEvents(current.events, m.events) })),
        'events:end': (m) => mine(m.streamId) && update(() => ({ status: { kind: 'ended', reason: m.reason } })),
      }),
      opened: (reply) => update(() => ({ status: { kind: 'live', via: reply.via } })),
      refused: (reason) => update(() => ({ status: { kind: 'ended', reason } })),
    },
    [scopeKey, type, actions, attempt],
  );

  const shown = useMemo(() => events.filter((e) => matchesText(e, text)), [events, text]);

  return (
    <div className="flex flex-col gap-4">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          setActions(actionsText.split(/[\s,]+/).map((a) => a.trim().toLowerCase()).filter(Boolean));
        }}
      >
        <SelectField label={t('events.type')} value={type} onChange={(e) => setType(e.target.value)} className="w-44">
          <option value="">{t('events.allTypes')}</option>
          {types.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('events.actions')} placeholder={ACTIONS_EXAMPLE} value={actionsText} onChange={(e) => setActionsText(e.target.value)} className="w-56" hint={t('events.actionsHint')} />
        <Button type="submit" variant="secondary">
          {t('events.apply')}
        </Button>
        <TextField label={t('events.search')} type="search" value={text} onChange={(e) => setText(e.target.value)} className="w-64" />
      </form>
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" className="text-sm text-muted">
          {status.kind === 'connecting' ? t('events.connecting') : status.kind === 'live' ? t('events.live', { via: status.via, count: events.length, max: MAX_FEED_EVENTS }) : t('stopped', { reason: status.reason })}
        </p>
        {status.kind === 'ended' && (
          <Button size="sm" variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('events.followAgain')}
          </Button>
        )}
      </div>
      <Table caption={title} columns={[{ label: t('events.columns.time') }, { label: t('events.columns.type') }, { label: t('events.columns.action') }, { label: t('events.columns.object') }, { label: t('events.columns.details') }]}>
        {shown.length === 0 ? (
          <Tr>
            <Td colSpan={5} className="text-center text-muted">
              {t('events.none')}
            </Td>
          </Tr>
        ) : (
          shown.map((e) => (
            <Tr key={e.key}>
              <RowHeader className="whitespace-nowrap font-mono text-xs">
                <time dateTime={e.time}>{e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</time>
              </RowHeader>
              <Td>{e.type}</Td>
              <Td className="font-medium">{e.action}</Td>
              <Td className="break-all">
                {e.name || <span className="font-mono text-xs">{e.actorId.slice(0, 12)}</span>}
              </Td>
              <Td className="break-all text-xs text-muted">{[e.detail, ...Object.entries(e.attributes).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(' · ')}</Td>
            </Tr>
          ))
        )}
      </Table>
    </div>
  );
}
