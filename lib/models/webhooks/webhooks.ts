// Inbound webhooks as the browser sees them (never the secret, which is shown once when made), and
// the pure rules a webhook call follows: the shape of its secret and the image a new tag gives.
export type WebhookKind = 'service' | 'stack';

export type WebhookView = {
  id: string;
  kind: WebhookKind;
  name: string;
  createdAt: string;
  createdByName: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
};

/** The webhook just made: its path (with the secret) is answered this once. */
export type CreatedWebhook = { id: string; name: string; path: string };

export const WEBHOOK_PREFIX = 'wharf_hook_';
const SECRET_SHAPE = /^wharf_hook_[A-Za-z0-9_-]{43}$/;

export const isWebhookSecretShape = (value: string): boolean => SECRET_SHAPE.test(value);
export const webhookPath = (secret: string): string => `/api/hooks/${secret}`;

/** An image tag as the engine accepts it. */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** `image` with its tag (and any digest) replaced by `tag`: `registry:5000/app:1@sha256:…` + `2` → `registry:5000/app:2`. */
export function imageWithTag(image: string, tag: string): string {
  const withoutDigest = image.replace(/@sha256:[a-f0-9]{64}$/, '');
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const repository = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  return `${repository}:${tag}`;
}
