// Input shapes for stacks that follow a git repository: where the repository is (an http(s) URL
// without credentials in it, a token in its own field, sealed; or an SSH address with a deploy key,
// sealed, and the server's host key fingerprint, lib/models/stacks/git-url.ts), which branch or tag,
// the compose file's path in the repository, and how the stack follows it.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { parseGitAddress } from '@/lib/models/stacks/git-url.ts';
import { stackNameSchema, stackRefSchema } from './stacks.ts';
import { swarmIdSchema } from './swarms.ts';
import { ownerTeamSchema } from './ownership.ts';

/** Seconds between checks: from one minute to a day. */
export const POLL_MIN = 60;
export const POLL_MAX = 86_400;

const urlSchema = z
  .string()
  .trim()
  .min(1, issueText('gitStacks.errors.urlRequired'))
  .max(2000)
  .refine((raw) => parseGitAddress(raw) !== null, issueText('gitStacks.errors.urlRule'));

/** A host key fingerprint as `ssh-keygen -l -E sha256` prints it; "" trusts the key the first connection shows. */
const hostKeySchema = z
  .string()
  .trim()
  .max(100)
  .refine((v) => v === '' || /^SHA256:[A-Za-z0-9+/]{43}$/.test(v), issueText('gitStacks.errors.hostKeyRule'));

/** A pasted private key (PEM or OpenSSH), or the sealed key of generateDeployKey: for SSH addresses. */
const sshKeySchema = z.string().max(16_384);

/** A branch or tag name as git allows it (check-ref-format's main rules); never an option or a path climb. */
const refSchema = z
  .string()
  .trim()
  .min(1, issueText('gitStacks.errors.refRequired'))
  .max(200)
  .refine((ref) => /^[A-Za-z0-9._/-]+$/.test(ref) && !ref.startsWith('-') && !ref.startsWith('/') && !ref.endsWith('/') && !ref.endsWith('.lock') && !ref.includes('..') && !ref.includes('//'), issueText('gitStacks.errors.refRule'));

const pathSchema = z.string().trim().min(1, issueText('gitStacks.errors.pathRequired')).max(500);

export const gitSettingsSchema = z.object({
  url: urlSchema,
  ref: refSchema,
  composePath: pathSchema,
  pollSeconds: z.number().int().min(POLL_MIN, issueText('gitStacks.errors.pollRule')).max(POLL_MAX, issueText('gitStacks.errors.pollRule')).default(300),
  autoApply: z.boolean().default(false),
});

export const createGitStackSchema = gitSettingsSchema.extend({
  swarmId: swarmIdSchema,
  stackName: stackNameSchema,
  token: z.string().max(4096).optional(),
  /** SSH: a pasted deploy key, or `generatedKey` (what generateDeployKey answered); and the host key to require (absent or "": first use) */
  sshKey: sshKeySchema.optional(),
  generatedKey: sshKeySchema.optional(),
  hostKey: hostKeySchema.optional(),
  /** the team the stack is made for (lib/services/access/owner-for-create.ts) */
  teamId: ownerTeamSchema,
});
export type CreateGitStackInput = z.infer<typeof createGitStackSchema>;

/** `token`, `sshKey`: absent keeps the sealed one, "" removes it, anything else replaces it (`generatedKey` too).
 * `hostKey`: absent keeps the pinned one, "" trusts the key the next connection shows, a fingerprint requires it. */
export const updateGitSourceSchema = stackRefSchema.extend(gitSettingsSchema.shape).extend({
  token: z.string().max(4096).optional(),
  sshKey: sshKeySchema.optional(),
  generatedKey: sshKeySchema.optional(),
  hostKey: hostKeySchema.optional(),
  paused: z.boolean(),
});
export type UpdateGitSourceInput = z.infer<typeof updateGitSourceSchema>;

export const pauseGitSourceSchema = stackRefSchema.extend({ paused: z.boolean() });
export const applyGitStackSchema = stackRefSchema.extend({ commit: z.string().regex(/^[0-9a-f]{40}$/) });
export { stackRefSchema as gitStackRefSchema };

/** A deploy key is asked for on the swarm the stack is (or will be) on: stack.deploy there. */
export const deployKeyRequestSchema = z.object({ swarmId: swarmIdSchema });
