// Shared end-to-end helpers: sign in through the real form, read the lab, call server actions
// the way a crafted POST would.
import { readFileSync } from 'node:fs';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { LabState } from '@/scripts/lab/index.ts';

export function lab(): LabState {
  return JSON.parse(readFileSync(`${process.env.WHARF_LAB_DIR ?? '/tmp/wharf-lab'}/state.json`, 'utf8')) as LabState;
}

export async function signIn(page: Page, account: { username: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

export type CapturedAction = { id: string; url: string };

/** Waits for the page to call a server action and returns its id, so a test can replay it. */
export async function captureAction(page: Page, trigger: () => Promise<void>): Promise<CapturedAction> {
  const request = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await trigger();
  const r = await request;
  return { id: r.headers()['next-action'], url: r.url() };
}

/** Calls a server action directly, as a script would, with the given cookies' session. */
export async function postAction(request: APIRequestContext, action: CapturedAction, args: unknown[], headers: Record<string, string> = {}) {
  const response = await request.post(action.url, {
    headers: { 'next-action': action.id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', ...headers },
    data: JSON.stringify(args),
    failOnStatusCode: false,
  });
  return { status: response.status(), text: await response.text() };
}
