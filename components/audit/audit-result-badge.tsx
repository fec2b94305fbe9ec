// The outcome of an audited action as a coloured label.
import { Badge } from '@/components/ui/badge.tsx';
import type { AuditResult } from '@/lib/audit/record-audit.ts';

const looks: Record<AuditResult, { tone: 'ok' | 'danger' | 'warn' | 'neutral'; label: string }> = {
  succeeded: { tone: 'ok', label: 'Succeeded' },
  failed: { tone: 'danger', label: 'Failed' },
  denied: { tone: 'warn', label: 'Denied' },
  pending: { tone: 'neutral', label: 'Pending' },
};

export const auditResultLabel = (result: AuditResult): string => looks[result].label;

export function AuditResultBadge({ result }: { result: AuditResult }) {
  const { tone, label } = looks[result];
  return <Badge tone={tone}>{label}</Badge>;
}
