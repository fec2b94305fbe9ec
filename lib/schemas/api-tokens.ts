// Schemas for personal API tokens, shared by the Account page's form and its actions.
import { z } from 'zod';
import { grantScopeSchema } from './access.ts';
import { recordId } from './ids.ts';

export const API_TOKEN_MAX_DAYS = 365;

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the token a name (what will use it, e.g. "ci-deploy").')
  .max(40, 'At most 40 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, dots, - and _; start with a letter or digit.');

export const createApiTokenSchema = z.object({
  name: apiTokenNameSchema,
  expiresInDays: z.number().int('Whole days.').min(1, 'At least one day.').max(API_TOKEN_MAX_DAYS, `At most ${API_TOKEN_MAX_DAYS} days.`),
  /** A role on a scope that the token may not go beyond (no larger than the owner's); absent: the owner's rights. */
  narrow: z.object({ role: z.string().min(1, 'Choose a role.').max(40), scope: grantScopeSchema }).optional(),
});
export const revokeApiTokenSchema = z.object({ tokenId: recordId('a token id') });

export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
