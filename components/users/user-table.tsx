// The users list: who can sign in, with which role, whether they are enabled, when they last
// signed in and how many sessions they have open; with row actions for administrators.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { isRoleKey } from '@/lib/auth/permissions.ts';
import type { UserRow } from '@/lib/services/users/list-users.ts';
import { cn } from '@/lib/ui/cn.ts';
import { UserRowActions } from './user-row-actions.tsx';

export function UserTable({ users, currentUserId, canManage }: { users: UserRow[]; currentUserId: string; canManage: boolean }) {
  const t = useTranslations('users.table');
  const tRoles = useTranslations('permissions');
  const roleLabel = (role: string): string => (isRoleKey(role) ? tRoles(`roles.${role}.label`) : t('unknownRole', { role }));
  const columns = [{ label: t('user') }, { label: t('role') }, { label: t('status') }, { label: t('lastSignIn') }, { label: t('sessions') }, ...(canManage ? [{ label: t('actions'), className: 'text-right' }] : [])];
  return (
    <Table caption={t('caption')} columns={columns}>
      {users.map((user) => {
        const isSelf = user.id === currentUserId;
        return (
          <Tr key={user.id} className="align-middle">
            <RowHeader className="max-w-64">
              <div className={cn('flex flex-wrap items-center gap-2 font-medium wrap-anywhere', user.disabled && 'text-muted')}>
                {user.username}
                {isSelf && <Badge tone="accent">{t('you')}</Badge>}
              </div>
              <Link href={`/users/${user.id}/access`} className="text-xs text-accent hover:underline" aria-label={t('accessOf', { username: user.username })}>
                {t('accessLink')}
              </Link>
              {user.displayName && <div className="text-xs text-muted wrap-anywhere">{user.displayName}</div>}
            </RowHeader>
            <Td className="whitespace-nowrap">{roleLabel(user.role)}</Td>
            <Td>{user.disabled ? <Badge tone="warn">{t('disabled')}</Badge> : <Badge tone="ok">{t('enabled')}</Badge>}</Td>
            <Td className="whitespace-nowrap text-xs">{user.lastLoginAt ? <RelativeTime iso={user.lastLoginAt} /> : <span className="text-muted">{t('never')}</span>}</Td>
            <Td className="text-xs tabular-nums">
              <span className={cn(user.activeSessions === 0 && 'text-muted')}>{user.activeSessions}</span>
              <span className="sr-only"> {t('activeSessions', { count: user.activeSessions })}</span>
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
