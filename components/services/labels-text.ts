// Labels typed one per line as key=value (a key alone means an empty value). Pure; the form says
// what is wrong (services.labelsText.<problem>).
export type LabelsTextProblem = { problem: 'noKey'; line: number } | { problem: 'twice'; key: string };

export function parseLabelsText(text: string): { ok: true; labels: Record<string, string> } | ({ ok: false } & LabelsTextProblem) {
  const labels: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    const key = (eq === -1 ? line : line.slice(0, eq)).trim();
    const value = eq === -1 ? '' : line.slice(eq + 1).trim();
    if (!key) return { ok: false, problem: 'noKey', line: i + 1 };
    if (key in labels) return { ok: false, problem: 'twice', key };
    labels[key] = value;
  }
  return { ok: true, labels };
}
