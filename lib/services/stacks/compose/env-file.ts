// env_file contents read as the CLI reads them (opts.ParseEnvFile): KEY=value lines taken as
// written, # comments and blank lines skipped, and a bare KEY taken from the stack's variables
// (the CLI takes it from its own environment) or left out when there is none. Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';

export function parseEnvFile(content: string, lookup: (name: string) => string | undefined): { entries: [string, string][] } | { error: Message } {
  const entries: [string, string][] = [];
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  // A file ending in a newline has no empty last line to read.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].replace(/\r$/, '').replace(/^\s+/u, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const variable = (eq < 0 ? line : line.slice(0, eq)).replace(/^[ \t]+/, '');
    if (/[ \t]/.test(variable)) return { error: msg('composeChecks.envFile.spaces', { variable, line: String(index + 1) }) };
    if (variable === '') return { error: msg('composeChecks.envFile.noName', { text: line, line: String(index + 1) }) };
    if (eq >= 0) {
      entries.push([variable, line.slice(eq + 1)]);
      continue;
    }
    const value = lookup(line.trim());
    if (value !== undefined) entries.push([line.trim(), value]);
  }
  return { entries };
}
