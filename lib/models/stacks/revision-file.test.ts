import { describe, expect, it } from 'vitest';
import { revisionFileOf } from './revision-file.ts';

describe('revisionFileOf', () => {
  it('names the variables and files, sorted, and never carries their values', () => {
    const row = { number: 3, composeText: 'services: {}\n', outcome: 'up', createdAt: new Date('2026-12-06T20:00:00Z'), createdByName: 'ada', restoredFrom: 1, inputsSealed: 'sealed' };
    const view = revisionFileOf(row, { variables: { TOKEN: 'hunter2', API: 'x' }, files: { 'b.env': 'B=secret', 'a.env': 'A=1' } });
    expect(view).toEqual({ number: 3, composeText: 'services: {}\n', variableNames: ['API', 'TOKEN'], fileNames: ['a.env', 'b.env'], outcome: 'up', createdAt: '2026-12-06T20:00:00.000Z', createdByName: 'ada', restoredFrom: 1 });
    expect(JSON.stringify(view)).not.toMatch(/hunter2|secret|sealed/);
  });
});
