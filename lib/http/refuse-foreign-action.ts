// Server-action POSTs whose Origin is not ours are refused before Next.js sees them, with an
// audit row naming who (if their session cookie is valid) and the Origin they came from.
import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseCookies } from 'cookie';
import type { Db } from '@/lib/db/client.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { resolveSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { expectedOrigin, originAllowed } from '@/lib/realtime/server/check-origin.ts';
import { log } from '@/lib/observability/logger.ts';

export function isForeignActionPost(req: IncomingMessage, publicUrl: string | undefined): boolean {
  return req.method === 'POST' && req.headers['next-action'] !== undefined && !originAllowed(req.headers.origin, expectedOrigin(publicUrl, req.headers.host));
}

export async function refuseForeignAction(req: IncomingMessage, res: ServerResponse, db: Db, clientIp: string | null): Promise<void> {
  res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('Refused: this request did not come from a Wharf page.');
  req.resume();
  const token = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
  const actor = await resolveSession(db, token, clientIp).catch(() => null);
  const origin = String(req.headers.origin ?? '(none)').slice(0, 200);
  await recordAudit(db, {
    subject: actor ? { id: actor.id, name: actor.username, ip: clientIp } : { id: null, name: '(no session)', ip: clientIp },
    action: 'action.origin-check',
    result: 'denied',
    message: `Server action POST from Origin ${origin}`,
  }).catch((error) => log('audit').error({ err: error }, 'could not record a refused Origin'));
}
