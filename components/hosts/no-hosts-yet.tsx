// What a page that lists hosts (or what runs on them) says before any host is registered; each
// page says what to do next in its own words.
import { Server } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state.tsx';

export function NoHostsYet({ action, children }: { action?: ReactNode; children: ReactNode }) {
  const t = useTranslations('hosts.noHosts');
  return (
    <EmptyState icon={<Server className="size-8" />} title={t('title')} action={action}>
      {children}
    </EmptyState>
  );
}
