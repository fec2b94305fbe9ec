import { ApiTokensCard } from '@/components/account/api-tokens-card.tsx';
import { ChangePasswordForm } from '@/components/account/change-password-form.tsx';
import { Card } from '@/components/ui/card.tsx';
import { FactList } from '@/components/ui/facts.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { requireActor } from '@/lib/auth/next/current-actor.ts';
import { ROLES } from '@/lib/auth/permissions.ts';
import { directoryLabel, sourceName } from '@/lib/models/directory/directory-source.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { readOwnAccount } from '@/lib/services/users/read-own-account.ts';
import { scopeOptions } from '@/lib/services/access/grant-options.ts';
import { listApiTokens } from '@/lib/services/api-tokens/manage-api-tokens.ts';

export const metadata = { title: 'Your account' };

export default async function AccountPage() {
  const actor = await requireActor();
  const rt = getRuntime();
  const [account, tokens, options] = await Promise.all([readOwnAccount(rt, actor), listApiTokens(rt, actor), scopeOptions(rt, actor)]);
  return (
    <>
      <PageHeader title="Your account" description="Who you are signed in as, your password, and your API tokens." />
      <div className="flex flex-col gap-6">
        <Card title="Account">
          <FactList
            rows={[
              ['Username', account.username],
              ['Display name', account.displayName ?? '—'],
              ['Role', ROLES[actor.role].label],
              ['Signs in with', sourceName(account.source)],
              ['Teams', account.teams.length ? account.teams.join(', ') : 'None yet'],
            ]}
          />
        </Card>
        <Card title="Password">
          {account.source === 'local' ? (
            <ChangePasswordForm />
          ) : (
            <p className="text-muted">Your password is kept by {directoryLabel(account.source)}: change it there. Wharf never sees or stores it.</p>
          )}
        </Card>
        <ApiTokensCard tokens={tokens} options={options} />
      </div>
    </>
  );
}
