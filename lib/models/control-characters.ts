// Text that people type and machines read (names, paths, compose files) must not carry control
// characters: they hide in terminals and logs, and an engine may read them differently. Pure.

type Options = { allowLineBreaks?: boolean };

/** Where the first C0 control character or DEL is in `text`, or -1; with `allowLineBreaks`, tab,
 * line feed and carriage return are fine (a file's text). */
export function controlCharacterAt(text: string, options: Options = {}): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code !== 0x7f) continue;
    if (options.allowLineBreaks && (code === 0x09 || code === 0x0a || code === 0x0d)) continue;
    return i;
  }
  return -1;
}

export const hasControlCharacter = (text: string, options: Options = {}): boolean => controlCharacterAt(text, options) >= 0;
