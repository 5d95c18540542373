import type { ChatMessage, ContentPart, GuardInput, Span } from '../guard.js';

/** Where one checked piece of text came from inside the caller's input. */
export interface TextSegment {
  messageIndex: number;
  /** Index of the text part, or -1 when the message content is a plain string. */
  partIndex: number;
  start: number;
  end: number;
}

/** The single string guards see, and how to map its offsets back to the input. */
export interface TextView {
  text: string;
  segments: readonly TextSegment[];
}

/** Separator between checked messages: guards see them as paragraphs. */
export const SEGMENT_SEPARATOR = '\n\n';

function isTextPart(part: ContentPart): part is { type: 'text'; text: string } {
  return part.type === 'text' && typeof (part as { text?: unknown }).text === 'string';
}

/**
 * Flattens the input into one string. For messages, only roles in `roles` are included (all
 * when omitted), each text part becoming one segment.
 */
export function buildTextView(input: GuardInput, roles?: readonly string[]): TextView {
  if (typeof input === 'string') return { text: input, segments: [] };
  const pieces: string[] = [];
  const segments: TextSegment[] = [];
  let offset = 0;
  const push = (text: string, messageIndex: number, partIndex: number) => {
    if (pieces.length > 0) {
      pieces.push(SEGMENT_SEPARATOR);
      offset += SEGMENT_SEPARATOR.length;
    }
    pieces.push(text);
    segments.push({ messageIndex, partIndex, start: offset, end: offset + text.length });
    offset += text.length;
  };
  input.forEach((message, messageIndex) => {
    if (roles && !roles.includes(message.role)) return;
    if (typeof message.content === 'string') push(message.content, messageIndex, -1);
    else
      message.content.forEach((part, partIndex) => {
        if (isTextPart(part)) push(part.text, messageIndex, partIndex);
      });
  });
  return { text: pieces.join(''), segments };
}

/** A span to replace, and what to put there. */
export interface Redaction {
  span: Span;
  replacement: string;
}

/** Sorts redactions and merges overlapping ones (the merged span keeps the first replacement). */
export function normaliseRedactions(redactions: readonly Redaction[]): Redaction[] {
  const sorted = [...redactions].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const merged: Redaction[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.span.start < last.span.end) {
      last.span = { start: last.span.start, end: Math.max(last.span.end, r.span.end) };
    } else merged.push({ span: { ...r.span }, replacement: r.replacement });
  }
  return merged;
}

/**
 * Applies merged redactions to `text.slice(from, to)`. A redaction that starts inside the
 * slice emits its replacement there; the part of it inside the slice is dropped either way.
 */
export function redactSlice(
  text: string,
  redactions: readonly Redaction[],
  from = 0,
  to = text.length,
): string {
  let out = '';
  let cursor = from;
  for (const { span, replacement } of redactions) {
    if (span.end <= from || span.start >= to) continue;
    const start = Math.max(span.start, from);
    out += text.slice(cursor, start);
    if (span.start >= from) out += replacement;
    cursor = Math.min(span.end, to);
  }
  return out + text.slice(cursor, to);
}

/** Rebuilds messages with each checked segment replaced by its redacted text. */
export function redactMessages(
  messages: readonly ChatMessage[],
  view: TextView,
  redactions: readonly Redaction[],
): ChatMessage[] {
  const result = messages.map((m) => ({
    ...m,
    content: typeof m.content === 'string' ? m.content : m.content.map((p) => ({ ...p })),
  }));
  for (const segment of view.segments) {
    const text = redactSlice(view.text, redactions, segment.start, segment.end);
    const message = result[segment.messageIndex]!;
    if (segment.partIndex < 0) message.content = text;
    else {
      const parts = message.content as ContentPart[];
      parts[segment.partIndex] = { ...parts[segment.partIndex]!, type: 'text', text };
    }
  }
  return result;
}
