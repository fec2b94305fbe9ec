'use client';
// The inbound webhook of a service or a stack: make one (its URL is shown once, with a copy
// button), see when it was made and last used, regenerate its URL or delete it behind a
// confirmation. Shown to those who may redeploy what it belongs to.
import { Webhook } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { CopyButton } from '@/components/swarms/copy-button.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormError } from '@/components/ui/field.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { createServiceWebhookAction, createStackWebhookAction, deleteServiceWebhookAction, deleteStackWebhookAction } from '@/lib/actions/webhooks.ts';
import type { CreatedWebhook, WebhookView } from '@/lib/models/webhooks/webhooks.ts';

const SERVICE_BODY = '{"tag": "1.2.3"}';
const STACK_BODY = '{"variables": {"TAG": "1.2.3"}}';

export type WebhookOwner = { kind: 'service'; swarmId: string; serviceId: string } | { kind: 'stack'; swarmId: string; stackName: string };

function actionsOf(owner: WebhookOwner) {
  if (owner.kind === 'service') {
    const ref = { swarmId: owner.swarmId, serviceId: owner.serviceId };
    return { create: () => createServiceWebhookAction(ref), remove: () => deleteServiceWebhookAction(ref) };
  }
  const ref = { swarmId: owner.swarmId, stackName: owner.stackName };
  return { create: () => createStackWebhookAction(ref), remove: () => deleteStackWebhookAction(ref) };
}

function NewUrlDialog({ created, kind, onClose }: { created: CreatedWebhook; kind: WebhookOwner['kind']; onClose: () => void }) {
  const t = useTranslations('webhooks.created');
  const url = `${window.location.origin}${created.path}`;
  const example = `curl -X POST -H 'Content-Type: application/json' -d '${kind === 'service' ? SERVICE_BODY : STACK_BODY}' ${url}`;
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t('title', { name: created.name })} description={t('description')}>
      <div className="flex flex-col gap-3">
        <label className="text-sm font-medium" htmlFor="new-webhook-url">
          {t('label')}
        </label>
        <input id="new-webhook-url" readOnly value={url} className="w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <p className="text-xs text-muted">{kind === 'service' ? t('usageService') : t('usageStack')}</p>
        <pre className="overflow-x-auto rounded-md bg-surface-2 px-3 py-2 font-mono text-xs">{example}</pre>
        <div className="flex justify-end gap-2">
          <CopyButton value={url} label={t('copy')} what={t('what')} />
          <Button onClick={onClose}>{t('done')}</Button>
        </div>
      </div>
    </Dialog>
  );
}

export function WebhookCard({ owner, webhook }: { owner: WebhookOwner; webhook: WebhookView | null }) {
  const t = useTranslations('webhooks.card');
  const router = useRouter();
  const actions = actionsOf(owner);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [confirming, setConfirming] = useState<'regenerate' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    const result = await actions.create();
    setBusy(false);
    if (!result.ok) return result.error.message;
    setCreated(result.data);
    router.refresh();
    return null;
  };

  return (
    <Card title={t('title')} className="mt-6">
      <p className="mb-3 text-muted">{owner.kind === 'service' ? t('introService', { example: SERVICE_BODY }) : t('introStack', { example: STACK_BODY })}</p>
      {webhook ? (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm">
            {t('made', { who: webhook.createdByName ?? t('someone') })} <RelativeTime iso={webhook.createdAt} />
            {' · '}
            {webhook.lastUsedAt ? (
              <>
                {t('lastUsed')} <RelativeTime iso={webhook.lastUsedAt} /> {webhook.lastUsedIp && t('from', { ip: webhook.lastUsedIp })}
              </>
            ) : (
              t('neverUsed')
            )}
          </p>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setConfirming('regenerate')}>
              {t('regenerate')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming('delete')}>
              {t('delete')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="rounded-md border border-dashed border-border px-4 py-6 text-center text-sm">
          <Webhook className="mx-auto mb-2 size-5 text-muted" aria-hidden />
          <p className="font-medium">{t('empty')}</p>
          <p className="mt-1 text-muted">{owner.kind === 'service' ? t('emptyNextService') : t('emptyNextStack')}</p>
          <Button className="mt-3" busy={busy} onClick={async () => setError(await create())}>
            {t('create')}
          </Button>
          <FormError message={error} />
        </div>
      )}
      {created && <NewUrlDialog created={created} kind={owner.kind} onClose={() => setCreated(null)} />}
      {confirming === 'regenerate' && (
        <ConfirmDialog open onOpenChange={(open) => !open && setConfirming(null)} title={t('regenerateTitle')} description={t('regenerateDescription')} confirmLabel={t('regenerateConfirm')} onConfirm={create} />
      )}
      {confirming === 'delete' && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setConfirming(null)}
          title={t('deleteTitle')}
          description={t('deleteDescription')}
          confirmLabel={t('deleteConfirm')}
          danger
          onConfirm={async () => {
            const result = await actions.remove();
            if (!result.ok) return result.error.message;
            toast.success(t('deleted'));
            router.refresh();
            return null;
          }}
        />
      )}
    </Card>
  );
}
