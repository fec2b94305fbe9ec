'use client';
// One log line: ANSI colours and styles rendered as spans (anser), every other escape sequence
// dropped; the text is always React text, so markup in logs stays inert.
import Anser from 'anser';
import { memo } from 'react';
import type { LogLine } from '@/lib/realtime/stream-protocol.ts';

// OSC (title, hyperlinks) and other non-SGR sequences: removed before colouring.
// eslint-disable-next-line no-control-regex
const NON_SGR = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[A-La-ln-z]|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[()][A-Za-z0-9]|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/g;

function Colored({ text }: { text: string }) {
  const cleaned = text.replace(NON_SGR, '');
  if (!cleaned.includes('\x1b[')) return <>{cleaned}</>;
  const parts = Anser.ansiToJson(cleaned, { remove_empty: true, use_classes: false });
  return (
    <>
      {parts.map((part, i) => (
        <span
          key={i}
          style={{
            color: part.fg ? `rgb(${part.fg})` : undefined,
            backgroundColor: part.bg ? `rgb(${part.bg})` : undefined,
            fontWeight: part.decorations.includes('bold') ? 600 : undefined,
            fontStyle: part.decorations.includes('italic') ? 'italic' : undefined,
            textDecoration: part.decorations.includes('underline') ? 'underline' : undefined,
            opacity: part.decorations.includes('dim') ? 0.7 : undefined,
          }}
        >
          {part.content}
        </span>
      ))}
    </>
  );
}

export const LogLineRow = memo(function LogLineRow({ line, timestamps }: { line: LogLine; timestamps: boolean }) {
  return (
    <div className={`flex gap-2 border-l-2 px-3 font-mono text-xs leading-5 ${line.stream === 'stderr' ? 'border-danger' : 'border-transparent'}`} data-stream={line.stream}>
      {timestamps && <span className="shrink-0 text-muted">{line.ts ? line.ts.replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1') : ''}</span>}
      {line.task && (
        <span className="shrink-0 text-accent" title={`task ${line.task} on node ${line.node ?? '?'}`}>
          {line.task.slice(0, 8)}@{(line.node ?? '').slice(0, 8)}
        </span>
      )}
      <span className="min-w-0 whitespace-pre-wrap break-all">
        <Colored text={line.text} />
      </span>
    </div>
  );
});
