// A policy's rules in words, for those who may read but not change them (and for the default policy).
import { useTranslations } from 'next-intl';
import { describeRules, type PolicyRules } from '@/lib/models/policies/policy-rules.ts';

export function RulesSummary({ rules }: { rules: PolicyRules }) {
  const t = useTranslations('access.policies.summary');
  return (
    <dl aria-label={t('label')} className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {describeRules(rules).map((r) => (
        <div key={r.key} className="contents">
          <dt className="font-medium">{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
