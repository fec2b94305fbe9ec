// Builds server actions that all pass the same door: Origin check, session, input validation,
// authorization (audited on denial), then the service. Expected errors reach the user as they
// are; unexpected ones are logged and shown generically.
import type { z } from 'zod';
import { AppError, toErrorPayload, type FieldErrors, type Result } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import type { Permission, Target } from '@/lib/auth/permissions.ts';
import { currentActor } from '@/lib/auth/next/current-actor.ts';
import { clientIp, originIsOurs } from '@/lib/auth/next/request-info.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { getRuntime, type WharfRuntime } from '@/lib/runtime/runtime.ts';

type Requirement = { permission: Permission; target?: Target };
/** What an action needs: one permission, or requirements computed from its input (all must hold). */
type Check<I> = Permission | ((input: I) => Requirement | Requirement[] | Promise<Requirement | Requirement[]>);

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', 'Some fields need attention.', { fieldErrors: fieldErrorsOf(parsed.error) });
  }
  return parsed.data;
}

async function settle<R>(work: () => Promise<R>): Promise<Result<R>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (!(error instanceof AppError)) console.error('[action] unexpected error', error);
    return { ok: false, error: toErrorPayload(error) };
  }
}

/** An action for signed-in users holding `check`'s permission. */
export function authedAction<S extends z.ZodType, R>(
  name: string,
  schema: S,
  check: Check<z.infer<S>>,
  run: (ctx: { actor: Actor; input: z.infer<S>; rt: WharfRuntime }) => Promise<R>,
): (raw: unknown) => Promise<Result<R>> {
  return (raw: unknown) =>
    settle(async () => {
      const rt = getRuntime();
      const actor = await currentActor();
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
      if (!(await originIsOurs())) {
        await recordAudit(rt.db, { subject: { id: actor.id, name: actor.username, ip: actor.ip }, action: name, result: 'denied', message: 'Request not from a Wharf page (Origin check)' });
        throw new AppError('FORBIDDEN', 'This request did not come from a Wharf page and was refused.');
      }
      const input = parseInput(schema, raw);
      const required = typeof check === 'function' ? await check(input) : { permission: check };
      for (const { permission, target } of Array.isArray(required) ? required : [required]) {
        await authorize(rt.db, actor, permission, target);
      }
      return run({ actor, input, rt });
    });
}

/** An action anyone may call (first-run setup). It still checks the Origin. */
export function publicAction<S extends z.ZodType, R>(
  schema: S,
  run: (ctx: { input: z.infer<S>; rt: WharfRuntime; ip: string | null }) => Promise<R>,
): (raw: unknown) => Promise<Result<R>> {
  return (raw: unknown) =>
    settle(async () => {
      if (!(await originIsOurs())) throw new AppError('FORBIDDEN', 'This request did not come from a Wharf page and was refused.');
      return run({ input: parseInput(schema, raw), rt: getRuntime(), ip: await clientIp() });
    });
}
