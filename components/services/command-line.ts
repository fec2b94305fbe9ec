// A command typed as one line, split into arguments the way a POSIX shell would split words:
// whitespace separates, single quotes keep everything, double quotes keep all but \" \\ \$ \`,
// a backslash outside quotes escapes the next character. No expansion of any kind. Pure.

export type SplitResult = { ok: true; args: string[] } | { ok: false; error: string };

export function splitCommand(line: string): SplitResult {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else current += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) current += line[++i];
      else current += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return { ok: false, error: 'The command ends with a lone backslash.' };
      const next = line[++i];
      // A backslash before a newline joins the lines.
      if (next !== '\n') current += next;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: `A ${quote === "'" ? 'single' : 'double'} quote is not closed.` };
  if (inWord) args.push(current);
  return { ok: true, args };
}
