import { renderMessage } from '@/lib/i18n/render-message.ts';
import { describe, expect, it } from 'vitest';
import {
  GLOBAL,
  PERMISSIONS,
  ROLE_KEYS,
  ROLES,
  permissionPhrase,
  grantsForUser,
  isAllowed,
  isRoleKey,
  visibleHosts,
  type Grant,
  type Permission,
  type RoleKey,
  type Target,
} from '@/lib/auth/permissions.ts';

const globalGrant = (role: RoleKey): Grant => ({ role, scope: { type: 'global' } });
const hostGrant = (role: RoleKey, id: string): Grant => ({ role, scope: { type: 'host', id } });
/** A grant whose role is not one of ROLE_KEYS, as a future custom role or a bad database row would be. */
const unknownRoleGrant = (role: string): Grant => ({ role: role as RoleKey, scope: { type: 'global' } });

const HOST_A: Target = { type: 'host', id: 'host-a' };
const HOST_B: Target = { type: 'host', id: 'host-b' };

// The expected table, written out independently of the module's own definition.
const EXPECTED: Record<RoleKey, Permission[]> = {
  admin: ['host.view', 'host.create', 'host.update', 'host.delete', 'host.ssh', 'host.local', 'cloud.manage', 'swarm.view', 'swarm.manage', 'swarm.secrets', 'stack.view', 'stack.deploy', 'service.view', 'service.manage', 'service.env', 'container.view', 'container.logs', 'container.manage', 'container.exec', 'container.env', 'workload.unrestricted', 'user.view', 'user.manage', 'audit.view', 'audit.manage', 'policy.view', 'policy.manage', 'team.view', 'team.manage', 'role.manage', 'registry.view', 'registry.pull', 'registry.push', 'registry.manage', 'backup.create', 'notification.manage'],
  operator: ['host.view', 'host.create', 'host.update', 'host.delete', 'swarm.view', 'swarm.manage', 'stack.view', 'stack.deploy', 'service.view', 'service.manage', 'service.env', 'container.view', 'container.logs', 'container.manage', 'container.exec', 'container.env', 'policy.view', 'team.view', 'registry.view', 'registry.pull', 'registry.push'],
  helpdesk: ['host.view', 'swarm.view', 'stack.view', 'service.view', 'container.view', 'container.logs', 'policy.view', 'team.view', 'registry.view'],
  deployer: ['host.view', 'swarm.view', 'stack.view', 'service.view', 'container.view', 'container.logs', 'stack.deploy', 'service.manage', 'policy.view', 'registry.view', 'registry.pull'],
  viewer: ['host.view', 'swarm.view', 'stack.view', 'service.view', 'container.view', 'container.logs', 'registry.view'],
  none: [],
};

