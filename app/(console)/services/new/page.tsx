import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ServiceForm } from '@/components/services/service-form.tsx';
import { servicesContext } from '@/app/(console)/services/_lib/services-context.ts';
import { ServicesShell } from '@/components/services/services-shell.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listOwnTeams } from '@/lib/services/access/owner-for-create.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('services.pages'))('create') };
}

export default async function NewServicePage({ searchParams }: { searchParams: Promise<{ swarm?: string | string[] }> }) {
  const ctx = await servicesContext(await searchParams);
  const t = await getTranslations('services.pages');
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  if (!ctx.swarm || ctx.swarms.length === 0) {
    return (
      <ServicesShell ctx={ctx} section="services">
        {null}
      </ServicesShell>
    );
  }
  if (!ctx.canManage) return <Forbidden message={t('mayNotCreate')} />;
  return (
    <>
      <PageHeader title={t('create')} description={t('createDescription', { swarm: ctx.swarm.name })} />
      <ServiceForm swarmId={ctx.swarm.id} ownerTeams={await listOwnTeams(getRuntime(), ctx.actor)} />
    </>
  );
}
