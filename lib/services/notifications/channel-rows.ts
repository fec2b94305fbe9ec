// Notification channel rows: their URL and signing secret sealed bound to the row, opened only for
// sending, and the view the page gets (no URL beyond its hint, no secret).
import 'server-only';
import { createHmac } from 'node:crypto';
import { open, seal, type Keyring } from '@/lib/crypto/secret-box.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { Hmac } from '@/lib/models/notifications/notification-payloads.ts';
import { isChannelKind, type ChannelKind, type ChannelView } from '@/lib/models/notifications/notifications.ts';
import type { ServiceDeps } from '../deps.ts';

export const channelSecretContext = (id: string, part: 'url' | 'secret') => `notification-channel:${id}:${part}`;

export const sealChannelPart = (keyring: Keyring, id: string, part: 'url' | 'secret', value: string) => seal(keyring, value, channelSecretContext(id, part));

export type ChannelRow = { id: string; name: string; kind: string; urlSealed: string; urlHint: string; secretSealed: string | null; createdAt: Date };

/** A channel as the sender uses it: URL and secret opened. Never leaves the server. */
export type OpenedChannel = { id: string; name: string; kind: ChannelKind; url: string; urlHint: string; secret: string | null };

export const kindOf = (row: Pick<ChannelRow, 'kind'>): ChannelKind => (isChannelKind(row.kind) ? row.kind : 'webhook');

export function openChannel(keyring: Keyring, row: ChannelRow): OpenedChannel {
  return {
    id: row.id,
    name: row.name,
    kind: kindOf(row),
    url: open(keyring, row.urlSealed, channelSecretContext(row.id, 'url')),
    urlHint: row.urlHint,
    secret: row.secretSealed ? open(keyring, row.secretSealed, channelSecretContext(row.id, 'secret')) : null,
  };
}

export const toChannelView = (row: ChannelRow): ChannelView => ({ id: row.id, name: row.name, kind: kindOf(row), urlHint: row.urlHint, hasSecret: row.secretSealed !== null, createdAt: row.createdAt.toISOString() });

export async function readChannel(deps: Pick<ServiceDeps, 'db'>, id: string): Promise<ChannelRow> {
  const row = await deps.db.notificationChannel.findUnique({ where: { id } });
  if (!row) throw new AppError('NOT_FOUND', msg('notifications.errors.channelNotFound'));
  return row;
}

/** HMAC-SHA256 for the payload builders (lib/models/notifications/notification-payloads.ts). */
export const hmacSha256: Hmac = (key, message, encoding) => createHmac('sha256', key).update(message, 'utf8').digest(encoding);
