// An edit of a compose project keeps the variables and files of the revision it starts from that it
// does not give again, under the stacks' rule (stacks/inherited-inputs.ts, case 41): a kept value
// may be used only where that revision used it. Where a value goes is read by the project's own
// reader, traced. Pure.
import 'server-only';
import { inheritInputs, tracedUses, type InputUses, type Inputs } from '@/lib/services/stacks/inherited-inputs.ts';
import type { ComposeProblem } from '@/lib/services/stacks/compose/compose-path.ts';
import { readProject } from './read-project.ts';

/** Where the project's reader uses each variable and file of the given inputs. */
export const projectInputUses = (projectName: string, profiles: string[], composeText: string, inputs: Inputs, workingDir?: string | null): InputUses =>
  tracedUses((trace) => readProject({ projectName, composeText, ...inputs, profiles, trace, workingDir }));

export function inheritProjectInputs(
  project: { name: string; profiles: string[]; workingDir?: string | null },
  base: { number: number; composeText: string } & Inputs,
  given: { composeText: string } & Inputs,
): { merged: Inputs; problems: ComposeProblem[] } {
  return inheritInputs(base, given, (composeText, inputs) => projectInputUses(project.name, project.profiles, composeText, inputs, project.workingDir));
}
