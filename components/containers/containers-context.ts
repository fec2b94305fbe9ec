// Kept only for components/streams/stats-page-shell.tsx (LiveHostShell), which no page uses any
// more. The pages' server helper lives at app/(console)/containers/_lib/containers-context.ts.
/** @deprecated Use HostScope from containers-shell.tsx. */
export type { ContainersContext } from '@/app/(console)/containers/_lib/containers-context.ts';
