// What a deploy needs besides the compose file — the stack's variables and files — sealed into the
// revision row (they may hold passwords and secret files) and opened again for a rollback.
import 'server-only';
import { open, seal, type Keyring } from '@/lib/crypto/secret-box.ts';

export type StackInputs = { variables: Record<string, string>; files: Record<string, string> };

export const stackInputsContext = (revisionId: string) => `stack-revision:${revisionId}`;
const contextOf = stackInputsContext;

export const sealInputs = (keyring: Keyring, revisionId: string, inputs: StackInputs): string => seal(keyring, JSON.stringify(inputs), contextOf(revisionId));

export function openInputs(keyring: Keyring, revisionId: string, sealed: string): StackInputs {
  const value = JSON.parse(open(keyring, sealed, contextOf(revisionId))) as Partial<StackInputs>;
  return { variables: value.variables ?? {}, files: value.files ?? {} };
}
