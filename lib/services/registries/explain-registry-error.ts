// Registry failures as one sentence on the form field they concern (the address, the user name or
// the password/token, the CA), as AppErrors the doors carry to the browser.
import 'server-only';
import { AppError, isAppError } from '@/lib/errors.ts';
import { issueText, msg, storedSaying } from '@/lib/i18n/message.ts';
import { isTlsTransport, transportSaid } from '@/lib/services/directory/explain-directory-error.ts';
import { RefusedAddressError, REGISTRY_TIMEOUT_MS } from './registry-http.ts';
import { RegistryError } from './registry-client.ts';

const FIELD: Record<RegistryError['failure'], string | null> = {
  address: 'address',
  'not-registry': 'address',
  credentials: 'secret',
  token: 'secret',
  denied: null,
  'not-found': null,
  'deletes-off': null,
  invalid: 'address',
};

const refused = (error: RefusedAddressError) =>
  new AppError('FORBIDDEN', error.said, { fieldErrors: { address: [issueText(error.said.key, error.said.values)] } });

/** The AppError to show for a failure talking to the registry at `where`. */
export function explainRegistryError(error: unknown, where: string): AppError {
  if (isAppError(error)) return error;
  if (error instanceof RegistryError) {
    const cause = error.cause;
    if (cause instanceof RefusedAddressError) return refused(cause);
    if (error.failure === 'address') {
      const transport = transportSaid(cause, (cause as { where?: string } | undefined)?.where ?? where, REGISTRY_TIMEOUT_MS / 1000);
      const said = msg('registryText.unreachable', { reason: transport ?? error.said });
      const field = transport && isTlsTransport(transport) ? 'caCert' : 'address';
      return new AppError('PRECONDITION', said, { fieldErrors: { [field]: [storedSaying(said)] }, cause: error });
    }
    const field = FIELD[error.failure];
    const code = error.failure === 'not-found' ? 'NOT_FOUND' : 'PRECONDITION';
    return new AppError(code, error.said, { ...(field ? { fieldErrors: { [field]: [storedSaying(error.said)] } } : {}), cause: error });
  }
  if (error instanceof RefusedAddressError) return refused(error);
  const reason = (error as Error | undefined)?.message ?? msg('registryText.unknownError');
  return new AppError('PRECONDITION', msg('registryText.couldNotUse', { where, reason }), { cause: error });
}

/** Runs registry work, answering any failure as a sentence. */
export async function withRegistry<T>(where: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw explainRegistryError(error, where);
  }
}
