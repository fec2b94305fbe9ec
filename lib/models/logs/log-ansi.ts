// ANSI in log lines: colours and styles (SGR) become styled segments, every other escape sequence
// (OSC titles and hyperlinks, cursor movement, device controls, C0 controls) is dropped. Segments
// are plain text for React to render as text, so nothing in a log line can become markup.
import Anser from 'anser';

// eslint-disable-next-line no-control-regex
const NON_SGR = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[A-La-ln-z]|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[()][A-Za-z0-9]|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/g;

export type AnsiSegment = { text: string; fg?: string; bg?: string; bold?: boolean; italic?: boolean; underline?: boolean; dim?: boolean };

export const stripNonSgr = (text: string): string => text.replace(NON_SGR, '');

export function ansiSegments(text: string): AnsiSegment[] {
  const cleaned = stripNonSgr(text);
  if (!cleaned.includes('\x1b[')) return cleaned ? [{ text: cleaned }] : [];
  return Anser.ansiToJson(cleaned, { remove_empty: true, use_classes: false })
    .filter((part) => part.content)
    .map((part) => ({
      // Leftover escape characters (malformed sequences) are dropped too.
      // eslint-disable-next-line no-control-regex
      text: part.content.replace(/\x1b/g, ''),
      ...(part.fg ? { fg: `rgb(${part.fg})` } : {}),
      ...(part.bg ? { bg: `rgb(${part.bg})` } : {}),
      ...(part.decorations.includes('bold') ? { bold: true } : {}),
      ...(part.decorations.includes('italic') ? { italic: true } : {}),
      ...(part.decorations.includes('underline') ? { underline: true } : {}),
      ...(part.decorations.includes('dim') ? { dim: true } : {}),
    }));
}
