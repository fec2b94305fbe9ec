// Says a Message (lib/i18n/message.ts) in the page's language: for the messages pure helpers and
// services hand to the browser (a swarm role, a step's log line, a run's error). Values that are
// messages themselves are said first, in the same language.
import { useLocale, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { isMessage, messageOfIssue, type Message } from '@/lib/i18n/message.ts';

type Say = (message: Message) => string;

type Translate = (key: string, values: Record<string, string | number | Date>) => string;

function sayWith(t: Translate, message: Message): string {
  const values: Record<string, string | number | Date> = {};
  for (const [name, value] of Object.entries(message.values ?? {})) values[name] = isMessage(value) ? sayWith(t, value) : value;
  return t(message.key, values);
}

export function useSay(): Say {
  const t = useTranslations();
  return useCallback((message: Message) => sayWith(t as unknown as Translate, message), [t]);
}

/** Text that may carry a message (issueText, as stored for a run's errors): said, or shown as it is. */
export function useSayText(): (text: string) => string {
  const say = useSay();
  return useCallback((text: string) => {
    const carried = messageOfIssue(text);
    return carried ? say(carried) : text;
  }, [say]);
}

/** "alice, bob and carol" in the page's language (British English keeps the list without a serial comma). */
export function useListNames(): (names: readonly string[]) => string {
  const locale = useLocale();
  return useCallback((names: readonly string[]) => new Intl.ListFormat(locale === 'en' ? 'en-GB' : locale, { type: 'conjunction' }).format(names), [locale]);
}

/** A log line from a lifecycle action: Wharf's words (a message) said, output as printed. */
export function useSayLine(): (line: string | Message) => string {
  const say = useSay();
  return useCallback((line: string | Message) => (typeof line === 'string' ? line : say(line)), [say]);
}
