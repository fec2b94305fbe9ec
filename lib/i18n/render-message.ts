// Renders messages outside React (doors, sockets, scripts, AppError's English text) with the same
// ICU formatter next-intl uses in components.
import { createTranslator } from 'use-intl/core';
import { messagesFor } from './catalogue.ts';
import { DEFAULT_LOCALE, type Locale } from './locales.ts';
import { isMessage, type Message } from './message.ts';

type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

const translators = new Map<Locale, Translate>();

function translatorOf(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    // A missing key renders as the key itself (the catalogue test keeps keys complete); it never throws.
    const made = createTranslator({ locale, messages: messagesFor(locale), onError: () => {}, getMessageFallback: ({ namespace, key }) => (namespace ? `${namespace}.${key}` : key) });
    t = made as unknown as Translate;
    translators.set(locale, t);
  }
  return t;
}

/** The message in `locale`; values that are messages themselves are rendered first, in the same language. */
export function renderMessage(message: Message, locale: Locale = DEFAULT_LOCALE): string {
  const values: Record<string, string | number | Date> = {};
  for (const [name, value] of Object.entries(message.values ?? {})) values[name] = isMessage(value) ? renderMessage(value, locale) : value;
  return translatorOf(locale)(message.key, values);
}

/** A service's outcome as a door answers it: its `said` message in `locale` as `message`, no `said`
 * (arrays item by item; anything without a `said` message as it is). */
export function spokenBody(body: unknown, locale: Locale): unknown {
  if (Array.isArray(body)) return body.map((item) => spokenBody(item, locale));
  if (!body || typeof body !== 'object' || !isMessage((body as { said?: unknown }).said)) return body;
  const { said, ...rest } = body as { said: Message };
  return { ...rest, message: renderMessage(said, locale) };
}
