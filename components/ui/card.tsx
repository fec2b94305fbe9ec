// A bordered surface with an optional title row.
import type { ReactNode } from 'react';
import { cn } from '@/lib/ui/cn.ts';

export function Card({ title, actions, className, children, as: Tag = 'section' }: { title?: ReactNode; actions?: ReactNode; className?: string; children: ReactNode; as?: 'section' | 'article' | 'div' }) {
  return (
    <Tag className={cn('rounded-lg border border-border bg-surface', className)} aria-label={typeof title === 'string' ? title : undefined}>
      {(title || actions) && (
        <header className="flex items-center justify-between gap-3 border-b border-border px-4 py-3">
          {title && <h2 className="text-sm font-semibold">{title}</h2>}
          {actions}
        </header>
      )}
      <div className="p-4">{children}</div>
    </Tag>
  );
}
