// The one place that says what an id looks like. Every door (actions, routes, sockets, pages)
// validates ids with these; an id that does not fit is "not found", never an error that says why.
// Three kinds exist: ids Wharf's database makes, ids a swarm makes, and the names or ids by which
// an engine addresses its own objects.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';

/** Ids of Wharf's own rows (hosts, users, provisioning runs, accounts): cuid()s and `h…` hex ids. */
export const RECORD_ID = /^[a-z0-9]{10,40}$/;
/** Ids a swarm gives its swarm, nodes, services, tasks, secrets and configs. */
export const SWARM_OBJECT_ID = /^[a-z0-9]{25}$/;
/** A container, network or image as an engine names it: its (short) id or its name (never "." or "..": it starts with a letter or digit). */
export const ENGINE_REF = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
/** A full or short hex id of a container, network or volume-less engine object. */
export const ENGINE_HEX_ID = /^[a-f0-9]{12,64}$/;
/** Ids Wharf makes for streams, sessions and jobs (random tokens). */
export const TOKEN_ID = /^[A-Za-z0-9_-]{8,64}$/;

// `what` documents the kind at the call site; the error, shown on the field whose label says the
// kind, is one sentence (errors.input.notAnId).
const NOT_AN_ID = issueText('errors.input.notAnId');
export const recordId = (_what: string) => z.string().regex(RECORD_ID, NOT_AN_ID);
export const swarmObjectId = (_what: string) => z.string().regex(SWARM_OBJECT_ID, NOT_AN_ID);
export const engineRef = (_what: string) => z.string().regex(ENGINE_REF, NOT_AN_ID);
export const engineHexId = (_what: string) => z.string().regex(ENGINE_HEX_ID, NOT_AN_ID);
export const tokenId = z.string().regex(TOKEN_ID, NOT_AN_ID);

export const hostIdSchema = recordId('a host id');
export const userIdSchema = recordId('a user id');
export const swarmIdSchema = swarmObjectId('a swarm id');
export const nodeIdSchema = swarmObjectId('a node id');
export const serviceIdSchema = swarmObjectId('a service id');
/** Actions take a container's hex id; pages and streams also accept its name. */
export const containerIdSchema = engineHexId('a container id');
export const containerRefSchema = engineRef('a container');

/** Whether a path segment may be an id of any kind above (routes check this before anything else). */
export const isIdSegment = (value: unknown): value is string => typeof value === 'string' && (ENGINE_REF.test(value) || RECORD_ID.test(value));
