// Warnings as a labelled list, one bordered line each: hosts or nodes that did not answer, what a
// guard warns about before a change.
import { AlertTriangle } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/lib/ui/cn.ts';

export function WarningList({ label, items, icon = false }: { label: string; items: { key: string; text: ReactNode }[]; icon?: boolean }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label={label} className={cn('flex flex-col', icon ? 'gap-2' : 'gap-1')}>
      {items.map((item) => (
        <li key={item.key} className="flex items-start gap-2 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn">
          {icon && <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />}
          <span>{item.text}</span>
        </li>
      ))}
    </ul>
  );
}

/** "name: what went wrong", for a host or node that could not be read. */
export const unreadItem = (key: string, name: string, error: ReactNode) => ({
  key,
  text: (
    <>
      <strong>{name}:</strong> {error}
    </>
  ),
});
