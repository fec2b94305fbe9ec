import { describe, expect, it } from 'vitest';
import { createFrameDemuxer, createLineSplitter, encodeLineFrame, engineParamBefore, parseLogLine, tsToEngineParam, tsToNanos } from './log-frames.ts';

const frame = (type: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

/** Frames as the demuxer delivers them, pieces of one frame joined (a frame ends where the next
 * header starts, which the test knows from `frames`). */
function demuxAll(chunks: Buffer[]) {
  const pieces: [string, string][] = [];
  const demux = createFrameDemuxer((stream, payload) => pieces.push([stream, payload.toString()]));
  for (const chunk of chunks) demux.push(chunk);
  return { pieces, buffered: demux.buffered };
}

const joined = (pieces: [string, string][]) => {
  const byStream: Record<string, string> = { stdout: '', stderr: '' };
  for (const [stream, text] of pieces) byStream[stream] += text;
  return byStream;
};

describe('createFrameDemuxer', () => {
  it('splits whole frames by stream', () => {
    const { pieces, buffered } = demuxAll([Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(0, 'in')])]);
    expect(pieces).toEqual([['stdout', 'out\n'], ['stderr', 'err\n'], ['stdout', 'in']]);
    expect(buffered).toBe(0);
  });

  it('gives the same bytes per stream, in order, wherever the input is cut (byte by byte included)', () => {
    const all = Buffer.concat([frame(1, 'hello world\n'), frame(2, 'oops\n'), frame(1, ''), frame(1, 'again\n'), frame(2, 'é€\n')]);
    const expected = { stdout: 'hello world\nagain\n', stderr: 'oops\né€\n' };
    // Pieces may cut multibyte characters: join bytes, then decode.
    const run = (chunks: Buffer[]) => {
      const parts = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
      const demux = createFrameDemuxer((stream, payload) => parts[stream].push(Buffer.from(payload)));
      for (const chunk of chunks) demux.push(chunk);
      expect(demux.buffered).toBe(0);
      return { stdout: Buffer.concat(parts.stdout).toString(), stderr: Buffer.concat(parts.stderr).toString() };
    };
    for (let cut = 1; cut < all.length; cut++) expect(run([all.subarray(0, cut), all.subarray(cut)])).toEqual(expected);
    expect(run([...all].map((b) => Buffer.from([b])))).toEqual(expected);
  });

  it('holds only a partial header, never a payload', () => {
    const f = frame(1, 'abcdef');
    expect(demuxAll([f.subarray(0, 5)])).toEqual({ pieces: [], buffered: 5 });
    expect(demuxAll([f.subarray(0, 10)])).toEqual({ pieces: [['stdout', 'ab']], buffered: 0 });
  });

  it('streams a huge claimed payload without holding it', () => {
    const header = Buffer.alloc(8);
    header[0] = 2;
    header.writeUInt32BE(0xffffffff, 4);
    const { pieces, buffered } = demuxAll([header, Buffer.alloc(100_000, 120), Buffer.alloc(100_000, 121)]);
    expect(pieces.map(([s, t]) => [s, t.length])).toEqual([['stderr', 100_000], ['stderr', 100_000]]);
    expect(buffered).toBe(0);
  });

  it('handles a large payload across many chunks', () => {
    const big = 'x'.repeat(200_000);
    const f = frame(2, big);
    const chunks = [];
    for (let i = 0; i < f.length; i += 7777) chunks.push(f.subarray(i, i + 7777));
    expect(joined(demuxAll(chunks).pieces).stderr.length).toBe(200_000);
  });
});

