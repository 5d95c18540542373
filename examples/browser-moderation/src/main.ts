import type { FromWorker, ToWorker } from './protocol.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const worker = new Worker(new URL('./classifier.worker.ts', import.meta.url), { type: 'module' });
const send = (message: ToWorker) => worker.postMessage(message);

const promptInput = $<HTMLTextAreaElement>('prompt');
const responseInput = $<HTMLTextAreaElement>('response');
const progress = $<HTMLProgressElement>('progress');
const streamOutput = $('stream-output');
let latestId = 0;
let ready = false;

function renderBars(categories: Record<string, number>, hot: Set<string>) {
  const items = Object.entries(categories)
    .sort((a, b) => b[1] - a[1])
    .map(([name, p]) => {
      const li = document.createElement('li');
      li.className = hot.has(name) ? 'hot' : '';
      li.dataset.category = name;
      li.innerHTML = `<span>${name.replace(/_/g, ' ')}</span><div class="bar"><span style="width:${(p * 100).toFixed(1)}%"></span></div><span>${(p * 100).toFixed(0)}%</span>`;
      return li;
    });
  $('bars').replaceChildren(...items);
}

worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const m = event.data;
  switch (m.type) {
    case 'progress': {
      const { phase, loadedBytes, totalBytes } = m.progress;
      $('progress-label').textContent = phase;
      if (phase === 'download' && loadedBytes && totalBytes)
        progress.value = (loadedBytes / totalBytes) * 0.8;
      if (phase === 'compile') progress.value = 0.9;
      if (phase === 'ready') progress.value = 1;
      break;
    }
    case 'ready':
      ready = true;
      document.body.dataset.device = m.device;
      $('device-used').textContent = m.device;
      $('progress-label').textContent = m.fallbackReason
        ? `ready on ${m.device} (${m.fallbackReason})`
        : `ready on ${m.device}`;
      progress.value = 1;
      document.body.dataset.ready = 'true';
      scheduleClassify();
      break;
    case 'error':
      $('progress-label').textContent = `error: ${m.message}`;
      document.body.dataset.error = m.message;
      break;
    case 'verdict': {
      if (m.id !== latestId) return; // a newer keystroke superseded this one
      const verdict = $('verdict');
      verdict.dataset.state = m.decision.action;
      verdict.dataset.flagged = String(m.verdict.flagged);
      $('action').textContent = m.decision.action.toUpperCase();
      $('severity').textContent = m.verdict.severity;
      $('unsafe').textContent = m.verdict.unsafe.toFixed(3);
      $('device-used').textContent = m.verdict.device;
      $('latency').textContent = `${m.verdict.latencyMs.toFixed(1)} ms`;
      renderBars(m.verdict.categories, new Set(m.verdict.topCategories.map((c) => c.category)));
      break;
    }
    case 'stream-release':
      if (m.text) streamOutput.append(document.createTextNode(m.text));
      $('held').textContent = String(m.heldChars);
      $('stream-state').textContent = 'streaming';
      break;
    case 'stream-end': {
      if (m.blocked && m.replacement) {
        const span = document.createElement('span');
        span.className = 'replacement';
        span.textContent = m.replacement;
        streamOutput.append(span);
      }
      $('held').textContent = '0';
      $('stream-state').textContent = m.blocked ? `blocked (${m.decision.categories.join(', ')})` : 'done';
      streamOutput.dataset.done = 'true';
      break;
    }
  }
};

let timer: ReturnType<typeof setTimeout> | undefined;
function scheduleClassify() {
  clearTimeout(timer);
  // Debounced: classify once typing pauses.
  timer = setTimeout(() => {
    const prompt = promptInput.value;
    if (!ready || prompt.trim() === '') return;
    const response = responseInput.value.trim() ? responseInput.value : undefined;
    send({ type: 'classify', id: ++latestId, prompt, ...(response ? { response } : {}) });
  }, 150);
}

promptInput.addEventListener('input', scheduleClassify);
responseInput.addEventListener('input', scheduleClassify);
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=device]')) {
  radio.addEventListener('change', () => {
    ready = false;
    document.body.dataset.ready = 'false';
    progress.value = 0;
    send({ type: 'load', device: radio.value as 'webgpu' | 'wasm' });
  });
}
for (const script of ['benign', 'harmful'] as const) {
  $(`stream-${script}`).addEventListener('click', () => {
    streamOutput.replaceChildren();
    delete streamOutput.dataset.done;
    send({ type: 'stream', script });
  });
}

const initial = (new URLSearchParams(location.search).get('device') as 'webgpu' | 'wasm' | null) ?? 'webgpu';
document.querySelector<HTMLInputElement>(`input[name=device][value=${initial}]`)!.checked = true;
send({ type: 'load', device: initial });
