import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiTokensCard } from '@/components/account/api-tokens-card.tsx';
import { ChangePasswordForm } from '@/components/account/change-password-form.tsx';
import { Card } from '@/components/ui/card.tsx';
import { FactList } from '@/components/ui/facts.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { requireActor } from '@/lib/auth/next/current-actor.ts';
import { sourceName } from '@/lib/models/directory/directory-source.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { readOwnAccount } from '@/lib/services/users/read-own-account.ts';
import { scopeOptions } from '@/lib/services/access/grant-options.ts';
import { listApiTokens } from '@/lib/services/api-tokens/manage-api-tokens.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account.page'))('title') };
}

export default async function AccountPage() {
  const t = await getTranslations('account.page');
  const tRoles = await getTranslations('permissions');
  const actor = await requireActor();
  const rt = getRuntime();
  const [account, tokens, options] = await Promise.all([readOwnAccount(rt, actor), listApiTokens(rt, actor), scopeOptions(rt, actor)]);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="flex flex-col gap-6">
        <Card title={t('account')}>
          <FactList
            rows={[
              [t('username'), account.username],
              [t('displayName'), account.displayName ?? '—'],
              [t('role'), tRoles(`roles.${actor.role}.label`)],
              [t('signsInWith'), sourceName(account.source)],
              [t('teams'), account.teams.length ? account.teams.join(', ') : t('noTeams')],
            ]}
          />
        </Card>
        <Card title={t('password')}>
          {account.source === 'local' ? (
            <ChangePasswordForm />
          ) : (
            <p className="text-muted">{t('keptElsewhere', { source: account.source })}</p>
          )}
        </Card>
        <ApiTokensCard tokens={tokens} options={options} />
      </div>
    </>
  );
}
