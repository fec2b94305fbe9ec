// A compose project's variables and files (env files), sealed into each revision row: they may hold
// passwords. Opened again only on the server, to bring the project up.
import 'server-only';
import { open, seal, type Keyring } from '@/lib/crypto/secret-box.ts';

export type ProjectInputs = { variables: Record<string, string>; files: Record<string, string> };

export const projectInputsContext = (revisionId: string) => `compose-project-revision:${revisionId}`;

export const sealProjectInputs = (keyring: Keyring, revisionId: string, inputs: ProjectInputs): string => seal(keyring, JSON.stringify(inputs), projectInputsContext(revisionId));

export function openProjectInputs(keyring: Keyring, revisionId: string, sealed: string): ProjectInputs {
  const value = JSON.parse(open(keyring, sealed, projectInputsContext(revisionId))) as Partial<ProjectInputs>;
  return { variables: value.variables ?? {}, files: value.files ?? {} };
}
