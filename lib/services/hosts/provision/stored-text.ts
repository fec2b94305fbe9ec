// What a run stores for its reader to see later (a step's or a run's error): a message as its key
// and values, said in each reader's language when the run is read (provision-job-view.ts, through
// localizeText); text that is no message (engine output quoted as it is) stays as it is.
import 'server-only';
import { isAppError } from '@/lib/errors.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';

export const storedText = (message: Message): string => issueText(message.key, message.values);

/** What the user is told about an error: its message, or the generic one for the unexpected. */
export function errorMessage(error: unknown): Message | string {
  if (isAppError(error)) return error.said ?? error.message;
  return msg('provisioning.errors.unexpected');
}

export function storedError(error: unknown): string {
  const said = errorMessage(error);
  return typeof said === 'string' ? said : storedText(said);
}
