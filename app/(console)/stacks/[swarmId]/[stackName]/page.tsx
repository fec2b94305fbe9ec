import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageAccessOn, stackPageTarget, validParams } from '@/app/(console)/_lib/page-params.ts';
import { StackDetail } from '@/components/stacks/stack-detail.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { stackNameSchema } from '@/lib/schemas/stacks.ts';
import { swarmIdSchema } from '@/lib/schemas/swarms.ts';
import { WebhookCard } from '@/components/webhooks/webhook-card.tsx';
import { OwnerCard } from '@/components/access/owner-card.tsx';
import { readOwner, teamsToMoveTo } from '@/lib/services/access/read-owner.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { readWebhook } from '@/lib/services/webhooks/manage-webhooks.ts';
import { GitSourceCard } from '@/components/stacks/git-source-card.tsx';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { readGitSource } from '@/lib/services/stacks/git/save-git-source.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stacks.pages'))('detail.title') };
}

// The stack itself is read in the browser: a manager that does not answer must not hold the page.
export default async function StackPage({ params }: { params: Promise<{ swarmId: string; stackName: string }> }) {
  // Stack names are [a-z0-9_-]: nothing to decode, and anything else is not a stack.
  const { swarmId, stackName } = await validParams(params, { swarmId: swarmIdSchema, stackName: stackNameSchema });
  const access = await pageAccessOn('stack.view', await stackPageTarget('stack.view', { swarmId, stackName }));
  if (!access.ok) return <Forbidden message={access.message} />;
  const canDeploy = access.can('stack.deploy');
  // The webhook card, for those who may deploy the stack (a row of Wharf's own: no engine call).
  const webhook = canDeploy ? await readWebhook(getRuntime(), { kind: 'stack', swarmId, stackName }) : null;
  // The git repository the stack follows, if any (a row of Wharf's own).
  const git = await readGitSource(getRuntime(), swarmId, stackName, await requestLocale());
  // Administrators see who owns it and may move it (lib/auth/ownership.ts).
  const object = { kind: 'stack' as const, swarmId, stackName };
  const owner = access.can('team.manage') ? await Promise.all([readOwner(getRuntime(), object), teamsToMoveTo(getRuntime())]) : null;
  return (
    <>
      <StackDetail key={`${swarmId}/${stackName}`} swarmId={swarmId} stackName={stackName} canDeploy={canDeploy} canScale={access.can('service.manage')} />
      {git && <GitSourceCard swarmId={swarmId} stackName={stackName} source={git} canDeploy={canDeploy} />}
      {canDeploy && <WebhookCard owner={{ kind: 'stack', swarmId, stackName }} webhook={webhook} />}
      {owner && <OwnerCard object={object} current={owner[0]} teams={owner[1]} />}
    </>
  );
}
