// Input shapes of every message a browser sends on the streams namespace (logs, terminals, stats,
// events), checked by the socket door before a handler runs. One schema per client event; the
// protocol's types (lib/realtime/stream-protocol.ts) describe the same messages for the browser.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { HOST_EVENT_TYPES, MAX_SINCE_SECONDS, SWARM_EVENT_TYPES } from '@/lib/models/events/events-feed.ts';
import { isTimestamp } from '@/lib/models/logs/log-timestamps.ts';
import { projectNameSchema } from './compose-projects.ts';
import { containerRefSchema, hostIdSchema, serviceIdSchema, swarmIdSchema, tokenId } from './ids.ts';

/** The most lines a log request may ask for with `tail`. */
export const MAX_TAIL = 1_000_000;
/** What a terminal may be: a size the engine and a pty accept. */
const COLS = z.number().int().min(1).max(1000);
const ROWS = z.number().int().min(1).max(500);

const timestamp = z.string().refine(isTimestamp, issueText('streams.errors.timestamp'));

const logSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('container'), hostId: hostIdSchema, containerId: containerRefSchema }),
  z.object({ kind: z.literal('service'), swarmId: swarmIdSchema, serviceId: serviceIdSchema }),
  z.object({ kind: z.literal('project'), hostId: hostIdSchema, project: projectNameSchema }),
]);

/** A log query on its own (a download, a read): the same rules as a follow. */
export const logQuerySchema = z
  .object({
    source: logSource,
    since: timestamp.optional(),
    until: timestamp.optional(),
    tail: z.number().int().min(0).max(MAX_TAIL).optional(),
    stdout: z.boolean().default(false),
    stderr: z.boolean().default(false),
  })
  .refine((q) => q.stdout || q.stderr, { message: issueText('streams.errors.streamsNone'), path: ['stdout'] });

export const logFollowSchema = logQuerySchema;
export const logHistorySchema = logQuerySchema.and(z.object({ limit: z.number().int().min(1), filter: z.string().max(500).optional() }));
export const streamRefSchema = z.object({ streamId: tokenId });

const execShell = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sh') }),
  z.object({ kind: z.literal('bash') }),
  z.object({ kind: z.literal('command'), argv: z.array(z.string().max(4096)).min(1).max(64) }),
]);

export const execOpenSchema = z.object({
  hostId: hostIdSchema,
  containerId: containerRefSchema,
  shell: execShell.default({ kind: 'sh' }),
  user: z.string().max(130).optional(),
  workdir: z.string().max(4096).optional(),
  cols: COLS,
  rows: ROWS,
});
export const hostSshOpenSchema = z.object({ hostId: hostIdSchema, cols: COLS, rows: ROWS });

/** Keystrokes, resizes and closes name a session of the socket's own. */
export const terminalDataSchema = z.object({ sessionId: tokenId, data: z.string().max(64 * 1024) });
export const terminalResizeSchema = z.object({ sessionId: tokenId, cols: z.number(), rows: z.number() });
export const terminalRefSchema = z.object({ sessionId: tokenId });

export const statsWatchSchema = z.object({ hostId: hostIdSchema, containerId: containerRefSchema });
export const hostStatsWatchSchema = z.object({ hostId: hostIdSchema });
export const statsUnwatchSchema = z.object({ watchId: tokenId });

const eventsScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('host'), hostId: hostIdSchema }),
  z.object({ kind: z.literal('swarm'), swarmId: swarmIdSchema }),
]);
const action = z.string().regex(/^[a-z_]{1,40}$/, issueText('streams.errors.actionWord'));

export const eventsFollowSchema = z
  .object({
    scope: eventsScope,
    types: z.array(z.string()).max(10).default([]),
    actions: z.array(action).max(20, issueText('streams.errors.actionsMax')).default([]),
    sinceSeconds: z.number().int().min(0).max(MAX_SINCE_SECONDS).default(0),
  })
  .superRefine((request, ctx) => {
    const allowed: readonly string[] = request.scope.kind === 'host' ? HOST_EVENT_TYPES : SWARM_EVENT_TYPES;
    if (!request.types.every((t) => allowed.includes(t))) ctx.addIssue({ code: 'custom', path: ['types'], message: issueText('streams.errors.eventTypes', { types: allowed.join(', ') }) });
  })
  .transform((request) => ({ ...request, types: [...new Set(request.types)], actions: [...new Set(request.actions)] }));
