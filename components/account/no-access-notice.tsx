// Shown to a signed-in user who has no access yet (no global role, no team): they are signed in,
// nothing is broken, and this is whom to ask.
import { Info } from 'lucide-react';

export function NoAccessNotice({ askWhom }: { askWhom: string[] }) {
  return (
    <div role="status" className="mb-6 flex gap-3 rounded-lg border border-accent/40 bg-accent/10 px-4 py-3 text-sm">
      <Info className="mt-0.5 size-4 shrink-0 text-accent" aria-hidden />
      <p>
        You are signed in, but no team gives you access to anything yet.{' '}
        {askWhom.length ? `Ask an administrator (${askWhom.join(', ')}) to add you to a team, or to map one of your directory groups to a team.` : 'Ask an administrator to add you to a team.'}
      </p>
    </div>
  );
}
