// Short volume syntax ("data:/var/lib/data:ro", "/host:/ctr", "/anon") read as the CLI's
// loader.ParseVolume reads it, quirks included (a one-letter source is taken for a Windows drive). Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';

export type ShortVolume = {
  type: 'volume' | 'bind';
  source?: string;
  target: string;
  readOnly?: boolean;
  nocopy?: boolean;
  propagation?: string;
};

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);

const isLetter = (c: string) => /^\p{L}$/u.test(c);
const isWindowsDrive = (buffer: string, char: string) => char === ':' && [...buffer].length === 1 && isLetter(buffer);

/** Sources starting with ".", "/" or "~" (or a drive letter, or \\) are host paths; anything else names a volume. */
function isFilePath(source: string): boolean {
  if ('./~'.includes(source[0])) return true;
  const chars = [...source];
  if (chars.length === 1) return false;
  if (source.startsWith('\\\\')) return true;
  return isWindowsDrive(chars[0], chars[1]);
}

export function parseShortVolume(spec: string): { volume: ShortVolume } | { error: Message } {
  if (spec.length === 0) return { error: msg('composeChecks.mounts.emptySpec') };
  if (spec.length <= 2) return { volume: { type: 'volume', target: spec } };

  let source = '';
  let target = '';
  let readOnly: boolean | undefined;
  let nocopy: boolean | undefined;
  let propagation: string | undefined;
  let buffer = '';
  const END = '\u0000';
  for (const char of [...spec, END]) {
    if (isWindowsDrive(buffer, char)) {
      buffer += char;
      continue;
    }
    if (char !== ':' && char !== END) {
      buffer += char;
      continue;
    }
    if (buffer.length === 0) return { error: msg('composeChecks.mounts.emptySection', { spec }) };
    if (source === '' && char === END) target = buffer;
    else if (source === '') source = buffer;
    else if (target === '') target = buffer;
    else if (char === ':') return { error: msg('composeChecks.mounts.tooManyColons', { spec }) };
    else {
      for (const option of buffer.split(',')) {
        if (option === 'ro') readOnly = true;
        else if (option === 'rw') readOnly = false;
        else if (option === 'nocopy') nocopy = true;
        else if (PROPAGATIONS.has(option)) propagation = option;
        // Anything else (z, Z, cached, …) is ignored, as the CLI does.
      }
    }
    buffer = '';
  }
  const volume: ShortVolume = { type: source === '' || !isFilePath(source) ? 'volume' : 'bind', target };
  if (source !== '') volume.source = source;
  if (readOnly) volume.readOnly = true;
  if (nocopy) volume.nocopy = true;
  if (propagation) volume.propagation = propagation;
  return { volume };
}
