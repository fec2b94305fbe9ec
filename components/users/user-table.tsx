// The users list: who can sign in, with which role, whether they are enabled, when they last
// signed in and how many sessions they have open; with row actions for administrators.
import Link from 'next/link';
import { Badge } from '@/components/ui/badge.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { isRoleKey, ROLES } from '@/lib/auth/permissions.ts';
import type { UserRow } from '@/lib/services/users/list-users.ts';
import { cn } from '@/lib/ui/cn.ts';
import { UserRowActions } from './user-row-actions.tsx';

const roleLabel = (role: string): string => (isRoleKey(role) ? ROLES[role].label : `Unknown role (${role})`);

export function UserTable({ users, currentUserId, canManage }: { users: UserRow[]; currentUserId: string; canManage: boolean }) {
  const columns = [{ label: 'User' }, { label: 'Role' }, { label: 'Status' }, { label: 'Last sign-in' }, { label: 'Sessions' }, ...(canManage ? [{ label: 'Actions', className: 'text-right' }] : [])];
  return (
    <Table caption="Users" columns={columns}>
      {users.map((user) => {
        const isSelf = user.id === currentUserId;
        return (
          <Tr key={user.id} className="align-middle">
            <RowHeader className="max-w-64">
              <div className={cn('flex flex-wrap items-center gap-2 font-medium wrap-anywhere', user.disabled && 'text-muted')}>
                {user.username}
                {isSelf && <Badge tone="accent">you</Badge>}
              </div>
              <Link href={`/users/${user.id}/access`} className="text-xs text-accent hover:underline" aria-label={`Access of ${user.username}`}>
                Access and grants
              </Link>
              {user.displayName && <div className="text-xs text-muted wrap-anywhere">{user.displayName}</div>}
            </RowHeader>
            <Td className="whitespace-nowrap">{roleLabel(user.role)}</Td>
            <Td>{user.disabled ? <Badge tone="warn">Disabled</Badge> : <Badge tone="ok">Enabled</Badge>}</Td>
            <Td className="whitespace-nowrap text-xs">{user.lastLoginAt ? <RelativeTime iso={user.lastLoginAt} /> : <span className="text-muted">Never</span>}</Td>
            <Td className="text-xs tabular-nums">
              <span className={cn(user.activeSessions === 0 && 'text-muted')}>{user.activeSessions}</span>
              <span className="sr-only"> active {user.activeSessions === 1 ? 'session' : 'sessions'}</span>
            </Td>
            {canManage && (
              <Td>
                <UserRowActions user={{ id: user.id, username: user.username, role: isRoleKey(user.role) ? user.role : null, disabled: user.disabled }} isSelf={isSelf} />
              </Td>
            )}
          </Tr>
        );
      })}
    </Table>
  );
}
