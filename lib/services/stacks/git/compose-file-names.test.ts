import { describe, expect, it } from 'vitest';
import { composeFileNames } from './compose-file-names.ts';

describe('composeFileNames', () => {
  it('lists env files (string, list, { path }), config and secret files once each', () => {
    const text = `
services:
  a: { image: x, env_file: a.env }
  b: { image: x, env_file: [a.env, "conf/b.env", { path: c.env, required: false }] }
configs:
  site: { file: ./conf/site.conf }
  outer: { external: true }
secrets:
  key: { file: secrets/key.txt }
`;
    expect(composeFileNames(text)).toEqual(['a.env', 'conf/b.env', 'c.env', './conf/site.conf', 'secrets/key.txt']);
  });

  it('names nothing for a file that is not a mapping or not YAML', () => {
    expect(composeFileNames('- a\n- b\n')).toEqual([]);
    expect(composeFileNames('services: [unclosed')).toEqual([]);
    expect(composeFileNames('services:\n  a: { image: x }\n')).toEqual([]);
  });

  it('keeps a climbing path as written (the translator refuses it; it is never read from the repository)', () => {
    expect(composeFileNames('services:\n  a: { image: x, env_file: ../../etc/passwd }\n')).toEqual(['../../etc/passwd']);
  });
});
