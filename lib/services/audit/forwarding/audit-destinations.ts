// Forwarding destinations: listed with how far delivery got, added, edited, enabled or disabled,
// removed and sent a test message, each audited. An HTTP destination's bearer secret is sealed
// like host secrets (bound to its row) and never returned.
import 'server-only';
import { hostname } from 'node:os';
import { audited } from '@/lib/audit/record-audit.ts';
import { CHAIN_VERSION } from '@/lib/audit/audit-chain.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { open, seal } from '@/lib/crypto/secret-box.ts';
import { isUniqueViolation } from '@/lib/db/errors.ts';
import { newId } from '@/lib/db/new-id.ts';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { AuditDestinationInput, UpdateAuditDestinationInput } from '@/lib/schemas/audit.ts';
import type { ServiceDeps } from '../../deps.ts';
import { judgeName, systemLookup, type Lookup } from '../../hosts/connection-target.ts';
import { RETENTION_LOCK } from '../audit-retention.ts';
import { describeWhere, postHttp, sendSyslog, type Destination, type HttpSettings, type SyslogSettings } from './deliver.ts';
import { explainDeliveryError } from './explain-delivery-error.ts';
import { octetFrame, SYSLOG_APP_NAME, SYSLOG_SD_ID, headerToken } from './syslog-format.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'> & { auditForwarder?: { reset(id: string): void; wake(): void } };

export const destinationSecretContext = (id: string) => `audit-destination:${id}`;

export type AuditDestinationView = {
  id: string;
  name: string;
  kind: 'syslog' | 'http';
  enabled: boolean;
  /** Where it goes, as the page shows it (no secret). */
  where: string;
  host: string | null;
  port: number | null;
  tls: boolean;
  url: string | null;
  hasCa: boolean;
  hasSecret: boolean;
  /** The chain number of the last entry delivered (0: none yet). */
  deliveredThrough: string;
  deliveredAt: string | null;
  /** Entries after the cursor, not delivered yet. */
  backlog: number;
  lastError: string | null;
  lastErrorAt: string | null;
  /** The last attempt failed (its error is newer than the last delivery). */
  failing: boolean;
};

type Row = { id: string; name: string; kind: string; enabled: boolean; settings: Prisma.JsonValue; secretSealed: string | null; deliveredThrough: bigint; deliveredAt: Date | null; lastError: string | null; lastErrorAt: Date | null };

const syslogSettingsOf = (row: Row): SyslogSettings => {
  const s = row.settings as Partial<SyslogSettings>;
  return { host: String(s.host ?? ''), port: Number(s.port ?? 0), tls: s.tls === true, ca: String(s.ca ?? '') };
};
const httpSettingsOf = (row: Row): HttpSettings => {
  const s = row.settings as Partial<HttpSettings>;
  return { url: String(s.url ?? ''), ca: String(s.ca ?? '') };
};

/** The destination as the worker uses it, its secret opened. Never leaves the server. */
export type OpenedDestination = { id: string; name: string; enabled: boolean; deliveredThrough: bigint; target: Destination };

function targetOf(deps: Pick<Deps, 'keyring'>, row: Row): Destination {
  if (row.kind === 'syslog') return { kind: 'syslog', settings: syslogSettingsOf(row) };
  return { kind: 'http', settings: httpSettingsOf(row), secret: row.secretSealed ? open(deps.keyring, row.secretSealed, destinationSecretContext(row.id)) : null };
}

export async function openAuditDestination(deps: Pick<Deps, 'db' | 'keyring'>, id: string): Promise<OpenedDestination | null> {
  const row = await deps.db.auditDestination.findUnique({ where: { id } });
  if (!row) return null;
  return { id: row.id, name: row.name, enabled: row.enabled, deliveredThrough: row.deliveredThrough, target: targetOf(deps, row) };
}

function viewOf(row: Row, backlog: number): AuditDestinationView {
  const syslog = row.kind === 'syslog' ? syslogSettingsOf(row) : null;
  const web = row.kind === 'http' ? httpSettingsOf(row) : null;
  const where = syslog ? describeWhere({ kind: 'syslog', settings: syslog }) : web!.url;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind === 'syslog' ? 'syslog' : 'http',
    enabled: row.enabled,
    where,
    host: syslog?.host ?? null,
    port: syslog?.port ?? null,
    tls: syslog?.tls ?? web!.url.startsWith('https:'),
    url: web?.url ?? null,
    hasCa: Boolean(syslog?.ca || web?.ca),
    hasSecret: row.secretSealed !== null,
    deliveredThrough: row.deliveredThrough.toString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    backlog,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
    failing: row.lastErrorAt !== null && (row.deliveredAt === null || row.lastErrorAt > row.deliveredAt),
  };
}

