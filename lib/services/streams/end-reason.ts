// Why a stream ended, as the browser is told: a catalogue message, rendered in the watcher's
// language by the socket handler that sends it (an engine's or a system's own words stay as text).
import 'server-only';
import { isAppError } from '@/lib/errors.ts';
import type { Locale } from '@/lib/i18n/locales.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';

export type EndReason = Message | string;

/** The reason in `locale` (English for logs and audit rows). */
export const sayReason = (reason: EndReason, locale: Locale = 'en'): string => (typeof reason === 'string' ? reason : renderMessage(reason, locale));

/** Why a failure ended a stream: an AppError's own message, else the generic sentence. */
export const reasonOfError = (error: unknown): EndReason => (isAppError(error) ? (error.said ?? error.message) : msg('errors.unexpected'));
