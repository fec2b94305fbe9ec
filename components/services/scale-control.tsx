'use client';
// Inline replica count for a replicated service: a number input and a Scale button. The result is
// a toast; a refusal is also shown next to the control. The swarm's views refresh at once.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ErrorText } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { scaleServiceAction } from '@/lib/actions/services.ts';
import { queryKeys } from '@/lib/queries/keys.ts';

export function ScaleControl({ swarmId, serviceId, serviceName, replicas, disabled }: { swarmId: string; serviceId: string; serviceName: string; replicas: number; disabled?: boolean }) {
  const t = useTranslations('services.scale');
  const id = useId();
  const queryClient = useQueryClient();
  // The live count shows until the user starts editing; then what they type.
  const [edited, setEdited] = useState<string | null>(null);
  const value = edited ?? String(replicas);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  return (
    <Form
      className="flex flex-col gap-1"
      onSubmit={async () => {
        const wanted = Number(value);
        if (value.trim() === '' || !Number.isInteger(wanted) || wanted < 0) {
          setError(t('wholeNumber'));
          return;
        }
        setBusy(true);
        setError(null);
        const result = await scaleServiceAction({ swarmId, serviceId, replicas: wanted }).finally(() => setBusy(false));
        if (!result.ok) {
          const message = result.error.fieldErrors?.replicas?.join(' ') ?? result.error.message;
          setError(message);
          toast.error(message);
          return;
        }
        toast.success(t('scaling', { service: serviceName, count: wanted }));
        setEdited(null);
        await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
      }}
    >
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          {t('label', { service: serviceName })}
        </label>
        <input
          id={id}
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={value}
          disabled={disabled || busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setEdited(e.target.value)}
          className="h-8 w-20 rounded-md border border-border bg-surface px-2 text-sm text-fg focus:border-accent focus:outline-none aria-[invalid=true]:border-danger"
        />
        <Button type="submit" size="sm" variant="secondary" busy={busy} disabled={disabled}>
          {t('submit')}
        </Button>
      </div>
      <ErrorText id={`${id}-error`} error={error} />
    </Form>
  );
}