export async function listAuditDestinations(deps: Pick<Deps, 'db'>): Promise<AuditDestinationView[]> {
  const rows = await deps.db.auditDestination.findMany({ orderBy: { name: 'asc' } });
  return Promise.all(rows.map(async (row) => viewOf(row, await deps.db.auditEntry.count({ where: { id: { gt: row.deliveredThrough } } }))));
}

function settingsOf(input: AuditDestinationInput): Prisma.InputJsonValue {
  return input.kind === 'syslog' ? { host: input.host, port: input.port, tls: input.tls, ca: input.tls ? input.ca : '' } : { url: input.url, ca: input.url.startsWith('https:') ? input.ca : '' };
}

const whereOf = (input: AuditDestinationInput) =>
  input.kind === 'syslog' ? describeWhere({ kind: 'syslog', settings: { host: input.host, port: input.port, tls: input.tls, ca: '' } }) : input.url;

/**
 * Where a destination leads, judged by the addresses its name resolves to now (case 20): a
 * metadata, link-local or unspecified address is refused on its field. Sending judges it again.
 */
export async function screenAuditDestination(input: AuditDestinationInput, lookup: Lookup = systemLookup): Promise<void> {
  const field = input.kind === 'syslog' ? 'host' : 'url';
  const host = (input.kind === 'syslog' ? input.host : new URL(input.url).hostname).replace(/^\[(.*)\]$/, '$1');
  const { refused } = await judgeName(host, lookup).catch((error: unknown) => {
    const message = (error as Error).message;
    throw new AppError('PRECONDITION', message, { fieldErrors: { [field]: [message] } });
  });
  if (!refused) return;
  const said = ['audit.errors.refusedAddress', { where: refused }] as const;
  throw new AppError('FORBIDDEN', msg(...said), { fieldErrors: { [field]: [issueText(...said)] } });
}

const nameTaken = (name: string) => new AppError('CONFLICT', msg('audit.errors.destinationNameTaken', { name }), { fieldErrors: { name: [issueText('audit.errors.nameTaken')] } });

/**
 * Adds a destination. It starts at the oldest entry the log still holds (everything kept is
 * forwarded), read under retention's lock so a cut running meanwhile cannot pass it.
 */
