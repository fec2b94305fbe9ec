'use client';
// A live log viewer for a container or a service. Lines arrive in batches over the streams
// socket into a ring buffer of the last 50,000 lines (browser memory stays bounded whatever the
// history), rendered through a virtualized list. Following resumes after a reconnect, or after
// being paused, from the last line seen (since=<its timestamp>, then the lines already seen at
// that instant dropped): no gap, no duplicate. Scrolling to the top fetches older lines from the
// engine (until=<first timestamp>). The filter searches the whole history on the server.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import type { LogLine, LogSource } from '@/lib/realtime/stream-protocol.ts';
import { RingBuffer } from '@/lib/models/logs/log-ring-buffer.ts';
import { advanceCursor, createSeenFilter, lineKey, type ResumeCursor } from '@/lib/models/logs/log-resume.ts';
import { LogLineRow } from './log-viewer-line.tsx';
import { request, useStreamsSocket } from './streams-socket.tsx';

export const LOG_BUFFER_LINES = 50_000;
const INITIAL_TAIL = 1000;
const OLDER_PAGE = 1000;
const SEARCH_LIMIT = 5000;

type Row = LogLine & { id: number };

/** The engine's names of the two streams, the same in every language. */
const STDOUT = 'stdout';
const STDERR = 'stderr';

/** What the viewer is doing, said by the page in its language; the server's reason as it says it. */
type Status =
  | { say: 'connecting' | 'resuming' | 'loading' | 'following' | 'notFollowing' | 'disconnected' | 'loadingOlder' | 'pausedAtStart' | 'paused' | 'pausedTick' | 'searching' }
  | { say: 'matching'; count: number; last: boolean; text: string; scanned: number }
  | { say: 'reason'; reason: string };

const sourceKey = (source: LogSource) => (source.kind === 'container' ? `c:${source.hostId}:${source.containerId}` : source.kind === 'project' ? `p:${source.hostId}:${source.project}` : `s:${source.swarmId}:${source.serviceId}`);

function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-sm">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-4 accent-[var(--color-accent)]" />
      {label}
    </label>
  );
}

