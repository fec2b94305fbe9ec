import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { containersContext } from '@/app/(console)/containers/_lib/containers-context.ts';
import { CreateContainerForm } from '@/components/containers/create-container-form.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listOwnTeams } from '@/lib/services/access/owner-for-create.ts';
import { containerPageTarget, pageAccessOn } from '@/app/(console)/_lib/page-params.ts';
import { containerIdSchema } from '@/lib/schemas/containers.ts';
import { readContainerCopy, type ContainerCopy } from '@/lib/services/containers/read-container-copy.ts';
import type { Actor } from '@/lib/auth/actor.ts';

/** The container to duplicate (?from=, on ?host=): read only for a reader who may see it; its environment only for one who may read that. */
async function copyOf(actor: Actor, hostId: string | undefined, from: string | string[] | undefined): Promise<ContainerCopy | null> {
  if (!hostId || typeof from !== 'string' || !containerIdSchema.safeParse(from).success) return null;
  const ref = { hostId, containerId: from };
  const access = await pageAccessOn('container.view', await containerPageTarget('container.view', ref));
  if (!access.ok) return null;
  return readContainerCopy(getRuntime(), actor, ref, { withEnv: access.can('container.env') });
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('create') };
}

export default async function NewContainerPage({ searchParams }: { searchParams: Promise<{ host?: string | string[]; from?: string | string[] }> }) {
  const t = await getTranslations('containers.pages');
  const query = await searchParams;
  const ctx = await containersContext(query);
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  const hosts = ctx.hosts.filter((h) => ctx.manageHosts.includes(h.id));
  if (!hosts.length) return <Forbidden message={t('createNowhere')} />;
  const unrestricted = hosts.filter((h) => can(ctx.actor, 'workload.unrestricted', { type: 'host', id: h.id })).map((h) => h.id);
  const initialHostId = ctx.host && hosts.some((h) => h.id === ctx.host?.id) ? ctx.host.id : hosts[0].id;
  const copy = await copyOf(ctx.actor, ctx.host && initialHostId === ctx.host.id ? ctx.host.id : undefined, query.from);
  return (
    <>
      <PageHeader title={copy ? t('duplicate', { name: copy.from }) : t('create')} description={copy ? t('duplicateDescription') : t('createDescription')} />
      <CreateContainerForm hosts={hosts} initialHostId={initialHostId} unrestrictedHosts={unrestricted} ownerTeams={await listOwnTeams(getRuntime(), ctx.actor)} copy={copy} />
    </>
  );
}
