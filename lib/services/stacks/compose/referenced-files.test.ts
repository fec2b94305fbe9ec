// The files a compose text names, read by the compose reader and listed by
// lib/models/compose-files/referenced-files.ts; and the file set a check reads.
import { describe, expect, it } from 'vitest';
import { envFileEntries, filesToSend, referencedFiles, type FileReference } from '@/lib/models/compose-files/referenced-files.ts';
import { filesForCheck, listReferencedFiles } from './referenced-files.ts';

const list = (text: string, variables: Record<string, string> = {}) => listReferencedFiles(text, variables);

describe('listReferencedFiles', () => {
  it('lists a service env_file written as a string, at its line', () => {
    expect(list('services:\n  web:\n    image: nginx\n    env_file: ./app.env\n')).toEqual([{ path: 'app.env', written: './app.env', line: 4, required: true, uses: [{ kind: 'env_file', service: 'web' }] }]);
  });

  it('lists each item of an env_file list at its own line', () => {
    const text = 'services:\n  web:\n    image: nginx\n    env_file:\n      - common.env\n      - ./conf/web.env\n';
    expect(list(text)).toEqual([
      { path: 'common.env', written: 'common.env', line: 5, required: true, uses: [{ kind: 'env_file', service: 'web' }] },
      { path: 'conf/web.env', written: './conf/web.env', line: 6, required: true, uses: [{ kind: 'env_file', service: 'web' }] },
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
      { path: 'secrets/db password.txt', written: './secrets/db password.txt', line: 7, required: true, uses: [{ kind: 'secret', name: 'db_password' }] },
      { path: 'site.conf', written: 'site.conf', line: 14, required: true, uses: [{ kind: 'config', name: 'site' }] },
    ]);
  });

  it('lists a file named twice (even written differently) once, at its first line, with every use', () => {
    const text = 'services:\n  a:\n    image: x\n    env_file: shared.env\n  b:\n    image: x\n    env_file: [./shared.env, shared.env]\nconfigs:\n  c:\n    file: shared.env\n';
    expect(list(text)).toEqual([
      { path: 'shared.env', written: 'shared.env', line: 4, required: true, uses: [{ kind: 'env_file', service: 'a' }, { kind: 'env_file', service: 'b' }, { kind: 'config', name: 'c' }] },
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

describe('env_file long form', () => {
  const text = 'services:\n  web:\n    image: x\n    env_file:\n      - path: ./optional.env\n        required: false\n      - {path: needed.env}\n      - plain.env\n';

  it('is read for compose projects, which may leave out a file that is not required', () => {
    expect(listReferencedFiles(text, {}, 'project')?.map((f) => [f.path, f.line, f.required])).toEqual([
      ['optional.env', 5, false],
      ['needed.env', 7, true],
      ['plain.env', 8, true],
    ]);
  });

  it('is not read for stacks (docker stack deploy takes paths only; the schema check says so)', () => {
    expect(listReferencedFiles(text, {})?.map((f) => f.path)).toEqual(['plain.env']);
  });

  it('makes a file required when any use requires it', () => {
    const twice = 'services:\n  a:\n    image: x\n    env_file: [{path: s.env, required: false}]\n  b:\n    image: x\n    env_file: s.env\n';
    expect(listReferencedFiles(twice, {}, 'project')?.map((f) => [f.path, f.required, f.uses.length])).toEqual([['s.env', true, 2]]);
  });
});

describe('envFileEntries', () => {
  it('reads each form, and marks what is neither a path nor {path, required}', () => {
    expect(envFileEntries(undefined, true)).toEqual([]);
    expect(envFileEntries(null, true)).toEqual([]);
    expect(envFileEntries('a.env', false)).toEqual([{ written: 'a.env', required: true, at: [] }]);
    expect(envFileEntries(['a.env', { path: 'b.env', required: false }, { path: 'c.env' }, 3, { required: true }, { path: 'd.env', required: 'no' }], true)).toEqual([
      { written: 'a.env', required: true, at: [0] },
      { written: 'b.env', required: false, at: [1, 'path'] },
      { written: 'c.env', required: true, at: [2, 'path'] },
      { invalid: true, at: [3] },
      { invalid: true, at: [4] },
      { invalid: true, at: [5] },
    ]);
    expect(envFileEntries([{ path: 'b.env' }], false)).toEqual([{ invalid: true, at: [0] }]);
    expect(envFileEntries(5, true)).toEqual([{ invalid: true, at: [] }]);
    expect(envFileEntries({ path: 'x' }, true)).toEqual([{ invalid: true, at: [] }]);
  });
});

describe('filesToSend', () => {
  const reference = (path: string | null, written = path ?? '/abs'): FileReference => ({ path, written, line: 1, required: true, uses: [] });

  it('sends the given content of each file the text still names, and nothing else', () => {
    const references = [reference('app.env', './app.env'), reference('secrets/db.txt'), reference('empty.env'), reference(null, '/etc/passwd')];
    const contents = { 'app.env': 'A=1', 'secrets/db.txt': 's3cret', 'empty.env': '', 'gone.env': 'B=2', '/etc/passwd': 'root' };
    expect(filesToSend(references, contents)).toEqual({ 'app.env': 'A=1', 'secrets/db.txt': 's3cret' });
    expect(filesToSend([], contents)).toEqual({});
  });
});

describe('referencedFiles', () => {
  it('reads any plain document, without lines when none are known', () => {
    expect(referencedFiles({ services: { web: { env_file: 'a.env' } } })).toEqual([{ path: 'a.env', written: 'a.env', line: null, required: true, uses: [{ kind: 'env_file', service: 'web' }] }]);
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
