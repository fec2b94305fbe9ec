import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ComposeCheckForm } from '@/components/policies/compose-check.tsx';
import { DeletePolicyButton } from '@/components/policies/delete-policy-button.tsx';
import { RulesForm } from '@/components/policies/rules-form.tsx';
import { RulesSummary } from '@/components/policies/rules-summary.tsx';
import { VersionHistory } from '@/components/policies/version-history.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { DEFAULT_RULES } from '@/lib/models/policies/policy-rules.ts';
import { RECORD_ID } from '@/lib/schemas/ids.ts';
import { isAppError } from '@/lib/errors.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { readPolicy } from '@/lib/services/policy/manage-policies.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('access.policies.detail'))('pageTitle') };
}

export default async function PolicyPage({ params }: { params: Promise<{ policyId: string }> }) {
  const t = await getTranslations('access.policies.detail');
  const tPage = await getTranslations('access.policies.page');
  const access = await pageAccess('policy.view');
  if (!access.ok) return <Forbidden message={access.message} />;
  const { policyId } = await params;
  const back = <TextLink href="/policies">{t('allPolicies')}</TextLink>;
  if (policyId === 'default') {
    return (
      <>
        <PageHeader title={t('defaultTitle')} description={t('defaultDescription')} actions={back} />
        <Card title={t('rules')}>
          <RulesSummary rules={DEFAULT_RULES} />
        </Card>
      </>
    );
  }
  if (!RECORD_ID.test(policyId)) notFound();
  const policy = await readPolicy(getRuntime(), policyId).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const canManage = can(access.actor, 'policy.manage');
  return (
    <>
      <PageHeader
        title={t('title', { name: policy.name })}
        description={[t('saved', { version: policy.version, by: policy.updatedBy }), policy.attachedTo.length ? t('attached', { names: policy.attachedTo.map((s) => s.name).join(', ') }) : t('notAttached'), policy.description].filter(Boolean).join(' ')}
        actions={
          <>
            {back}
            {canManage && <DeletePolicyButton policyId={policy.id} name={policy.name} attachedTo={policy.attachedTo.map((s) => s.name)} />}
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <Card title={canManage ? t('rulesVersion', { version: policy.version }) : t('rules')}>
          {canManage ? <RulesForm key={policy.version} policyId={policy.id} version={policy.version} rules={policy.rules} /> : <RulesSummary rules={policy.rules} />}
        </Card>
        <Card title={t('history')}>
          <VersionHistory versions={policy.versions} />
        </Card>
        <Card title={tPage('check')}>
          <ComposeCheckForm policies={[{ id: policy.id, name: policy.name }]} initialPolicyId={policy.id} />
        </Card>
      </div>
    </>
  );
}
