// The console's sections, in sidebar order, with the permission each needs to be shown.
import type { Permission } from '@/lib/auth/permissions.ts';

/** `anywhere`: shown to holders of `needs` on any scope (a team's lead), not only everywhere. */
/** `key`: the item's name in the catalogue (shell.nav.<key>). */
export type NavItem = { href: string; key: NavKey; icon: string; needs?: Permission; anywhere?: boolean };

export type NavKey = 'dashboard' | 'hosts' | 'swarms' | 'stacks' | 'services' | 'containers' | 'registries' | 'users' | 'teams' | 'roles' | 'policies' | 'audit' | 'notifications' | 'backup';

export const NAV_ITEMS: NavItem[] = [
  { href: '/', key: 'dashboard', icon: 'gauge' },
  { href: '/hosts', key: 'hosts', icon: 'server', needs: 'host.view' },
  { href: '/swarms', key: 'swarms', icon: 'network' },
  { href: '/stacks', key: 'stacks', icon: 'layers' },
  { href: '/services', key: 'services', icon: 'boxes' },
  { href: '/containers', key: 'containers', icon: 'box' },
  { href: '/registries', key: 'registries', icon: 'archive' },
  { href: '/users', key: 'users', icon: 'users', needs: 'user.view' },
  { href: '/teams', key: 'teams', icon: 'users', needs: 'team.view', anywhere: true },
  { href: '/roles', key: 'roles', icon: 'shield', needs: 'role.manage' },
  { href: '/policies', key: 'policies', icon: 'shield', needs: 'policy.view' },
  { href: '/audit', key: 'audit', icon: 'scroll', needs: 'audit.view' },
  { href: '/notifications', key: 'notifications', icon: 'bell', needs: 'notification.manage' },
  { href: '/backup', key: 'backup', icon: 'archive', needs: 'backup.create' },
];
