'use client';
// How long the audit log keeps entries (administrators). Empty keeps every entry; older entries
// are removed from a recorded checkpoint, so the chain stays verifiable.
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { changeAuditRetentionAction } from '@/lib/actions/audit.ts';
import { AUDIT_RETENTION_MAX_DAYS } from '@/lib/schemas/audit.ts';

export function AuditRetentionForm({ days }: { days: number | null }) {
  const router = useRouter();
  const form = useActionForm({ fields: ['days'], report: 'toast' });
  return (
    <form
      aria-label="Audit log retention"
      noValidate
      className="flex flex-wrap items-start gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const raw = String(new FormData(event.currentTarget).get('days') ?? '').trim();
        const value = raw === '' ? null : Number(raw);
        const done = await form.submit(() => changeAuditRetentionAction({ days: value }));
        if (!done) return;
        const kept = done.data.days === null ? 'Every entry is kept.' : `Entries are kept for ${done.data.days} days.`;
        toast.success(done.data.removed ? `${kept} Removed ${done.data.removed} older entries.` : kept);
        router.refresh();
      }}
    >
      <TextField
        key={days ?? 'all'}
        label="Keep entries for (days)"
        name="days"
        type="number"
        inputMode="numeric"
        min={1}
        max={AUDIT_RETENTION_MAX_DAYS}
        step={1}
        defaultValue={days ?? ''}
        placeholder="Every entry"
        hint="Empty keeps every entry. Older entries are removed hourly; the chain stays verifiable from the cut."
        error={form.errors.days}
        className="w-64"
      />
      <Button type="submit" variant="secondary" busy={form.busy} className="mt-6.5">
        Save retention
      </Button>
    </form>
  );
}
