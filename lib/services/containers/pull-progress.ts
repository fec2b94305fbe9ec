// The progress of an image pull or push, folded from the engine's JSON stream
// ({status, id, progressDetail: {current, total}} per layer, or {error}). Pure.
import 'server-only';

export type PullEvent = { status?: string; id?: string; progress?: string; progressDetail?: { current?: number; total?: number }; error?: string; errorDetail?: { message?: string } };

export type LayerProgress = { id: string; status: string; current: number; total: number };
export type PullProgress = {
  state: 'running' | 'succeeded' | 'failed';
  layers: LayerProgress[];
  /** 0–100 over the bytes of the layers whose sizes are known; null before any size is known. */
  percent: number | null;
  /** The engine's newest status line, as it wrote it; empty until the engine says something (the page says it is starting). */
  lastStatus: string;
  error: string | null;
};

export const startProgress = (): PullProgress => ({ state: 'running', layers: [], percent: null, lastStatus: '', error: null });

/** Statuses that come once a layer's bytes are all there. */
const DONE = /^(Verifying Checksum|Download complete|Extracting|Pull complete|Already exists|Pushed|Layer already exists|Mounted from .+)$/;
/** Statuses whose progressDetail counts a layer's bytes moving. */
const MOVING = /^(Downloading|Pushing)$/;

function percentOf(layers: LayerProgress[]): number | null {
  const sized = layers.filter((l) => l.total > 0);
  if (!sized.length) return null;
  const total = sized.reduce((s, l) => s + l.total, 0);
  const current = sized.reduce((s, l) => s + (DONE.test(l.status) ? l.total : Math.min(l.current, l.total)), 0);
  return Math.min(100, Math.floor((current / total) * 100));
}

export function applyPullEvent(progress: PullProgress, event: PullEvent): PullProgress {
  if (progress.state !== 'running') return progress;
  const error = event.error ?? event.errorDetail?.message;
  if (error) return { ...progress, state: 'failed', error };
  const status = event.status ?? '';
  if (!event.id || /^(Pulling from|Digest:|Status:|The push refers to)/.test(status) || !/^[0-9a-f]{12,64}$/.test(event.id)) {
    return { ...progress, lastStatus: event.id && !status.startsWith('Pulling from') ? `${event.id}: ${status}` : status || progress.lastStatus };
  }
  const layers = [...progress.layers];
  const at = layers.findIndex((l) => l.id === event.id);
  const previous = at >= 0 ? layers[at] : { id: event.id, status: '', current: 0, total: 0 };
  const detail = event.progressDetail ?? {};
  // Extraction reports its own current/total over the same bytes; keep the download's total.
  const next: LayerProgress = {
    id: event.id,
    status,
    total: MOVING.test(status) && detail.total ? detail.total : previous.total,
    current: MOVING.test(status) && typeof detail.current === 'number' ? detail.current : previous.current,
  };
  if (at >= 0) layers[at] = next;
  else layers.push(next);
  return { ...progress, layers, percent: percentOf(layers), lastStatus: `${event.id}: ${status}` };
}

/** The end of the stream: a stream that ended without an error is a success. */
export function finishProgress(progress: PullProgress): PullProgress {
  if (progress.state !== 'running') return progress;
  return { ...progress, state: 'succeeded', percent: 100 };
}

export function failProgress(progress: PullProgress, message: string): PullProgress {
  return progress.state === 'running' ? { ...progress, state: 'failed', error: message } : progress;
}
