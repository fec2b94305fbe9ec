import { RoleList } from '@/components/access/role-list.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listRoles } from '@/lib/services/access/manage-roles.ts';

export const metadata = { title: 'Roles' };

export default async function RolesPage() {
  const access = await pageAccess('team.view', ANYWHERE);
  if (!access.ok) return <Forbidden message={access.message} />;
  const roles = await listRoles(getRuntime());
  return (
    <>
      <PageHeader title="Roles" description="What each role allows. The built-in roles are fixed; custom roles are made from the permission catalogue." />
      <RoleList roles={roles} canManage={can(access.actor, 'role.manage')} />
    </>
  );
}
