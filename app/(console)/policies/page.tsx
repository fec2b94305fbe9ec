import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AttachmentsTable } from '@/components/policies/attachments-table.tsx';
import { ComposeCheckForm } from '@/components/policies/compose-check.tsx';
import { NewPolicyButton } from '@/components/policies/new-policy-button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { Table, Td, Tr } from '@/components/ui/table.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { attachmentTargets, listPolicies } from '@/lib/services/policy/manage-policies.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('access.policies.page'))('title') };
}

export default async function PoliciesPage() {
  const t = await getTranslations('access.policies.page');
  const access = await pageAccess('policy.view');
  if (!access.ok) return <Forbidden message={access.message} />;
  const canManage = can(access.actor, 'policy.manage');
  const rt = getRuntime();
  const [policies, targets] = await Promise.all([listPolicies(rt), attachmentTargets(rt)]);
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={canManage ? <NewPolicyButton /> : undefined}
      />
      <div className="flex flex-col gap-6">
        <Table caption={t('caption')} columns={[{ label: t('name') }, { label: t('version') }, { label: t('attachedTo') }, { label: t('lastSavedBy') }]}>
          <Tr>
            <Td className="text-sm font-medium">
              <TextLink href="/policies/default">{t('default')}</TextLink>
            </Td>
            <Td className="text-sm">{t('builtIn')}</Td>
            <Td className="text-sm text-muted">{t('wherever')}</Td>
            <Td className="text-sm text-muted">Wharf</Td>
          </Tr>
          {policies.map((p) => (
            <Tr key={p.id}>
              <Td className="text-sm font-medium">
                <TextLink href={`/policies/${p.id}`}>{p.name}</TextLink>
                {p.description && <p className="text-xs text-muted">{p.description}</p>}
              </Td>
              <Td className="text-sm">{p.version}</Td>
              <Td className="text-sm">{p.attachedTo.length ? p.attachedTo.map((s) => s.name).join(', ') : <span className="text-muted">{t('nowhere')}</span>}</Td>
              <Td className="text-sm">{p.updatedBy}</Td>
            </Tr>
          ))}
        </Table>
        <Card title={t('whereApply')}>
          <AttachmentsTable targets={targets} policies={policies} canManage={canManage} />
        </Card>
        <Card title={t('check')}>
          <ComposeCheckForm policies={policies} />
        </Card>
      </div>
    </>
  );
}
