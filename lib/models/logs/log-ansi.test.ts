import { describe, expect, it } from 'vitest';
import { ansiSegments, stripNonSgr } from './log-ansi.ts';

describe('ansiSegments', () => {
  it('keeps plain text as one segment', () => {
    expect(ansiSegments('hello <b>world</b>')).toEqual([{ text: 'hello <b>world</b>' }]);
    expect(ansiSegments('')).toEqual([]);
  });

  it('turns colours and styles into segments', () => {
    const segments = ansiSegments('\x1b[31merror\x1b[0m: \x1b[1;32mok\x1b[0m');
    expect(segments.map((s) => s.text)).toEqual(['error', ': ', 'ok']);
    expect(segments[0].fg).toMatch(/^rgb\(/);
    expect(segments[1].fg).toBeUndefined();
    expect(segments[2]).toMatchObject({ bold: true, fg: expect.stringMatching(/^rgb\(/) });
  });

  it('drops OSC titles and hyperlinks, cursor moves and controls, keeping the text', () => {
    expect(stripNonSgr('\x1b]0;evil title\x07text')).toBe('text');
    expect(stripNonSgr('\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\')).toBe('link');
    expect(stripNonSgr('a\x1b[2Jb\x1b[10;5Hc\x07d\x08e')).toBe('abcde');
    expect(ansiSegments('\x1b]8;;javascript:alert(1)\x07\x1b[31m<img src=x onerror=alert(1)>\x1b[0m').map((s) => s.text).join('')).toBe('<img src=x onerror=alert(1)>');
  });

  it('leaves no escape character behind from malformed sequences', () => {
    expect(ansiSegments('\x1b[31mred\x1b[').every((s) => !s.text.includes('\x1b'))).toBe(true);
  });
});