describe('createLineSplitter', () => {
  const split = (chunks: string[], max?: number) => {
    const lines: string[] = [];
    const splitter = createLineSplitter((l) => lines.push(l), max);
    for (const c of chunks) splitter.push(Buffer.from(c));
    splitter.end();
    return lines;
  };
  it('splits on newlines across chunks and strips CR', () => {
    expect(split(['a\nb', 'c\r\n', '\nd'])).toEqual(['a', 'bc', '', 'd']);
  });
  it('keeps multibyte characters cut between chunks', () => {
    const bytes = Buffer.from('é€\n');
    const lines: string[] = [];
    const splitter = createLineSplitter((l) => lines.push(l));
    for (const b of bytes) splitter.push(Buffer.from([b]));
    expect(lines).toEqual(['é€']);
  });
  it('cuts lines longer than the maximum', () => {
    expect(split(['abcdefghij\n'], 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(split(['ab', 'cd', 'ef'], 4)).toEqual(['abcd', 'ef']);
  });
});

describe('parseLogLine', () => {
  it('reads the timestamp', () => {
    expect(parseLogLine('2026-11-22T20:15:01.123456789Z hello world', 'stdout')).toEqual({ ts: '2026-11-22T20:15:01.123456789Z', stream: 'stdout', text: 'hello world' });
    expect(parseLogLine('2026-11-22T20:15:01.123456789Z ', 'stderr')).toEqual({ ts: '2026-11-22T20:15:01.123456789Z', stream: 'stderr', text: '' });
  });
  it('leaves a line without a timestamp as text', () => {
    expect(parseLogLine('no time here', 'stdout')).toEqual({ ts: '', stream: 'stdout', text: 'no time here' });
  });
  it('reads the task and node of a service line', () => {
    const raw = '2026-11-22T20:15:01.000000001Z com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t%2C1 a=b c';
    expect(parseLogLine(raw, 'stdout', true)).toEqual({ ts: '2026-11-22T20:15:01.000000001Z', stream: 'stdout', text: 'a=b c', task: 't,1', node: 'n1' });
  });
  it('does not take text for details when there are none', () => {
    expect(parseLogLine('2026-11-22T20:15:01Z plain text', 'stdout', true).text).toBe('plain text');
  });
});

describe('timestamps', () => {
  it('converts to exact nanoseconds and engine parameters', () => {
    expect(tsToNanos('1970-01-01T00:00:01.5Z')).toBe(1_500_000_000n);
    expect(tsToNanos('2026-11-22T20:15:01.000000001Z') - tsToNanos('2026-11-22T20:15:01Z')).toBe(1n);
    expect(tsToNanos('2026-11-22T21:15:01+01:00')).toBe(tsToNanos('2026-11-22T20:15:01Z'));
    expect(tsToEngineParam('1970-01-01T00:00:12.000000034Z')).toBe('12.000000034');
    expect(engineParamBefore('1970-01-01T00:00:12Z', 2_500_000_000n)).toBe('9.500000000');
    expect(engineParamBefore('1970-01-01T00:00:01Z', 5_000_000_000n)).toBe('0.000000000');
    expect(() => tsToNanos('yesterday')).toThrow();
  });
});

describe('a merged stream line (a Compose project container\'s)', () => {
  it('reads back as it was written, with its stream and its container, whatever the chunking', () => {
    const frames = Buffer.concat([
      encodeLineFrame({ ts: '2026-12-07T10:00:00.123456789Z', stream: 'stdout', text: 'ready on :80 (a=b c)' }, 'shop-web-1'),
      encodeLineFrame({ ts: '2026-12-07T10:00:01Z', stream: 'stderr', text: '' }, 'shop-db-1'),
    ]);
    const lines: ReturnType<typeof parseLogLine>[] = [];
    const splitters = { stdout: createLineSplitter((raw) => lines.push(parseLogLine(raw, 'stdout', true))), stderr: createLineSplitter((raw) => lines.push(parseLogLine(raw, 'stderr', true))) };
    const demux = createFrameDemuxer((kind, payload) => splitters[kind].push(payload));
    for (let i = 0; i < frames.length; i += 5) demux.push(frames.subarray(i, i + 5));
    expect(lines).toEqual([
      { ts: '2026-12-07T10:00:00.123456789Z', stream: 'stdout', text: 'ready on :80 (a=b c)', container: 'shop-web-1' },
      { ts: '2026-12-07T10:00:01Z', stream: 'stderr', text: '', container: 'shop-db-1' },
    ]);
  });
});
