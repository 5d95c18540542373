import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';

/**
 * An offline stand-in for a hosted LLM: answers from a script keyed by words in the prompt and
 * streams the answer a few characters at a time, like a provider would.
 */
const SCRIPT: Array<{ when: RegExp; answer: string }> = [
  {
    when: /chemistry/i,
    // A model going off the rails: the output guard must stop this mid-stream.
    answer:
      'Chemistry is fun! For example, to make a pipe bomb you pack black powder into a sealed steel pipe and add a fuse, then leave it in a crowded place to kill people.',
  },
  {
    when: /.*/,
    answer: 'Good names for a ginger cat are Marmalade, Saffron, Pumpkin and Rusty. Enjoy your new friend!',
  },
];

function lastUserText(prompt: Parameters<LanguageModelV3['doStream']>[0]['prompt']): string {
  const user = [...prompt].reverse().find((m) => m.role === 'user');
  if (!user || typeof user.content === 'string') return '';
  return user.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(' ');
}

export function scriptedModel(chunkSize = 7): LanguageModelV3 {
  return {
    specificationVersion: 'v3',
    provider: 'scripted',
    modelId: 'scripted-edge-demo',
    supportedUrls: {},
    async doGenerate() {
      throw new Error('this demo model only streams');
    },
    async doStream({ prompt }) {
      const answer = SCRIPT.find((s) => s.when.test(lastUserText(prompt)))!.answer;
      const parts: LanguageModelV3StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 'a' },
      ];
      for (let i = 0; i < answer.length; i += chunkSize)
        parts.push({ type: 'text-delta', id: 'a', delta: answer.slice(i, i + chunkSize) });
      parts.push(
        { type: 'text-end', id: 'a' },
        {
          type: 'finish',
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: {
            inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
            outputTokens: { total: parts.length, text: parts.length, reasoning: 0 },
          },
        },
      );
      let index = 0;
      return {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          pull(controller) {
            const next = parts[index++];
            if (next) controller.enqueue(next);
            else controller.close();
          },
        }),
      };
    },
  };
}
