/**
 * Attachment text extraction (see DESIGN.md "shared/attachments").
 *
 *   extractAttachment(att, budget?)  -> Extraction for one file
 *   prepareDraft(draft, budget?)     -> Draft with `extraction` filled on attachments with bytes
 *   emlToDraft(bytes)                -> { draft, warnings } for the CLI
 *
 * Pure TypeScript on fflate, postal-mime and (lazily) pdfjs-dist: runs in a content script,
 * a service worker, an offscreen document, Outlook's JavaScript-only runtime (PDF aside) and Node.
 */
export { extractAttachment, prepareDraft, detectKind } from './extract.ts';
export { emlToDraft } from './eml.ts';
export { preloadPdfReader } from './pdf.ts';
export { DEFAULT_BUDGET, type ExtractBudget } from './budget.ts';
