// /etc/docker/daemon.json as Wharf changes it: its own keys (where dockerd listens, and TLS with
// client verification) merged in, every other key of the machine's owner kept as it was.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { AppError } from '@/lib/errors.ts';
import { ENGINE_TLS_PORT } from '../drivers/step-io.ts';

export const DAEMON_JSON_PATH = '/etc/docker/daemon.json';
/** Where Wharf puts the engine's certificates. */
export const WHARF_CERT_DIR = '/etc/docker/wharf';
export const ENGINE_CA_PATH = `${WHARF_CERT_DIR}/ca.pem`;
export const ENGINE_CERT_PATH = `${WHARF_CERT_DIR}/server-cert.pem`;
export const ENGINE_KEY_PATH = `${WHARF_CERT_DIR}/server-key.pem`;
export const LOCAL_SOCKET_HOST = 'unix:///var/run/docker.sock';

export type DaemonConfig = Record<string, unknown>;

/** The keys Wharf owns in daemon.json. */
export const WHARF_DAEMON_KEYS = ['hosts', 'tls', 'tlsverify', 'tlscacert', 'tlscert', 'tlskey'] as const;

/** Wharf's settings: the local socket (kept, for the machine's own docker CLI) and TLS with client certificates on the engine port. */
export function wharfDaemonSettings(port = ENGINE_TLS_PORT): DaemonConfig {
  return {
    hosts: [LOCAL_SOCKET_HOST, `tcp://0.0.0.0:${port}`],
    tls: true,
    tlsverify: true,
    tlscacert: ENGINE_CA_PATH,
    tlscert: ENGINE_CERT_PATH,
    tlskey: ENGINE_KEY_PATH,
  };
}

/** Reads daemon.json text: missing or blank is an empty config; anything that is not one JSON object is refused. */
export function parseDaemonJson(text: string | null, where = DAEMON_JSON_PATH): DaemonConfig {
  if (text === null) return {};
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new AppError(
      'PRECONDITION',
      msg('driverText.remote.daemonJsonInvalid', { where, detail: (error as Error).message.slice(0, 160) }),
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AppError('PRECONDITION', msg('driverText.remote.daemonJsonNotObject', { where }));
  }
  return parsed as DaemonConfig;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The machine's config with Wharf's keys set; `changed` names the keys whose value was different (or missing) before. */
export function mergeDaemonConfig(current: DaemonConfig, wharf: DaemonConfig = wharfDaemonSettings()): { config: DaemonConfig; changed: string[] } {
  const config: DaemonConfig = { ...current };
  const changed: string[] = [];
  for (const [key, value] of Object.entries(wharf)) {
    if (!same(current[key], value)) changed.push(key);
    config[key] = value;
  }
  return { config, changed };
}

/** The machine's config without Wharf's keys (those still holding Wharf's values; a key the owner changed since is left). */
export function removeWharfDaemonConfig(current: DaemonConfig, wharf: DaemonConfig = wharfDaemonSettings()): DaemonConfig {
  const config: DaemonConfig = { ...current };
  for (const [key, value] of Object.entries(wharf)) if (same(config[key], value)) delete config[key];
  return config;
}

/** True when the config already has all of Wharf's settings. */
export function hasWharfDaemonConfig(current: DaemonConfig, wharf: DaemonConfig = wharfDaemonSettings()): boolean {
  return Object.entries(wharf).every(([key, value]) => same(current[key], value));
}

export function formatDaemonJson(config: DaemonConfig): string {
  return JSON.stringify(config, null, 2) + '\n';
}
