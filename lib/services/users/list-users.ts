// Users for the admin table: never the password hash.
import 'server-only';
import type { ServiceDeps } from '../deps.ts';

export type UserRow = {
  id: string;
  username: string;
  displayName: string | null;
  role: string;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  activeSessions: number;
};

export async function listUsers(deps: Pick<ServiceDeps, 'db'>): Promise<UserRow[]> {
  const users = await deps.db.user.findMany({
    orderBy: { username: 'asc' },
    select: {
      id: true, username: true, displayName: true, role: true, disabled: true, createdAt: true, lastLoginAt: true,
      _count: { select: { sessions: { where: { expiresAt: { gt: new Date() } } } } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    activeSessions: u._count.sessions,
  }));
}
