// What a page that lists hosts (or what runs on them) says before any host is registered; each
// page says what to do next in its own words.
import { Server } from 'lucide-react';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state.tsx';

export function NoHostsYet({ action, children }: { action?: ReactNode; children: ReactNode }) {
  return (
    <EmptyState icon={<Server className="size-8" />} title="No hosts yet" action={action}>
      {children}
    </EmptyState>
  );
}
