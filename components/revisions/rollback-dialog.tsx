'use client';
// Going back to an earlier revision, for stacks and compose projects alike: a confirmation that
// runs the rollback, refreshes what the page shows, and says the outcome in a toast (or on the
// dialog, when it failed). The texts and what to run are the caller's.
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import type { Result } from '@/lib/errors.ts';

export type RollbackTexts = { title: string; description: string; confirm: string; busy: string; noAnswer: string };

export function RollbackDialog<T>({
  texts,
  rollback,
  refresh,
  done,
  onClose,
  children,
}: {
  texts: RollbackTexts;
  rollback: () => Promise<Result<T>>;
  refresh: QueryKey;
  done: (data: T) => string;
  onClose: () => void;
  children?: ReactNode;
}) {
  const queryClient = useQueryClient();
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={texts.title}
      description={texts.description}
      confirmLabel={texts.confirm}
      busyNote={texts.busy}
      onConfirm={async () => {
        const result = await rollback().catch(() => null);
        await queryClient.invalidateQueries({ queryKey: refresh });
        if (!result || !result.ok) {
          const message = result ? result.error.message : texts.noAnswer;
          toast.error(message);
          return message;
        }
        toast.success(done(result.data));
        return null;
      }}
    >
      {children}
    </ConfirmDialog>
  );
}
