// The outcome of an audited action as a coloured label.
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge.tsx';
import type { AuditResult } from '@/lib/audit/record-audit.ts';

const tones: Record<AuditResult, 'ok' | 'danger' | 'warn' | 'neutral'> = { succeeded: 'ok', failed: 'danger', denied: 'warn', pending: 'neutral' };

/** An outcome in the page's language ("Succeeded", "Denied"…). */
export function useAuditResultLabel(): (result: AuditResult) => string {
  const t = useTranslations('audit');
  return (result) => t(`result.${result}`);
}

export function AuditResultBadge({ result }: { result: AuditResult }) {
  const label = useAuditResultLabel();
  return <Badge tone={tones[result]}>{label(result)}</Badge>;
}
