'use client';
// One log line: ANSI colours and styles rendered as spans (lib/services/containers/log-ansi.ts),
// every other escape sequence dropped; the text is always React text, so markup stays inert.
import { useTranslations } from 'next-intl';
import { memo } from 'react';
import type { LogLine } from '@/lib/realtime/stream-protocol.ts';
import { ansiSegments } from '@/lib/models/logs/log-ansi.ts';

function Colored({ text }: { text: string }) {
  const segments = ansiSegments(text);
  if (segments.length === 1 && Object.keys(segments[0]).length === 1) return <>{segments[0].text}</>;
  return (
    <>
      {segments.map((part, i) => (
        <span
          key={i}
          style={{
            color: part.fg,
            backgroundColor: part.bg,
            fontWeight: part.bold ? 600 : undefined,
            fontStyle: part.italic ? 'italic' : undefined,
            textDecoration: part.underline ? 'underline' : undefined,
            opacity: part.dim ? 0.7 : undefined,
          }}
        >
          {part.text}
        </span>
      ))}
    </>
  );
}

/** `label` names the line's task and node (or its container, in a project's merged logs); without one, a service line shows their short ids. */
export const LogLineRow = memo(function LogLineRow({ line, timestamps, label = null }: { line: LogLine; timestamps: boolean; label?: string | null }) {
  const t = useTranslations('streams.logs');
  return (
    <div className={`flex gap-2 border-l-2 px-3 font-mono text-xs leading-5 ${line.stream === 'stderr' ? 'border-danger' : 'border-transparent'}`} data-stream={line.stream}>
      {timestamps && <span className="shrink-0 text-muted">{line.ts ? line.ts.replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1') : ''}</span>}
      {line.task && (
        <span className="shrink-0 text-accent" title={t('taskOnNode', { task: line.task, node: line.node ?? '?' })}>
          {label ?? `${line.task.slice(0, 8)}@${(line.node ?? '').slice(0, 8)}`}
        </span>
      )}
      {!line.task && line.container && <span className="shrink-0 text-accent">{label ?? line.container}</span>}
      <span className="min-w-0 whitespace-pre-wrap break-all">
        <Colored text={line.text} />
      </span>
    </div>
  );
});
