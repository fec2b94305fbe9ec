// What a workload policy's rules and the Policies page's actions accept. Saved rules are parsed by
// this schema on the way in and again when read back, so the judge never sees a rule it does not know.
import { z } from 'zod';
import { ALLOWABLE_NETWORKS, capabilityName, HOST_NAMESPACES, normaliseHostPath, type HostNamespace, type PolicyRules } from '@/lib/models/policies/policy-rules.ts';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';
import { hostIdSchema, recordId, swarmIdSchema } from './ids.ts';

const hostPath = z
  .string()
  .trim()
  .min(1, 'Give a path.')
  .max(1024)
  .refine((p) => p.startsWith('/'), 'Give an absolute path on the host (starting with /).')
  .refine((p) => !hasControlCharacter(p), 'No control characters.')
  .transform(normaliseHostPath);

const capability = z
  .string()
  .max(64)
  .transform(capabilityName)
  .refine((c) => /^[A-Z][A-Z_]*$/.test(c), 'A capability is a name like NET_ADMIN (CAP_ may be left out).');

/** registry/repository with * (within a segment), ** (across) and ? — no tag, no digest. */
const imagePattern = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((p) => /^[a-z0-9*?][a-z0-9._/:*?-]*$/i.test(p) && !p.includes('@'), 'An image pattern is a registry and repository like docker.io/library/* or registry.example.com/team/** (no tag or digest).');

const labelKey = z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'A label key is letters, digits, ., _, / and -.');
const driverName = z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._/:-]*$/, 'Not a volume driver name.');

const unique = <T>(items: T[], key: (t: T) => string = String) => items.filter((x, i) => items.findIndex((y) => key(y) === key(x)) === i);

export const policyRulesSchema = z.object({
  binds: z.array(z.object({ path: hostPath, readOnly: z.boolean() })).max(50, 'At most 50 bind paths.').transform((b) => unique(b, (x) => `${x.path}|${x.readOnly}`)),
  engineSocket: z.boolean(),
  privileged: z.boolean(),
  capabilities: z.array(capability).max(64).transform((c) => unique(c)),
  unconfined: z.boolean(),
  hostNamespaces: z.object(Object.fromEntries(HOST_NAMESPACES.map((ns) => [ns, z.boolean()])) as Record<HostNamespace, z.ZodBoolean>),
  sharedNamespaces: z.boolean(),
  devices: z.boolean(),
  sysctls: z.boolean(),
  cgroupParent: z.boolean(),
  volumeDrivers: z.array(z.object({ name: driverName, options: z.enum(['tmpfs', 'any']) })).max(20).transform((d) => unique(d, (x) => x.name)),
  networks: z.array(z.enum(ALLOWABLE_NETWORKS)).transform((n) => unique(n)),
  images: z.array(imagePattern).max(50, 'At most 50 image patterns.').transform((i) => unique(i)),
  limits: z.object({
    required: z.boolean(),
    maxMemoryMb: z.number().int('Give whole megabytes.').min(6, 'At least 6 MB.').max(1024 * 1024).nullable(),
    maxCpus: z.number().positive('Give a positive number of CPUs.').max(256).nullable(),
  }),
  labels: z.array(labelKey).max(32).transform((l) => unique(l)),
}) satisfies z.ZodType<PolicyRules, unknown>;

const policyName = z.string().trim().min(1, 'Give the policy a name.').max(60, 'At most 60 characters.').regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'Letters, digits, spaces, ., _ and -; starting with a letter or digit.');
export const policyIdSchema = recordId('a policy id');

export const createPolicySchema = z.object({ name: policyName, description: z.string().trim().max(500).nullable().default(null) });
export const savePolicySchema = z.object({ policyId: policyIdSchema, rules: policyRulesSchema, basedOn: z.number().int().min(1) });
export const policyRefSchema = z.object({ policyId: policyIdSchema });

export const policyScopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('global') }),
  z.object({ type: z.literal('host'), id: hostIdSchema }),
  z.object({ type: z.literal('swarm'), id: swarmIdSchema }),
]);
export type PolicyScope = z.infer<typeof policyScopeSchema>;

/** policyId null detaches: the scope falls back to the global attachment, or the default policy. */
export const attachPolicySchema = z.object({ scope: policyScopeSchema, policyId: policyIdSchema.nullable() });
export const checkComposeSchema = z.object({ policyId: policyIdSchema.nullable(), composeText: z.string().min(1, 'Paste a compose file.').max(512 * 1024, 'At most 512 KiB.') });
