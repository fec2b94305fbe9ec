// The console's sections, in sidebar order, with the permission each needs to be shown.
import type { Permission } from '@/lib/auth/permissions.ts';

/** `anywhere`: shown to holders of `needs` on any scope (a team's lead), not only everywhere. */
export type NavItem = { href: string; label: string; icon: string; needs?: Permission; anywhere?: boolean };

export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Dashboard', icon: 'gauge' },
  { href: '/hosts', label: 'Hosts', icon: 'server', needs: 'host.view' },
  { href: '/swarms', label: 'Swarms', icon: 'network' },
  { href: '/stacks', label: 'Stacks', icon: 'layers' },
  { href: '/services', label: 'Services', icon: 'boxes' },
  { href: '/containers', label: 'Containers', icon: 'box' },
  { href: '/registries', label: 'Registries', icon: 'archive' },
  { href: '/users', label: 'Users', icon: 'users', needs: 'user.view' },
  { href: '/teams', label: 'Teams', icon: 'users', needs: 'team.view', anywhere: true },
  { href: '/roles', label: 'Roles', icon: 'shield', needs: 'role.manage' },
  { href: '/policies', label: 'Policies', icon: 'shield', needs: 'policy.view' },
  { href: '/audit', label: 'Audit', icon: 'scroll', needs: 'audit.view' },
  { href: '/backup', label: 'Backup', icon: 'archive', needs: 'backup.create' },
];