describe('permissions', () => {
  describe('isAllowed with one global grant', () => {
    for (const role of ROLE_KEYS) {
      for (const permission of PERMISSIONS) {
        const expected = EXPECTED[role].includes(permission);
        it(`${role} ${expected ? 'may' : 'may not'} ${permission} (global target)`, () => {
          expect(isAllowed([globalGrant(role)], permission, GLOBAL)).toBe(expected);
        });
        it(`${role} ${expected ? 'may' : 'may not'} ${permission} on any host`, () => {
          expect(isAllowed([globalGrant(role)], permission, HOST_A)).toBe(expected);
        });
      }
    }

    it('defaults the target to global', () => {
      expect(isAllowed([globalGrant('admin')], 'audit.view')).toBe(true);
      expect(isAllowed([globalGrant('viewer')], 'audit.view')).toBe(false);
    });

    it('a registry grant reaches that registry only, and nothing else', () => {
      const onRegistry: Grant = { role: 'operator', scope: { type: 'registry', id: 'reg-a' } };
      expect(isAllowed([onRegistry], 'registry.push', { type: 'registry', id: 'reg-a' })).toBe(true);
      expect(isAllowed([onRegistry], 'registry.push', { type: 'registry', id: 'reg-b' })).toBe(false);
      expect(isAllowed([onRegistry], 'registry.push', { type: 'registry', id: 'reg-' })).toBe(false);
      expect(isAllowed([onRegistry], 'host.view', HOST_A)).toBe(false);
      expect(isAllowed([onRegistry], 'registry.view', GLOBAL)).toBe(false);
      expect(isAllowed([globalGrant('deployer')], 'registry.pull', { type: 'registry', id: 'reg-a' })).toBe(true);
      expect(isAllowed([hostGrant('admin', 'host-a')], 'registry.view', { type: 'registry', id: 'reg-a' })).toBe(false);
    });

    it('lets an admin act on a user target', () => {
      expect(isAllowed([globalGrant('admin')], 'user.manage', { type: 'user', id: 'u1' })).toBe(true);
      expect(isAllowed([globalGrant('operator')], 'user.manage', { type: 'user', id: 'u1' })).toBe(false);
    });
  });

  describe('isAllowed with host-scoped grants', () => {
    it('covers the granted host', () => {
      expect(isAllowed([hostGrant('operator', 'host-a')], 'host.update', HOST_A)).toBe(true);
    });

    it('does not cover another host', () => {
      expect(isAllowed([hostGrant('operator', 'host-a')], 'host.update', HOST_B)).toBe(false);
      expect(isAllowed([hostGrant('admin', 'host-a')], 'host.view', HOST_B)).toBe(false);
    });

    it('does not cover global targets, even for an admin role', () => {
      expect(isAllowed([hostGrant('admin', 'host-a')], 'host.create', GLOBAL)).toBe(false);
      expect(isAllowed([hostGrant('admin', 'host-a')], 'user.manage', GLOBAL)).toBe(false);
      expect(isAllowed([hostGrant('admin', 'host-a')], 'audit.view')).toBe(false);
    });

    it('does not cover a user target that happens to share the host id', () => {
      expect(isAllowed([hostGrant('admin', 'x1')], 'user.manage', { type: 'user', id: 'x1' })).toBe(false);
    });

    it('does not cover a host whose id only shares a prefix', () => {
      expect(isAllowed([hostGrant('admin', 'host')], 'host.view', { type: 'host', id: 'host-a' })).toBe(false);
      expect(isAllowed([hostGrant('admin', 'host-a')], 'host.view', { type: 'host', id: 'host' })).toBe(false);
    });

    it('still checks the role: a viewer grant on the host does not allow changes there', () => {
      expect(isAllowed([hostGrant('viewer', 'host-a')], 'host.view', HOST_A)).toBe(true);
      expect(isAllowed([hostGrant('viewer', 'host-a')], 'host.update', HOST_A)).toBe(false);
      expect(isAllowed([hostGrant('viewer', 'host-a')], 'host.delete', HOST_A)).toBe(false);
    });

    it('combines grants: any one grant covering the target is enough', () => {
      const grants = [globalGrant('viewer'), hostGrant('operator', 'host-a')];
      expect(isAllowed(grants, 'host.delete', HOST_A)).toBe(true);
      expect(isAllowed(grants, 'host.delete', HOST_B)).toBe(false);
      expect(isAllowed(grants, 'host.view', HOST_B)).toBe(true);
    });
  });

  describe('isAllowed with no or unknown grants', () => {
    it('allows nothing without grants', () => {
      for (const permission of PERMISSIONS) {
        expect(isAllowed([], permission)).toBe(false);
        expect(isAllowed([], permission, HOST_A)).toBe(false);
      }
    });

    for (const role of ['superuser', 'Admin', '', 'owner']) {
      it(`grants nothing for the unknown role key ${JSON.stringify(role)}`, () => {
        for (const permission of PERMISSIONS) expect(isAllowed([unknownRoleGrant(role)], permission)).toBe(false);
      });
    }

    // Role keys that name properties every object inherits. ROLES[role]?.permissions.has(...) only
    // short-circuits on null/undefined, so these must still be treated as "unknown", not crash.
    const INHERITED = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];

    it('grants nothing, and does not throw, when a role key names an inherited object property', () => {
      for (const role of INHERITED) {
        expect(() => isAllowed([unknownRoleGrant(role)], 'host.view'), role).not.toThrow();
        expect(isAllowed([unknownRoleGrant(role), globalGrant('viewer')], 'host.view'), role).toBe(true);
      }
    });

    it('visibleHosts ignores, and does not throw on, a role key that names an inherited object property', () => {
      for (const role of INHERITED) {
        expect(() => visibleHosts([unknownRoleGrant(role)], 'host.view'), role).not.toThrow();
        expect(visibleHosts([unknownRoleGrant(role), hostGrant('viewer', 'h1')], 'host.view'), role).toEqual(new Set(['h1']));
      }
    });

    it('an unknown role next to a valid grant does not widen the valid one', () => {
      const grants = [unknownRoleGrant('superuser'), globalGrant('viewer')];
      expect(isAllowed(grants, 'host.view')).toBe(true);
      expect(isAllowed(grants, 'host.delete')).toBe(false);
    });
  });

  describe('visibleHosts', () => {
    it("is 'all' with a global grant that has the permission", () => {
      expect(visibleHosts([globalGrant('viewer')], 'host.view')).toBe('all');
      expect(visibleHosts([hostGrant('viewer', 'h1'), globalGrant('operator')], 'host.update')).toBe('all');
    });

    it('is the set of granted host ids without a global grant', () => {
      const result = visibleHosts([hostGrant('viewer', 'h1'), hostGrant('operator', 'h2'), hostGrant('viewer', 'h1')], 'host.view');
      expect(result).toBeInstanceOf(Set);
      expect(result).toEqual(new Set(['h1', 'h2']));
    });

    it('leaves out hosts whose grant lacks the permission', () => {
      expect(visibleHosts([hostGrant('viewer', 'h1'), hostGrant('operator', 'h2')], 'host.update')).toEqual(new Set(['h2']));
    });

    it('is an empty set, not all, when a global grant lacks the permission', () => {
      expect(visibleHosts([globalGrant('viewer')], 'host.update')).toEqual(new Set());
      expect(visibleHosts([globalGrant('operator'), hostGrant('admin', 'h1')], 'audit.view')).toEqual(new Set(['h1']));
    });

    it('is an empty set without grants or with unknown roles only', () => {
      expect(visibleHosts([], 'host.view')).toEqual(new Set());
      expect(visibleHosts([unknownRoleGrant('root')], 'host.view')).toEqual(new Set());
    });
  });

  describe('grantsForUser', () => {
    for (const role of ROLE_KEYS.filter((r) => r !== 'none')) {
      it(`gives a ${role} exactly one global ${role} grant, from the base role`, () => {
        expect(grantsForUser({ role })).toEqual([{ role, scope: { type: 'global' }, from: { kind: 'base' } }]);
      });
    }

    it("gives a user whose base role is 'none' only the grants loaded for them", () => {
      const team: Grant = { role: 'viewer', scope: { type: 'host', id: 'h1' }, from: { kind: 'team', grantId: 'g1', teamId: 't1', teamName: 'payments' } };
      expect(grantsForUser({ role: 'none' })).toEqual([]);
      expect(grantsForUser({ role: 'none' }, [team])).toEqual([team]);
      expect(grantsForUser({ role: 'viewer' }, [team])).toHaveLength(2);
    });

    for (const role of ['', 'ADMIN', 'Admin', ' admin', 'root', 'toString', '__proto__']) {
      it(`gives no grants for the stored role ${JSON.stringify(role)}`, () => {
        expect(grantsForUser({ role })).toEqual([]);
      });
    }

    it('feeds isAllowed: a stored viewer may view hosts but not add them', () => {
      const grants = grantsForUser({ role: 'viewer' });
      expect(isAllowed(grants, 'host.view', HOST_A)).toBe(true);
      expect(isAllowed(grants, 'host.create')).toBe(false);
    });
  });

  describe('isRoleKey', () => {
    it('accepts exactly the built-in role keys', () => {
      expect(ROLE_KEYS.every(isRoleKey)).toBe(true);
      expect(['Admin', 'root', '', 'constructor'].some(isRoleKey)).toBe(false);
    });
  });

  describe('ROLES and permissionPhrase', () => {
    it('every role has a label and a description', () => {
      for (const role of ROLE_KEYS) {
        expect(ROLES[role].label.length).toBeGreaterThan(0);
        expect(ROLES[role].description.length).toBeGreaterThan(0);
      }
    });

    it('describes every permission with a distinct, non-empty phrase', () => {
      const phrases = PERMISSIONS.map((p) => renderMessage(permissionPhrase(p)));
      for (const phrase of phrases) {
        expect(typeof phrase).toBe('string');
        expect(phrase.trim().length).toBeGreaterThan(0);
      }
      expect(new Set(phrases).size).toBe(PERMISSIONS.length);
    });

    it('uses the expected wording for a couple of permissions', () => {
      expect(renderMessage(permissionPhrase('host.view'))).toBe('see this host');
      expect(renderMessage(permissionPhrase('audit.view'))).toBe('read the audit log');
      expect(renderMessage(permissionPhrase('audit.view'), 'zh-CN')).toBe('阅读审计日志');
    });
  });

  describe('swarm-scoped grants', () => {
    const swarmGrant = (role: RoleKey, id: string): Grant => ({ role, scope: { type: 'swarm', id } });
    it('cover that swarm only, never a host or global target', () => {
      expect(isAllowed([swarmGrant('operator', 's1')], 'swarm.manage', { type: 'swarm', id: 's1' })).toBe(true);
      expect(isAllowed([swarmGrant('operator', 's1')], 'swarm.manage', { type: 'swarm', id: 's2' })).toBe(false);
      expect(isAllowed([swarmGrant('operator', 's1')], 'swarm.manage', { type: 'host', id: 's1' })).toBe(false);
      expect(isAllowed([swarmGrant('admin', 's1')], 'swarm.manage')).toBe(false);
    });
    it('keep secrets to administrators', () => {
      expect(isAllowed([globalGrant('operator')], 'swarm.secrets', { type: 'swarm', id: 's1' })).toBe(false);
      expect(isAllowed([swarmGrant('admin', 's1')], 'swarm.secrets', { type: 'swarm', id: 's1' })).toBe(true);
    });
  });
});
