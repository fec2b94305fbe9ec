// Schemas for personal API tokens, shared by the Account page's form and its actions.
import { z } from 'zod';
import { grantScopeSchema } from './access.ts';
import { issueText } from '@/lib/i18n/message.ts';

export const API_TOKEN_MAX_DAYS = 365;

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, issueText('apiTokens.errors.nameRequired'))
  .max(40, issueText('apiTokens.errors.nameLength'))
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, issueText('apiTokens.errors.nameChars'));

export const createApiTokenSchema = z.object({
  name: apiTokenNameSchema,
  expiresInDays: z.number().int(issueText('apiTokens.errors.daysWhole')).min(1, issueText('apiTokens.errors.daysMin')).max(API_TOKEN_MAX_DAYS, issueText('apiTokens.errors.daysMax', { max: API_TOKEN_MAX_DAYS })),
  /** A role on a scope that the token may not go beyond (no larger than the owner's); absent: the owner's rights. */
  narrow: z.object({ role: z.string().min(1, issueText('apiTokens.errors.chooseRole')).max(40), scope: grantScopeSchema }).optional(),
});
export const revokeApiTokenSchema = z.object({ tokenId: z.string().regex(/^[a-z0-9]{10,40}$/, issueText('apiTokens.errors.tokenId')) });

export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
