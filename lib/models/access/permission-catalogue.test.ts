import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@/lib/auth/permissions.ts';
import { knownPermissions, PERMISSION_CATALOGUE, permissionAllows } from './permission-catalogue.ts';

describe('permission catalogue', () => {
  it('lists every permission exactly once, each with a sentence saying what it allows', () => {
    const listed = PERMISSION_CATALOGUE.flatMap((a) => a.permissions.map((p) => p.key));
    expect(listed.toSorted()).toEqual([...PERMISSIONS].sort());
    for (const permission of PERMISSIONS) expect(permissionAllows(permission)).toMatch(/^[A-Z].+\.$/);
  });

  it('keeps only known permissions, in catalogue order, once', () => {
    expect(knownPermissions(['container.manage', 'root', 'container.view', 'container.manage'])).toEqual(['container.view', 'container.manage']);
  });
});
