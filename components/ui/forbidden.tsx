// Shown in place of a page the user may not see.
import { ShieldX } from 'lucide-react';
import { EmptyState } from './empty-state.tsx';

export function Forbidden({ message }: { message: string }) {
  return (
    <EmptyState icon={<ShieldX className="size-8" />} title="Not allowed">
      {message} Ask an administrator if you need access.
    </EmptyState>
  );
}
