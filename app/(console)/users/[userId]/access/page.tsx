import { foundOr404, pageAccessOn, validParams } from '@/app/(console)/_lib/page-params.ts';
import { AccessExplanation } from '@/components/access/access-explanation.tsx';
import { GrantsCard } from '@/components/access/grants-card.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { userIdSchema } from '@/lib/schemas/ids.ts';
import { explainUserAccess, explainUserDenials } from '@/lib/services/access/explain-user-access.ts';
import { grantOptions } from '@/lib/services/access/grant-options.ts';
import { listUserGrants } from '@/lib/services/access/manage-grants.ts';

export const metadata = { title: 'Access' };

// Explain access: what the user may do where, and from which grant; their own grants; their recent refusals explained.
export default async function UserAccessPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await validParams(params, { userId: userIdSchema });
  const access = await pageAccessOn('user.view', { type: 'user', id: userId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const rt = getRuntime();
  const [explained, grants, denials, options] = await Promise.all([foundOr404(explainUserAccess(rt, userId)), listUserGrants(rt, userId), explainUserDenials(rt, userId), grantOptions(rt, access.actor)]);
  return (
    <>
      <PageHeader title={`Access of ${explained.user.username}`} description="What this user may do where, and the grant each permission comes from." actions={<TextLink href="/users">All users</TextLink>} />
      <div className="flex flex-col gap-4">
        <AccessExplanation scopes={explained.scopes} denials={denials} />
        <GrantsCard subject={{ type: 'user', id: userId, name: explained.user.username }} grants={grants} options={options} canManage={can(access.actor, 'team.manage')} />
      </div>
    </>
  );
}
