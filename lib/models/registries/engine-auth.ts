// A stored registry's credentials in the form Docker Engine takes them (the JSON behind the
// X-Registry-Auth header): user name, password or token, and the server address the engine keys
// them by. Pure.
import { DOCKER_HUB_ADDRESS, type RegistryKind } from './registry-kinds.ts';

export type EngineAuth = { username: string; password: string; serveraddress: string };

/** The address Docker keys Docker Hub's credentials by (what `docker login` writes). */
export const DOCKER_HUB_AUTH_ADDRESS = 'https://index.docker.io/v1/';

/**
 * The engine's credentials for a registry, or null when it has none to give: anonymous access (no
 * user name or no secret), and ECR, whose key pair is not a password (its authorization token is
 * not fetched for pulls yet).
 */
export function engineAuthOf(row: { kind: string; address: string; username: string | null }, secret: string | null): EngineAuth | null {
  if (!row.username || !secret) return null;
  const kind = row.kind as RegistryKind;
  if (kind === 'ecr') return null;
  return { username: row.username, password: secret, serveraddress: kind === 'dockerhub' || row.address === DOCKER_HUB_ADDRESS ? DOCKER_HUB_AUTH_ADDRESS : row.address };
}
