'use client';
// The compose file editor: CodeMirror with YAML highlighting, the file's problems drawn inline as
// lint diagnostics at their line and column, and an accessible name on the editable element (a
// textbox) so that keyboards and screen readers find it like any other field.
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { useTheme } from 'next-themes';
import { useEffect, useMemo, useRef } from 'react';
import type { DocumentProblem } from '@/lib/errors.ts';

/** Where a problem sits in the document: from its column to the end of the word there (or the line). */
export function problemRange(doc: Text, problem: DocumentProblem): { from: number; to: number } {
  if (!problem.line) return { from: 0, to: Math.min(doc.length, doc.line(1).to) };
  const line = doc.line(Math.min(Math.max(problem.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max((problem.column ?? 1) - 1, 0), line.to);
  const rest = line.text.slice(from - line.from);
  const word = /^[^\s:,\]}]+/.exec(rest)?.[0].length ?? 0;
  const to = word > 0 ? from + word : line.to;
  return to > from ? { from, to } : { from: line.from, to: line.to };
}

const toDiagnostics = (doc: Text, problems: DocumentProblem[]): Diagnostic[] =>
  problems.map((p) => ({ ...problemRange(doc, p), severity: p.severity, message: p.message, source: p.path }));

export function ComposeEditor({
  label,
  value,
  onChange,
  problems = [],
  readOnly = false,
  describedBy,
  minHeight = '360px',
  maxHeight = '560px',
}: {
  label: string;
  value: string;
  onChange?: (value: string) => void;
  problems?: DocumentProblem[];
  readOnly?: boolean;
  describedBy?: string;
  minHeight?: string;
  maxHeight?: string;
}) {
  const ref = useRef<ReactCodeMirrorRef>(null);
  const { resolvedTheme } = useTheme();
  const extensions = useMemo(
    () => [
      yaml(),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        'aria-label': label,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(readOnly ? { 'aria-readonly': 'true' } : {}),
      }),
    ],
    [label, describedBy, readOnly],
  );

  // Problems arrive after the text they describe (a debounced check): draw them on the current
  // document, clamped, until the next answer replaces them.
  useEffect(() => {
    const view = ref.current?.view;
    if (!view) return;
    view.dispatch(setDiagnostics(view.state, toDiagnostics(view.state.doc, problems)));
  }, [problems, value]);

  return (
    <div className="overflow-hidden rounded-md border border-border text-sm focus-within:border-accent">
      <CodeMirror
        ref={ref}
        value={value}
        onChange={onChange}
        extensions={extensions}
        readOnly={readOnly}
        theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
        minHeight={minHeight}
        maxHeight={maxHeight}
        basicSetup={{ foldGutter: false, highlightActiveLine: !readOnly, autocompletion: false }}
        onCreateEditor={(view) => view.dispatch(setDiagnostics(view.state, toDiagnostics(view.state.doc, problems)))}
      />
    </div>
  );
}
