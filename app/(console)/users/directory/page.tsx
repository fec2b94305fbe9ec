import { headers } from 'next/headers';
import { DirectoryRequirement } from '@/components/directory/directory-requirement.tsx';
import { GroupMappings } from '@/components/directory/group-mappings.tsx';
import { LdapSettingsForm } from '@/components/directory/ldap-settings-form.tsx';
import { OidcSettingsForm } from '@/components/directory/oidc-settings-form.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { expectedOrigin } from '@/lib/realtime/server/check-origin.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { readDirectorySettings } from '@/lib/services/directory/directory-config.ts';

export const metadata = { title: 'Directory sign-in' };

export default async function DirectoryPage() {
  const access = await pageAccess('user.manage');
  if (!access.ok) return <Forbidden message={access.message} />;
  const rt = getRuntime();
  const settings = await readDirectorySettings(rt);
  const origin = expectedOrigin(rt.config.publicUrl, (await headers()).get('host') ?? undefined) ?? '';
  return (
    <>
      <PageHeader title="Directory sign-in" description="Let people sign in with the accounts they already have, and put them in teams by their directory groups." />
      <div className="flex flex-col gap-6">
        <Card title="OpenID Connect">
          <OidcSettingsForm current={settings.oidc} redirectUri={`${origin}/api/auth/callback/oidc`} />
        </Card>
        <Card title="LDAP">
          <LdapSettingsForm current={settings.ldap} />
        </Card>
        <Card title="Groups and teams">
          <GroupMappings mappings={settings.mappings} teams={settings.teams} />
        </Card>
        <Card title="Requiring directory sign-in">
          <DirectoryRequirement required={settings.required} administrators={settings.administrators} />
        </Card>
      </div>
    </>
  );
}
