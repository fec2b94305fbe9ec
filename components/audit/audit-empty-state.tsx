// What the audit page says when no entry matches: what Wharf records, and how to widen the search.
import { ScrollText } from 'lucide-react';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state.tsx';

export function AuditEmptyState({ filtered, paged }: { filtered: boolean; paged: boolean }) {
  const title = filtered ? 'No entries match these filters' : paged ? 'No older entries' : 'The audit log is empty';
  return (
    <EmptyState
      icon={<ScrollText className="size-8" />}
      title={title}
      action={
        // Past the last page without filters, the pager below already links back to the newest entries.
        filtered ? (
          <Link href="/audit" className="text-accent underline">
            Show all entries
          </Link>
        ) : undefined
      }
    >
      <p>
        Wharf records every sign-in attempt and sign-out, every change to hosts and users (with whether it succeeded or failed), and every
        request that was refused for lack of permission — with who made it and from which IP address.
      </p>
    </EmptyState>
  );
}
