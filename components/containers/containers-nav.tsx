// Kept only for components/streams/stats-page-shell.tsx (LiveHostShell), which no page uses any
// more: the stats and events pages are framed by ContainersShell. Delete this file with it.
import { ScopePicker } from '@/components/layout/scope-picker.tsx';
import { SectionTabs as Tabs } from '@/components/layout/section-tabs.tsx';
import { CONTAINER_SECTIONS, type Choice, type ContainerSection } from '@/components/layout/sections.ts';

/** @deprecated ContainersShell shows the picker. */
export const HostPicker = ({ hosts, hostId, allowAll }: { hosts: Choice[]; hostId: string | null; allowAll: boolean }) => (
  <ScopePicker label="Host" param="host" choices={hosts} value={hostId} allLabel={allowAll ? 'All hosts' : undefined} />
);

/** @deprecated ContainersShell shows the tabs. */
export const SectionTabs = ({ hostId, current }: { hostId: string | null; current: ContainerSection }) => (
  <Tabs label="Container sections" sections={CONTAINER_SECTIONS} current={current} scope={{ param: 'host', id: hostId }} />
);
