/**
 * Dedicated worker started by the extraction frame (extension/entrypoints/extractor): bytes in,
 * Extraction out. pdf.js runs here with its in-thread "fake worker" (shared/attachments/pdf.ts),
 * i.e. on this worker's own thread — never on a webmail page's thread.
 * A WXT unlisted script (one self-contained file, classic worker) rather than a Vite
 * `new Worker(new URL(...))` module worker: WXT's per-entrypoint builds do not emit those.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractAttachment } from '../../shared/attachments';
import type { ExtractRequest, ExtractResponse } from '../guard/extract-client';

export default defineUnlistedScript(() => {
  const scope = self as unknown as { onmessage: ((ev: MessageEvent<ExtractRequest>) => void) | null; postMessage(r: ExtractResponse): void };
  scope.onmessage = async (ev) => {
    const { id, name, type, bytes } = ev.data;
    let response: ExtractResponse;
    try {
      const data = new Uint8Array(bytes);
      const extraction = await extractAttachment({ name, type, size: data.byteLength, bytes: data });
      response = { id, extraction };
    } catch (e) {
      response = { id, error: e instanceof Error ? e.message : String(e) };
    }
    scope.postMessage(response);
  };
});
