// RFC 5424 messages for the audit log, framed for TCP by octet counting (RFC 6587 §3.4.1): the
// message's length in bytes, a space, the message. One message per entry; the entry's fields are
// SD-PARAMs of one SD-ELEMENT (absent when null), so a receiver can check the chain from them. Pure.
//
//   <PRI>1 TIMESTAMP HOSTNAME wharf - MSGID [wharf@32473 number="…" previousHash="…" hash="…" …] BOM sentence
//
// PRI: facility 13 (log audit) × 8 + severity (notice for succeeded, warning for failed or denied,
// informational for pending). 32473 is the private enterprise number RFC 5612 reserves for
// documentation; receivers match the SD-ID as a whole.
import 'server-only';
import { describeRecord, type ForwardRecord } from './forward-record.ts';

export const SYSLOG_SD_ID = 'wharf@32473';
export const SYSLOG_APP_NAME = 'wharf';
const FACILITY_LOG_AUDIT = 13;
const BOM = '\uFEFF';

/** SD-PARAM values escape `"`, `\` and `]` with a backslash (RFC 5424 §6.3.3); nothing else. */
export function escapeSdParamValue(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`);
}

/** A header field: printable US-ASCII without spaces, at most `max` characters, `-` when empty. */
export function headerToken(value: string | null | undefined, max: number): string {
  const token = (value ?? '').replace(/[^\x21-\x7e]/g, '_').slice(0, max);
  return token === '' ? '-' : token;
}

export function severityOf(result: string): number {
  if (result === 'failed' || result === 'denied') return 4;
  if (result === 'pending') return 6;
  return 5;
}

/** The SD-PARAMs, in this order; null fields are left out. */
const PARAMS = [
  'number',
  'previousHash',
  'hash',
  'chain',
  'atMs',
  'actorId',
  'actorName',
  'ip',
  'action',
  'targetType',
  'targetId',
  'targetName',
  'result',
  'message',
  'settles',
] as const satisfies readonly (keyof ForwardRecord)[];

export function formatSyslogMessage(record: ForwardRecord, options: { hostname: string; msgId?: string; text?: string }): string {
  const pri = FACILITY_LOG_AUDIT * 8 + severityOf(record.result);
  const params = PARAMS.filter((name) => record[name] !== null).map((name) => `${name}="${escapeSdParamValue(String(record[name]))}"`);
  const header = [`<${pri}>1`, record.at, headerToken(options.hostname, 255), SYSLOG_APP_NAME, '-', headerToken(options.msgId ?? record.action, 32)].join(' ');
  return `${header} [${SYSLOG_SD_ID} ${params.join(' ')}] ${BOM}${options.text ?? describeRecord(record)}`;
}

/** Octet-counting framing: `<bytes> <message>`. */
export function octetFrame(message: string): string {
  return `${Buffer.byteLength(message, 'utf8')} ${message}`;
}
