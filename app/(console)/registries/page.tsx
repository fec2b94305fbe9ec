import { AddRegistryButton } from '@/components/registries/add-registry-button.tsx';
import { RegistryList } from '@/components/registries/registry-list.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listRegistries } from '@/lib/services/registries/browse-registry.ts';

export const metadata = { title: 'Registries' };

// The registries the user may see; those who manage registries add them here.
export default async function RegistriesPage() {
  const access = await pageAccess('registry.view', ANYWHERE);
  if (!access.ok) return <Forbidden message={access.message} />;
  const canAdd = can(access.actor, 'registry.manage');
  const registries = await listRegistries(getRuntime(), access.actor);
  return (
    <>
      <PageHeader title="Registries" description="Private registries and their credentials: browse repositories and tags, and pull and deploy with them." actions={canAdd ? <AddRegistryButton /> : undefined} />
      <RegistryList registries={registries} canAdd={canAdd} />
    </>
  );
}
