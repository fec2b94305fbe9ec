import { describe, expect, it } from 'vitest';
import { createJsonLineSplitter } from './json-lines.ts';

describe('createJsonLineSplitter', () => {
  it('joins documents cut across chunks and skips what is not JSON', () => {
    const docs: unknown[] = [];
    const split = createJsonLineSplitter((d) => docs.push(d));
    split.push('{"a":1}\n{"b"');
    split.push(':2}\nnot json\n\n{"c":');
    split.push(Buffer.from('3}'));
    expect(docs).toEqual([{ a: 1 }, { b: 2 }]);
    split.end();
    expect(docs).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });
  it('keeps a character cut between chunks whole', () => {
    const docs: unknown[] = [];
    const split = createJsonLineSplitter((d) => docs.push(d));
    const bytes = Buffer.from('{"name":"café ☕"}\n');
    const cut = bytes.indexOf(0xe2) + 1;
    split.push(bytes.subarray(0, cut));
    split.push(bytes.subarray(cut));
    expect(docs).toEqual([{ name: 'café ☕' }]);
  });
  it('drops an endless line instead of holding it', () => {
    const docs: unknown[] = [];
    const split = createJsonLineSplitter((d) => docs.push(d), 10);
    split.push('{"aaaaaaaaaaaaaaaaaaaa');
    split.push('"}\n{"ok":1}\n');
    expect(docs).toEqual([{ ok: 1 }]);
  });
});
