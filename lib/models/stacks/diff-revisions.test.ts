import { describe, expect, it } from 'vitest';
import { diffTexts } from './diff-revisions.ts';

describe('diffTexts', () => {
  it('marks changed lines as removed then added, keeping the rest', () => {
    expect(diffTexts('a\nreplicas: 2\nb\n', 'a\nreplicas: 3\nb\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'replicas: 2' },
      { kind: 'added', text: 'replicas: 3' },
      { kind: 'same', text: 'b' },
    ]);
  });
  it('handles files without a final newline and identical files', () => {
    expect(diffTexts('x', 'x\ny')).toEqual([
      { kind: 'removed', text: 'x' },
      { kind: 'added', text: 'x' },
      { kind: 'added', text: 'y' },
    ]);
    expect(diffTexts('same\n', 'same\n')).toEqual([{ kind: 'same', text: 'same' }]);
  });
});
