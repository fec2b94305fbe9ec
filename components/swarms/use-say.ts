'use client';
// Says a message built outside React (the quorum guard's reasons and warnings, which the server
// sends back too) in the page's language; a value that is a message itself is said first.
import { useTranslations } from 'next-intl';
import { isMessage, type Message } from '@/lib/i18n/message.ts';

type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

export function useSay(): (message: Message) => string {
  const t = useTranslations() as unknown as Translate;
  const say = (message: Message): string => {
    const values = Object.fromEntries(Object.entries(message.values ?? {}).map(([name, value]) => [name, isMessage(value) ? say(value) : value]));
    return t(message.key, values);
  };
  return say;
}
