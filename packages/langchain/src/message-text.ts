import type { BaseMessage, MessageContent } from '@langchain/core/messages';

/** The text of a message: string content, or the text blocks of multi-part content, joined. */
export function messageText(message: Pick<BaseMessage, 'content'>): string {
  return contentText(message.content);
}

/** Text of a message content value. */
export function contentText(content: MessageContent): string {
  if (typeof content === 'string') return content;
  return content
    .map((block) => (block.type === 'text' && typeof block.text === 'string' ? block.text : ''))
    .filter(Boolean)
    .join('\n');
}

/** Content with its text replaced (multi-part content keeps its non-text blocks). */
export function withText(content: MessageContent, text: string): MessageContent {
  if (typeof content === 'string') return text;
  let placed = false;
  return content.flatMap((block) => {
    if (block.type !== 'text') return [block];
    if (placed) return [];
    placed = true;
    return [{ ...block, text }];
  });
}
