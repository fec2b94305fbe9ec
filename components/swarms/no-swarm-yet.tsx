// What a page of things that live on a swarm (stacks, services) says before there is any swarm;
// each page says what to do next in its own words.
import { Network } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state.tsx';

export function NoSwarmYet({ action, children }: { action?: ReactNode; children: ReactNode }) {
  const t = useTranslations('swarms.noSwarmYet');
  return (
    <EmptyState icon={<Network className="size-8" />} title={t('title')} action={action}>
      {children}
    </EmptyState>
  );
}
