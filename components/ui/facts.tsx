// Term/value lists. Fact/Facts: a grid of facts whose values are named by their terms, so
// assistive technology (and tests) can ask for "the value of Fault tolerance". FactList: a plain
// two-column list of rows, terms on the left.
import { useId, type ReactNode } from 'react';
import { cn } from '@/lib/ui/cn.ts';

export function Fact({ term, children, className }: { term: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <div className={cn('min-w-0', className)}>
      <dt id={id} className="text-xs text-muted">
        {term}
      </dt>
      <dd aria-labelledby={id} className="min-w-0 break-words">
        {children}
      </dd>
    </div>
  );
}

export function Facts({ children, className }: { children: ReactNode; className?: string }) {
  return <dl className={cn('grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3', className)}>{children}</dl>;
}

export function FactList({ rows, className }: { rows: [string, ReactNode][]; className?: string }) {
  return (
    <dl className={cn('grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2', className)}>
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted">{term}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
