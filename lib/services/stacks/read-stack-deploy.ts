// A stack's deploy as its page shows it: the last one asked for, when it is still under way (its
// step said in the reader's language) or was interrupted (where, and to deploy again). A deploy
// that ended on its own says nothing here: its revision is in the stack's history.
import 'server-only';
import { localizeText } from '@/lib/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { stepSaying } from '@/lib/models/stacks/deploy-steps.ts';
import type { ServiceDeps } from '../deps.ts';

export type StackDeployView = { state: 'running' | 'interrupted'; step: string | null; text: string; revision: number | null } | null;

export async function readStackDeploy(deps: Pick<ServiceDeps, 'db'>, swarmId: string, stackName: string, locale: Locale = DEFAULT_LOCALE): Promise<StackDeployView> {
  const last = await deps.db.stackDeploy.findFirst({ where: { swarmId, stackName }, orderBy: { createdAt: 'desc' }, select: { status: true, step: true, message: true, revision: true } });
  if (!last) return null;
  if (last.status === 'queued' || last.status === 'running') return { state: 'running', step: last.step, text: renderMessage(stepSaying(last.step), locale), revision: last.revision };
  if (last.status === 'interrupted' && last.message) return { state: 'interrupted', step: last.step, text: localizeText(last.message, locale), revision: last.revision };
  return null;
}
