// Short volume syntax, read like the CLI's loader.ParseVolume (checked with docker stack deploy 28.2).
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { parseShortVolume } from '@/lib/services/stacks/compose/volume-spec.ts';

describe('parseShortVolume', () => {
  it.each([
    ['/anon', { type: 'volume', target: '/anon' }],
    ['/a', { type: 'volume', target: '/a' }],
    ['data:/var/lib/data', { type: 'volume', source: 'data', target: '/var/lib/data' }],
    ['data:/var/lib/data:ro', { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: true }],
    ['data:/d:rw', { type: 'volume', source: 'data', target: '/d' }],
    ['data:/d:nocopy', { type: 'volume', source: 'data', target: '/d', nocopy: true }],
    ['data:/d:ro,nocopy', { type: 'volume', source: 'data', target: '/d', readOnly: true, nocopy: true }],
    ['/var/run/docker.sock:/var/run/docker.sock:ro', { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: true }],
    ['/abs:/abs2:rw,z', { type: 'bind', source: '/abs', target: '/abs2' }],
    ['/src:/dst:rshared', { type: 'bind', source: '/src', target: '/dst', propagation: 'rshared' }],
    ['./relative:/rel', { type: 'bind', source: './relative', target: '/rel' }],
    ['~/home:/home', { type: 'bind', source: '~/home', target: '/home' }],
    // The CLI takes a one-letter name before ":" for a Windows drive: "v:/ro" is one (bind) source.
    ['v:/ro:ro,nocopy', { type: 'bind', source: 'v:/ro', target: 'ro,nocopy' }],
    ['C:\\data:/data', { type: 'bind', source: 'C:\\data', target: '/data' }],
    ['a::/b', { type: 'bind', source: 'a:', target: '/b' }],
  ])('%s', (spec, volume) => {
    expect(inEnglish(parseShortVolume(spec))).toEqual({ volume });
  });

  it.each([
    ['', 'invalid empty volume spec'],
    ['ab::/c', 'invalid spec: ab::/c: empty section between colons'],
    ['data:/d:ro:extra', 'invalid spec: data:/d:ro:extra: too many colons'],
  ])('%j is refused', (spec, error) => {
    expect(inEnglish(parseShortVolume(spec))).toEqual({ error });
  });
});
