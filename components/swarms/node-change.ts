// What a node action would do, judged before it is sent: the verdict of the quorum guard, the
// words for the confirmation, and the call to make. Pure, apart from the action it returns.
import type { useTranslations } from 'next-intl';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { judgeNodeChange, type ChangeVerdict } from '@/lib/models/swarms/quorum.ts';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';
import { toGuardNode } from './format.ts';

export type NodeAction =
  | { kind: 'promote' }
  | { kind: 'demote' }
  | { kind: 'availability'; availability: 'active' | 'pause' | 'drain' }
  | { kind: 'remove' }
  | { kind: 'leave' };

export type NodeCall =
  | { action: 'update'; change: { kind: 'role'; role: 'worker' | 'manager' } | { kind: 'availability'; availability: 'active' | 'pause' | 'drain' } }
  | { action: 'remove' }
  | { action: 'leave'; hostId: string };

export type ChangePlan = {
  title: string;
  /** What happens, in a sentence. */
  consequence: string;
  confirmLabel: string;
  /** Said on success. */
  done: string;
  verdict: ChangeVerdict;
  call: NodeCall;
};

/** Wharf removes the node of a host that left (the guard speaks of a bare "docker swarm leave"). */
const withoutStaysListed = (verdict: ChangeVerdict): ChangeVerdict => ({ ...verdict, warnings: verdict.warnings.filter((w) => w.key !== 'swarms.quorumGuard.staysListed') });

/** The words of the confirmations, in the page's language (useTranslations('swarms.change')). */
export type ChangeWords = ReturnType<typeof useTranslations<'swarms.change'>>;

export function planNodeChange(nodes: NodeView[], node: NodeView, action: NodeAction, t: ChangeWords, say: (message: Message) => string): ChangePlan {
  const guard = nodes.map(toGuardNode);
  const n = { node: node.hostname };
  switch (action.kind) {
    case 'promote':
      return {
        title: t('promote.title', n),
        consequence: t('promote.consequence', n),
        confirmLabel: t('promote.confirm', n),
        done: t('promote.done', n),
        verdict: judgeNodeChange(guard, { kind: 'promote', nodeId: node.id }),
        call: { action: 'update', change: { kind: 'role', role: 'manager' } },
      };
    case 'demote':
      return {
        title: t('demote.title', n),
        consequence: t('demote.consequence', n),
        confirmLabel: t('demote.confirm', n),
        done: t('demote.done', n),
        verdict: judgeNodeChange(guard, { kind: 'demote', nodeId: node.id }),
        call: { action: 'update', change: { kind: 'role', role: 'worker' } },
      };
    case 'availability': {
      const a = action.availability;
      return {
        title: t(`availability.${a}.title`, n),
        consequence: t(`availability.${a}.consequence`, n),
        confirmLabel: t(`availability.${a}.confirm`, n),
        done: t(`availability.${a}.done`, n),
        verdict: judgeNodeChange(guard, { kind: 'availability', nodeId: node.id, availability: action.availability }),
        call: { action: 'update', change: { kind: 'availability', availability: action.availability } },
      };
    }
    case 'remove':
      return {
        title: t('remove.title', n),
        consequence: t('remove.consequence', n),
        confirmLabel: t('remove.confirm', n),
        done: t('remove.done', n),
        verdict: judgeNodeChange(guard, { kind: 'remove', nodeId: node.id }),
        call: { action: 'remove' },
      };
    case 'leave': {
      const base = { title: t('leave.title', n), confirmLabel: t('leave.confirm', n), done: t('leave.done', n), call: { action: 'leave' as const, hostId: node.hostId ?? '' } };
      if (!node.hostId) {
        const verdict = judgeNodeChange(guard, { kind: 'leave', nodeId: node.id });
        return { ...base, consequence: '', verdict: { ...verdict, allowed: false, reason: msg('swarms.change.leave.notRegistered', n) } };
      }
      if (node.role === 'manager') {
        // The server demotes a manager first when the swarm can spare it, and needs force only when it cannot.
        const demotion = judgeNodeChange(guard, { kind: 'demote', nodeId: node.id });
        if (demotion.allowed) {
          return { ...base, consequence: t('leave.demoteFirst', n), verdict: demotion };
        }
        const leave = judgeNodeChange(guard, { kind: 'leave', nodeId: node.id });
        return {
          ...base,
          confirmLabel: t('leave.confirmForce', n),
          consequence: t('leave.byForce', { reason: demotion.reason ? say(demotion.reason) : '' }),
          verdict: { ...leave, allowed: true, needsForce: true, reason: leave.reason ?? demotion.reason },
        };
      }
      return {
        ...base,
        consequence: t('leave.worker', n),
        verdict: withoutStaysListed(judgeNodeChange(guard, { kind: 'leave', nodeId: node.id })),
      };
    }
  }
}
