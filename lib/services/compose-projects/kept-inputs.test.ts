import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { inheritProjectInputs, projectInputUses } from './kept-inputs.ts';

const project = { name: 'shop', profiles: [] };
const WITH_ENV = 'services:\n  db:\n    image: a\n    environment:\n      DB_PASS: ${DB_PASS}\n';
const base = (composeText = WITH_ENV) => ({ number: 2, composeText, variables: { DB_PASS: 'hunter2', MODE: 'x' }, files: {} });
const edit = (composeText: string, variables: Record<string, string> = {}, files: Record<string, string> = {}) => ({ composeText, variables, files });

describe('41. a compose project edit keeps a variable only where the revision it starts from used it', () => {
  it('keeps what is not given again, and a value given again wins', () => {
    const { merged, problems } = inheritProjectInputs(project, base(), edit(WITH_ENV.replace('image: a', 'image: b'), { MODE: 'y' }));
    expect(problems).toEqual([]);
    expect(merged.variables).toEqual({ DB_PASS: 'hunter2', MODE: 'y' });
  });

  it('refuses a kept value printed into a label, a command, or another service, with the line it is on', () => {
    const spots = [
      `${WITH_ENV}    labels: ["copy=\${DB_PASS}"]\n`,
      `${WITH_ENV}    command: ["echo", "$DB_PASS"]\n`,
      `${WITH_ENV}  other:\n    image: a\n    environment: [DB_PASS]\n`,
    ];
    for (const text of spots) {
      const { problems } = inheritProjectInputs(project, base(), edit(text));
      expect(problems, text).toHaveLength(1);
      expect(problems[0]).toMatchObject({ severity: 'error' });
      expect(problems[0].line, text).toBeGreaterThan(5);
      expect(renderMessage(problems[0].said, 'en')).toContain('Variable DB_PASS is kept from revision 2');
    }
  });

  it('lets the same use be written another way: a bare name, a list, an env file', () => {
    expect(inheritProjectInputs(project, base(), edit('services:\n  db:\n    image: a\n    environment: [DB_PASS]\n')).problems).toEqual([]);
    expect(inheritProjectInputs(project, base(), edit('services:\n  db:\n    image: a\n    environment:\n      - DB_PASS=${DB_PASS}\n')).problems).toEqual([]);
    expect(inheritProjectInputs(project, base(), edit('services:\n  db:\n    image: a\n    env_file: app.env\n', {}, { 'app.env': 'DB_PASS=${DB_PASS}\n' })).problems).toEqual([]);
  });

  it('anything goes with the value given again', () => {
    expect(inheritProjectInputs(project, base(), edit(`${WITH_ENV}    labels: ["copy=\${DB_PASS}"]\n`, { DB_PASS: 'new' })).problems).toEqual([]);
  });

  it('traces every use the reader makes: interpolation, bare names, env files', () => {
    const uses = projectInputUses('shop', [], 'services:\n  db:\n    image: ${IMAGE}\n    environment: [TOKEN]\n    env_file: app.env\n', { variables: { IMAGE: 'a', TOKEN: 't' }, files: { 'app.env': 'X=1\n' } });
    expect([...uses.variables.keys()].sort()).toEqual(['IMAGE', 'TOKEN']);
    expect([...uses.files.keys()]).toEqual(['app.env']);
  });
});
