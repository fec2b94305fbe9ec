// Notification channels (notification.manage): added, changed, removed and sent a test, each
// audited. Where the URL leads is judged before anything is saved, by the addresses its name
// resolves to (the registry guard's rule): metadata, link-local and unspecified addresses for
// nobody, the console's own machine only for those who may connect engines there (host.local).
// The URL and the signing secret are sealed and never answered; a secret Wharf generates is
// answered once, when it is made.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { audited } from '@/lib/audit/record-audit.ts';
import { can } from '@/lib/auth/authorize.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { permissionPhrase } from '@/lib/auth/permissions.ts';
import { isUniqueViolation } from '@/lib/db/errors.ts';
import { newId } from '@/lib/db/new-id.ts';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import type { AnswerVerdict } from '@/lib/models/notifications/notification-payloads.ts';
import { SIGNED_KINDS, urlHint, type NotificationEvent, type SavedChannel } from '@/lib/models/notifications/notifications.ts';
import type { ChannelInput, UpdateChannelInput } from '@/lib/schemas/notifications.ts';
import { isConsoleMachine, judgeName, systemLookup, type Lookup } from '../hosts/connection-target.ts';
import type { ServiceDeps } from '../deps.ts';
import { openChannel, readChannel, sealChannelPart } from './channel-rows.ts';
import { sendNotification, type SendOptions } from './send-notification.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

const target = (id: string, name: string) => ({ type: 'notification-channel', id, name });

