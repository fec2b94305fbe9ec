'use client';
// Join tokens, for those who may hold swarm secrets: hidden until revealed (each reveal is
// audited), then copyable with the ready "docker swarm join" command; rotation is confirmed first.
import { Eye, EyeOff, RefreshCw } from 'lucide-react';
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
  const title = kind === 'worker' ? 'Worker' : 'Manager';
  const token = tokens?.[kind] ?? '';
  const command = tokens?.[kind === 'worker' ? 'workerCommand' : 'managerCommand'] ?? null;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-end gap-2">
        <TextField label={`${title} token`} value={!tokens ? HIDDEN : shown ? token : maskToken(token)} readOnly className="flex-1 font-mono" />
        {tokens && shown && <CopyButton value={token} label={`Copy ${kind} token`} what={`${kind} token`} />}
      </div>
      {tokens && shown && command && (
        <div className="flex items-end gap-2">
          <TextField label={`${title} join command`} value={command} readOnly className="flex-1 font-mono" hint={`Run it on a machine that should join as a ${kind}.`} />
          <CopyButton value={command} label={`Copy ${kind} join command`} what={`${kind} join command`} />
        </div>
      )}
    </div>
  );
}

export function JoinTokensCard({ swarmId }: { swarmId: string }) {
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
    toast.success(`The ${kind} token was rotated. Reveal the tokens again to see the new one.`);
  };

  return (
    <Card
      title="Join tokens"
      actions={
        <div className="flex gap-2">
          {tokens && shown ? (
            <Button size="sm" variant="secondary" onClick={() => setShown(false)}>
              <EyeOff className="size-3.5" aria-hidden /> Hide tokens
            </Button>
          ) : (
            <Button size="sm" variant="secondary" busy={busy} onClick={tokens ? () => setShown(true) : reveal}>
              <Eye className="size-3.5" aria-hidden /> Reveal tokens
            </Button>
          )}
          <Button size="sm" variant="secondary" onClick={() => setRotating('worker')}>
            <RefreshCw className="size-3.5" aria-hidden /> Rotate worker token
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setRotating('manager')}>
            <RefreshCw className="size-3.5" aria-hidden /> Rotate manager token
          </Button>
        </div>
      }
    >
      <div className="flex flex-col gap-4">
        <p className="text-xs text-muted">
          Anyone with a token can join a machine to this swarm: a manager token gives control of the whole cluster. Revealing them is recorded in the audit log.
        </p>
        <TokenRow kind="worker" tokens={tokens} shown={shown} />
        <TokenRow kind="manager" tokens={tokens} shown={shown} />
        {tokens && shown && !tokens.managerAddr && <p className="text-xs text-warn">No leader is known right now, so there is no join command to copy: try again in a few seconds.</p>}
      </div>
      <Dialog
        open={rotating !== null}
        onOpenChange={(open) => {
          if (!open && !rotateBusy) {
            setRotating(null);
            setRotateError(null);
          }
        }}
        title={`Rotate the ${rotating ?? ''} token?`}
        description={`The current ${rotating ?? ''} token stops working for new joins at once; nodes that already joined are not affected. Machines you are about to join need the new token.`}
      >
        <div className="flex flex-col gap-4">
          <FormError message={rotateError} />
          <FormActions label={`Rotate ${rotating} token`} danger busy={rotateBusy} onCancel={() => setRotating(null)} onConfirm={() => rotating && rotate(rotating)} />
        </div>
      </Dialog>
    </Card>
  );
}
