// What the console's detail pages do before they render, in one place: the ids in the URL are
// checked (a malformed one is a 404 — nothing by that name can exist), and a read that does not
// find its record is the 404 page. Access stays in each page (pageAccess → <Forbidden>), since
// what it checks differs; a page about one host or swarm asks pageAccessOn, which also answers
// for the other things the page offers there. Server only.
import { notFound } from 'next/navigation';
import type { Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import type { Permission, Target } from '@/lib/auth/permissions.ts';
import { isAppError } from '@/lib/errors.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { onContainer, onProject, onService, onStack } from '@/lib/services/access/locate-target.ts';

type Check = RegExp | { safeParse: (value: unknown) => { success: boolean } };
const passes = (check: Check, value: unknown) => (check instanceof RegExp ? typeof value === 'string' && check.test(value) : check.safeParse(value).success);

/** The route's params once each passes its check (a schema or a pattern), or the 404 page. */
export async function validParams<P extends Record<string, string>>(params: Promise<P>, checks: { [K in keyof P]: Check } | Check): Promise<P> {
  const values = await params;
  const ok = 'safeParse' in checks || checks instanceof RegExp ? passes(checks as Check, values) : Object.entries(checks as Record<string, Check>).every(([key, check]) => passes(check, values[key]));
  if (!ok) notFound();
  return values;
}

/** The read's result, or the 404 page when it says NOT_FOUND. */
export function foundOr404<T>(read: Promise<T>): Promise<T> {
  return read.catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
}

export type TargetAccess = { ok: true; actor: Actor; can: (permission: Permission) => boolean } | { ok: false; message: string };

/** pageAccess to `permission` on one host or swarm, with `can` for the page's other permissions on the same one. */
export async function pageAccessOn(permission: Permission, target: Target): Promise<TargetAccess> {
  const access = await pageAccess(permission, target);
  return access.ok ? { ...access, can: (other) => can(access.actor, other, target) } : access;
}

/** The target a page about one container authorizes on, located as the doors locate it (a task
 * container is in its swarm and stack, so a stack grant reaches its page). */
export async function containerPageTarget(permission: Permission, ref: { hostId: string; containerId: string }): Promise<Target> {
  const actor = await currentActor();
  return (await onContainer(getRuntime(), actor ?? undefined, permission, ref)).target ?? { type: 'host', id: ref.hostId };
}

/** The target a page about one service authorizes on (its swarm, or its stack). */
export async function servicePageTarget(permissions: Permission[], ref: { swarmId: string; serviceId: string }): Promise<Target> {
  const actor = await currentActor();
  return (await onService(getRuntime(), actor ?? undefined, permissions, ref))[0]?.target ?? { type: 'swarm', id: ref.swarmId };
}

/** The target a page about one stack authorizes on (its swarm and stack, with its owner). */
export async function stackPageTarget(permission: Permission, ref: { swarmId: string; stackName: string }): Promise<Target> {
  const actor = await currentActor();
  return (await onStack(getRuntime(), actor ?? undefined, permission, ref)).target ?? { type: 'swarm', id: ref.swarmId, stack: ref.stackName };
}

/** The target a page about one Compose project authorizes on (its host and name, with its owner). */
export async function projectPageTarget(permission: Permission, ref: { hostId: string; name: string }): Promise<Target> {
  const actor = await currentActor();
  return (await onProject(getRuntime(), actor ?? undefined, permission, ref)).target ?? { type: 'host', id: ref.hostId, project: ref.name };
}

/** A registered host's name, or the 404 page. */
export async function hostNameOr404(hostId: string): Promise<string> {
  const host = await getRuntime().db.host.findUnique({ where: { id: hostId }, select: { name: true } });
  if (!host) notFound();
  return host.name;
}

/** A container as the logs and terminal pages take it: an id or a name (the socket checks it again). */
export const CONTAINER_REF = /^[A-Za-z0-9_.-]{1,128}$/;