/** `lineLabel` names a service line's task and node (demo_worker.1@lab-1); without it, their short ids are shown. */
export function LogViewer({ source, downloadHref, title, lineLabel }: { source: LogSource; downloadHref?: string; title: string; lineLabel?: (line: LogLine) => string | null }) {
  const t = useTranslations('streams.logs');
  const { socket, connected } = useStreamsSocket();
  const ringRef = useRef(new RingBuffer<Row>(LOG_BUFFER_LINES));
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  const cursorRef = useRef<ResumeCursor | null>(null);
  const seenFilterRef = useRef<(line: LogLine) => boolean>(() => true);
  const streamIdRef = useRef<string | null>(null);
  const nextId = useRef(0);
  const prevId = useRef(-1);
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [stdout, setStdout] = useState(true);
  const [stderr, setStderr] = useState(true);
  const [filterText, setFilterText] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ say: 'connecting' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reachedStart = useRef(false);
  const loadingOlder = useRef(false);
  const key = sourceKey(source);
  const ring = ringRef.current;

  const reset = useCallback(() => {
    ring.clear();
    cursorRef.current = null;
    reachedStart.current = false;
    bump();
  }, [ring]);

  // Lines and ends of the stream being followed.
  useEffect(() => {
    if (!socket) return;
    const onLines = (m: { streamId: string; lines: LogLine[] }) => {
      if (m.streamId !== streamIdRef.current) return;
      const fresh = m.lines.filter(seenFilterRef.current);
      if (!fresh.length) return;
      cursorRef.current = advanceCursor(cursorRef.current, fresh);
      ring.pushBack(fresh.map((line) => ({ ...line, id: nextId.current++ })));
      bump();
    };
    const onEnd = (m: { streamId: string; reason: string }) => {
      if (m.streamId !== streamIdRef.current) return;
      streamIdRef.current = null;
      // Following stops with the stream (a stopped container, a lost engine); ticking Follow
      // again resumes from the last line seen.
      setFollow(false);
      setStatus({ say: 'reason', reason: m.reason });
    };
    socket.on('logs:lines', onLines);
    socket.on('logs:end', onEnd);
    return () => {
      socket.off('logs:lines', onLines);
      socket.off('logs:end', onEnd);
    };
  }, [socket, ring]);

  // A different source or stream selection starts over.
  useEffect(() => {
    reset();
    setSearch(null);
  }, [key, stdout, stderr, reset]);

  // Following: from the tail the first time, from the cursor after a pause or a reconnect.
  useEffect(() => {
    if (!socket || !connected || !follow || search !== null || (!stdout && !stderr)) return;
    let cancelled = false;
    const cursor = cursorRef.current;
    seenFilterRef.current = createSeenFilter(cursor);
    setError(null);
    setStatus({ say: cursor ? 'resuming' : 'loading' });
    void request(socket, 'logs:follow', { source, stdout, stderr, ...(cursor ? { since: cursor.ts } : { tail: INITIAL_TAIL }) }).then((ack) => {
      if (cancelled) {
        if (ack.ok) socket.emit('logs:stop', { streamId: ack.data.streamId });
        return;
      }
      if (ack.ok) {
        streamIdRef.current = ack.data.streamId;
        setStatus({ say: 'following' });
      } else {
        setError(ack.error.message);
        setStatus({ say: 'notFollowing' });
      }
    });
    return () => {
      cancelled = true;
      if (streamIdRef.current && socket.connected) socket.emit('logs:stop', { streamId: streamIdRef.current });
      streamIdRef.current = null;
    };
    // `source` is keyed by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, connected, follow, search, stdout, stderr, key]);

  useEffect(() => {
    if (!connected && socket) setStatus({ say: 'disconnected' });
  }, [connected, socket]);

  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: ring.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => 20,
    overscan: 30,
    getItemKey: (index) => ring.at(index)?.id ?? index,
  });

  useEffect(() => {
    if (follow && ring.length > 0) virtualizer.scrollToIndex(ring.length - 1, { align: 'end' });
  }, [version, follow, ring, virtualizer]);

  // Older lines put on top must not move what is in view: the first line in view (by id) and how
  // far its top was from the view's are kept before the prepend, and restored once the render that
  // counts the new lines has measured them (ids are contiguous, so its index follows from its id).
  const anchorRef = useRef<{ id: number; offset: number } | null>(null);
  useLayoutEffect(() => {
    const anchor = anchorRef.current;
    const first = ring.first();
    if (!anchor || !first) return;
    anchorRef.current = null;
    const start = virtualizer.measurementsCache[anchor.id - first.id]?.start;
    if (start !== undefined) virtualizer.scrollToOffset(start - anchor.offset);
  }, [version, ring, virtualizer]);

  const loadOlder = useCallback(async () => {
    const first = ring.first();
    if (!socket || loadingOlder.current || reachedStart.current || search !== null || !first?.ts) return;
    loadingOlder.current = true;
    setStatus({ say: 'loadingOlder' });
    const ack = await request(socket, 'logs:history', { source, stdout, stderr, until: first.ts, limit: OLDER_PAGE });
    loadingOlder.current = false;
    if (!ack.ok) {
      setError(ack.error.message);
      return;
    }
    // The page ends at the first line's instant (until is inclusive): drop the lines we hold at it.
    const held = new Map<string, number>();
    for (let i = 0; i < ring.length; i++) {
      const row = ring.at(i)!;
      if (row.ts !== first.ts) break;
      held.set(lineKey(row), (held.get(lineKey(row)) ?? 0) + 1);
    }
    const older = ack.data.lines.filter((line) => {
      if (line.ts !== first.ts) return true;
      const left = held.get(lineKey(line)) ?? 0;
      if (left > 0) held.set(lineKey(line), left - 1);
      return left === 0;
    });
    if (ack.data.complete || older.length === 0) reachedStart.current = true;
    if (older.length) {
      const top = parentRef.current?.scrollTop ?? 0;
      const inView = virtualizer.getVirtualItems().find((item) => item.end > top);
      const anchorLine = inView ? ring.at(inView.index) : ring.first();
      anchorRef.current = anchorLine ? { id: anchorLine.id, offset: (inView?.start ?? 0) - top } : null;
      // Keys stay unique and ordered: older lines get ids below every id held.
      const base = prevId.current - older.length + 1;
      prevId.current -= older.length;
      ring.pushFront(older.map((line, i) => ({ ...line, id: base + i })));
      bump();
    }
    setStatus({ say: reachedStart.current ? 'pausedAtStart' : 'paused' });
  }, [ring, socket, search, source, stdout, stderr, virtualizer]);

  // Read by scroll handlers, which can run before a re-render has caught up with a pause.
  const followRef = useRef(follow);
  followRef.current = follow;
  const nearTop = () => (parentRef.current?.scrollTop ?? 1000) < 40;
  const onScroll = () => {
    if (!followRef.current && nearTop()) void loadOlder();
  };
  const pauseFollowing = () => {
    if (!followRef.current) return;
    followRef.current = false;
    setFollow(false);
    setStatus({ say: 'pausedTick' });
  };
  // The user scrolling takes over from any scroll still settling after older lines were put on
  // top (the virtualizer keeps re-aiming at its target while rows are measured, which would pull
  // the view back down under a user who scrolls on quickly).
  const userScrolls = () => virtualizer.cancelScroll();
  // Scrolling up at the top moves nothing (no scroll event): ask for older lines from the wheel too.
  const onWheel = (deltaY: number) => {
    userScrolls();
    if (deltaY >= 0) return;
    pauseFollowing();
    if (nearTop()) void loadOlder();
  };

  const runSearch = async (event: FormEvent) => {
    event.preventDefault();
    if (!socket) return;
    const text = filterText.trim();
    if (!text) {
      clearSearch();
      return;
    }
    setSearch(text);
    setFollow(false);
    setBusy(true);
    setStatus({ say: 'searching' });
    const ack = await request(socket, 'logs:history', { source, stdout, stderr, filter: text, limit: SEARCH_LIMIT });
    setBusy(false);
    ring.clear();
    cursorRef.current = null;
    reachedStart.current = true;
    if (!ack.ok) {
      setError(ack.error.message);
      bump();
      return;
    }
    ring.pushBack(ack.data.lines.map((line) => ({ ...line, id: nextId.current++ })));
    bump();
    setStatus({ say: 'matching', count: ack.data.lines.length, last: ack.data.lines.length === SEARCH_LIMIT, text, scanned: ack.data.scanned });
  };

  const clearSearch = () => {
    setFilterText('');
    setSearch(null);
    reset();
    setFollow(true);
  };

  const items = virtualizer.getVirtualItems();
  const statusText =
    status.say === 'reason' ? status.reason : status.say === 'matching' ? t(status.last ? 'matchingLast' : 'matching', { count: status.count, text: status.text, scanned: status.scanned }) : t(status.say);
  const download = downloadHref ? `${downloadHref}?stdout=${stdout ? 1 : 0}&stderr=${stderr ? 1 : 0}&timestamps=${timestamps ? 1 : 0}` : null;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-4">
        <Toggle label={t('follow')} checked={follow && search === null} onChange={(v) => (search !== null ? v && clearSearch() : v ? setFollow(true) : pauseFollowing())} />
        <Toggle label={t('timestamps')} checked={timestamps} onChange={setTimestamps} />
        <Toggle label={STDOUT} checked={stdout} onChange={(v) => (v || stderr) && setStdout(v)} />
        <Toggle label={STDERR} checked={stderr} onChange={(v) => (v || stdout) && setStderr(v)} />
        <form onSubmit={runSearch} className="flex items-center gap-2" role="search">
          <label className="flex items-center gap-2 text-sm font-medium">
            {t('filter')}
            <input
              type="search"
              value={filterText}
              onChange={(e) => setFilterText(e.target.value)}
              placeholder={t('filterPlaceholder')}
              maxLength={500}
              className="w-64 rounded-md border border-border bg-surface px-3 py-1.5 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-none"
            />
          </label>
          <Button type="submit" variant="secondary" size="sm" busy={busy}>
            {t('search')}
          </Button>
          {search !== null && (
            <Button variant="ghost" size="sm" onClick={clearSearch}>
              {t('clear')}
            </Button>
          )}
        </form>
        {download && (
          <a href={download} download className="ml-auto inline-flex h-8 items-center rounded-md border border-border bg-surface px-3 text-xs font-medium hover:bg-surface-2">
            {t('download')}
          </a>
        )}
      </div>
      <p className="text-xs text-muted" role="status" aria-live="polite">
        {t('inView', { status: statusText, count: ring.length, max: LOG_BUFFER_LINES })}
      </p>
      {error && (
        <p className="text-sm text-danger" role="alert">
          {error}
        </p>
      )}
      <div
        ref={parentRef}
        role="log"
        aria-label={title}
        tabIndex={0}
        onScroll={onScroll}
        onWheel={(e) => onWheel(e.deltaY)}
        onPointerDown={userScrolls}
        onKeyDown={(e) => {
          if (['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'].includes(e.key)) userScrolls();
          if (['ArrowUp', 'PageUp', 'Home'].includes(e.key)) pauseFollowing();
        }}
        className="h-[65vh] overflow-auto rounded-md border border-border bg-surface py-1"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {items.map((item) => {
            const line = ring.at(item.index);
            if (!line) return null;
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}>
                <LogLineRow line={line} timestamps={timestamps} label={lineLabel ? lineLabel(line) : null} />
              </div>
            );
          })}
        </div>
        {ring.length === 0 && <p className="px-3 py-2 text-sm text-muted">{search !== null ? t('noMatch') : t('noLines')}</p>}
      </div>
    </div>
  );
}
