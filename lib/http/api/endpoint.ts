// One /api/v1 endpoint: its method and path, the zod schema of its input (the one its server action
// parses: path parameters plus the query, or plus the JSON body), what it needs (the action's
// requirements), the one service call it makes, and the schema of its answer. The door
// (api-door.ts) runs every endpoint the same way; the OpenAPI document is generated from the same
// definitions (openapi.ts).
import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor.ts';
import type { AccessSource } from '@/lib/auth/access-cache.ts';
import type { Requirement } from '@/lib/auth/permissions.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import type { ProvisionDeps } from '@/lib/services/hosts/provision/provision-deps.ts';
import type { ProvisionDrivers } from '@/lib/services/hosts/provision/provision-context.ts';
import type { PageQuery } from './pagination.ts';
import type { HttpMethod } from './route-match.ts';
import type { Locale } from '@/lib/i18n/locales.ts';

/** The console's service parts, with the machine drivers (a change of access rotates the CAs of CLI bundles' hosts) and the provisioning runner. */
export type ApiDeps = ServiceDeps & { drivers: ProvisionDrivers } & Pick<ProvisionDeps, 'provisioner' | 'dataDir'> & {
  /** Where token owners' grants come from (the runtime's cache); read uncached unless given. */
  access?: AccessSource;
};

type AnyObject = z.ZodObject<z.ZodRawShape>;

export type Endpoint = {
  method: HttpMethod;
  /** Under /api/v1, with `{param}` segments. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  input: AnyObject;
  /** The JSON body's own schema, when it is not an object of fields beside the path's (a union of
   * kinds, or a form shared with the console that keeps its refinements): `input` then holds the path
   * parameters, and the body's fields join them after both are parsed. */
  body?: z.ZodType<Record<string, unknown>>;
  /** What the caller must hold: the same requirements the action asks (none: any signed-in user, for reads that filter to what they may see). */
  check: (input: never, actor: Actor, deps: ApiDeps) => Requirement | Requirement[] | Promise<Requirement | Requirement[]>;
  /** `locale`: the caller's language, for text a service reads back from storage (said when read). */
  run: (ctx: { deps: ApiDeps; actor: Actor; input: never; page: PageQuery; locale: Locale }) => Promise<unknown>;
  /** The answer on success: for a list, the schema of one item (the door pages it). */
  output: z.ZodType;
  /** A list answered in pages (run returns every item), or paged by the service itself ('service'). */
  list?: 'door' | 'service';
  status?: 200 | 201;
};

/** Defines an endpoint with its input typed from its schema (and its body's, when it has one). */
export function endpoint<S extends AnyObject, B extends z.ZodType<Record<string, unknown>> = z.ZodObject<Record<never, z.ZodType>>>(def: Omit<Endpoint, 'input' | 'body' | 'check' | 'run'> & {
  input: S;
  body?: B;
  check: (input: z.infer<S> & z.infer<B>, actor: Actor, deps: ApiDeps) => Requirement | Requirement[] | Promise<Requirement | Requirement[]>;
  run: (ctx: { deps: ApiDeps; actor: Actor; input: z.infer<S> & z.infer<B>; page: PageQuery; locale: Locale }) => Promise<unknown>;
}): Endpoint {
  return def as unknown as Endpoint;
}
