// Pages check their permission through the same authorize() as actions and routes.
import 'server-only';
import { redirect } from 'next/navigation';
import { isAppError } from '@/lib/errors.ts';
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
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  }
}
