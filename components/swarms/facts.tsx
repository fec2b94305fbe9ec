// Term/value lists whose values are named by their terms, so assistive technology (and tests)
// can ask for "the value of Fault tolerance".
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
