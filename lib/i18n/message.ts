// A sentence to be said to the user, not yet in any language: a catalogue key and its values.
// Services and schemas say what happened this way; the door that answers the request renders it
// in the requester's language (lib/i18n/render-message.ts). Pure and browser-safe.
import type { Messages } from './catalogue.ts';

/** Dotted paths to the leaves of the catalogue ("errors.session.ended"). */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
/** Values of a message's placeholders; a value may itself be a message (rendered in the same language). */
export type MessageValues = { [name: string]: string | number | Date | Message };
export type Message = { key: MessageKey; values?: MessageValues };

/** A message for AppError or anything the doors render: `msg('errors.hosts.notFound', { name })`. */
export const msg = (key: MessageKey, values?: MessageValues): Message => (values ? { key, values } : { key });

export const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as Message).key === 'string';

// Zod takes a custom issue message as a string only: a message travels inside it as its key,
// followed by its values as JSON after one space ("validation.name.taken {\"name\":\"web\"}").
const KEY = /^[a-z][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)+$/;

/** A message as a zod issue string (`z.string().min(1, { error: issueText('validation.required') })`). */
export const issueText = (key: MessageKey, values?: MessageValues): string => (values ? `${key} ${JSON.stringify(values)}` : key);

/** The message an issue string carries, or null when it is plain text (zod's own, or not yet translated). */
export function messageOfIssue(text: string): Message | null {
  const space = text.indexOf(' ');
  const key = space === -1 ? text : text.slice(0, space);
  if (!KEY.test(key)) return null;
  if (space === -1) return { key: key as MessageKey };
  try {
    const values: unknown = JSON.parse(text.slice(space + 1));
    return typeof values === 'object' && values !== null ? { key: key as MessageKey, values: values as MessageValues } : null;
  } catch {
    return null;
  }
}

/** What a row or a log keeps of something said: a message as its issue string (key and values),
 * said in each reader's language when read (`saidOfStored`); text that is no message (engine or
 * OS output quoted as it is, rows written before it was a message) as it is. */
export const storedSaying = (said: Message | string): string => (typeof said === 'string' ? said : issueText(said.key, said.values));

/** The message a stored text carries (storedSaying), or the text itself when it carries none. */
export const saidOfStored = (text: string): Message | string => messageOfIssue(text) ?? text;
