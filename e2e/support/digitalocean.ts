// The DigitalOcean stand-in the e2e console talks to (started with it, in e2e/support/start-console.ts):
// droplets "boot" as the lab machine lab-m2, whose SSH key authorization plays cloud-init's part.
import { authorizeLabMachineKey, resetLabMachine, type LabState } from '@/scripts/lab/index.ts';
import { startDigitalOceanStandin, type DigitalOceanStandin } from '@/scripts/lab/digitalocean-standin.ts';

export const E2E_DO_TOKEN = `dop_v1_${'e2e0'.repeat(16)}`;
export const e2eStandinPort = () => Number(process.env.E2E_PORT ?? 3123) + 1;

export async function startE2eDigitalOcean(lab: LabState): Promise<DigitalOceanStandin> {
  const machine = lab.machines.find((m) => m.name === 'lab-m2');
  if (!machine) throw new Error('The lab has no machine lab-m2');
  await resetLabMachine(lab, 'lab-m2');
  return startDigitalOceanStandin({
    token: E2E_DO_TOKEN,
    addresses: [machine.host],
    port: e2eStandinPort(),
    onDropletActive: async (droplet) => {
      for (const key of droplet.publicKeys) await authorizeLabMachineKey(lab, 'lab-m2', key);
    },
    onDropletDeleted: async () => resetLabMachine(lab, 'lab-m2'),
  });
}

/** What the stand-in holds now, read through its API like any client would. */
export async function standinDroplets(): Promise<Array<{ id: number; name: string; status: string }>> {
  const response = await fetch(`http://127.0.0.1:${e2eStandinPort()}/v2/droplets`, { headers: { Authorization: `Bearer ${E2E_DO_TOKEN}` } });
  return ((await response.json()) as { droplets: Array<{ id: number; name: string; status: string }> }).droplets;
}
