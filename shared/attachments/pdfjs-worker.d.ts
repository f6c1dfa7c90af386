// pdfjs-dist ships no typings for the worker module; we only pass it to pdfjs via
// globalThis.pdfjsWorker (see pdf.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
