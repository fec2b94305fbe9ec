import { describe, expect, it } from 'vitest';
import { problemText } from '@/lib/services/stacks/compose/compose-path.ts';
import { inputUses, misplacedInputs, placeOf } from './inherited-inputs.ts';

const base = (composeText: string, variables: Record<string, string> = { DB_PASS: 'hunter2' }, files: Record<string, string> = {}) => ({ number: 3, uses: inputUses({ stackName: 's', composeText, variables, files }) });
const next = (composeText: string, variables: Record<string, string> = { DB_PASS: 'hunter2' }, files: Record<string, string> = {}) => ({ composeText, uses: inputUses({ stackName: 's', composeText, variables, files }) });
const keptVariable = { variables: ['DB_PASS'], files: [] };

const WITH_SECRET = 'services:\n  db:\n    image: a\n    secrets: [pass]\nsecrets:\n  pass:\n    environment: DB_PASS\n';
const WITH_ENV = 'services:\n  db:\n    image: a\n    environment:\n      DB_PASS: ${DB_PASS}\n';

describe('41. a kept variable goes only where it went before', () => {
  it('refuses printing a kept variable into a config, with the line it is on', () => {
    const edited = `${WITH_SECRET}configs:\n  leak:\n    content: "\${DB_PASS}"\n`;
    const problems = misplacedInputs(base(WITH_SECRET), next(edited), keptVariable);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', path: 'configs.leak.content', line: 10 });
    expect(problemText(problems[0])).toMatch(/^Variable DB_PASS is kept from revision 3, .* did not use it at configs\.leak\.content: .* Give DB_PASS a value again under Variables/);
  });

  it('refuses a label, a command line or another service, however the value is asked for', () => {
    const spots = [
      `${WITH_ENV}    labels: ["copy=\${DB_PASS}"]\n`,
      `${WITH_ENV}    deploy:\n      labels: { copy: "\${DB_PASS:-x}" }\n`,
      `${WITH_ENV}    command: ["echo", "$DB_PASS"]\n`,
      `${WITH_ENV}  other:\n    image: a\n    environment: [DB_PASS]\n`,
      'services:\n  db:\n    image: a\nconfigs:\n  leak:\n    environment: DB_PASS\n',
    ];
    for (const edited of spots) expect(misplacedInputs(base(WITH_ENV), next(edited), keptVariable), edited).toHaveLength(1);
  });

  it('lets an edit keep a variable where it was: another image, a reordered or restyled environment, env files', () => {
    const envList = 'services:\n  db:\n    image: b\n    environment:\n      - MODE=x\n      - DB_PASS=${DB_PASS}\n';
    expect(misplacedInputs(base(WITH_ENV), next(envList), keptVariable)).toEqual([]);
    expect(misplacedInputs(base(WITH_ENV), next('services:\n  db:\n    image: a\n    environment: [DB_PASS]\n'), keptVariable)).toEqual([]);
    expect(misplacedInputs(base(WITH_SECRET), next(WITH_SECRET.replace('image: a', 'image: b')), keptVariable)).toEqual([]);
    const fromFile = 'services:\n  db:\n    image: a\n    env_file: app.env\n';
    expect(misplacedInputs(base(WITH_ENV), next(fromFile, { DB_PASS: 'hunter2' }, { 'app.env': 'DB_PASS\n' }), keptVariable)).toEqual([]);
  });

  it('anything goes with a value given again (it is not kept), and an unused kept variable is no problem', () => {
    const edited = `${WITH_SECRET}configs:\n  leak:\n    content: "\${DB_PASS}"\n`;
    expect(misplacedInputs(base(WITH_SECRET), next(edited), { variables: [], files: [] })).toEqual([]);
    expect(misplacedInputs(base(WITH_SECRET), next('services:\n  db:\n    image: a\n'), keptVariable)).toEqual([]);
  });

  it('files the same way: a kept secret file cannot become a config', () => {
    const files = { 'cert.pem': 'PRIVATE KEY' };
    const asSecret = 'services:\n  web:\n    image: a\n    secrets: [cert]\nsecrets:\n  cert:\n    file: ./cert.pem\n';
    const asConfig = 'services:\n  web:\n    image: a\n    configs: [cert]\nconfigs:\n  cert:\n    file: ./cert.pem\n';
    const problems = misplacedInputs(base(asSecret, {}, files), next(asConfig, {}, files), { variables: [], files: ['cert.pem'] });
    expect(problems.map((p) => p.path)).toEqual(['configs.cert.file']);
    expect(problemText(problems[0])).toMatch(/^File cert.pem is kept from revision 3.* Add cert.pem again under Files/);
    expect(misplacedInputs(base(asSecret, {}, files), next(asSecret, {}, files), { variables: [], files: ['cert.pem'] })).toEqual([]);
  });

  it('names places coarsely enough for ordinary edits', () => {
    expect(placeOf(['services', 'web', 'environment', 'A'])).toBe('services.web.environment');
    expect(placeOf(['services', 'web', 'env_file', 0])).toBe('services.web.environment');
    expect(placeOf(['services', 'web', 'labels', 2])).toBe('services.web.labels');
    expect(placeOf(['services', 'web', 'deploy', 'labels', 'x'])).toBe('services.web.deploy.labels');
    expect(placeOf(['services', 'web', 'command', 1])).toBe('services.web.command[]');
    expect(placeOf(['configs', 'leak', 'content'])).toBe('configs.leak.content');
  });
});
