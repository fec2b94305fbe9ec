import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
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
import { sourceName } from '@/lib/models/directory/directory-source.ts';
import { readDirectorySettings } from '@/lib/services/directory/directory-config.ts';

// The directories' own names, the same in every language.
const OIDC = sourceName('oidc');
const LDAP = sourceName('ldap');

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('directory.page'))('title') };
}

export default async function DirectoryPage() {
  const t = await getTranslations('directory.page');
  const access = await pageAccess('user.manage');
  if (!access.ok) return <Forbidden message={access.message} />;
  const rt = getRuntime();
  const settings = await readDirectorySettings(rt);
  const origin = expectedOrigin(rt.config.publicUrl, (await headers()).get('host') ?? undefined) ?? '';
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="flex flex-col gap-6">
        <Card title={OIDC}>
          <OidcSettingsForm current={settings.oidc} redirectUri={`${origin}/api/auth/callback/oidc`} />
        </Card>
        <Card title={LDAP}>
          <LdapSettingsForm current={settings.ldap} />
        </Card>
        <Card title={t('groups')}>
          <GroupMappings mappings={settings.mappings} teams={settings.teams} />
        </Card>
        <Card title={t('requiring')}>
          <DirectoryRequirement required={settings.required} administrators={settings.administrators} />
        </Card>
      </div>
    </>
  );
}
