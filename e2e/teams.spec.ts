// Teams in a real browser on a one-manager lab swarm with two stacks, payments and shop: the
// administrator makes team "payments" with a lead and grants it Operator on the payments stack;
// the lead adds a member; the member sees only the payments stack, its service and its task
// container, and opens a terminal in it; the administrator removes the member and the terminal is
// closed at the next re-check. A custom role "restart only" lets its holder restart containers and
// nothing else. A user in two teams creates a stack choosing the team it is for; a member of the
// other team, though it holds the same swarm, does not see it, until an administrator moves it to
// that team on its Owner card. A stack's Operator gets the buttons of that stack's rows on the
// services and containers lists. A grant on one Compose project shows its member that project only.
import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { adminPage, signedInPage } from './support/pages.ts';
import { createSwarmThroughForm, toasts, typeIntoEditor } from './support/stacks.ts';
import { createService, dockerOn, ensureLabHosts, labSockets, leaveAllSwarms } from './support/swarms.ts';

test.describe.configure({ mode: 'serial' });
test.use({ storageState: ADMIN_STATE });

const l1 = lab().hosts[0];
const docker = dockerOn(l1.socket);
const LEAD = { username: 'lea-lead', password: 'lead-password-123' };
const MEMBER = { username: 'max-member', password: 'member-password-123' };
const RESTARTER = { username: 'rita-restart', password: 'restart-password-123' };
const OWNER = { username: 'olga-owner', password: 'owner-password-123' };
const OTHER = { username: 'otto-other', password: 'other-password-123' };
const TEAM = 'payments';
let admin: Page;
let hostId: string;
let hostName: string;
let swarmId: string;
let swarmName: string;
let standaloneName: string;

/** A service that looks to Wharf (and the CLI) as the one service of stack `stack`. */
const stackService = (stack: string) => ({
  Name: `${stack}_app`,
  Labels: { 'com.docker.stack.namespace': stack },
  TaskTemplate: { ContainerSpec: { Image: lab().image, Command: ['sh', '-c', 'while true; do echo teams; sleep 1; done'], Labels: { 'com.docker.stack.namespace': stack } } },
  Mode: { Replicated: { Replicas: 1 } },
});

