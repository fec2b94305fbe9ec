// Reading an engine's /events stream: newline-delimited JSON arriving in arbitrary chunks. Pure.
import 'server-only';
import { StringDecoder } from 'node:string_decoder';

export type EngineEvent = {
  type: string;
  action: string;
  id: string;
  name: string | null;
  /** nanoseconds since the epoch, as the engine stamped the event */
  timeNano: string;
  /** The few attributes notifications read (a container's exit code and stack, a node's state), when present */
  attributes?: Partial<Record<(typeof KEPT_ATTRIBUTES)[number], string>>;
};

const KEPT_ATTRIBUTES = ['exitCode', 'com.docker.stack.namespace', 'state.new', 'state.old'] as const;

type RawEvent = { Type?: string; Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> }; id?: string; timeNano?: number | string; time?: number };

export function toEngineEvent(raw: RawEvent): EngineEvent | null {
  const type = raw.Type;
  const action = raw.Action;
  if (!type || !action) return null;
  const timeNano = raw.timeNano !== undefined ? String(raw.timeNano) : raw.time !== undefined ? `${raw.time}000000000` : '0';
  const given = raw.Actor?.Attributes ?? {};
  const kept = Object.fromEntries(KEPT_ATTRIBUTES.flatMap((key) => (typeof given[key] === 'string' ? [[key, given[key]]] : [])));
  return { type, action, id: raw.Actor?.ID ?? raw.id ?? '', name: given.name ?? null, timeNano, ...(Object.keys(kept).length ? { attributes: kept } : {}) };
}

// The engine stamps events with nanoseconds (~1.7e18), beyond what a JSON number keeps exactly.
const TIME_NANO = /"timeNano"\s*:\s*(\d+)/;

/** Splits a byte stream into JSON events; keeps a partial line (or character) until its end arrives. */
export class EventLineDecoder {
  private buffer = '';
  private readonly text = new StringDecoder('utf8');

  push(chunk: Buffer | string): EngineEvent[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.text.write(chunk);
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    if (this.buffer.length > 1_000_000) this.buffer = ''; // a runaway line is not an event
    const events: EngineEvent[] = [];
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        const raw = JSON.parse(line) as RawEvent;
        const exact = TIME_NANO.exec(line);
        if (exact) raw.timeNano = exact[1];
        const event = toEngineEvent(raw);
        if (event) events.push(event);
      } catch {
        // not JSON: skip the line, keep the stream
      }
    }
    return events;
  }
}

/** Which part of an engine's facts an event may have changed: 'info' (containers, images,
 * swarm) comes from /info, the volume and network counts from their own lists. */
export type FactsPart = 'info' | 'volumes' | 'networks';

export function factsAffectedBy(event: EngineEvent): FactsPart[] {
  switch (event.type) {
    case 'container':
      return event.action.startsWith('exec_') || event.action === 'top' || event.action.startsWith('health_status') ? [] : ['info'];
    case 'image':
    case 'node':
    case 'daemon':
      return ['info'];
    case 'volume':
      return event.action === 'create' || event.action === 'destroy' ? ['volumes'] : [];
    case 'network':
      // connect/disconnect happen on every container start and change no count.
      return event.action === 'create' || event.action === 'destroy' || event.action === 'remove' ? ['networks'] : [];
    default:
      return [];
  }
}

/** Exponential reconnect delay with a cap and a little jitter. */
export function backoffDelay(attempt: number, { baseMs = 1000, capMs = 10_000, jitter = 0.2, random = Math.random } = {}): number {
  const raw = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(raw * (1 - jitter + random() * jitter * 2));
}
