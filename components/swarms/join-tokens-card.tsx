'use client';
// Join tokens, for those who may hold swarm secrets: hidden until revealed (each reveal is
// audited), then copyable with the ready "docker swarm join" command; rotation is confirmed first.
import { Eye, EyeOff, RefreshCw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { FormError, TextField } from '@/components/ui/field.tsx';
import { FormActions } from '@/components/ui/form.tsx';
import { revealJoinTokensAction, rotateJoinTokenAction } from '@/lib/actions/swarms.ts';
import { maskToken } from '@/lib/models/swarms/join-command.ts';
import type { JoinTokens } from '@/lib/services/swarms/swarm-secrets.ts';
import { CopyButton } from './copy-button.tsx';

type Kind = 'worker' | 'manager';
const HIDDEN = 'SWMTKN-1-••••••••••••••••••••••••••••••••';

function TokenRow({ kind, tokens, shown }: { kind: Kind; tokens: JoinTokens | null; shown: boolean }) {
  const t = useTranslations('swarms.tokens');
  const token = tokens?.[kind] ?? '';
  const command = tokens?.[kind === 'worker' ? 'workerCommand' : 'managerCommand'] ?? null;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-end gap-2">
        <TextField label={t(`token.${kind}`)} value={!tokens ? HIDDEN : shown ? token : maskToken(token)} readOnly className="flex-1 font-mono" />
        {tokens && shown && <CopyButton value={token} label={t(`copyToken.${kind}`)} what={t(`tokenWhat.${kind}`)} />}
      </div>
      {tokens && shown && command && (
        <div className="flex items-end gap-2">
          <TextField label={t(`command.${kind}`)} value={command} readOnly className="flex-1 font-mono" hint={t(`commandHint.${kind}`)} />
          <CopyButton value={command} label={t(`copyCommand.${kind}`)} what={t(`commandWhat.${kind}`)} />
        </div>
      )}
    </div>
  );
}

export function JoinTokensCard({ swarmId }: { swarmId: string }) {
  const t = useTranslations('swarms.tokens');
  const [tokens, setTokens] = useState<JoinTokens | null>(null);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [rotating, setRotating] = useState<Kind | null>(null);
  const [rotateBusy, setRotateBusy] = useState(false);
  const [rotateError, setRotateError] = useState<string | null>(null);

  const reveal = async () => {
    setBusy(true);
    const result = await revealJoinTokensAction({ swarmId });
    setBusy(false);
    if (!result.ok) return void toast.error(result.error.message);
    setTokens(result.data);
    setShown(true);
  };

  const rotate = async (kind: Kind) => {
    setRotateBusy(true);
    setRotateError(null);
    const result = await rotateJoinTokenAction({ swarmId, kind });
    setRotateBusy(false);
    if (!result.ok) {
      setRotateError(result.error.message);
      toast.error(result.error.message);
      return;
    }
    // What was shown is the old token now: reveal again to read the new one.
    setTokens(null);
    setShown(false);
    setRotating(null);
    toast.success(t(`rotated.${kind}`));
  };

  return (
    <Card
      title={t('title')}
      actions={
        <div className="flex gap-2">
          {tokens && shown ? (
            <Button size="sm" variant="secondary" onClick={() => setShown(false)}>
              <EyeOff className="size-3.5" aria-hidden /> {t('hide')}
            </Button>
          ) : (
            <Button size="sm" variant="secondary" busy={busy} onClick={tokens ? () => setShown(true) : reveal}>
              <Eye className="size-3.5" aria-hidden /> {t('reveal')}
            </Button>
          )}
          <Button size="sm" variant="secondary" onClick={() => setRotating('worker')}>
            <RefreshCw className="size-3.5" aria-hidden /> {t('rotateConfirm.worker')}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setRotating('manager')}>
            <RefreshCw className="size-3.5" aria-hidden /> {t('rotateConfirm.manager')}
          </Button>
        </div>
      }
    >
      <div className="flex flex-col gap-4">
        <p className="text-xs text-muted">
          {t('warning')}
        </p>
        <TokenRow kind="worker" tokens={tokens} shown={shown} />
        <TokenRow kind="manager" tokens={tokens} shown={shown} />
        {tokens && shown && !tokens.managerAddr && <p className="text-xs text-warn">{t('noLeader')}</p>}
      </div>
      <Dialog
        open={rotating !== null}
        onOpenChange={(open) => {
          if (!open && !rotateBusy) {
            setRotating(null);
            setRotateError(null);
          }
        }}
        title={t(`rotateTitle.${rotating ?? 'worker'}`)}
        description={t(`rotateDescription.${rotating ?? 'worker'}`)}
      >
        <div className="flex flex-col gap-4">
          <FormError message={rotateError} />
          <FormActions label={t(`rotateConfirm.${rotating ?? 'worker'}`)} danger busy={rotateBusy} onCancel={() => setRotating(null)} onConfirm={() => rotating && rotate(rotating)} />
        </div>
      </Dialog>
    </Card>
  );
}
