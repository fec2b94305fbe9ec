// Builds server actions that all pass the same door: Origin check, session, input validation,
// authorization (audited on denial), then the service. Expected errors reach the user as they
// are, in their language; unexpected ones are logged and shown generically.
import 'server-only';
import type { z } from 'zod';
import { AppError, settle, type Result } from '@/lib/errors.ts';
import { parseInput } from '@/lib/schemas/parse-input.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorizeAll } from '@/lib/auth/authorize.ts';
import type { Permission, Requirement } from '@/lib/auth/permissions.ts';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { clientIp, originIsOurs, requestHost } from '@/lib/auth/next/request-info.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { getRuntime, type WharfRuntime } from '@/lib/runtime/runtime.ts';
import { msg } from '@/lib/i18n/message.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { atDoor, logUnexpected } from '@/lib/observability/door-log.ts';
import { headers } from 'next/headers';

/** Passes an action's work through the log (lib/observability/door-log.ts) and settles it as a Result. */
function settleAction<R>(name: string, work: () => Promise<R>): Promise<Result<R>> {
  return atDoor(
    { door: 'action', name, incomingId: async () => (await headers()).get('x-request-id'), outcome: (result: Result<R>) => (result.ok ? {} : { code: result.error.code }) },
    () => settle('action', work, requestLocale, (error) => logUnexpected('action', name, error)),
  );
}

/** What an action needs: one permission, or requirements computed from its input (all must hold). */
type Check<I> = Permission | ((input: I, actor: Actor) => Requirement | Requirement[] | Promise<Requirement | Requirement[]>);

/** The signed-in actor of a request from one of our pages; a foreign Origin is refused and audited. */
async function signedInFromOurPage(name: string): Promise<{ rt: WharfRuntime; actor: Actor }> {
  const rt = getRuntime();
  const actor = await currentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', msg('errors.sessionEnded'));
  if (!(await originIsOurs())) {
    await recordAudit(rt.db, { subject: { id: actor.id, name: actor.username, ip: actor.ip }, action: name, result: 'denied', message: 'Request not from a Wharf page (Origin check)' });
    throw new AppError('FORBIDDEN', msg('errors.foreignOrigin'));
  }
  return { rt, actor };
}

/** An action for signed-in users holding `check`'s permission. */
export function authedAction<S extends z.ZodType, R>(
  name: string,
  schema: S,
  check: Check<z.infer<S>>,
  run: (ctx: { actor: Actor; input: z.infer<S>; rt: WharfRuntime }) => Promise<R>,
): (raw: unknown) => Promise<Result<R>> {
  return (raw: unknown) =>
    settleAction(name, async () => {
      const { rt, actor } = await signedInFromOurPage(name);
      const input = parseInput(schema, raw);
      await authorizeAll(rt.db, actor, typeof check === 'function' ? await check(input, actor) : { permission: check });
      return run({ actor, input, rt });
    });
}

/**
 * An action on the caller's own account (their password): signed in, Origin checked, input
 * parsed, and no permission asked, because the service acts only on `actor.id`, from the session,
 * never on an id the input names. Any signed-in user may do this, whatever their grants (a user
 * with the base role 'none' included).
 */
export function ownAccountAction<S extends z.ZodType, R>(
  name: string,
  schema: S,
  run: (ctx: { actor: Actor; input: z.infer<S>; rt: WharfRuntime; ip: string | null }) => Promise<R>,
): (raw: unknown) => Promise<Result<R>> {
  return (raw: unknown) =>
    settleAction(name, async () => {
      const { rt, actor } = await signedInFromOurPage(name);
      return run({ actor, input: parseInput(schema, raw), rt, ip: await clientIp() });
    });
}

/** An action anyone may call (first-run setup). It still checks the Origin; the service is told
 * the client's address and the Host the request was addressed to. */
export function publicAction<S extends z.ZodType, R>(
  schema: S,
  run: (ctx: { input: z.infer<S>; rt: WharfRuntime; ip: string | null; host: string | null }) => Promise<R>,
): (raw: unknown) => Promise<Result<R>> {
  return (raw: unknown) =>
    settleAction('public', async () => {
      if (!(await originIsOurs())) throw new AppError('FORBIDDEN', msg('errors.foreignOrigin'));
      return run({ input: parseInput(schema, raw), rt: getRuntime(), ip: await clientIp(), host: await requestHost() });
    });
}
