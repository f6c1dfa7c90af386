/**
 * PDF text layer via pdfjs-dist (legacy build: it runs in Node 20 and older WebViews).
 *
 * pdfjs is imported lazily so that the rest of the extractor works where it cannot load
 * (Outlook's JavaScript-only runtime has no dynamic import of a 1.5 MB module worth doing).
 * No Web Worker: we load the worker module ourselves and hand it to pdfjs through
 * `globalThis.pdfjsWorker`, which pdfjs uses for its in-thread "fake worker". That avoids
 * a worker URL (none exists in a content script or in Node) and CSP trouble.
 * Hardening: `isEvalSupported:false` (no `new Function` for PostScript functions — also
 * CVE-2024-4367), no font loading (`disableFontFace`, no system fonts), no fetches.
 */
import { ExtractStop } from './budget.ts';
import { addPart, type Node } from './context.ts';

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsPromise: Promise<PdfjsModule> | undefined;

/** Load pdfjs ahead of time (e.g. when a compose window opens) so the first check is fast. */
export async function preloadPdfReader(): Promise<boolean> {
  try {
    await loadPdfjs();
    return true;
  } catch {
    return false;
  }
}

async function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= (async () => {
    // globalThis is ES2020; the add-in's ES2016 realm has neither it nor self (and no pdfjs).
    const g = (typeof globalThis !== 'undefined' ? globalThis : typeof self !== 'undefined' ? self : undefined) as { pdfjsWorker?: unknown } | undefined;
    if (g && !g.pdfjsWorker) g.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  try {
    return await pdfjsPromise;
  } catch (err) {
    pdfjsPromise = undefined; // let a later call retry (e.g. transient chunk-load failure)
    throw err;
  }
}

export function isPdf(b: Uint8Array): boolean {
  // The header may sit anywhere in the first 1024 bytes (PDF 32000-1 §7.5.2 implementations note).
  const n = Math.min(b.length, 1024);
  for (let i = 0; i + 4 < n; i++) {
    if (b[i] === 0x25 && b[i + 1] === 0x50 && b[i + 2] === 0x44 && b[i + 3] === 0x46 && b[i + 4] === 0x2d) return true;
  }
  return false;
}

class Timeout extends Error {}

function openDocument(pdfjs: PdfjsModule, bytes: Uint8Array) {
  return pdfjs.getDocument({
    data: bytes.slice(), // pdfjs transfers (detaches) the buffer it is given
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  });
}

export async function extractPdf(node: Node, bytes: Uint8Array): Promise<void> {
  const budget = node.sink.budget;
  let pdfjs: PdfjsModule;
  const loadStart = Date.now();
  try {
    pdfjs = await loadPdfjs();
  } catch (err) {
    throw new ExtractStop('unsupported', `PDF reader not available in this host (${(err as Error).message})`, 'item');
  } finally {
    budget.excludeTime(Date.now() - loadStart);
  }
  budget.checkTime();
  let task: ReturnType<PdfjsModule['getDocument']>;
  try {
    task = openDocument(pdfjs, bytes);
  } catch (err) {
    // Hosts that stub pdfjs out (the Outlook add-in bundle) throw here.
    throw new ExtractStop('unsupported', `PDF reader not available in this host (${(err as Error)?.message ?? String(err)})`, 'item');
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    if (typeof setTimeout === 'function') timer = setTimeout(() => reject(new Timeout()), Math.max(1, budget.remainingMs));
  });
  timeout.catch(() => {}); // raced below; never an unhandled rejection
  try {
    const doc = await Promise.race([task.promise, timeout]);
    const emptyPages: number[] = [];
    let anyText = false;
    for (let p = 1; p <= doc.numPages; p++) {
      budget.checkTime();
      budget.countEntry();
      const page = await Promise.race([doc.getPage(p), timeout]);
      const content = await Promise.race([page.getTextContent(), timeout]);
      const lines: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        lines.push(item.str);
        if (item.hasEOL) lines.push('\n');
      }
      page.cleanup();
      // (fonts with decomposed ToUnicode maps give "e\u0302\u0301"; addPart makes it NFC)
      const text = lines.join('');
      if (text.trim()) anyText = true;
      else emptyPages.push(p);
      addPart(node, text, 'page', `page ${p}`);
    }
    try {
      const meta = await Promise.race([doc.getMetadata(), timeout]);
      const info = (meta.info ?? {}) as Record<string, unknown>;
      const props = ['Title', 'Subject', 'Keywords']
        .map((k) => info[k])
        .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
      if (props.length) addPart(node, props.join('\n'), 'properties', 'document info');
    } catch (err) {
      if (err instanceof Timeout || err instanceof ExtractStop) throw err;
      // metadata is optional
    }
    // A page without text is either blank or a scanned image we cannot read. Report it
    // when it matters: the whole file (a scanned document), page 1 (where a marking is
    // stamped), or most pages. A blank page inside a text PDF is not worth a warning.
    if (doc.numPages > 0 && !anyText) {
      node.sink.report(node.where, 'no-content', 'PDF has no text layer (scanned image?); its content was not inspected');
    } else if (emptyPages[0] === 1 || emptyPages.length * 2 > doc.numPages) {
      const list = emptyPages.length > 10 ? `${emptyPages.slice(0, 10).join(', ')} …` : emptyPages.join(', ');
      node.sink.report(node.where, 'no-content', `page(s) ${list} have no text layer (scanned or blank); not inspected`);
    }
  } catch (err) {
    if (err instanceof ExtractStop) throw err;
    if (err instanceof Timeout) throw new ExtractStop('timeout', `PDF not finished within the time budget of ${budget.limits.timeMs} ms`, 'run');
    const name = (err as { name?: string })?.name;
    if (name === 'PasswordException') throw new ExtractStop('encrypted', 'PDF is password-protected', 'item');
    if (name === 'InvalidPDFException') throw new ExtractStop('corrupt', `invalid PDF (${(err as Error).message})`, 'item');
    throw new ExtractStop('corrupt', `PDF could not be read (${(err as Error)?.message ?? String(err)})`, 'item');
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    // Frees the document in the fake worker too; must not throw into our caller.
    task.destroy().catch(() => {});
  }
}
