// Stack helpers for the end-to-end tests: a swarm of the three lab engines (created through the
// console's form, the workers joined straight through dockerode), what the engine says about a
// stack, HTTP from the lab's nodes, and the toasts region.
import Dockerode from 'dockerode';
import { expect, type Page } from '@playwright/test';
import type { HostState } from '@/scripts/lab/index.ts';
import type { ApiHost } from './swarms.ts';

const engine = (socketPath: string) => new Dockerode({ socketPath });

/** Creates a swarm on the manager through the Create a swarm form; returns its id once the console lists it. */
export async function createSwarmThroughForm(page: Page, host: ApiHost, name: string, advertiseAddr: string): Promise<string> {
  await page.goto('/swarms/new');
  await page.getByLabel('Host', { exact: true }).selectOption(host.id);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Advertise address').fill(advertiseAddr);
  await page.getByRole('button', { name: 'Create swarm' }).click();
  await expect(page).toHaveURL(/\/swarms\/[a-z0-9]{25}$/, { timeout: 30_000 });
  const swarmId = new URL(page.url()).pathname.split('/').pop()!;
  await expect
    .poll(async () => ((await (await page.request.get('/api/swarms')).json()) as { id: string }[]).some((s) => s.id === swarmId), { timeout: 30_000, message: 'the console lists the new swarm' })
    .toBe(true);
  return swarmId;
}

/** Joins engines to the manager's swarm as workers and waits until every node is ready. */
export async function joinWorkers(manager: HostState, workers: HostState[]): Promise<void> {
  const docker = engine(manager.socket);
  const { JoinTokens } = (await docker.swarmInspect()) as { JoinTokens: { Worker: string } };
  for (const w of workers) {
    await engine(w.socket).swarmJoin({ ListenAddr: '0.0.0.0:2377', AdvertiseAddr: w.address, RemoteAddrs: [`${manager.address}:2377`], JoinToken: JoinTokens.Worker });
  }
  await expect
    .poll(async () => ((await docker.listNodes()) as { Status: { State: string } }[]).filter((n) => n.Status.State === 'ready').length, { timeout: 60_000, message: 'every node is ready' })
    .toBe(workers.length + 1);
}

type EngineService = { ID: string; Spec: { Name: string; Mode: { Replicated?: { Replicas: number } }; TaskTemplate: { ContainerSpec: { Args?: string[]; Command?: string[] } } } };

/** The services the engine has for a stack (by the namespace label the CLI and Wharf both set). */
export async function stackServices(socketPath: string, stack: string): Promise<EngineService[]> {
  return (await engine(socketPath).listServices({ filters: { label: [`com.docker.stack.namespace=${stack}`] } })) as unknown as EngineService[];
}

/** The body of the first of these addresses that answers HTTP on the port, or null. */
export async function firstHttpAnswer(addresses: string[], port: number): Promise<string | null> {
  for (const address of addresses) {
    const body = await fetch(`http://${address}:${port}/`, { signal: AbortSignal.timeout(3000) })
      .then((r) => r.text())
      .catch(() => null);
    if (body !== null) return body;
  }
  return null;
}

/** Sonner's live region, where every action's result appears. */
export const toasts = (page: Page) => page.getByRole('region', { name: /^Notifications/ });

/** The compose editor's editable element (a textbox named by its label), replaced with `text` as typed input. */
export async function typeIntoEditor(page: Page, name: string, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name, exact: true });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}
