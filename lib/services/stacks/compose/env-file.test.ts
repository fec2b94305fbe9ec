// env_file contents, read like the CLI's opts.ParseEnvFile (the kitchen-sink fixture checks the same against the CLI).
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { parseEnvFile } from '@/lib/services/stacks/compose/env-file.ts';

const variables: Record<string, string> = { FROM_VARS: 'v', EMPTY_VAR: '' };
const lookup = (name: string) => (Object.hasOwn(variables, name) ? variables[name] : undefined);

describe('parseEnvFile', () => {
  it('takes KEY=value as written, skips comments and blank lines, trims only the start of a line', () => {
    const content = '\uFEFF# comment\n\nA=1\n  SPACED=  x y  \nEMPTY=\nQUOTED="q"\nURL=http://h/?a=b\r\n\t# indented comment\n';
    expect(inEnglish(parseEnvFile(content, lookup))).toEqual({
      entries: [
        ['A', '1'],
        ['SPACED', '  x y  '],
        ['EMPTY', ''],
        ['QUOTED', '"q"'],
        ['URL', 'http://h/?a=b'],
      ],
    });
  });

  it('takes a bare name from the stack variables, and leaves it out when there is none', () => {
    expect(inEnglish(parseEnvFile('FROM_VARS\nEMPTY_VAR\nMISSING\n', lookup))).toEqual({ entries: [['FROM_VARS', 'v'], ['EMPTY_VAR', '']] });
  });

  it('keeps the last line without a newline', () => {
    expect(inEnglish(parseEnvFile('A=1\nB=2', lookup))).toEqual({ entries: [['A', '1'], ['B', '2']] });
  });

  it('refuses names with white space, and lines without a name, like the CLI', () => {
    expect(inEnglish(parseEnvFile('A B=1\n', lookup))).toEqual({ error: "poorly formatted environment: variable 'A B' has white spaces (line 1)" });
    expect(inEnglish(parseEnvFile('export A=1\n', lookup))).toEqual({ error: "poorly formatted environment: variable 'export A' has white spaces (line 1)" });
    expect(inEnglish(parseEnvFile('ok=1\n=x\n', lookup))).toEqual({ error: "poorly formatted environment: no variable name on line '=x' (line 2)" });
  });
});
