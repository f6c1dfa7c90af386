/**
 * The hidden extraction frame (see extension/guard/extract-client.ts for why a frame).
 * Accepts one MessagePort from its parent (the content script), then runs each request in a
 * fresh dedicated Worker so pdf.js never runs on a page's thread, and a parse that runs away
 * can be killed (worker.terminate) instead of hanging the frame.
 */
import { EXTRACT_CONNECT, isExtraction, type ExtractRequest, type ExtractResponse } from '../../guard/extract-client';
import type { Extraction } from '../../../shared/types';

/** Hard ceiling per file, above the extractor's own time budget. */
const JOB_TIMEOUT_MS = 25_000;
const MAX_PARALLEL = 2;

let connected = false;
const queue: (() => void)[] = [];
let running = 0;

function schedule(job: () => Promise<void>): void {
  const run = () => {
    running++;
    void job().finally(() => {
      running--;
      queue.shift()?.();
    });
  };
  if (running < MAX_PARALLEL) run();
  else queue.push(run);
}

function extractInWorker(req: ExtractRequest): Promise<ExtractResponse> {
  return new Promise((resolve) => {
    // Same-origin (extension) classic worker; see extension/entrypoints/extract-worker.ts.
    const worker = new Worker('/extract-worker.js');
    const where = `attachment:${req.name}`;
    const finish = (r: ExtractResponse) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(r);
    };
    const timer = setTimeout(() => {
      const extraction: Extraction = { parts: [], unreadable: [{ reason: 'timeout', where }] };
      finish({ id: req.id, extraction });
    }, JOB_TIMEOUT_MS);
    worker.onmessage = (ev: MessageEvent<ExtractResponse>) => {
      const r = ev.data;
      // pdf.js's worker module, bundled into the same file, announces itself on the worker's
      // port when it loads ({action: "ready"}): only our own answer for this request counts.
      if (!r || typeof r !== 'object' || r.id !== req.id) return;
      finish(isExtraction(r?.extraction) ? { id: req.id, extraction: r.extraction } : { id: req.id, error: r?.error ?? 'no result' });
    };
    worker.onerror = (ev) => finish({ id: req.id, error: ev.message || 'worker error' });
    worker.postMessage(req, [req.bytes]);
  });
}

function isRequest(v: unknown): v is ExtractRequest {
  const r = v as ExtractRequest;
  return !!r && typeof r.id === 'number' && typeof r.name === 'string' && typeof r.type === 'string' && r.bytes instanceof ArrayBuffer;
}

window.addEventListener('message', (ev: MessageEvent) => {
  // Only the document that embeds us, only once, only with a port.
  if (connected || ev.source !== window.parent || ev.data?.type !== EXTRACT_CONNECT || !ev.ports[0]) return;
  connected = true;
  const port = ev.ports[0];
  port.onmessage = (m: MessageEvent) => {
    if (!isRequest(m.data)) return;
    const req = m.data;
    schedule(async () => port.postMessage(await extractInWorker(req)));
  };
});
