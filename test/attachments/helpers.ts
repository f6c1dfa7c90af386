import type { DraftAttachment, Extraction } from '../../shared/types.ts';
import { extractAttachment, type ExtractBudget } from '../../shared/attachments/index.ts';

export const utf8 = (s: string) => new TextEncoder().encode(s);

export function att(name: string, content: Uint8Array | string, type?: string): DraftAttachment {
  const bytes = typeof content === 'string' ? utf8(content) : content;
  const a: DraftAttachment = { name, size: bytes.length, bytes };
  if (type) a.type = type;
  return a;
}

export async function extract(name: string, content: Uint8Array | string, type?: string, budget?: Partial<ExtractBudget>): Promise<Extraction> {
  return extractAttachment(att(name, content, type), budget);
}

/** All text of an extraction, parts joined by newlines. */
export const allText = (ex: Extraction) => ex.parts.map((p) => p.text).join('\n');

export const textOf = (ex: Extraction, section: string) =>
  ex.parts
    .filter((p) => p.section === section)
    .map((p) => p.text)
    .join('\n');

export const reasons = (ex: Extraction) => (ex.unreadable ?? []).map((u) => u.reason);

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
