// Splits a stream of newline-delimited JSON documents (the engine's stats and events streams): a
// document cut across chunks is joined (a character cut across chunks too), a line that is not
// JSON is skipped, and at most `maxLine` characters of an unfinished line are held.
import 'server-only';
import { StringDecoder } from 'node:string_decoder';

export function createJsonLineSplitter<T>(onDocument: (doc: T) => void, maxLine = 1024 * 1024) {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const emit = (line: string) => {
    const text = line.trim();
    if (!text) return;
    try {
      onDocument(JSON.parse(text) as T);
    } catch {
      // not a document: skipped
    }
  };
  return {
    push(chunk: Buffer | string): void {
      pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let at: number;
      while ((at = pending.indexOf('\n')) >= 0) {
        emit(pending.slice(0, at));
        pending = pending.slice(at + 1);
      }
      if (pending.length > maxLine) pending = '';
    },
    end(): void {
      emit(pending + decoder.end());
      pending = '';
    },
  };
}
