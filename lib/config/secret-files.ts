// Docker secrets (and any other file-held value): for each variable below, `<NAME>_FILE` names a
// file whose content is the value (a trailing line break dropped), as the official images of
// Postgres and others do. Setting both is refused: which one wins would be a guess.
import 'server-only';
import { readFileSync } from 'node:fs';
import { StartError } from './start-error.ts';

/** The variables that may come from a file: the secrets among Wharf's settings. */
export const FILE_VARIABLES = ['WHARF_SECRET_KEY', 'NEXTAUTH_SECRET', 'DATABASE_URL', 'WHARF_METRICS_TOKEN', 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY'] as const;

type ReadText = (file: string) => string;
type Env = Record<string, string | undefined>;

const readText: ReadText = (file) => readFileSync(file, 'utf8');

/** The environment with every `<NAME>_FILE` of FILE_VARIABLES replaced by `<NAME>` read from that file. */
export function resolveSecretFiles(env: Env, read: ReadText = readText): Env {
  const resolved: Env = { ...env };
  for (const name of FILE_VARIABLES) {
    const file = env[`${name}_FILE`];
    delete resolved[`${name}_FILE`];
    if (file === undefined || file === '') continue;
    if (env[name] !== undefined && env[name] !== '') {
      throw new StartError(`Both ${name} and ${name}_FILE are set; keep one of them and start again.`);
    }
    let text: string;
    try {
      text = read(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new StartError(`${name}_FILE names ${file}, which Wharf cannot read (${code}); give a file this user can read (a Docker secret is at /run/secrets/<name>) and start again.`);
    }
    const value = text.replace(/\r?\n$/, '');
    if (value === '') throw new StartError(`${name}_FILE names ${file}, which is empty; put the value in it and start again.`);
    resolved[name] = value;
  }
  return resolved;
}
