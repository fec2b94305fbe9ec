'use client';
// The actions on one node, as a menu named after it ("Actions for lab-2"): role, availability,
// labels, removal, and leaving for registered hosts. Each is judged before it is sent.
//
// The dialogs the menu opens belong to NodeDialogs, placed above the live table (or the node's
// page): a refresh that re-renders, reorders or drops the node's row — or swaps the table for the
// no-quorum view — cannot close a dialog the user is reading, or one whose change is running.
import { useTranslations } from 'next-intl';
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';
import { ActionsMenu, type MenuItem } from './actions-menu.tsx';
import { LabelsDialog } from './labels-dialog.tsx';
import { planNodeChange, type ChangePlan, type NodeAction } from './node-change.ts';
import { NodeChangeDialog } from './node-change-dialog.tsx';
import { useNodeCall } from './use-node-call.ts';
import { useSay } from './use-say.ts';

/** The dialog open for a node: a planned change (judged when it was asked for), or its labels. */
type OpenDialog = { node: NodeView; plan: ChangePlan } | { node: NodeView; labels: true };

const OpenNodeDialog = createContext<((dialog: OpenDialog) => void) | null>(null);

export function NodeDialogs({ swarmId, onGone, children }: { swarmId: string; onGone?: () => void; children: ReactNode }) {
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const call = useNodeCall(swarmId);
  const close = () => setDialog(null);
  return (
    <OpenNodeDialog.Provider value={setDialog}>
      {children}
      {dialog && 'plan' in dialog && (
        <NodeChangeDialog
          plan={dialog.plan}
          hostname={dialog.node.hostname}
          onClose={close}
          run={async (plan, force) => {
            const error = await call(dialog.node.id, plan, force);
            if (!error && (plan.call.action === 'remove' || plan.call.action === 'leave')) onGone?.();
            return error;
          }}
        />
      )}
      {dialog && 'labels' in dialog && <LabelsDialog swarmId={swarmId} node={dialog.node} open onOpenChange={(open) => !open && close()} />}
    </OpenNodeDialog.Provider>
  );
}

/** The menu of one node; `nodes` is the whole swarm, which the quorum guard judges a change against. */
export function NodeActions({ node, nodes, buttonText }: { node: NodeView; nodes: NodeView[]; buttonText?: string }) {
  const t = useTranslations('swarms.actions');
  const words = useTranslations('swarms.change');
  const say = useSay();
  const open = useContext(OpenNodeDialog);
  if (!open) throw new Error('NodeActions is used inside NodeDialogs.');
  const ask = (action: NodeAction) => () => open({ node, plan: planNodeChange(nodes, node, action, words, say) });

  const items: MenuItem[] = [
    node.role === 'worker' ? { label: t('promote'), onSelect: ask({ kind: 'promote' }) } : { label: t('demote'), onSelect: ask({ kind: 'demote' }) },
    ...(['active', 'pause', 'drain'] as const)
      .filter((a) => a !== node.availability)
      .map((availability, i) => ({ label: t(`setAvailability.${availability}`), onSelect: ask({ kind: 'availability', availability }), separatorBefore: i === 0 })),
    { label: t('editLabels'), onSelect: () => open({ node, labels: true }), separatorBefore: true },
    ...(node.role === 'worker' ? [{ label: node.state === 'down' ? t('remove') : t('removeForce'), onSelect: ask({ kind: 'remove' }), danger: true, separatorBefore: true }] : []),
    ...(node.hostId ? [{ label: t('leave'), onSelect: ask({ kind: 'leave' }), danger: true, separatorBefore: node.role !== 'worker' }] : []),
  ];

  return <ActionsMenu label={t('menu', { node: node.hostname })} items={items} buttonText={buttonText} />;
}
