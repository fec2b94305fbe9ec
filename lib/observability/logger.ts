// The console's log: pino, one logger per process (held on globalThis, like the runtime, so the
// code Next.js bundles apart from server.ts writes to the same one). Every line carries the id of
// the request it was written for (request-context.ts). JSON lines, or human-readable ones on a
// terminal and in development; WHARF_LOG_FORMAT (json | pretty) decides when set, WHARF_LOG_LEVEL
// sets the level. Values under the keys in REDACTED_KEYS never reach the output.
import 'server-only';
import { pino, stdSerializers, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { currentRequestId } from './request-context.ts';

export type { Logger } from 'pino';
export type LogFormat = 'json' | 'pretty';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Keys whose values are secrets: replaced by "[redacted]" wherever they appear, up to three levels deep. */
export const REDACTED_KEYS = [
  'password', 'passphrase', 'secret', 'token', 'authorization', 'cookie', 'privateKey', 'secretKey', 'apiKey',
  'clientSecret', 'bindPassword', 'authSecret', 'setupToken', 'databaseUrl', 'DATABASE_URL', 'sealed', 'registryAuth',
  'x-registry-auth', 'set-cookie', 'tlsKey', 'passwordHash', 'tokenHash',
] as const;

export const REDACTED = '[redacted]';

const pathOf = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

/** pino's redaction paths for REDACTED_KEYS: the key itself, and under any one or two levels. */
export function redactionPaths(keys: readonly string[] = REDACTED_KEYS): string[] {
  return keys.flatMap((key) => [pathOf(key).replace(/^\./, ''), `*${pathOf(key)}`, `*.*${pathOf(key)}`]);
}

/** JSON unless told otherwise, or unless a person reads the output (a terminal, or development). */
export function logFormat(options: { setting?: string; tty: boolean; dev: boolean }): LogFormat {
  const setting = options.setting?.trim().toLowerCase();
  if (setting === 'json' || setting === 'pretty') return setting;
  return options.tty || options.dev ? 'pretty' : 'json';
}

export function logLevel(setting: string | undefined): LogLevel {
  const level = setting?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(level ?? '') ? (level as LogLevel) : 'info';
}

export type LoggerOptions = { format: LogFormat; level?: LogLevel; destination?: DestinationStream; colorize?: boolean };

export function createLogger(options: LoggerOptions): Logger {
  const settings = {
    level: options.level ?? 'info',
    base: { service: 'wharf' },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: stdSerializers.err, error: stdSerializers.err },
    redact: { paths: redactionPaths(), censor: REDACTED },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  if (options.format === 'json') return options.destination ? pino(settings, options.destination) : pino(settings);
  const stream = pretty({ sync: true, colorize: options.colorize ?? false, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss.l', destination: options.destination ?? 1 });
  return pino(settings, stream);
}

/** The logger the environment asks for (WHARF_LOG_FORMAT, WHARF_LOG_LEVEL, a terminal on stdout). */
export function loggerFromEnvironment(env: NodeJS.ProcessEnv = process.env): Logger {
  const tty = Boolean(process.stdout.isTTY);
  return createLogger({ format: logFormat({ setting: env.WHARF_LOG_FORMAT, tty, dev: env.NODE_ENV === 'development' }), level: logLevel(env.WHARF_LOG_LEVEL), colorize: tty });
}

const HANDLE = Symbol.for('wharf.logger');
type Holder = { [HANDLE]?: Logger };

/** Makes `logger` the process's log (the console does this at start). */
export function installLogger(logger: Logger | undefined): void {
  (globalThis as Holder)[HANDLE] = logger;
}

/** The process's log, made from the environment on first use when none was installed. */
export function rootLogger(): Logger {
  const holder = globalThis as Holder;
  holder[HANDLE] ??= loggerFromEnvironment();
  return holder[HANDLE];
}

/** A component's log ("door", "gateway", "audit", "sockets", …): every line says which. */
export function log(component: string): Logger {
  return rootLogger().child({ component });
}
