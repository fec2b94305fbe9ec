'use client';
// The actions on one node, as a menu named after it ("Actions for lab-2"): role, availability,
// labels, removal, and leaving for registered hosts. Each is judged before it is sent.
import { useState } from 'react';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';
import { ActionsMenu, type MenuItem } from './actions-menu.tsx';
import { LabelsDialog } from './labels-dialog.tsx';
import { planNodeChange, type ChangePlan, type NodeAction } from './node-change.ts';
import { NodeChangeDialog } from './node-change-dialog.tsx';
import { useNodeCall } from './use-node-call.ts';

export function NodeActions({ swarmId, node, nodes, buttonText, onGone }: { swarmId: string; node: NodeView; nodes: NodeView[]; buttonText?: string; onGone?: () => void }) {
  const [plan, setPlan] = useState<ChangePlan | null>(null);
  const [labels, setLabels] = useState(false);
  const call = useNodeCall(swarmId, node.id);
  const ask = (action: NodeAction) => () => setPlan(planNodeChange(nodes, node, action));

  const items: MenuItem[] = [
    node.role === 'worker' ? { label: 'Promote to manager', onSelect: ask({ kind: 'promote' }) } : { label: 'Demote to worker', onSelect: ask({ kind: 'demote' }) },
    ...(['active', 'pause', 'drain'] as const)
      .filter((a) => a !== node.availability)
      .map((availability, i) => ({ label: { active: 'Set active', pause: 'Pause', drain: 'Drain' }[availability], onSelect: ask({ kind: 'availability', availability }), separatorBefore: i === 0 })),
    { label: 'Edit labels…', onSelect: () => setLabels(true), separatorBefore: true },
    ...(node.role === 'worker' ? [{ label: node.state === 'down' ? 'Remove node' : 'Remove node (force)', onSelect: ask({ kind: 'remove' }), danger: true, separatorBefore: true }] : []),
    ...(node.hostId ? [{ label: 'Leave swarm', onSelect: ask({ kind: 'leave' }), danger: true, separatorBefore: node.role !== 'worker' }] : []),
  ];

  return (
    <>
      <ActionsMenu label={`Actions for ${node.hostname}`} items={items} buttonText={buttonText} />
      {plan && (
        <NodeChangeDialog
          plan={plan}
          hostname={node.hostname}
          onClose={() => setPlan(null)}
          run={async (p, force) => {
            const error = await call(p, force);
            if (!error && (p.call.action === 'remove' || p.call.action === 'leave')) onGone?.();
            return error;
          }}
        />
      )}
      {labels && <LabelsDialog swarmId={swarmId} node={node} open={labels} onOpenChange={setLabels} />}
    </>
  );
}
