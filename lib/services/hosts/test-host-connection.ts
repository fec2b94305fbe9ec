// "Test connection" in the host form: the same checks and probe as registering, nothing saved.
import 'server-only';
import type { RegisterHostInput } from '@/lib/schemas/hosts.ts';
import { probeEngine } from '@/lib/services/engine/index.ts';
import type { EngineFacts } from '@/lib/models/hosts/engine-facts.ts';
import { connectionFromInput } from './connection-from-input.ts';

export async function testHostConnection(input: RegisterHostInput): Promise<{ facts: EngineFacts; sshHostKey: string | null }> {
  const { spec } = connectionFromInput(input);
  return probeEngine(spec);
}
