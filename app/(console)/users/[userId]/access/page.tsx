import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('access.explain'))('pageTitle') };
}

// Explain access: what the user may do where, and from which grant; their own grants; their recent refusals explained.
export default async function UserAccessPage({ params }: { params: Promise<{ userId: string }> }) {
  const t = await getTranslations('access.explain');
  const { userId } = await validParams(params, { userId: userIdSchema });
  const access = await pageAccessOn('user.view', { type: 'user', id: userId });
  if (!access.ok) return <Forbidden message={access.message} />;
  const rt = getRuntime();
  const [explained, grants, denials, options] = await Promise.all([foundOr404(explainUserAccess(rt, userId)), listUserGrants(rt, userId), explainUserDenials(rt, userId), grantOptions(rt, access.actor)]);
  return (
    <>
      <PageHeader title={t('title', { username: explained.user.username })} description={t('description')} actions={<TextLink href="/users">{t('allUsers')}</TextLink>} />
      <div className="flex flex-col gap-4">
        <AccessExplanation scopes={explained.scopes} denials={denials} />
        <GrantsCard subject={{ type: 'user', id: userId, name: explained.user.username }} grants={grants} options={options} canManage={can(access.actor, 'team.manage')} />
      </div>
    </>
  );
}
