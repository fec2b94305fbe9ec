'use client';
// A task's state as the engine names it (running, failed…), in the page's language; a state this
// console does not know is shown as the engine wrote it.
import { useTranslations } from 'next-intl';

const TASK_STATES = ['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running', 'complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned'] as const;
type TaskState = (typeof TASK_STATES)[number];
const isTaskState = (state: string): state is TaskState => (TASK_STATES as readonly string[]).includes(state);

export function useTaskState() {
  const t = useTranslations('swarms.taskState');
  return (state: string) => (isTaskState(state) ? t(state) : state);
}
