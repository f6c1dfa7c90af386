/**
 * Where extracted text and problems are collected while walking one attachment (and
 * everything nested in it).
 */
import type { ExtractedPart, ExtractedSection, Extraction, UnreadableReason } from '../types.ts';
import { BudgetState, ExtractStop } from './budget.ts';
import { TextBuffer } from './xml.ts';

type Unreadable = NonNullable<Extraction['unreadable']>[number];

/** Enough to tell the user why; a bomb with 10,000 bad entries must not make 10,000 lines. */
const MAX_UNREADABLE = 25;

export class Sink {
  readonly parts: ExtractedPart[] = [];
  private readonly problems = new Map<string, { entry: Unreadable; count: number }>();
  private dropped = 0;
  private droppedReason: UnreadableReason = 'corrupt';
  charsLeft: number;

  constructor(readonly budget: BudgetState) {
    this.charsLeft = budget.limits.maxTextChars;
  }

  /**
   * Record a problem. Identical reason+detail pairs are counted, not repeated (a 42.zip
   * yields thousands of "nested too deep"). `important` entries (budget stops) are always
   * kept even past the cap, because they explain why the rest was not inspected.
   */
  report(where: string, reason: UnreadableReason, detail: string, important = false): void {
    const key = `${reason}\u0000${detail}`;
    const seen = this.problems.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    if (this.problems.size >= MAX_UNREADABLE && !important) {
      if (this.dropped++ === 0) this.droppedReason = reason;
      return;
    }
    this.problems.set(key, { entry: { reason, detail, where }, count: 1 });
  }

  get hasProblems(): boolean {
    return this.problems.size > 0;
  }

  result(): Extraction {
    const out: Extraction = { parts: this.parts };
    if (this.problems.size) {
      const list = [...this.problems.values()].map(({ entry, count }) =>
        count > 1 ? { ...entry, detail: `${entry.detail} (${count} items like this)` } : entry,
      );
      if (this.dropped) list.push({ reason: this.droppedReason, detail: `${this.dropped} more problems not listed`, where: list[0].where });
      out.unreadable = list;
    }
    return out;
  }
}

/** A position in the nesting chain: "attachment:a.zip > attachment:b.docx". */
export interface Node {
  sink: Sink;
  where: string;
  depth: number;
}

export function childNode(parent: Node, name: string): Node {
  return { sink: parent.sink, where: `${parent.where} > attachment:${name}`, depth: parent.depth + 1 };
}

export function newBuffer(node: Node): TextBuffer {
  return new TextBuffer(Math.max(0, node.sink.charsLeft));
}

/**
 * Keep the text of one buffer as a part. When the attachment's text budget ran out, the
 * rest of it is not inspected: say so and unwind the attachment.
 */
export function commit(node: Node, buf: TextBuffer, section?: ExtractedSection, locator?: string): void {
  addPart(node, buf.toString(), section, locator);
  if (buf.truncated) throw textLimit(node);
}

export function addPart(node: Node, text: string, section?: ExtractedSection, locator?: string): void {
  let t = text;
  if (t.length > node.sink.charsLeft) {
    t = t.slice(0, Math.max(0, node.sink.charsLeft));
    pushPart(node, t, section, locator);
    throw textLimit(node);
  }
  pushPart(node, t, section, locator);
}

function pushPart(node: Node, text: string, section?: ExtractedSection, locator?: string): void {
  node.sink.charsLeft -= text.length;
  if (!text.trim()) return;
  // NFC once here: Unikey's "Unicode tổ hợp" mode, macOS file names and some PDF fonts give
  // decomposed Vietnamese ("ê" + U+0301) that would not match the NFC markings.
  // (~30 ms for 6 M characters that are already NFC.)
  const part: ExtractedPart = { where: node.where, text: text.normalize('NFC') };
  if (section) part.section = section;
  if (locator) part.locator = locator;
  node.sink.parts.push(part);
}

function textLimit(node: Node): ExtractStop {
  node.sink.charsLeft = 0;
  return new ExtractStop('too-large', `text beyond ${node.sink.budget.limits.maxTextChars} characters not inspected`, 'attachment');
}
