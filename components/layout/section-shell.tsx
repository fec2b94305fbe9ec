// The frame of a tabbed area's pages (containers, services): the title row, then either the
// area's empty state (nothing to pick from yet), or the picker, the section tabs, and the page —
// or a notice in its place (the host or swarm asked for is unknown, or none is picked).
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui/page-header.tsx';

export function SectionShell({
  title,
  description,
  actions,
  empty,
  picker,
  tabs,
  notice,
  children,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
  /** Shown instead of everything below the title when there is nothing to pick from. */
  empty?: ReactNode;
  picker?: ReactNode;
  tabs?: ReactNode;
  /** Shown instead of the page. */
  notice?: ReactNode;
  children: ReactNode;
}) {
  if (empty) {
    return (
      <>
        <PageHeader title={title} description={description} />
        {empty}
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} description={description} actions={actions} />
      {picker && <div className="mb-4">{picker}</div>}
      {tabs}
      {notice || children}
    </>
  );
}
