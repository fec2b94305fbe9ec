import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { containersContext } from '@/app/(console)/containers/_lib/containers-context.ts';
import { CreateContainerForm } from '@/components/containers/create-container-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listOwnTeams } from '@/lib/services/access/owner-for-create.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('create') };
}

export default async function NewContainerPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const t = await getTranslations('containers.pages');
  const ctx = await containersContext(await searchParams);
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  const hosts = ctx.hosts.filter((h) => ctx.manageHosts.includes(h.id));
  if (!hosts.length) return <Forbidden message={t('createNowhere')} />;
  const unrestricted = hosts.filter((h) => can(ctx.actor, 'workload.unrestricted', { type: 'host', id: h.id })).map((h) => h.id);
  return (
    <>
      <PageHeader title={t('create')} description={t('createDescription')} />
      <CreateContainerForm hosts={hosts} initialHostId={ctx.host && hosts.some((h) => h.id === ctx.host?.id) ? ctx.host.id : hosts[0].id} unrestrictedHosts={unrestricted} ownerTeams={await listOwnTeams(getRuntime(), ctx.actor)} />
    </>
  );
}
