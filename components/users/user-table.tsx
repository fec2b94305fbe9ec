// The users list: who can sign in, with which role, whether they are enabled, when they last
// signed in and how many sessions they have open; with row actions for administrators.
import { Badge } from '@/components/ui/badge.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { isRoleKey, ROLES } from '@/lib/auth/permissions.ts';
import type { UserRow } from '@/lib/services/users/list-users.ts';
import { cn } from '@/lib/ui/cn.ts';
import { UserRowActions } from './user-row-actions.tsx';

const roleLabel = (role: string): string => (isRoleKey(role) ? ROLES[role].label : `Unknown role (${role})`);

export function UserTable({ users, currentUserId, canManage }: { users: UserRow[]; currentUserId: string; canManage: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-left">
        <caption className="sr-only">Users</caption>
        <thead className="border-b border-border text-xs uppercase text-muted">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">User</th>
            <th scope="col" className="px-3 py-2 font-medium">Role</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 font-medium">Last sign-in</th>
            <th scope="col" className="px-3 py-2 font-medium">Sessions</th>
            {canManage && (
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Actions
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const isSelf = user.id === currentUserId;
            return (
              <tr key={user.id} className="border-b border-border align-middle last:border-0 hover:bg-surface-2">
                <th scope="row" className="max-w-64 px-3 py-3 font-normal">
                  <div className={cn('flex flex-wrap items-center gap-2 font-medium wrap-anywhere', user.disabled && 'text-muted')}>
                    {user.username}
                    {isSelf && <Badge tone="accent">you</Badge>}
                  </div>
                  {user.displayName && <div className="text-xs text-muted wrap-anywhere">{user.displayName}</div>}
                </th>
                <td className="whitespace-nowrap px-3 py-3">{roleLabel(user.role)}</td>
                <td className="px-3 py-3">{user.disabled ? <Badge tone="warn">Disabled</Badge> : <Badge tone="ok">Enabled</Badge>}</td>
                <td className="whitespace-nowrap px-3 py-3 text-xs">{user.lastLoginAt ? <RelativeTime iso={user.lastLoginAt} /> : <span className="text-muted">Never</span>}</td>
                <td className="px-3 py-3 text-xs tabular-nums">
                  <span className={cn(user.activeSessions === 0 && 'text-muted')}>{user.activeSessions}</span>
                  <span className="sr-only"> active {user.activeSessions === 1 ? 'session' : 'sessions'}</span>
                </td>
                {canManage && (
                  <td className="px-3 py-3">
                    <UserRowActions user={{ id: user.id, username: user.username, role: isRoleKey(user.role) ? user.role : null, disabled: user.disabled }} isSelf={isSelf} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
