// Input shapes for ownership: the team a created object is made for, labels that may not claim an
// owner (only Wharf writes those), and an administrator's move of an object to another team.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { ownerLabelKeys } from '@/lib/models/access/containment.ts';
import { recordId } from './ids.ts';

/** The team chosen in a create form; absent or null: the user's only team, or none. */
export const ownerTeamSchema = recordId('a team id').nullable().optional();

/** Refuses labels that claim an owner: Wharf writes those itself. */
export const withoutOwnerLabels = <T extends z.ZodType<Record<string, string>>>(labels: T) =>
  labels.superRefine((l, ctx) => {
    const keys = ownerLabelKeys(l);
    if (keys.length) ctx.addIssue({ code: 'custom', message: issueText('access.errors.ownerLabel', { labels: keys.join(', ') }) });
  });

/** Where an administrator moves an object: another team, no team, and whether all who hold its scope see it. */
export const ownerChoiceSchema = z.object({ teamId: recordId('a team id').nullable(), everyone: z.boolean().default(false) });
