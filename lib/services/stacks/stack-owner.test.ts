// A stack file may not claim an owner (ownerLabelProblems), and a deployed stack's owner is the
// one its services record (ownerOfServices).
import { describe, expect, it } from 'vitest';
import { parseComposeSource } from './compose/parse-compose.ts';
import { translateStack } from './compose/translate-stack.ts';
import { ownerLabelProblems, ownerOfServices } from './stack-owner.ts';

const translated = (composeText: string) => translateStack({ stackName: 'shop', composeText, variables: {}, files: {} }).stack!;

describe('ownerLabelProblems', () => {
  it('finds an owner label in deploy.labels and in labels, each at its line', () => {
    const file = 'services:\n  web:\n    image: busybox\n    labels:\n      wharf.owner.creator: me\n    deploy:\n      labels:\n        Wharf.Owner.Team: team-b\n  db:\n    image: busybox\n';
    const problems = ownerLabelProblems(translated(file), parseComposeSource(file).locate);
    expect(problems.map((p) => ({ path: p.path, line: p.line, severity: p.severity }))).toEqual([
      { path: 'services.web.deploy.labels', line: 7, severity: 'error' },
      { path: 'services.web.labels', line: 4, severity: 'error' },
    ]);
    expect(problems[0].said).toEqual({ key: 'access.errors.ownerLabelInFile', values: { service: 'web', labels: 'Wharf.Owner.Team' } });
  });

  it('finds nothing in a file without owner labels', () => {
    expect(ownerLabelProblems(translated('services:\n  web:\n    image: busybox\n    labels:\n      app.team: web\n'))).toEqual([]);
  });
});

describe('ownerOfServices', () => {
  it('is the first owner a service records, or none', () => {
    expect(ownerOfServices([{ Spec: { Labels: { a: 'b' } } }, { Spec: { Labels: { 'wharf.owner.team': 'team-a' } } }])).toEqual({ team: 'team-a' });
    expect(ownerOfServices([{ Spec: {} }])).toBeUndefined();
  });
});
