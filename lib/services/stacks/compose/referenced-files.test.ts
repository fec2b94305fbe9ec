// The files a compose text names, read by the compose reader and listed by
// lib/models/compose-files/referenced-files.ts; and the file set a check reads.
import { describe, expect, it } from 'vitest';
import { referencedFiles } from '@/lib/models/compose-files/referenced-files.ts';
import { filesForCheck, listReferencedFiles } from './referenced-files.ts';

const list = (text: string, variables: Record<string, string> = {}) => listReferencedFiles(text, variables);

describe('listReferencedFiles', () => {
  it('lists a service env_file written as a string, at its line', () => {
    expect(list('services:\n  web:\n    image: nginx\n    env_file: ./app.env\n')).toEqual([{ path: 'app.env', written: './app.env', line: 4, uses: [{ kind: 'env_file', service: 'web' }] }]);
  });

  it('lists each item of an env_file list at its own line', () => {
    const text = 'services:\n  web:\n    image: nginx\n    env_file:\n      - common.env\n      - ./conf/web.env\n';
    expect(list(text)).toEqual([
      { path: 'common.env', written: 'common.env', line: 5, uses: [{ kind: 'env_file', service: 'web' }] },
      { path: 'conf/web.env', written: './conf/web.env', line: 6, uses: [{ kind: 'env_file', service: 'web' }] },
    ]);
  });

  it('lists top-level secrets and configs with a file, not those from a variable, inline content or elsewhere', () => {
    const text = [
      'services:',
      '  web:',
      '    image: nginx',
      '    secrets: [db_password, api_key]',
      'secrets:',
      '  db_password:',
      '    file: ./secrets/db password.txt',
      '  api_key:',
      '    environment: API_KEY',
      '  old:',
      '    external: true',
      'configs:',
      '  site:',
      '    file: site.conf',
      '  inline:',
      '    content: hello',
      '',
    ].join('\n');
    expect(list(text)).toEqual([
      { path: 'secrets/db password.txt', written: './secrets/db password.txt', line: 7, uses: [{ kind: 'secret', name: 'db_password' }] },
      { path: 'site.conf', written: 'site.conf', line: 14, uses: [{ kind: 'config', name: 'site' }] },
    ]);
  });

  it('lists a file named twice (even written differently) once, at its first line, with every use', () => {
    const text = 'services:\n  a:\n    image: x\n    env_file: shared.env\n  b:\n    image: x\n    env_file: [./shared.env, shared.env]\nconfigs:\n  c:\n    file: shared.env\n';
    expect(list(text)).toEqual([
      { path: 'shared.env', written: 'shared.env', line: 4, uses: [{ kind: 'env_file', service: 'a' }, { kind: 'env_file', service: 'b' }, { kind: 'config', name: 'c' }] },
    ]);
  });

  it('keeps paths with spaces and quotes as written', () => {
    const text = 'services:\n  web:\n    image: x\n    env_file: "my app.env"\n';
    expect(list(text)?.map((f) => [f.path, f.written])).toEqual([['my app.env', 'my app.env']]);
  });

  it('lists a path that can never be kept with path null, so the editor says why instead of offering it', () => {
    const text = 'services:\n  web:\n    image: x\n    env_file: [/etc/app.env, ../up.env, ok.env]\n';
    expect(list(text)?.map((f) => [f.path, f.written])).toEqual([[null, '/etc/app.env'], [null, '../up.env'], ['ok.env', 'ok.env']]);
  });

  it('reads paths after interpolation, as a deploy will', () => {
    const text = 'services:\n  web:\n    image: x\n    env_file: ${ENV_FILE:-default.env}\n';
    expect(list(text)?.map((f) => f.path)).toEqual(['default.env']);
    expect(list(text, { ENV_FILE: 'prod.env' })?.map((f) => f.path)).toEqual(['prod.env']);
  });

  it('follows anchors and merge keys as the reader does, at the line the merged value is written', () => {
    const text = 'x-common: &common\n  image: x\n  env_file: base.env\nservices:\n  a:\n    <<: *common\n  b:\n    <<: *common\n    env_file: b.env\n';
    expect(list(text)?.map((f) => [f.path, f.line, f.uses])).toEqual([
      ['base.env', 3, [{ kind: 'env_file', service: 'a' }]],
      ['b.env', 9, [{ kind: 'env_file', service: 'b' }]],
    ]);
  });

  it('answers null for YAML it cannot read, and nothing for a file that names none', () => {
    expect(list('services:\n  web:\n    image: x\n   env_file: a.env\n  bad: [\n')).toBeNull();
    expect(list('services: {a: {image: x}, a: {image: y}}\n')).toBeNull();
    expect(list('services:\n  web:\n    image: x\n')).toEqual([]);
    expect(list('')).toBeNull();
  });

  it('passes over what is not where a file belongs', () => {
    const text = 'services:\n  web: just-a-string\n  api:\n    image: x\n    env_file: [1, {path: long.env}, true]\n  db:\n    image: x\n    env_file: 5\nsecrets:\n  s: plain\n  t:\n    file: 7\nconfigs: [a, b]\n';
    expect(list(text)).toEqual([]);
  });
});

describe('referencedFiles', () => {
  it('reads any plain document, without lines when none are known', () => {
    expect(referencedFiles({ services: { web: { env_file: 'a.env' } } })).toEqual([{ path: 'a.env', written: 'a.env', line: null, uses: [{ kind: 'env_file', service: 'web' }] }]);
    for (const document of [null, undefined, 'text', 3, [], { services: [] }, { services: null }, { secrets: 'x' }]) expect(referencedFiles(document)).toEqual([]);
  });
});

describe('filesForCheck', () => {
  it('adds each kept file not given again as an empty file', () => {
    expect(filesForCheck({ 'app.env': 'A=1' }, ['app.env', 'secrets/db.txt'])).toEqual({ 'app.env': 'A=1', 'secrets/db.txt': '' });
  });

  it('counts a given file written differently as the same file, and drops kept names that cannot be paths', () => {
    expect(filesForCheck({ './app.env': 'A=1' }, ['app.env', '/etc/passwd', '../x'])).toEqual({ './app.env': 'A=1' });
  });
});
