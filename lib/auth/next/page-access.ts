// Pages check their permission through the same authorize() as actions and routes; a refusal is
// said in the reader's language.
import 'server-only';
import { redirect } from 'next/navigation';
import { isAppError, toErrorPayload } from '@/lib/errors.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import type { Actor } from '../actor.ts';
import { authorize } from '../authorize.ts';
import type { Permission, Target } from '../permissions.ts';
import { currentActor } from './current-actor.ts';

export type PageAccess = { ok: true; actor: Actor } | { ok: false; message: string };

export async function pageAccess(permission: Permission, target?: Target): Promise<PageAccess> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  try {
    await authorize(getRuntime().db, actor, permission, target);
    return { ok: true, actor };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: toErrorPayload(error, await requestLocale()).message };
    throw error;
  }
}
