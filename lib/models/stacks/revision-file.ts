// One kept revision of a compose file (a stack's or a compose project's) as pages show it: the file,
// how it went, and the names (never the values) of its variables and files. Pure, browser-safe.

export type RevisionFile = { number: number; composeText: string; variableNames: string[]; fileNames: string[]; outcome: string; createdAt: string; createdByName: string; restoredFrom: number | null };

type RevisionRow = { number: number; composeText: string; outcome: string; createdAt: Date; createdByName: string; restoredFrom: number | null };

export function revisionFileOf(row: RevisionRow, inputs: { variables: Record<string, string>; files: Record<string, string> }): RevisionFile {
  return {
    number: row.number,
    composeText: row.composeText,
    variableNames: Object.keys(inputs.variables).sort(),
    fileNames: Object.keys(inputs.files).sort(),
    outcome: row.outcome,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
    restoredFrom: row.restoredFrom,
  };
}
