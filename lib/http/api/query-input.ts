// A GET or DELETE endpoint's input from its query string: each field the schema names, with
// "true"/"false" for a boolean field and a number for a number field, so the action's own schema
// judges it. Anything else stays text; fields the schema does not name are left out. Pure.
import 'server-only';
import type { z } from 'zod';

type Def = { type: string; innerType?: z.ZodType };

/** The type under optional/default/nullable wrappers. */
export function baseType(schema: z.ZodType): string {
  let def = (schema as unknown as { def: Def }).def;
  while (def.innerType && ['optional', 'default', 'nullable', 'prefault', 'readonly'].includes(def.type)) def = (def.innerType as unknown as { def: Def }).def;
  return def.type;
}

export function queryInput(schema: z.ZodObject<z.ZodRawShape>, query: URLSearchParams): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const value = query.get(key);
    if (value === null) continue;
    const type = baseType(field as z.ZodType);
    input[key] = type === 'boolean' ? (value === 'true' ? true : value === 'false' ? false : value) : type === 'number' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return input;
}
