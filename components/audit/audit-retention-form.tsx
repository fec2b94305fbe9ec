'use client';
// How long the audit log keeps entries (administrators). Empty keeps every entry; older entries
// are removed from a recorded checkpoint, so the chain stays verifiable.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/ui/field.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { changeAuditRetentionAction } from '@/lib/actions/audit.ts';
import { AUDIT_RETENTION_MAX_DAYS } from '@/lib/schemas/audit.ts';

export function AuditRetentionForm({ days }: { days: number | null }) {
  const t = useTranslations('audit.retentionForm');
  const router = useRouter();
  const form = useActionForm({ fields: ['days'], report: 'toast' });
  return (
    <form
      aria-label={t('label')}
      noValidate
      className="flex flex-wrap items-start gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const raw = String(new FormData(event.currentTarget).get('days') ?? '').trim();
        const value = raw === '' ? null : Number(raw);
        const done = await form.submit(() => changeAuditRetentionAction({ days: value }));
        if (!done) return;
        const kept = done.data.days === null ? t('keptAll') : t('kept', { days: done.data.days });
        toast.success(done.data.removed ? t('removed', { kept, removed: done.data.removed }) : kept);
        router.refresh();
      }}
    >
      <TextField
        key={days ?? 'all'}
        label={t('field')}
        name="days"
        type="number"
        inputMode="numeric"
        min={1}
        max={AUDIT_RETENTION_MAX_DAYS}
        step={1}
        defaultValue={days ?? ''}
        placeholder={t('placeholder')}
        hint={t('hint')}
        error={form.errors.days}
        className="w-64"
      />
      <Button type="submit" variant="secondary" busy={form.busy} className="mt-6.5">
        {t('save')}
      </Button>
    </form>
  );
}
