import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { RoleList } from '@/components/access/role-list.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listRoles } from '@/lib/services/access/manage-roles.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('access.roles'))('title') };
}

export default async function RolesPage() {
  const t = await getTranslations('access.roles');
  const access = await pageAccess('team.view', ANYWHERE);
  if (!access.ok) return <Forbidden message={access.message} />;
  const roles = await listRoles(getRuntime());
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <RoleList roles={roles} canManage={can(access.actor, 'role.manage')} />
    </>
  );
}
