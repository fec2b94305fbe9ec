import { describe, expect, it } from 'vitest';
import { parseLabelsText } from './labels-text.ts';

describe('parseLabelsText', () => {
  it('reads key=value lines, trimming, skipping blank lines; a bare key has an empty value', () => {
    expect(parseLabelsText(' env = lab \n\nteam=a=b\nflag\n')).toEqual({ ok: true, labels: { env: 'lab', team: 'a=b', flag: '' } });
    expect(parseLabelsText('')).toEqual({ ok: true, labels: {} });
  });
  it('refuses a line without a key and a key given twice, naming them', () => {
    expect(parseLabelsText('a=1\n=2')).toEqual({ ok: false, problem: 'noKey', line: 2 });
    expect(parseLabelsText('a=1\na=2')).toEqual({ ok: false, problem: 'twice', key: 'a' });
  });
});
