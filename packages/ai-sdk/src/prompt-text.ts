import type { LanguageModelV3Prompt } from '@ai-sdk/provider';

/** Index of the newest user message in an AI SDK prompt, or -1. */
export function lastUserIndex(prompt: LanguageModelV3Prompt): number {
  for (let i = prompt.length - 1; i >= 0; i--) if (prompt[i]!.role === 'user') return i;
  return -1;
}

/** The text parts of a prompt message, joined (system messages are plain strings). */
export function messageText(message: LanguageModelV3Prompt[number]): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n\n');
}
