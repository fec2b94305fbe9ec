import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AddRegistryButton } from '@/components/registries/add-registry-button.tsx';
import { RegistryList } from '@/components/registries/registry-list.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listRegistries } from '@/lib/services/registries/browse-registry.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('registries.list'))('title') };
}

// The registries the user may see; those who manage registries add them here.
export default async function RegistriesPage() {
  const access = await pageAccess('registry.view', ANYWHERE);
  if (!access.ok) return <Forbidden message={access.message} />;
  const canAdd = can(access.actor, 'registry.manage');
  const registries = await listRegistries(getRuntime(), access.actor);
  const t = await getTranslations('registries.list');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={canAdd ? <AddRegistryButton /> : undefined} />
      <RegistryList registries={registries} canAdd={canAdd} />
    </>
  );
}
