import Link from 'next/link';
import { containersContext } from '@/components/containers/containers-context.ts';
import { ContainersShell } from '@/components/containers/containers-shell.tsx';
import { ContainersTable } from '@/components/containers/containers-table.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';

export const metadata = { title: 'Containers' };

// The containers are read in the browser: a host that does not answer must not hold the page.
export default async function ContainersPage({ searchParams }: { searchParams: Promise<{ host?: string | string[] }> }) {
  const ctx = await containersContext(await searchParams);
  if (!ctx.ok) return <Forbidden message={ctx.message} />;
  const canCreate = ctx.host ? ctx.manageHosts.includes(ctx.host.id) : ctx.manageHosts.length > 0;
  return (
    <ContainersShell
      ctx={ctx}
      section="containers"
      actions={
        canCreate ? (
          <Link href={ctx.host ? `/containers/new?host=${ctx.host.id}` : '/containers/new'} className="inline-flex h-9 items-center rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90">
            Create container
          </Link>
        ) : undefined
      }
    >
      <ContainersTable key={ctx.host?.id ?? 'all'} hosts={ctx.hosts} hostId={ctx.host?.id ?? null} manageHosts={ctx.manageHosts} />
    </ContainersShell>
  );
}
