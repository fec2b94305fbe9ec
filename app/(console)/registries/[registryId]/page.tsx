import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { foundOr404, pageAccessOn, validParams } from '@/app/(console)/_lib/page-params.ts';
import { RegistryActions } from '@/components/registries/registry-actions.tsx';
import { RepositoryList } from '@/components/registries/repository-list.tsx';
import { TagTable } from '@/components/registries/tag-table.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { registryIdSchema, repositorySchema } from '@/lib/schemas/registries.ts';
import { readRegistryView } from '@/lib/services/registries/browse-registry.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('registries.detail'))('pageTitle') };
}

// One registry: its repositories, or (with ?repository=) one repository's tags.
export default async function RegistryPage({ params, searchParams }: { params: Promise<{ registryId: string }>; searchParams: Promise<{ repository?: string }> }) {
  const { registryId } = await validParams(params, { registryId: registryIdSchema });
  const access = await pageAccessOn('registry.view', { type: 'registry', id: registryId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const registry = await foundOr404(readRegistryView(getRuntime(), registryId));
  const wanted = repositorySchema.safeParse((await searchParams).repository ?? '');
  const repository = wanted.success ? wanted.data : null;
  const t = await getTranslations('registries.detail');
  return (
    <>
      <PageHeader
        title={repository ? t('repositoryTitle', { registry: registry.name, repository }) : registry.name}
        description={
          <>
            {registry.username ? t('as', { address: registry.address, username: registry.username }) : t('anonymously', { address: registry.address })} · <TextLink href="/registries">{t('allRegistries')}</TextLink>
            {repository && (
              <>
                {' · '}
                <TextLink href={`/registries/${registry.id}`}>{t('allRepositories')}</TextLink>
              </>
            )}
          </>
        }
        actions={access.can('registry.manage') ? <RegistryActions registry={registry} /> : undefined}
      />
      {repository ? <TagTable registryId={registry.id} repository={repository} canPush={access.can('registry.push')} /> : <RepositoryList registryId={registry.id} />}
    </>
  );
}
