import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { containersContext } from '@/app/(console)/containers/_lib/containers-context.ts';
import { ContainersShell } from '@/components/containers/containers-shell.tsx';
import { ContainersTable } from '@/components/containers/containers-table.tsx';
import { withHost } from '@/components/layout/sections.ts';
import { ButtonLink } from '@/components/ui/button.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('containers.pages'))('list') };
}

// The containers are read in the browser: a host that does not answer must not hold the page.
export default async function ContainersPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const t = await getTranslations('containers.pages');
  const ctx = await containersContext(await searchParams);
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  const canCreate = ctx.host ? ctx.manageHosts.includes(ctx.host.id) : ctx.manageHosts.length > 0;
  return (
    <ContainersShell ctx={ctx} section="containers" actions={canCreate ? <ButtonLink href={withHost('/containers/new', ctx.host?.id ?? null)}>{t('create')}</ButtonLink> : undefined}>
      <ContainersTable key={ctx.host?.id ?? 'all'} hostId={ctx.host?.id ?? null} manageHosts={ctx.manageHosts} />
    </ContainersShell>
  );
}