export const SECRET_PREFIX = 'whsec_';
const generateSecret = () => `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;

function refusedUrl(where: ReturnType<typeof msg>): AppError {
  const said = ['notifications.errors.refusedAddress', { where }] as const;
  return new AppError('FORBIDDEN', msg(...said), { fieldErrors: { url: [issueText(...said)] } });
}

/** Where the URL leads, judged: refused addresses for nobody, this machine only with host.local. */
export async function screenChannelUrl(actor: Actor, raw: string, lookup: Lookup = systemLookup): Promise<void> {
  const host = new URL(raw).hostname.replace(/^\[(.*)\]$/, '$1');
  const { addresses, refused } = await judgeName(host, lookup).catch((error: unknown) => {
    const message = (error as Error).message;
    throw new AppError('PRECONDITION', message, { fieldErrors: { url: [message] } });
  });
  if (refused) throw refusedUrl(refused);
  if (addresses.some(isConsoleMachine) && !can(actor, 'host.local')) {
    const said = ['notifications.errors.consoleMachine', { action: permissionPhrase('host.local') }] as const;
    throw new AppError('FORBIDDEN', msg(...said), { fieldErrors: { url: [issueText(...said)] } });
  }
}

const nameTaken = (name: string) => new AppError('CONFLICT', msg('notifications.errors.nameTaken', { name }), { fieldErrors: { name: [issueText('notifications.errors.nameTaken', { name })] } });

/** The secret to keep: generated (webhooks), given, or none for kinds that sign nothing. */
function secretFor(input: Pick<ChannelInput, 'kind' | 'secret' | 'generateSecret'>): { secret: string | null; generated: boolean } {
  if (!SIGNED_KINDS.has(input.kind)) return { secret: null, generated: false };
  if (input.kind === 'webhook' && input.generateSecret) return { secret: generateSecret(), generated: true };
  return { secret: input.secret || null, generated: false };
}

export async function createChannel(deps: Deps, actor: Actor, input: ChannelInput, lookup: Lookup = systemLookup): Promise<SavedChannel> {
  const id = newId();
  const { secret, generated } = secretFor(input);
  return audited(
    deps.db,
    subjectOf(actor),
    'notification.channel.create',
    target(id, input.name),
    async () => {
      await screenChannelUrl(actor, input.url, lookup);
      try {
        await deps.db.notificationChannel.create({
          data: { id, name: input.name, kind: input.kind, urlSealed: sealChannelPart(deps.keyring, id, 'url', input.url), urlHint: urlHint(input.url), secretSealed: secret ? sealChannelPart(deps.keyring, id, 'secret', secret) : null, createdById: actor.id },
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
      return { id, name: input.name, generatedSecret: generated ? secret : null };
    },
    () => ({ message: `${input.kind} to ${urlHint(input.url)}${secret ? (generated ? ' with a generated signing secret' : ' with a signing secret') : ''}` }),
  );
}

export async function updateChannel(deps: Deps, actor: Actor, input: UpdateChannelInput, lookup: Lookup = systemLookup): Promise<SavedChannel> {
  const row = await readChannel(deps, input.channelId);
  const saved = openChannel(deps.keyring, row);
  const url = input.url || saved.url;
  let secret = saved.secret;
  let generated = false;
  if (!SIGNED_KINDS.has(input.kind) || input.clearSecret) secret = null;
  else if (input.kind === 'webhook' && input.generateSecret) ({ secret, generated } = secretFor(input));
  else if (input.secret) secret = input.secret;
  const notes = [row.kind === input.kind ? '' : `kind ${row.kind} → ${input.kind}`, input.url ? `URL ${urlHint(url)}` : '', secret === saved.secret ? '' : secret ? 'signing secret replaced' : 'signing secret removed'].filter(Boolean);
  return audited(
    deps.db,
    subjectOf(actor),
    'notification.channel.update',
    target(row.id, input.name),
    async () => {
      if (input.url) await screenChannelUrl(actor, url, lookup);
      try {
        await deps.db.notificationChannel.update({
          where: { id: row.id },
          data: { name: input.name, kind: input.kind, urlSealed: sealChannelPart(deps.keyring, row.id, 'url', url), urlHint: urlHint(url), secretSealed: secret ? sealChannelPart(deps.keyring, row.id, 'secret', secret) : null },
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
      return { id: row.id, name: input.name, generatedSecret: generated ? secret : null };
    },
    () => ({ message: [row.name === input.name ? '' : `renamed from "${row.name}"`, ...notes].filter(Boolean).join('; ') || 'unchanged' }),
  );
}

/** Removes a channel with its rules and delivery log. */
export async function removeChannel(deps: Deps, actor: Actor, input: { channelId: string }): Promise<void> {
  const row = await readChannel(deps, input.channelId);
  await audited(deps.db, subjectOf(actor), 'notification.channel.delete', target(row.id, row.name), async () => {
    await deps.db.notificationChannel.deleteMany({ where: { id: row.id } });
  }, () => ({ message: `${row.kind} to ${row.urlHint}` }));
}

/**
 * Sends a test event to the channel now and answers the endpoint's answer. The test is kept in the
 * delivery log like any delivery (one attempt, not retried). Audited: it is a request to an address.
 */
export async function testChannel(deps: Deps, actor: Actor, input: { channelId: string }, options: SendOptions = {}): Promise<AnswerVerdict> {
  const row = await readChannel(deps, input.channelId);
  const channel = openChannel(deps.keyring, row);
  const event: NotificationEvent = {
    event: 'deploy.finished',
    at: new Date().toISOString(),
    title: `Test from Wharf, sent by ${actor.username}`,
    text: `Notifications to "${row.name}" arrive.`,
    scope: {},
    test: true,
  };
  return audited(deps.db, subjectOf(actor), 'notification.channel.test', target(row.id, row.name), async () => {
    const verdict = await sendNotification(channel, event, options);
    await deps.db.notificationDelivery.create({
      data: { channelId: row.id, event: event.event, payload: event, status: verdict.delivered ? 'delivered' : 'failed', attempts: 1, lastAnswer: verdict.answer },
    });
    if (!verdict.delivered) throw new AppError('PRECONDITION', msg('notifications.errors.testNotDelivered', { answer: verdict.answer }));
    return verdict;
  }, (verdict) => ({ message: verdict.answer }));
}
