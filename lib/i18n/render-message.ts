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

/** An object made by a literal or JSON (not a Date, Map or class instance). */
export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (!value || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** A service's outcome as a door answers it: its `said` message in `locale` as `message`, no `said`;
 * the same for the objects inside it (a deploy's warnings, each a problem with its `said`). Arrays
 * item by item; anything without a `said` message (dates, text, numbers) as it is, the same object. */
export function spokenBody(body: unknown, locale: Locale): unknown {
  if (Array.isArray(body)) {
    const items = body.map((item) => spokenBody(item, locale));
    return items.every((item, index) => item === body[index]) ? body : items;
  }
  if (!isPlainObject(body)) return body;
  const { said, ...rest } = body as { said?: unknown };
  const saying = isMessage(said);
  let changed = saying;
  // fromEntries, not assignment: a key such as "__proto__" (a label's) stays an ordinary key.
  const entries = Object.entries(saying ? rest : body).map(([name, value]): [string, unknown] => {
    const spoken = spokenBody(value, locale);
    if (spoken !== value) changed = true;
    return [name, spoken];
  });
  if (!changed) return body;
  return Object.fromEntries(saying ? [...entries, ['message', renderMessage(said, locale)]] : entries);
}
