// Several messages said as one: sentences one after another (a refusal's findings, the reasons a
// drift cannot be recorded) or items of a list. Each language joins them its own way (English with
// a space or a comma, Chinese without a space or with 、), so the joining is a message too. Pure.
import { msg, type Message } from '@/lib/i18n/message.ts';

/** Sentences one after another, as one message. */
export const sentences = (items: readonly [Message, ...Message[]] | readonly Message[]): Message =>
  items.length === 1 ? items[0] : msg('modelText.join.sentences', { first: items[0] ?? '', rest: items.length > 1 ? sentences(items.slice(1)) : '' });

/** Items of a list, as one message ("/srv (read-write), /data (read-only)"); none: null. */
export const listed = (items: readonly (Message | string)[]): Message | string | null =>
  items.length === 0 ? null : items.length === 1 ? items[0] : msg('modelText.join.list', { first: items[0], rest: listed(items.slice(1)) ?? '' });

/** Names joined as a sentence says them ("alice, bob and carol"); none: an empty string. */
export const namesJoined = (names: readonly (Message | string)[]): Message | string =>
  names.length <= 1 ? (names[0] ?? '') : names.length === 2 ? msg('modelText.join.and', { first: names[0], last: names[1] }) : msg('modelText.join.list', { first: names[0], rest: namesJoined(names.slice(1)) });

/** Items set apart by semicolons ("a: x → y; b: z → w"), as one message. */
export const semicolons = (items: readonly [Message, ...Message[]] | readonly Message[]): Message =>
  items.length === 1 ? items[0] : msg('modelText.join.semicolons', { first: items[0] ?? '', rest: items.length > 1 ? semicolons(items.slice(1)) : '' });
