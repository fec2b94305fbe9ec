// Reading compose YAML: values as the CLI's decoder sees them, and errors with line and column.
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { parseCompose, parseComposeSource } from '@/lib/services/stacks/compose/parse-compose.ts';

describe('parseCompose', () => {
  it('reads a compose file into plain values', () => {
    const { document, problems } = parseCompose('version: "3.8"\nservices:\n  web:\n    image: nginx\n    ports: ["80:80", 443]\n    deploy: {replicas: 2}\n');
    expect(inEnglish(problems)).toEqual([]);
    expect(document).toEqual({ version: '3.8', services: { web: { image: 'nginx', ports: ['80:80', 443], deploy: { replicas: 2 } } } });
  });

  it('makes mappings without a prototype, so a key like __proto__ or constructor is only data', () => {
    const { document } = parseCompose('services:\n  __proto__: {image: x}\n  constructor: {image: y}\n');
    const services = (document as { services: Record<string, unknown> }).services;
    expect(Object.getPrototypeOf(services)).toBeNull();
    expect(Object.keys(services)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).image).toBeUndefined();
  });

  it('keeps quoted scalars as strings and resolves plain ones like the CLI', () => {
    const { document } = parseCompose("a: '010'\nb: 010\nc: \"true\"\nd: true\ne: yes\nf: 1.0\ng: |\n  block 010\nh: !!str 5\n");
    expect(document).toEqual({ a: '010', b: 8, c: 'true', d: true, e: 'yes', f: 1, g: 'block 010\n', h: '5' });
  });

  it('expands anchors and << merges, explicit keys winning, the first merge source winning over later ones', () => {
    const text = ['x-a: &a {image: a, user: a, hostname: a}', 'x-b: &b {image: b, working_dir: b}', 'services:', '  web:', '    <<: [*a, *b]', '    image: mine', '  api:', '    <<: *b', '    labels: &l [x=1]', '    sysctls: *l'].join('\n');
    const { document, problems } = parseCompose(text);
    expect(inEnglish(problems)).toEqual([]);
    expect((document as { services: unknown }).services).toEqual({
      web: { image: 'mine', user: 'a', hostname: 'a', working_dir: 'b' },
      api: { image: 'b', working_dir: 'b', labels: ['x=1'], sysctls: ['x=1'] },
    });
  });

  it('remembers where keys and list items are, also for merged keys', () => {
    const parsed = parseComposeSource('x-d: &d\n  image: base\nservices:\n  web:\n    <<: *d\n    ports:\n      - "80"\n      - target: 81\n');
    expect(parsed.locate(['services', 'web'])).toEqual({ line: 4, column: 3 });
    expect(parsed.locate(['services', 'web', 'ports', 1])).toEqual({ line: 8, column: 9 });
    expect(parsed.locate(['services', 'web', 'ports', 1, 'target'])).toEqual({ line: 8, column: 9 });
    expect(parsed.locate(['services', 'web', 'image'])).toEqual({ line: 2, column: 3 });
    expect(parsed.locate(['services', 'nope'])).toBeUndefined();
  });

  it('remembers which scalars were floats, since Go prints them differently', () => {
    const parsed = parseComposeSource('a: 1000000.0\nb: 1000000\n');
    expect(parsed.isFloat(['a'])).toBe(true);
    expect(parsed.isFloat(['b'])).toBe(false);
  });

  it.each([
    ['services:\n  web:\n    image: a\n    image: b\n', 'Map keys must be unique', 4, 5],
    ['services:\n  web:\n  image: x\n bad: indent\n', 'All mapping items must start at the same column', 4, 1],
    ['services:\n  web: {image: x}\n\tbad: tab\n', 'Tabs are not allowed as indentation', 3, 1],
    ['services:\n  web:\n    image: "x\n', 'Missing closing "quote', 4, 1],
    ['a: 1\n---\nb: 2\n', 'Source contains multiple documents; please use YAML.parseAllDocuments()', 2, 1],
    ['key: "\u0001"\n', 'control characters are not allowed (U+0001)', 1, 7],
    ['services:\n  web:\n    image: x\u0000\n', 'control characters are not allowed (U+0000)', 3, 13],
  ])('reports YAML errors with line and column: %j', (text, message, line, column) => {
    expect(inEnglish(parseCompose(text))).toEqual({ document: null, problems: [{ severity: 'error', message, line, column }] });
  });

  it.each(['', '# only a comment\n', '- a\n- b\n', 'just text\n', '42\n'])('refuses a document that is not a mapping: %j (the CLI: "top-level object must be a mapping")', (text) => {
    expect(inEnglish(parseCompose(text))).toEqual({ document: null, problems: [{ severity: 'error', message: 'top-level object must be a mapping', line: 1, column: 1 }] });
  });

  it('refuses keys that are not strings, as the CLI does', () => {
    expect(inEnglish(parseCompose('services:\n  1: {image: x}\n'))).toEqual({
      document: null,
      problems: [{ severity: 'error', path: 'services.1', line: 2, column: 3, message: 'non-string key 1: quote it if it is meant as a name' }],
    });
    expect(inEnglish(parseCompose('services:\n  "1": {image: x}\n').problems)).toEqual([]);
  });

  it('refuses unknown and self-referencing anchors', () => {
    expect(inEnglish(parseCompose('a: *nope\n').problems[0])).toMatchObject({ severity: 'error', message: 'unknown anchor "nope"' });
    expect(inEnglish(parseCompose('x: &a [*a]\n').problems[0])).toMatchObject({ severity: 'error', message: 'anchor "a" refers to itself' });
    expect(inEnglish(parseCompose('a: [1]\n<<: [1]\n').problems[0])).toMatchObject({ severity: 'error', message: 'a << merge needs a mapping, or a list of mappings' });
  });

  it('stops a document that anchors expand past 100 000 values', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 6; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const { document, problems } = parseCompose(lines.join('\n'));
    expect(document).toBeNull();
    expect(inEnglish(problems)).toEqual([{ severity: 'error', message: 'the document expands to more than 100000 values through its anchors and aliases' }]);
  });

  it('warns about an unquoted date, which the CLI turns into a timestamp string', () => {
    expect(inEnglish(parseCompose('a: 2024-01-02\n'))).toEqual({
      document: { a: '2024-01-02 00:00:00 +0000 UTC' },
      problems: [{ severity: 'warning', path: 'a', line: 1, column: 1, message: '"2024-01-02" is read as a date, like the docker CLI does, and becomes "2024-01-02 00:00:00 +0000 UTC". Quote it to keep it as written.' }],
    });
  });

  it('passes on the YAML library\'s warnings, such as an unknown tag', () => {
    expect(inEnglish(parseCompose('a: !custom x\n').problems)).toEqual([{ severity: 'warning', message: 'Unresolved tag: !custom', line: 1, column: 4 }]);
  });
});
