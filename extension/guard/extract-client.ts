/**
 * Attachment text extraction OFF the page's main thread (issue #3 item 3).
 *
 * Choice: a hidden extension iframe (`extractor.html`, a web_accessible_resource) inside our
 * shadow root, talked to over a MessageChannel, which runs the extraction in a dedicated Worker.
 *
 * Why not the alternatives:
 *  - chrome.offscreen: Chrome-only (Firefox has no offscreen API) and needs an extra permission;
 *    and the bytes would have to go through chrome.runtime messaging, which in Chrome
 *    JSON-serialises them (a 26 MiB Uint8Array becomes a ~100 MB object).
 *  - a Worker started by the content script: a worker script must be same-origin with the
 *    page, so it would need a blob: URL, which the webmail's CSP (`worker-src`) may forbid.
 *  - the service worker: same messaging problem as offscreen; and MV3 service workers cannot
 *    start Workers.
 * An extension frame is a separate (out-of-process) document in both Chrome and Firefox; bytes
 * reach it by postMessage with the ArrayBuffer *transferred* (no copy, no JSON); and inside it a
 * Worker keeps pdf.js off even the frame's own thread and lets us terminate a runaway parse.
 */
import type { Extraction } from '../../shared/types';
import type { Extractor } from './attachments';

export const EXTRACT_CONNECT = 'congvu-guard:extract-connect';

export interface ExtractRequest {
  id: number;
  name: string;
  type: string;
  bytes: ArrayBuffer;
}

export interface ExtractResponse {
  id: number;
  extraction?: Extraction;
  error?: string;
}

export function isExtraction(v: unknown): v is Extraction {
  return !!v && typeof v === 'object' && Array.isArray((v as Extraction).parts);
}

/**
 * @param frameUrl  chrome.runtime.getURL('/extractor.html')
 * @param mountIn   where to put the hidden iframe (our shadow root)
 */
export function createFrameExtractor(doc: Document, frameUrl: string, mountIn: () => ParentNode, connectTimeoutMs = 10_000): Extractor {
  let port: Promise<MessagePort> | null = null;
  let nextId = 1;
  const waiting = new Map<number, (r: ExtractResponse) => void>();

  const connect = (): Promise<MessagePort> => {
    if (port) return port;
    port = new Promise<MessagePort>((resolve, reject) => {
      const frame = doc.createElement('iframe');
      frame.className = 'frames';
      frame.setAttribute('aria-hidden', 'true');
      frame.tabIndex = -1;
      const timer = setTimeout(() => reject(new Error('extractor frame did not load')), connectTimeoutMs);
      frame.addEventListener('load', () => {
        clearTimeout(timer);
        const channel = new MessageChannel();
        channel.port1.onmessage = (ev: MessageEvent<ExtractResponse>) => {
          const r = ev.data;
          if (!r || typeof r.id !== 'number') return;
          waiting.get(r.id)?.(r);
          waiting.delete(r.id);
        };
        // targetOrigin pins the message to our own extension origin: if anything navigated the
        // frame elsewhere, the port is not handed over.
        frame.contentWindow?.postMessage({ type: EXTRACT_CONNECT }, new URL(frameUrl).origin, [channel.port2]);
        resolve(channel.port1);
      });
      frame.src = frameUrl;
      mountIn().appendChild(frame);
    });
    port.catch(() => {
      port = null; // try again next time
    });
    return port;
  };

  return async ({ name, type, bytes }) => {
    const where = `attachment:${name}`;
    let p: MessagePort;
    try {
      p = await connect();
    } catch (e) {
      return { parts: [], unreadable: [{ reason: 'no-content', where, detail: e instanceof Error ? e.message : String(e) }] };
    }
    const id = nextId++;
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const response = await new Promise<ExtractResponse>((resolve) => {
      waiting.set(id, resolve);
      const req: ExtractRequest = { id, name, type, bytes: buffer };
      p.postMessage(req, [buffer]);
    });
    if (isExtraction(response.extraction)) return response.extraction;
    return { parts: [], unreadable: [{ reason: 'corrupt', where, detail: response.error ?? 'no result' }] };
  };
}
