'use client';
// The button that reveals what is masked (environment values, a config's content) through the
// audited action the caller passes: busy while it runs, the refusal as a toast.
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import type { Result } from '@/lib/errors.ts';

export function RevealButton<T>({ label, reveal, onRevealed }: { label: string; reveal: () => Promise<Result<T>>; onRevealed: (data: T) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      busy={busy}
      onClick={async () => {
        setBusy(true);
        const result = await reveal().finally(() => setBusy(false));
        if (result.ok) onRevealed(result.data);
        else toast.error(result.error.message);
      }}
    >
      {label}
    </Button>
  );
}
