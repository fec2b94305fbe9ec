// What the console shows of compose projects on a host: each project's services and containers,
// who made it (Wharf, or the Compose CLI v1 or v2), and one word for its state. Pure, browser-safe.
import type { RevisionFile } from '@/lib/models/stacks/revision-file.ts';

export type ProjectOrigin = 'wharf' | 'compose-v2' | 'compose-v1';

export type ProjectContainer = { id: string; name: string; number: number; state: string; health: string | null; status: string };
export type ServiceStatus = { name: string; /** From Wharf's file and scale; null for a project Wharf did not make. */ desired: number | null; running: number; containers: ProjectContainer[] };
export type ProjectState = 'running' | 'partly running' | 'stopped' | 'not up';

export type ProjectSummary = { name: string; origin: ProjectOrigin; managed: boolean; state: ProjectState; running: number; total: number; services: ServiceStatus[] };

export type ProjectRevisionView = { number: number; createdAt: string; createdByName: string; outcome: string; message: string | null; restoredFrom: number | null };

/** One revision in full: its file, and the names (never the values) of its variables and files. */
export type ProjectRevisionFile = RevisionFile;

export type ProjectDetail = ProjectSummary & {
  hostId: string;
  composeText: string | null;
  variableNames: string[];
  fileNames: string[];
  /** The secrets and configs its services get, by name (never their content), with those services. */
  fileObjects: { kind: 'secret' | 'config'; name: string; services: string[] }[];
  profiles: string[];
  /** The folder on the host relative binds resolve against, or null. */
  workingDir: string | null;
  revisions: ProjectRevisionView[];
};

/** One word for a project: every wanted container running, some, none, or none made yet. */
export function projectState(services: readonly ServiceStatus[]): ProjectState {
  const total = services.reduce((n, s) => n + s.containers.length, 0);
  const running = services.reduce((n, s) => n + s.running, 0);
  if (total === 0) return 'not up';
  if (running === 0) return 'stopped';
  const short = services.some((s) => (s.desired ?? s.containers.length) > s.running);
  return short ? 'partly running' : 'running';
}

export const originLabel: Record<ProjectOrigin, string> = { wharf: 'Wharf', 'compose-v2': 'Compose CLI v2', 'compose-v1': 'docker-compose v1' };
