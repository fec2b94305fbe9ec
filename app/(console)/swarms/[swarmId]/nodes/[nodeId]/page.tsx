import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccessOn, validParams } from '@/app/(console)/_lib/page-params.ts';
import { HistoryPanel } from '@/components/history/history-panel.tsx';
import { NodeDetail } from '@/components/swarms/node-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { nodeIdSchema, swarmIdSchema } from '@/lib/schemas/swarms.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('swarms.pages'))('node.metaTitle') };
}

export default async function SwarmNodePage({ params }: { params: Promise<{ swarmId: string; nodeId: string }> }) {
  const { swarmId, nodeId } = await validParams(params, { swarmId: swarmIdSchema, nodeId: nodeIdSchema });
  const access = await pageAccessOn('swarm.view', { type: 'swarm', id: swarmId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const hosts = can(access.actor, 'host.view') ? await listHosts(getRuntime(), access.actor, await requestLocale()) : undefined;
  return (
    <>
      <NodeDetail key={nodeId} swarmId={swarmId} nodeId={nodeId} canManage={access.can('swarm.manage')} initialHosts={hosts} />
      {/* A node's history is its registered host's, read under the node page's own permission. */}
      <div className="mt-6">
        <HistoryPanel subject={{ kind: 'node', swarmId, nodeId }} />
      </div>
    </>
  );
}
