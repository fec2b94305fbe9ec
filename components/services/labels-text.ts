// Labels typed one per line as key=value (a key alone means an empty value). Pure.
export function parseLabelsText(text: string): { ok: true; labels: Record<string, string> } | { ok: false; error: string } {
  const labels: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    const key = (eq === -1 ? line : line.slice(0, eq)).trim();
    const value = eq === -1 ? '' : line.slice(eq + 1).trim();
    if (!key) return { ok: false, error: `Line ${i + 1} has no key before "=".` };
    if (key in labels) return { ok: false, error: `The key ${key} is given twice.` };
    labels[key] = value;
  }
  return { ok: true, labels };
}