export async function createAuditDestination(deps: Deps, actor: Actor, input: AuditDestinationInput, lookup: Lookup = systemLookup): Promise<{ id: string }> {
  const id = newId();
  const result = await audited(
    deps.db,
    subjectOf(actor),
    'audit.destination.create',
    { type: 'audit-destination', id, name: input.name },
    async () => {
      await screenAuditDestination(input, lookup);
      try {
        await deps.db.$transaction(async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RETENTION_LOCK}::bigint)`;
          const checkpoint = await tx.auditCheckpoint.findFirst({ orderBy: [{ throughId: 'desc' }, { id: 'desc' }], select: { throughId: true } });
          await tx.auditDestination.create({
            data: {
              id,
              name: input.name,
              kind: input.kind,
              enabled: input.enabled,
              settings: settingsOf(input),
              secretSealed: input.kind === 'http' && input.secret ? seal(deps.keyring, input.secret, destinationSecretContext(id)) : null,
              deliveredThrough: checkpoint?.throughId ?? 0n,
            },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
      return { id };
    },
    () => ({ message: `${input.kind} to ${whereOf(input)}${input.kind === 'http' && input.secret ? ' with a bearer secret' : ''}${input.enabled ? '' : ' (disabled)'}` }),
  );
  deps.auditForwarder?.reset(id);
  return result;
}

async function existing(deps: Pick<Deps, 'db'>, id: string): Promise<Row> {
  const row = await deps.db.auditDestination.findUnique({ where: { id } });
  if (!row) throw new AppError('NOT_FOUND', msg('audit.errors.destinationNotFound'));
  return row;
}

/** Edits a destination; its cursor stays (forwarding continues where it was). */
export async function updateAuditDestination(deps: Deps, actor: Actor, input: UpdateAuditDestinationInput, lookup: Lookup = systemLookup): Promise<void> {
  const row = await existing(deps, input.destinationId);
  if (row.kind !== input.kind) throw new AppError('INVALID_INPUT', msg('audit.errors.keepsKind'));
  let secretSealed = row.secretSealed;
  let secretNote = '';
  if (input.kind === 'http') {
    if (input.secret) {
      secretSealed = seal(deps.keyring, input.secret, destinationSecretContext(row.id));
      secretNote = '; bearer secret replaced';
    } else if (input.clearSecret) {
      secretSealed = null;
      secretNote = '; bearer secret removed';
    }
  }
  const before = viewOf(row, 0).where;
  await audited(
    deps.db,
    subjectOf(actor),
    'audit.destination.update',
    { type: 'audit-destination', id: row.id, name: input.name },
    async () => {
      await screenAuditDestination(input, lookup);
      try {
        await deps.db.auditDestination.update({ where: { id: row.id }, data: { name: input.name, enabled: input.enabled, settings: settingsOf(input), secretSealed } });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
    },
    () => ({
      message: `${before === whereOf(input) ? whereOf(input) : `${before} → ${whereOf(input)}`}${row.name === input.name ? '' : `; renamed from "${row.name}"`}${row.enabled === input.enabled ? '' : input.enabled ? '; enabled' : '; disabled'}${secretNote}`,
    }),
  );
  deps.auditForwarder?.reset(row.id);
}

export async function setAuditDestinationEnabled(deps: Deps, actor: Actor, input: { destinationId: string; enabled: boolean }): Promise<void> {
  const row = await existing(deps, input.destinationId);
  await audited(deps.db, subjectOf(actor), input.enabled ? 'audit.destination.enable' : 'audit.destination.disable', { type: 'audit-destination', id: row.id, name: row.name }, async () => {
    await deps.db.auditDestination.update({ where: { id: row.id }, data: { enabled: input.enabled } });
  });
  deps.auditForwarder?.reset(row.id);
}

export async function removeAuditDestination(deps: Deps, actor: Actor, input: { destinationId: string }): Promise<void> {
  const row = await existing(deps, input.destinationId);
  await audited(
    deps.db,
    subjectOf(actor),
    'audit.destination.delete',
    { type: 'audit-destination', id: row.id, name: row.name },
    async () => {
      await deps.db.auditDestination.deleteMany({ where: { id: row.id } });
    },
    () => ({ message: `${viewOf(row, 0).where}; delivered through entry ${row.deliveredThrough}` }),
  );
  deps.auditForwarder?.wake();
}

/** Sends one test message (not an audit entry; the cursor does not move). Audited: it is a probe of an address. */
export async function sendAuditDestinationTest(deps: Deps, actor: Actor, input: { destinationId: string }, options: { timeoutMs?: number } = {}): Promise<{ where: string }> {
  const destination = await openAuditDestination(deps, input.destinationId);
  if (!destination) throw new AppError('NOT_FOUND', msg('audit.errors.destinationNotFound'));
  const where = describeWhere(destination.target);
  const sent = await audited(deps.db, subjectOf(actor), 'audit.destination.test', { type: 'audit-destination', id: destination.id, name: destination.name }, async () => {
    const text = `Test message from Wharf, sent by ${actor.username}: forwarding to "${destination.name}" works.`;
    try {
      if (destination.target.kind === 'syslog') {
        const message = `<117>1 ${new Date().toISOString()} ${headerToken(hostname(), 255)} ${SYSLOG_APP_NAME} - wharf.test [${SYSLOG_SD_ID} test="true"] \uFEFF${text}`;
        await sendSyslog(destination.target.settings, [octetFrame(message)], options);
      } else {
        await postHttp(destination.target.settings, destination.target.secret, { source: 'wharf', chain: CHAIN_VERSION, test: true, entries: [] }, options);
      }
    } catch (error) {
      throw new AppError('PRECONDITION', msg('audit.errors.testNotDelivered', { detail: explainDeliveryError(error, where) }));
    }
    return { where };
  });
  // It answers again: a destination backing off is tried at once.
  deps.auditForwarder?.reset(destination.id);
  return sent;
}
