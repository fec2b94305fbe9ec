// The console's log (lib/observability/logger.ts) captured in memory for a test: JSON lines at
// `level`, installed as the process's log until `restore()`.
import { Writable } from 'node:stream';
import { createLogger, installLogger, rootLogger, type Logger, type LogLevel } from '@/lib/observability/logger.ts';

export type LogLine = Record<string, unknown> & { level: string; msg: string; component?: string; requestId?: string };

export type CapturedLog = { logger: Logger; text(): string; lines(): LogLine[]; restore(): void };

export function captureLog(level: LogLevel = 'debug'): CapturedLog {
  const before = rootLogger();
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ format: 'json', level, destination });
  installLogger(logger);
  const text = () => chunks.join('');
  return {
    logger,
    text,
    lines: () => text().split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine),
    restore: () => installLogger(before),
  };
}
