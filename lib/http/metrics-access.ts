// Who may read /metrics: nobody when no token is configured (the endpoint is off), otherwise a
// request carrying `Authorization: Bearer <token>`. Compared in constant time.
import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'off' | 'denied' | 'allowed';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function metricsAccess(authorization: string | undefined, token: string | null): MetricsAccess {
  if (!token) return 'off';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return 'denied';
  return timingSafeEqual(digest(match[1]!), digest(token)) ? 'allowed' : 'denied';
}
