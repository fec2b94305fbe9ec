// The console's configuration, read once from the environment and validated.
import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { parseCliBundleDays } from '@/lib/models/hosts/cli-bundles.ts';
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
  /** The address users type in their browser, e.g. https://wharf.example.com. Sets the allowed Origin. */
  WHARF_PUBLIC_URL: z.string().url().optional(),
  WHARF_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** How long a docker CLI bundle's certificate lasts, in days (1 to 365; 30 when unset). */
  WHARF_CLI_BUNDLE_DAYS: z.string().optional(),
  /** The socket of this machine's engine, registered as "local" at first start; "off" to skip. */
  WHARF_LOCAL_ENGINE: z.string().default('/var/run/docker.sock'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
});

export type WharfConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: string | undefined;
  publicUrl: string | undefined;
  sessionHours: number;
  cliBundleDays: number;
  localEngine: string | null;
  dev: boolean;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): WharfConfig {
  const parsed = envSchema.safeParse(env);
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
    publicUrl: e.WHARF_PUBLIC_URL?.replace(/\/$/, ''),
    sessionHours: e.WHARF_SESSION_HOURS,
    cliBundleDays: bundleDays.days,
    localEngine: e.WHARF_LOCAL_ENGINE === 'off' ? null : e.WHARF_LOCAL_ENGINE,
    dev: e.NODE_ENV === 'development',
  };
}
