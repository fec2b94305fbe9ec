// The OpenAPI 3.1 document of /api/v1, generated from the endpoints' own zod schemas (the
// actions' input schemas and the answers' schemas in lib/schemas/api-responses.ts) with zod 4's
// toJSONSchema. Schemas that carry an id (`.meta({ id })`) become components.
import 'server-only';
import { z } from 'zod';
import { apiErrorSchema } from '@/lib/schemas/api-responses.ts';
import type { Endpoint } from './endpoint.ts';
import { PAGE_DEFAULT, PAGE_MAX } from './pagination.ts';
import { pathParams } from './route-match.ts';

type Json = Record<string, unknown>;

/** One schema as JSON Schema 2020-12, its named parts moved to `components` and referred to there. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json & { $defs?: Record<string, Json> };
  const { $defs = {}, $schema: _, ...root } = generated;
  const relink = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(relink)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : relink(v)]))
        : value;
  for (const [name, def] of Object.entries($defs)) components[name] = relink(def);
  return relink(root) as Json;
}

const ERRORS: Record<string, string> = {
  '400': 'The input failed its schema (`field` names the first field), or the path does not take this method.',
  '401': 'No API token, or one that is malformed, revoked, expired, or whose owner is disabled.',
  '403': 'The token (or its owner) may not do this here; the refusal is in the audit log.',
  '404': 'Nothing there (or nothing you may know of).',
  '409': 'It conflicts with what exists.',
  '412': 'The swarm or object is not in a state that allows it.',
  '502': 'The engine refused or did not answer.',
};

const queryOf = (endpoint: Endpoint) => (endpoint.method === 'GET' || endpoint.method === 'DELETE');

function operationOf(endpoint: Endpoint, components: Json): Json {
  const inPath = pathParams(endpoint.path);
  const shape = endpoint.input.shape as Record<string, z.ZodType>;
  const parameters: Json[] = inPath.map((name) => ({ name, in: 'path', required: true, schema: schemaOf(shape[name]!, 'input', components) }));
  const rest = Object.fromEntries(Object.entries(shape).filter(([name]) => !inPath.includes(name)));
  let requestBody: Json | undefined;
  if (queryOf(endpoint)) {
    for (const [name, field] of Object.entries(rest)) parameters.push({ name, in: 'query', required: !field.safeParse(undefined).success, schema: schemaOf(field, 'input', components) });
  } else {
    requestBody = { required: true, content: { 'application/json': { schema: schemaOf(endpoint.body ?? z.object(rest), 'input', components) } } };
  }
  if (endpoint.list) {
    parameters.push(
      { name: 'limit', in: 'query', required: false, description: `Items per page (default ${PAGE_DEFAULT}).`, schema: { type: 'integer', minimum: 1, maximum: PAGE_MAX } },
      { name: 'cursor', in: 'query', required: false, description: 'The `nextCursor` of the previous page.', schema: { type: 'string', pattern: '^\\d{1,18}$' } },
    );
  }
  const success = endpoint.list ? z.object({ items: z.array(endpoint.output), nextCursor: z.string().nullable() }) : endpoint.output;
  const errors = Object.fromEntries(Object.entries(ERRORS).map(([status, description]) => [status, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]));
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    tags: [endpoint.tag],
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: { [String(endpoint.status ?? 200)]: { description: endpoint.summary, content: { 'application/json': { schema: schemaOf(success, 'output', components) } } }, ...errors },
  };
}

/** The document for `endpoints`, served at /api/v1/openapi.json. */
export function openApiDocument(endpoints: readonly Endpoint[], version: string): Json {
  const components: Json = {};
  schemaOf(apiErrorSchema, 'output', components);
  const paths: Record<string, Json> = {};
  for (const endpoint of endpoints) (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operationOf(endpoint, components);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Wharf API',
      version,
      description: 'What the Wharf console does, for scripts and pipelines: the same doors, permissions, workload policy and audit log as the console. Authenticate with a personal API token from your Account page: `Authorization: Bearer wharf_pat_…`.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A Wharf API token (wharf_pat_…).' } } },
  };
}
