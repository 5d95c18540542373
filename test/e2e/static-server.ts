import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.css': 'text/css',
  '.png': 'image/png',
};

/** Serves files from mounted folders on 127.0.0.1 (a secure context, so WebGPU is exposed). */
export async function serveStatic(
  mounts: Record<string, string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const mount = Object.keys(mounts)
      .sort((a, b) => b.length - a.length)
      .find((m) => path === m || path.startsWith(m.endsWith('/') ? m : `${m}/`));
    if (!mount) {
      res.writeHead(404).end();
      return;
    }
    const relative = normalize(path.slice(mount.length)).replace(/^([/\\])+/, '') || 'index.html';
    if (relative.startsWith('..')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(join(mounts[mount]!, relative));
      res.writeHead(200, {
        'content-type': TYPES[extname(relative)] ?? 'application/octet-stream',
        'content-length': body.byteLength,
        // Cross-origin isolation lets onnxruntime-web use threads where it wants them.
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
