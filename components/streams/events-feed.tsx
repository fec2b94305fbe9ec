'use client';
// A live, filterable event feed: the engine events of one host or of every host shown (merged,
// newest first, with a Host column), or a swarm's cluster events. Each source is one follow
// through the socket door (authorized there per host or swarm), at most MAX_FEED_SOURCES at once.
// Type and action filters go to the engines (changing them follows anew); the host and text
// filters narrow what is held. The browser keeps the newest 500 events.
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { SelectField, TextField } from '@/components/ui/field.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { unreadItem, WarningList } from '@/components/ui/warning-list.tsx';
import type { EventsScope, FeedEvent } from '@/lib/realtime/stream-protocol.ts';
import { fromSource, matchesText, MAX_FEED_EVENTS, MAX_FEED_SOURCES, mergeEvents, type SourcedEvent } from '@/lib/models/events/events-feed.ts';
import { useStreamsSocket, useStreamSubscription, type StreamsSocket } from './streams-socket.tsx';

type Status = { kind: 'connecting' } | { kind: 'live'; via: string } | { kind: 'ended'; reason: string };
type Feed = { key: string; events: SourcedEvent[]; statuses: Record<string, Status> };
/** What the feed follows: a host's engine or a swarm, by the name the page shows. */
export type FeedSource = { scope: EventsScope; name: string };
/** Engine event actions as an example: the engine's own words, the same in every language. */
const ACTIONS_EXAMPLE = 'start, die';
const freshFeed = (key: string): Feed => ({ key, events: [], statuses: {} });
const keyOf = (scope: EventsScope) => (scope.kind === 'host' ? `host:${scope.hostId}` : `swarm:${scope.swarmId}`);

export function EventsFeed({ sources: all, types, title }: { sources: readonly FeedSource[]; types: readonly string[]; title: string }) {
  const t = useTranslations('streams');
  const streams = useStreamsSocket();
  const sources = useMemo(() => all.slice(0, MAX_FEED_SOURCES).map((s) => ({ ...s, key: keyOf(s.scope) })), [all]);
  const several = sources.length > 1;
  const [type, setType] = useState('');
  const [actionsText, setActionsText] = useState('');
  const [actions, setActions] = useState<string[]>([]);
  const [source, setSource] = useState('');
  const [text, setText] = useState('');
  const [attempt, setAttempt] = useState(0);
  const sourcesKey = sources.map((s) => s.key).join(',');
  // Each follow (other filters, again, or after a reconnect) replays the look-back window: what
  // the feed holds belongs to one follow, and a new one starts empty, so nothing shows twice.
  const followKey = JSON.stringify([sourcesKey, type, actions, attempt, streams.connected]);
  const [held, setHeld] = useState<Feed>(() => freshFeed(followKey));
  const feed = held.key === followKey ? held : freshFeed(followKey);
  const update = (change: (current: Feed) => Partial<Feed>) =>
    setHeld((previous) => {
      const current = previous.key === followKey ? previous : freshFeed(followKey);
      return { ...current, ...change(current) };
    });
  const setStatus = (key: string, status: Status) => update((current) => ({ statuses: { ...current.statuses, [key]: status } }));

  const shown = useMemo(() => feed.events.filter((e) => (!source || e.source === source) && matchesText(e, text)), [feed.events, source, text]);
  const statuses = sources.map((s) => ({ source: s, status: feed.statuses[s.key] ?? ({ kind: 'connecting' } as Status) }));
  const live = statuses.filter((s) => s.status.kind === 'live');
  const ended = statuses.flatMap((s) => (s.status.kind === 'ended' ? [{ source: s.source, reason: s.status.reason }] : []));
  const only = statuses.length === 1 ? statuses[0].status : null;

  return (
    <div className="flex flex-col gap-4">
      {sources.map((s) => (
        <Follow
          key={s.key}
          streams={streams}
          scope={s.scope}
          filters={{ type, actions }}
          deps={[s.key, type, actions, attempt]}
          onEvents={(events) => update((current) => ({ events: mergeEvents(current.events, fromSource(events, { key: s.key, name: s.name })) }))}
          onStatus={(status) => setStatus(s.key, status)}
        />
      ))}
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          setActions(actionsText.split(/[\s,]+/).map((a) => a.trim().toLowerCase()).filter(Boolean));
        }}
      >
        {several && (
          <SelectField label={t('events.host')} value={source} onChange={(e) => setSource(e.target.value)} className="w-44">
            <option value="">{t('events.allHosts')}</option>
            {sources.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </SelectField>
        )}
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
      {all.length > sources.length && <p className="text-sm text-muted">{t('events.firstSources', { max: MAX_FEED_SOURCES, count: all.length })}</p>}
      {several && <WarningList label={t('events.notFollowed')} items={ended.map((e) => unreadItem(e.source.key, e.source.name, e.reason))} />}
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" className="text-sm text-muted">
          {only
            ? only.kind === 'connecting'
              ? t('events.connecting')
              : only.kind === 'live'
                ? t('events.live', { via: only.via, count: feed.events.length, max: MAX_FEED_EVENTS })
                : t('stopped', { reason: only.reason })
            : live.length === 0 && ended.length === 0
              ? t('events.connecting')
              : t('events.liveHosts', { live: live.length, count: sources.length, events: feed.events.length, max: MAX_FEED_EVENTS })}
        </p>
        {ended.length > 0 && (
          <Button size="sm" variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('events.followAgain')}
          </Button>
        )}
      </div>
      <Table
        caption={title}
        columns={[
          { label: t('events.columns.time') },
          ...(several ? [{ label: t('events.columns.host') }] : []),
          { label: t('events.columns.type') },
          { label: t('events.columns.action') },
          { label: t('events.columns.object') },
          { label: t('events.columns.details') },
        ]}
      >
        {shown.length === 0 ? (
          <Tr>
            <Td colSpan={several ? 6 : 5} className="text-center text-muted">
              {t('events.none')}
            </Td>
          </Tr>
        ) : (
          shown.map((e) => (
            <Tr key={e.key}>
              <RowHeader className="whitespace-nowrap font-mono text-xs">
                <time dateTime={e.time}>{e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</time>
              </RowHeader>
              {several && <Td>{e.sourceName}</Td>}
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

/** One source's follow, kept open while mounted; renders nothing. The first follow looks back a few minutes. */
function Follow({
  streams,
  scope,
  filters,
  deps,
  onEvents,
  onStatus,
}: {
  streams: { socket: StreamsSocket | null; connected: boolean };
  scope: EventsScope;
  filters: { type: string; actions: string[] };
  deps: readonly unknown[];
  onEvents: (events: FeedEvent[]) => void;
  onStatus: (status: Status) => void;
}) {
  useStreamSubscription(
    streams,
    {
      event: 'events:follow',
      payload: { scope, types: filters.type ? [filters.type] : [], actions: filters.actions, sinceSeconds: 300 },
      idOf: (reply) => reply.streamId,
      stop: (socket, streamId) => socket.emit('events:stop', { streamId }),
      listeners: (mine) => ({
        'events:batch': (m) => mine(m.streamId) && onEvents(m.events),
        'events:end': (m) => mine(m.streamId) && onStatus({ kind: 'ended', reason: m.reason }),
      }),
      opened: (reply) => onStatus({ kind: 'live', via: reply.via }),
      refused: (reason) => onStatus({ kind: 'ended', reason }),
    },
    deps,
  );
  return null;
}
