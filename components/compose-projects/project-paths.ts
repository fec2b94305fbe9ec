// Where the compose project pages are. Pure: shared by pages and components.
export const projectsPath = (hostId: string) => `/containers/projects?host=${encodeURIComponent(hostId)}`;
export const projectPath = (hostId: string, name: string) => `/containers/projects/${encodeURIComponent(hostId)}/${encodeURIComponent(name)}`;
export const newProjectPath = (hostId: string) => `/containers/projects/new?host=${encodeURIComponent(hostId)}`;
export const editProjectPath = (hostId: string, name: string) => `${projectPath(hostId, name)}/edit`;
