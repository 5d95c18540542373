import { rampartMiddleware } from '@rampart/ai-sdk';
import { createGuardChain, type GuardChain, injectionGuard, piiGuard } from '@rampart/core';
import { classifierGuard, createClassifier, usePrecompiledWasm } from '@rampart/inference';
import { streamText, wrapLanguageModel } from 'ai';
import { scriptedModel } from './scripted-model.js';

/** What the platform hands the handler: the precompiled ORT wasm module and the model. */
export interface EdgeDeps {
  /** `ort-wasm-simd-threaded.wasm`, compiled by the platform (Wasm module import). */
  ortWasm: WebAssembly.Module;
  /** The model bytes (bundled, or fetched from R2/KV/Blob: they are verified against the manifest). */
  loadModel: () => Promise<Uint8Array>;
  manifest: unknown;
}

interface ChatRequest {
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
}

/**
 * A Web-standard `fetch` handler: POST `{ messages }` → moderates the newest user message with the
 * severity classifier (wasm) and either refuses (403, with categories and severity) or streams an
 * answer from the scripted model through Rampart's AI SDK middleware.
 */
export function createChatHandler(deps: EdgeDeps): (request: Request) => Promise<Response> {
  let chain: Promise<GuardChain> | undefined;
  // Built once per isolate, on first use: session creation is the expensive part.
  const getChain = () => {
    chain ??= (async () => {
      usePrecompiledWasm(deps.ortWasm);
      const classifier = await createClassifier({
        device: 'wasm',
        model: { bytes: await deps.loadModel(), manifest: deps.manifest },
      });
      return createGuardChain({
        guards: [classifierGuard(classifier), piiGuard(), injectionGuard()],
        cache: true,
      });
    })();
    chain.catch(() => {
      chain = undefined;
    });
    return chain;
  };

  return async (request) => {
    if (request.method !== 'POST') return new Response('POST a JSON body { messages }', { status: 405 });
    let body: ChatRequest;
    try {
      body = (await request.json()) as ChatRequest;
      if (!Array.isArray(body.messages)) throw new Error('messages must be an array');
    } catch (error) {
      return Response.json({ error: `bad request: ${(error as Error).message}` }, { status: 400 });
    }
    const guardChain = await getChain();
    const last = [...body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const input = await guardChain.check('input', last);
    if (!input.allowed) {
      return Response.json(
        {
          refused: true,
          message: input.replacement,
          action: input.action,
          categories: input.categories,
          severity: input.severity,
        },
        { status: 403 },
      );
    }
    const messages = body.messages.map((m) => ({
      role: m.role,
      content: m === body.messages.at(-1) ? input.text : m.content,
    }));
    const result = streamText({
      model: wrapLanguageModel({
        model: scriptedModel(),
        middleware: rampartMiddleware({ chain: guardChain, checkInput: false }),
      }),
      messages,
    });
    return result.toTextStreamResponse({ headers: { 'x-rampart-input': input.action } });
  };
}
