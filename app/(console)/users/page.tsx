import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NewUserButton } from '@/components/users/new-user-button.tsx';
import { ButtonLink } from '@/components/ui/button.tsx';
import { UserBundles } from '@/components/users/user-bundles.tsx';
import { UserTable } from '@/components/users/user-table.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listAllBundles } from '@/lib/services/hosts/lifecycle/read-cli-bundles.ts';
import { listUsers } from '@/lib/services/users/list-users.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('users.page'))('title') };
}

export default async function UsersPage() {
  const t = await getTranslations('users.page');
  const access = await pageAccess('user.view');
  if (!access.ok) return <Forbidden message={access.message} />;
  const canManage = can(access.actor, 'user.manage');
  const [users, bundles] = await Promise.all([listUsers(getRuntime()), listAllBundles(getRuntime())]);
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          canManage ? (
            <>
              <ButtonLink href="/users/directory" variant="secondary">
                {t('directorySignIn')}
              </ButtonLink>
              <NewUserButton />
            </>
          ) : undefined
        }
      />
      <UserTable users={users} currentUserId={access.actor.id} canManage={canManage} />
      <UserBundles bundles={bundles} />
    </>
  );
}
