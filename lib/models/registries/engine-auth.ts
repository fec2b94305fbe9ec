// A stored registry's credentials in the form Docker Engine takes them (the JSON behind the
// X-Registry-Auth header): user name, password or token, and the server address the engine keys
// them by. Pure.
import { DOCKER_HUB_ADDRESS, type RegistryKind } from './registry-kinds.ts';

export type EngineAuth = { username: string; password: string; serveraddress: string };

/** The address Docker keys Docker Hub's credentials by (what `docker login` writes). */
export const DOCKER_HUB_AUTH_ADDRESS = 'https://index.docker.io/v1/';

/**
 * The engine's credentials for a registry logging in with `login` (for ECR, the user AWS and its
 * token's password, not the key pair), or null for anonymous access (no user name or no secret).
 */
export function engineAuthOf(row: { kind: string; address: string }, login: { username: string | null; secret: string | null }): EngineAuth | null {
  if (!login.username || !login.secret) return null;
  const kind = row.kind as RegistryKind;
  return { username: login.username, password: login.secret, serveraddress: kind === 'dockerhub' || row.address === DOCKER_HUB_ADDRESS ? DOCKER_HUB_AUTH_ADDRESS : row.address };
}
