// The console's configuration, read once from the environment and validated.
import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { parseCidr } from '@/lib/models/net/ip-address.ts';
import { DEFAULT_MAX_STREAMS_PER_USER } from '@/lib/realtime/server/open-streams.ts';
import { parseCliBundleDays } from '@/lib/models/hosts/cli-bundles.ts';
import { resolveSecretFiles } from './secret-files.ts';
import { serverActionsKey } from './actions-key.ts';
import { StartError } from './start-error.ts';

const port = z.coerce.number().int().min(1).max(65535);

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Where Wharf keeps its own Postgres, keys and secrets when not told otherwise. */
  WHARF_DATA_DIR: z.string().min(1).default('.data'),
  /** Use this Postgres instead of the embedded one. */
  DATABASE_URL: z.string().url().optional(),
  /** 32 random bytes, base64: the key that seals connection secrets. Generated into the data folder if absent. */
  WHARF_SECRET_KEY: z.string().optional(),
  /** Signs next-auth's CSRF tokens. Generated into the data folder if absent. */
  NEXTAUTH_SECRET: z.string().optional(),
  /** Next's server actions key (lib/config/actions-key.ts): the same on every replica that builds on its own. */
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z.string().optional(),
  /** The address users type in their browser, e.g. https://wharf.example.com. Sets the allowed Origin. */
  WHARF_PUBLIC_URL: z.string().url().optional(),
  /** Reverse proxies whose X-Forwarded-For is believed: addresses or ranges, comma-separated. */
  WHARF_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((entry) => entry.trim()).filter(Boolean))
    .refine((list) => list.every((entry) => parseCidr(entry)), 'list IP addresses or ranges, comma-separated (such as 127.0.0.1,10.0.0.0/24)'),
  WHARF_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** How many live streams (logs, terminals, stats, events) one user may have open at once, across all tabs. */
  WHARF_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_MAX_STREAMS_PER_USER),
  /** How long a docker CLI bundle's certificate lasts, in days (1 to 365; 30 when unset). */
  WHARF_CLI_BUNDLE_DAYS: z.string().optional(),
  /** Turns on /metrics (Prometheus) for scrapers that send `Authorization: Bearer <this token>`; unset: /metrics is off. */
  WHARF_METRICS_TOKEN: z.string().min(24, 'use at least 24 characters (for example `openssl rand -hex 24`)').optional(),
  /** The socket of this machine's engine, registered as "local" at first start; "off" to skip. */
  WHARF_LOCAL_ENGINE: z.string().default('/var/run/docker.sock'),
  /** Seconds between history samples of each host (lib/services/history); 10 when unset. Tests set it short. */
  WHARF_HISTORY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
});

export type WharfConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: string | undefined;
  /** NEXTAUTH_SECRET (or its file); generated into the data folder when absent. */
  authSecret: string | undefined;
  /** NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (or its file), checked; the build's own when absent. */
  actionsKey: string | undefined;
  publicUrl: string | undefined;
  /** Proxies whose X-Forwarded-For gives the client's address (lib/http/client-address.ts). */
  trustedProxies: string[];
  sessionHours: number;
  /** The bound on one user's live streams (lib/realtime/server/open-streams.ts). */
  maxStreamsPerUser: number;
  cliBundleDays: number;
  /** The bearer token /metrics asks for; null when /metrics is off. */
  metricsToken: string | null;
  localEngine: string | null;
  /** Seconds between history samples (WHARF_HISTORY_INTERVAL_SECONDS). */
  historyIntervalSeconds: number;
  dev: boolean;
};

/** Reads the configuration; each secret may instead come from the file `<NAME>_FILE` names (lib/config/secret-files.ts). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): WharfConfig {
  const parsed = envSchema.safeParse(resolveSecretFiles(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new StartError(`Wharf's configuration is not valid (${problems.join('; ')}); fix these environment variables and start again.`);
  }
  const e = parsed.data;
  const bundleDays = parseCliBundleDays(e.WHARF_CLI_BUNDLE_DAYS);
  // Already says what is wrong and what to do.
  if ('problem' in bundleDays) throw new StartError(bundleDays.problem);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.WHARF_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    secretKey: e.WHARF_SECRET_KEY,
    authSecret: e.NEXTAUTH_SECRET || undefined,
    actionsKey: serverActionsKey(e),
    publicUrl: e.WHARF_PUBLIC_URL?.replace(/\/$/, ''),
    trustedProxies: e.WHARF_TRUSTED_PROXIES,
    sessionHours: e.WHARF_SESSION_HOURS,
    maxStreamsPerUser: e.WHARF_MAX_STREAMS_PER_USER,
    cliBundleDays: bundleDays.days,
    metricsToken: e.WHARF_METRICS_TOKEN ?? null,
    localEngine: e.WHARF_LOCAL_ENGINE === 'off' ? null : e.WHARF_LOCAL_ENGINE,
    historyIntervalSeconds: e.WHARF_HISTORY_INTERVAL_SECONDS,
    dev: e.NODE_ENV === 'development',
  };
}