const taskOf = async (stack: string) =>
  (await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`], status: ['running'] }) }))[0] as { Id: string; Names: string[] } | undefined;

/** Creates a user with no global access on the Users page (`page` is the administrator's). */
async function addUserWithoutAccess(page: Page, account: { username: string; password: string }) {
  await page.goto('/users');
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  await dialog.getByLabel('Username').fill(account.username);
  await dialog.getByLabel('Password').fill(account.password);
  await dialog.getByLabel('Role').selectOption('none');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog).toBeHidden();
}

async function openTeam(page: Page, team = TEAM) {
  await page.goto('/teams');
  await page.getByRole('link', { name: team, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: team })).toBeVisible();
}

/** An administrator picks from every user; a lead is shown no list and types the exact username. */
async function addMember(page: Page, username: string, options: { lead?: boolean; typed?: boolean; team?: string } = {}) {
  const lead = options.lead ?? false;
  const team = options.team ?? TEAM;
  if (options.typed) await page.getByRole('textbox', { name: 'Add a member' }).fill(username);
  else await page.getByRole('combobox', { name: 'Add a member' }).selectOption({ label: username });
  if (lead) await page.getByRole('checkbox', { name: 'Lead' }).check();
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByRole('table', { name: `Members of ${team}` }).getByRole('row').filter({ hasText: username })).toBeVisible();
}

/** Makes a team on the Teams page (`page` is the administrator's) and leaves its page open. */
async function newTeam(page: Page, name: string) {
  await page.goto('/teams');
  await page.getByRole('button', { name: 'New team' }).click();
  const dialog = page.getByRole('dialog', { name: 'New team' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(180_000);
  admin = await adminPage(browser);
  await leaveAllSwarms(labSockets());
  for (const c of await docker.listContainers({ all: true, filters: JSON.stringify({ label: ['wharf.test=teams'] }) })) await docker.getContainer(c.Id).remove({ force: true });
  const hosts = await ensureLabHosts(admin, [l1]);
  hostId = hosts[l1.name].id;
  hostName = hosts[l1.name].name;
  swarmName = `e2e-teams-${randomBytes(2).toString('hex')}`;
  swarmId = await createSwarmThroughForm(admin, hosts[l1.name], swarmName, l1.address);
  for (const stack of ['payments', 'shop']) await createService(l1.socket, stackService(stack));
  await expect.poll(async () => Boolean((await taskOf('payments')) && (await taskOf('shop'))), { timeout: 60_000, message: 'both stacks run a task' }).toBe(true);
  standaloneName = `e2e-teams-restart-${randomBytes(2).toString('hex')}`;
  const standalone = await docker.createContainer({ Image: lab().image, name: standaloneName, Cmd: ['sleep', '3600'], Labels: { 'wharf.test': 'teams' }, StopTimeout: 1 });
  await standalone.start();
  for (const account of [LEAD, MEMBER, RESTARTER, OWNER, OTHER]) await addUserWithoutAccess(admin, account);
});

test.afterAll(async () => {
  for (const c of await docker.listContainers({ all: true, filters: JSON.stringify({ label: ['wharf.test=teams'] }) })) await docker.getContainer(c.Id).remove({ force: true });
  await leaveAllSwarms(labSockets());
});

test('the administrator makes team "payments" with a lead and grants it Operator on the payments stack', async () => {
  await admin.goto('/teams');
  await admin.getByRole('button', { name: 'New team' }).click();
  const dialog = admin.getByRole('dialog', { name: 'New team' });
  await dialog.getByLabel('Name', { exact: true }).fill(TEAM);
  await dialog.getByRole('button', { name: 'Create team' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: TEAM })).toBeVisible();
  await addMember(admin, LEAD.username, { lead: true });
  await expect(admin.getByRole('table', { name: `Members of ${TEAM}` }).getByRole('row').filter({ hasText: LEAD.username })).toContainText('Lead');

  await admin.getByLabel('Role', { exact: true }).selectOption({ label: 'Operator' });
  await admin.getByLabel('Scope').selectOption('stack');
  await admin.getByLabel('Swarm', { exact: true }).selectOption({ label: swarmName });
  await admin.getByLabel('Stack name').fill('payments');
  await admin.getByRole('button', { name: 'Grant', exact: true }).click();
  await expect(admin.getByRole('table', { name: `Grants of ${TEAM}` })).toContainText(`stack payments on swarm ${swarmName}`);
});

test('the lead adds a member, and cannot grant a role above their own', async ({ browser }) => {
  const lead = await signedInPage(browser, LEAD);
  await openTeam(lead);
  // The lead sees no list of users (case 29's neighbour: usernames outside their teams are not theirs to browse).
  await expect(lead.getByRole('combobox', { name: 'Add a member' })).toHaveCount(0);
  await addMember(lead, MEMBER.username, { typed: true });
  await lead.getByLabel('Role', { exact: true }).selectOption({ label: 'Administrator' });
  await lead.getByLabel('Swarm', { exact: true }).selectOption({ label: swarmName });
  await lead.getByLabel('Stack name').fill('payments');
  await lead.getByRole('button', { name: 'Grant', exact: true }).click();
  await expect(lead.getByRole('alert').filter({ hasText: /^You cannot grant Administrator on stack payments/ })).toBeVisible();
  await lead.context().close();
});

test("the lead, Operator on the payments stack only, gets the buttons for that stack's service and task container", async ({ browser }) => {
  // Operator on one stack is nothing on its swarm or host: what they may change is said row by row.
  const lead = await signedInPage(browser, LEAD);
  await lead.goto(`/services?swarm=${swarmId}`);
  await expect(lead.getByLabel('Replicas for payments_app')).toBeVisible({ timeout: 30_000 });
  await expect(lead.getByText('shop_app', { exact: true })).toHaveCount(0);
  const payments = (await taskOf('payments'))!;
  const name = payments.Names[0]!.replace(/^\//, '');
  await lead.goto('/containers');
  await expect(lead.getByRole('button', { name: `Actions for ${name} on ${hostName}` })).toBeVisible({ timeout: 30_000 });
  await expect(lead.getByRole('checkbox', { name: `Select ${name} on ${hostName}` })).toBeVisible();
  await lead.context().close();
});

test('the member sees only the payments stack, its service and its container, opens a terminal, and loses it when removed from the team', async ({ browser }) => {
  const member = await signedInPage(browser, MEMBER);
  await member.goto(`/stacks?swarm=${swarmId}`);
  const stacks = member.getByRole('table', { name: 'Stacks' });
  await expect(stacks.getByRole('link', { name: 'payments', exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(stacks.getByRole('link', { name: 'shop', exact: true })).toHaveCount(0);

  await member.goto(`/services?swarm=${swarmId}`);
  await expect(member.getByText('payments_app', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await expect(member.getByText('shop_app', { exact: true })).toHaveCount(0);

  const payments = (await taskOf('payments'))!;
  const shop = (await taskOf('shop'))!;
  await member.goto('/containers');
  await expect(member.getByText(payments.Names[0]!.replace(/^\//, ''), { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(member.getByText(shop.Names[0]!.replace(/^\//, ''), { exact: true })).toHaveCount(0);
  await expect(member.getByText(standaloneName, { exact: true })).toHaveCount(0);

  await member.goto(`/containers/${hostId}/${payments.Id}/terminal`);
  await member.getByLabel('Shell').selectOption('sh');
  await member.getByRole('button', { name: 'Open terminal' }).click();
  const terminal = member.getByRole('region', { name: 'Terminal 1: sh' });
  await expect(terminal.locator('.xterm-rows')).toContainText('#', { timeout: 30_000 });
  await terminal.click();
  await member.keyboard.type('echo teams-$((6*7))');
  await member.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText('teams-42');

  await openTeam(admin);
  await admin.getByRole('button', { name: `Remove ${MEMBER.username} from ${TEAM}` }).click();
  await admin.getByRole('dialog', { name: `Remove ${MEMBER.username}` }).getByRole('button', { name: 'Remove member' }).click();
  await expect(toasts(admin)).toContainText(`Removed ${MEMBER.username} from ${TEAM}`);
  // Closed by the socket's re-check (at once on the change, at the latest within its period).
  await expect(terminal.locator('.xterm-rows')).toContainText('Your access to terminals on this host was withdrawn.', { timeout: 15_000 });
  await member.context().close();
});

test('a custom role "restart only" lets its holder restart containers and nothing else', async ({ browser }) => {
  await admin.goto('/roles');
  await admin.getByRole('button', { name: 'New role' }).click();
  const dialog = admin.getByRole('dialog', { name: 'New role' });
  await dialog.getByLabel('Name', { exact: true }).fill('restart only');
  await dialog.getByRole('checkbox', { name: /^container\.view / }).check();
  await dialog.getByRole('checkbox', { name: /^container\.manage / }).check();
  await dialog.getByRole('button', { name: 'Create role' }).click();
  await expect(admin.getByRole('table', { name: 'Roles' }).getByRole('row').filter({ hasText: 'restart only' })).toContainText('container.view, container.manage');

  await admin.goto('/users');
  await admin.getByRole('link', { name: `Access of ${RESTARTER.username}` }).click();
  await admin.getByLabel('Role', { exact: true }).selectOption({ label: 'restart only' });
  await admin.getByLabel('Scope').selectOption('global');
  await admin.getByRole('button', { name: 'Grant', exact: true }).click();
  await expect(admin.getByRole('table', { name: `Grants of ${RESTARTER.username}` })).toContainText('everything');
  await admin.reload();
  await expect(admin.getByRole('table', { name: 'Permissions on everything' })).toContainText('restart only granted to them');

  const before = ((await docker.getContainer(standaloneName).inspect()) as { State: { StartedAt: string } }).State.StartedAt;
  const rita = await signedInPage(browser, RESTARTER);
  await rita.goto('/containers');
  await rita.getByRole('search', { name: 'Filter containers' }).getByLabel('Name').fill(standaloneName);
  await rita.getByRole('button', { name: `Actions for ${standaloneName} on ${hostName}` }).click();
  await rita.getByRole('menu', { name: `Actions for ${standaloneName} on ${hostName}` }).getByRole('menuitem', { name: 'Restart', exact: true }).click();
  await expect
    .poll(async () => ((await docker.getContainer(standaloneName).inspect()) as { State: { StartedAt: string } }).State.StartedAt, { timeout: 30_000, message: 'the container restarted' })
    .not.toBe(before);

  // Nothing else: no terminal, no logs, no hosts.
  const id = ((await docker.getContainer(standaloneName).inspect()) as { Id: string }).Id;
  await rita.goto(`/containers/${hostId}/${id}/terminal`);
  await expect(rita.getByText('You are not allowed to open a terminal in a container.')).toBeVisible();
  await rita.goto(`/containers/${hostId}/${id}/logs`);
  await expect(rita.getByText('You are not allowed to read container and service logs.')).toBeVisible();
  await rita.goto('/hosts');
  await expect(rita.getByText('You are not allowed to see this host.')).toBeVisible();
  await rita.context().close();
});

test('a user in two teams creates a stack for one of them; a member of the other team, on the same swarm, does not see it', async ({ browser }) => {
  test.setTimeout(180_000);
  // Both teams hold Operator on the whole swarm; OWNER is in both, OTHER in the second only.
  for (const [team, members] of [['owners-a', [OWNER]], ['owners-b', [OWNER, OTHER]]] as const) {
    await newTeam(admin, team);
    for (const m of members) await addMember(admin, m.username, { team });
    await admin.getByLabel('Role', { exact: true }).selectOption({ label: 'Operator' });
    await admin.getByLabel('Scope').selectOption('swarm');
    await admin.getByLabel('Swarm', { exact: true }).selectOption({ label: swarmName });
    await admin.getByRole('button', { name: 'Grant', exact: true }).click();
    await expect(admin.getByRole('table', { name: `Grants of ${team}` })).toContainText(`swarm ${swarmName}`);
  }

  const owner = await signedInPage(browser, OWNER);
  await owner.goto(`/stacks/new?swarm=${swarmId}`);
  await owner.getByLabel('Stack name').fill('owned');
  await owner.getByLabel('Team', { exact: true }).selectOption({ label: 'owners-a' });
  await typeIntoEditor(owner, 'Compose file', `services:\n  app:\n    image: ${lab().image}\n    command: ["sleep", "3600"]\n`);
  await owner.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(toasts(owner)).toContainText('Deployed owned (revision 1)', { timeout: 60_000 });
  await owner.goto(`/stacks?swarm=${swarmId}`);
  await expect(owner.getByRole('table', { name: 'Stacks' }).getByRole('link', { name: 'owned', exact: true })).toBeVisible({ timeout: 30_000 });
  await owner.context().close();

  const other = await signedInPage(browser, OTHER);
  await other.goto(`/stacks?swarm=${swarmId}`);
  // The swarm's unowned stacks are listed to the other team; the one made for owners-a is not.
  await expect(other.getByRole('table', { name: 'Stacks' }).getByRole('link', { name: 'shop', exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(other.getByRole('table', { name: 'Stacks' }).getByRole('link', { name: 'owned', exact: true })).toHaveCount(0);
  await other.goto(`/services?swarm=${swarmId}`);
  await expect(other.getByText('shop_app', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await expect(other.getByText('owned_app', { exact: true })).toHaveCount(0);
  await other.context().close();
});

test("an administrator moves the stack to the other team on its Owner card: that team's member sees it, the first team's no longer does", async ({ browser }) => {
  test.setTimeout(180_000);
  const ANNA = { username: 'anna-a', password: 'anna-password-1234' };
  await addUserWithoutAccess(admin, ANNA);
  await openTeam(admin, 'owners-a');
  await addMember(admin, ANNA.username, { team: 'owners-a' });
  const stacksOf = async (account: { username: string; password: string }) => {
    const page = await signedInPage(browser, account);
    await page.goto(`/stacks?swarm=${swarmId}`);
    const table = page.getByRole('table', { name: 'Stacks' });
    await expect(table.getByRole('link', { name: 'shop', exact: true })).toBeVisible({ timeout: 30_000 });
    return { page, owned: table.getByRole('link', { name: 'owned', exact: true }) };
  };
  const anna = await stacksOf(ANNA);
  await expect(anna.owned).toBeVisible();
  await anna.page.context().close();

  await admin.goto(`/stacks/${swarmId}/owned`);
  await expect(admin.getByText('Made for team owners-a', { exact: false })).toBeVisible({ timeout: 30_000 });
  await admin.getByLabel('Move to team').selectOption({ label: 'owners-b' });
  await admin.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(toasts(admin)).toContainText('Moved.');
  await expect(admin.getByText('Made for team owners-b', { exact: false })).toBeVisible({ timeout: 30_000 });

  const other = await stacksOf(OTHER);
  await expect(other.owned).toBeVisible();
  await other.page.goto(`/services?swarm=${swarmId}`);
  await expect(other.page.getByText('owned_app', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await other.page.context().close();
  const annaAfter = await stacksOf(ANNA);
  await expect(annaAfter.owned).toHaveCount(0);
  await annaAfter.page.context().close();
});

test('a grant on one Compose project: the team\'s member sees that project and its container only, without buttons a viewer may not use', async ({ browser }) => {
  // Two projects as the Compose CLI leaves them: containers with its labels.
  const suffix = randomBytes(2).toString('hex');
  const projects = [`e2e-granted-${suffix}`, `e2e-other-${suffix}`];
  const names: string[] = [];
  for (const project of projects) {
    const name = `${project}-app-1`;
    const c = await docker.createContainer({ Image: lab().image, name, Cmd: ['sleep', '3600'], StopTimeout: 1, Labels: { 'wharf.test': 'teams', 'com.docker.compose.project': project, 'com.docker.compose.service': 'app', 'com.docker.compose.container-number': '1', 'com.docker.compose.oneoff': 'False' } });
    await c.start();
    names.push(name);
  }
  const PAT = { username: 'pat-project', password: 'project-password-123' };
  await addUserWithoutAccess(admin, PAT);
  await newTeam(admin, 'project-team');
  await addMember(admin, PAT.username, { team: 'project-team' });
  await admin.getByLabel('Role', { exact: true }).selectOption({ label: 'Viewer' });
  await admin.getByLabel('Scope').selectOption('project');
  await admin.getByLabel('Host', { exact: true }).selectOption({ label: hostName });
  await admin.getByLabel('Project name').fill(projects[0]!);
  await admin.getByRole('button', { name: 'Grant', exact: true }).click();
  await expect(admin.getByRole('table', { name: 'Grants of project-team' })).toContainText(projects[0]!);
  // Who granted it is on the list.
  await expect(admin.getByRole('table', { name: 'Grants of project-team' }).getByRole('row').filter({ hasText: projects[0]! })).toContainText('admin');

  const pat = await signedInPage(browser, PAT);
  await pat.goto(`/containers/projects?host=${hostId}`);
  await expect(pat.getByRole('link', { name: projects[0]!, exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(pat.getByRole('link', { name: projects[1]!, exact: true })).toHaveCount(0);
  await pat.goto('/containers');
  await expect(pat.getByText(names[0]!, { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(pat.getByText(names[1]!, { exact: true })).toHaveCount(0);
  await expect(pat.getByText(standaloneName, { exact: true })).toHaveCount(0);
  // A viewer: no actions on the row, nothing to select.
  await expect(pat.getByRole('button', { name: `Actions for ${names[0]} on ${hostName}` })).toHaveCount(0);
  await pat.context().close();
});
