import { ChangePasswordForm } from '@/components/account/change-password-form.tsx';
import { Card } from '@/components/ui/card.tsx';
import { FactList } from '@/components/ui/facts.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { requireActor } from '@/lib/auth/next/current-actor.ts';
import { ROLES } from '@/lib/auth/permissions.ts';
import { directoryLabel, sourceName } from '@/lib/models/directory/directory-source.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { readOwnAccount } from '@/lib/services/users/read-own-account.ts';

export const metadata = { title: 'Your account' };

export default async function AccountPage() {
  const actor = await requireActor();
  const account = await readOwnAccount(getRuntime(), actor);
  return (
    <>
      <PageHeader title="Your account" description="Who you are signed in as, and your password." />
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
      </div>
    </>
  );
}
