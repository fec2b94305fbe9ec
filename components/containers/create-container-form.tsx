'use client';
// Create and run a container: every field labelled, the action's field errors shown at their
// fields, and the input kept when the server refuses.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ErrorText, FormError, SelectField, TextAreaField, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { createContainerAction } from '@/lib/actions/containers.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import type { Choice } from '@/components/layout/sections.ts';

const FIELDS = ['hostId', 'image', 'name', 'command', 'ports', 'env', 'volumes', 'restart', 'cpus', 'memoryMb', 'network', 'privileged'] as const;

export function CreateContainerForm({ hosts, initialHostId, unrestrictedHosts }: { hosts: Choice[]; initialHostId: string; unrestrictedHosts: string[] }) {
  const [v, setV] = useState({ hostId: initialHostId, image: '', name: '', command: '', ports: '', env: '', volumes: '', restart: 'no', cpus: '', memoryMb: '', network: '', privileged: false, start: true });
  const form = useActionForm({ fields: FIELDS, report: 'inline' });
  const router = useRouter();
  const queryClient = useQueryClient();
  const text = (key: keyof typeof v) => ({ value: String(v[key]), onChange: (e: { target: { value: string } }) => setV((s) => ({ ...s, [key]: e.target.value })), error: form.errors[key] });
  const unrestricted = unrestrictedHosts.includes(v.hostId);

  return (
    <Form
      className="flex max-w-3xl flex-col gap-4"
      onSubmit={async () => {
        const done = await form.submit(() => createContainerAction({ ...v, privileged: unrestricted && v.privileged }));
        if (!done) return;
        toast.success(`Container ${done.data.name} ${done.data.started ? 'created and started' : 'created'} on ${hosts.find((h) => h.id === done.data.hostId)?.name ?? 'the host'}.`);
        await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.hostContainers(done.data.hostId) }), queryClient.invalidateQueries({ queryKey: queryKeys.containersAll })]);
        router.push(`/containers/${done.data.hostId}/${done.data.id}`);
      }}
    >
      <div className="grid grid-cols-2 gap-4">
        <SelectField label="Host" {...text('hostId')}>
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Image" required placeholder="nginx:1.27" hint="An image that is on the host (pull it on the Images page first)." autoComplete="off" {...text('image')} />
        <TextField label="Name" placeholder="web-1" hint="Optional; the engine picks one otherwise." autoComplete="off" {...text('name')} />
        <TextField label="Command" placeholder={'sh -c "echo hello; sleep 3600"'} hint="Optional; replaces the image's command. Quoted like a shell, never run by one." autoComplete="off" {...text('command')} />
      </div>
      <div className="grid grid-cols-3 gap-4">
        <TextAreaField label="Ports" rows={4} placeholder={'8080:80\n127.0.0.1:5353:53/udp'} hint="host:container per line." {...text('ports')} />
        <TextAreaField label="Environment" rows={4} placeholder={'LOG_LEVEL=info'} hint="NAME=value per line." {...text('env')} />
        <TextAreaField label="Volumes" rows={4} placeholder={'data:/var/lib/data\ncache:/cache:ro'} hint="volume:/path per line (created if missing)." {...text('volumes')} />
      </div>
      <div className="grid grid-cols-4 gap-4">
        <SelectField label="Restart policy" {...text('restart')}>
          <option value="no">Never</option>
          <option value="on-failure">On failure</option>
          <option value="unless-stopped">Unless stopped</option>
          <option value="always">Always</option>
        </SelectField>
        <TextField label="CPUs" inputMode="decimal" placeholder="no limit" {...text('cpus')} />
        <TextField label="Memory (MB)" inputMode="numeric" placeholder="no limit" {...text('memoryMb')} />
        <TextField label="Network" placeholder="the engine's default" hint="Optional: a network made for your workloads (host, bridge and none are for administrators)." autoComplete="off" {...text('network')} />
      </div>
      <div className="flex flex-col gap-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={v.start} onChange={(e) => setV((s) => ({ ...s, start: e.target.checked }))} />
          Start it once created
        </label>
        {unrestricted && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={v.privileged} onChange={(e) => setV((s) => ({ ...s, privileged: e.target.checked }))} />
            Privileged (full control of the host: only for containers you trust)
          </label>
        )}
        <ErrorText error={form.errors.privileged} />
      </div>
      <FormError message={form.message} />
      <div className="flex gap-2">
        <Button type="submit" busy={form.busy}>
          Create container
        </Button>
        <Button variant="secondary" onClick={() => router.back()} disabled={form.busy}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}
