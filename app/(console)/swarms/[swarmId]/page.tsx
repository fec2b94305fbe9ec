import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccessOn, validParams } from '@/app/(console)/_lib/page-params.ts';
import { SwarmDetail } from '@/components/swarms/swarm-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { swarmIdSchema } from '@/lib/schemas/swarms.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('swarms.pages'))('detail.metaTitle') };
}

// The cluster itself is read in the browser: a manager that does not answer must not hold the page.
export default async function SwarmPage({ params }: { params: Promise<{ swarmId: string }> }) {
  const { swarmId } = await validParams(params, { swarmId: swarmIdSchema });
  const access = await pageAccessOn('swarm.view', { type: 'swarm', id: swarmId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const hosts = can(access.actor, 'host.view') ? await listHosts(getRuntime(), access.actor, await requestLocale()) : undefined;
  return <SwarmDetail key={swarmId} swarmId={swarmId} canManage={access.can('swarm.manage')} canSecrets={access.can('swarm.secrets')} canPull={access.can('container.manage')} initialHosts={hosts} />;
}
