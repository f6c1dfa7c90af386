/**
 * Attach-time capture (issue #3 item 3). Webmails upload a file as soon as it is chosen and
 * afterwards only show its name and size, so the bytes are only ever visible to us at the moment
 * of attaching: on the file input's `change`, on `drop`, and on `paste`. We listen in the capture
 * phase on window (passively: these events are never cancelled), keep the bytes for this tab,
 * and start text extraction right away so that by the time the user presses Send the content
 * rules can run synchronously.
 */
import type { Draft, DraftAttachment, Extraction } from '../../shared/types';

export interface CapturedFile {
  id: number;
  name: string;
  size: number;
  type: string;
  capturedAt: number;
  /** Filled when the bytes have been read. */
  bytes?: Uint8Array;
  /** Filled when extraction finished (successfully or with `unreadable`). */
  extraction?: Extraction;
  /** Settles when bytes are read and extraction is done; never rejects. */
  done: Promise<void>;
}

export type Extractor = (file: { name: string; type: string; bytes: Uint8Array }) => Promise<Extraction>;

export interface AttachmentStoreOptions {
  extract: Extractor;
  /** Called synchronously with the new files as soon as they are seen (sizes known). */
  onAdded?(files: CapturedFile[]): void;
  /** Called when a file's extraction finished. */
  onExtracted?(file: CapturedFile): void;
  /** Per-file ceiling for extraction; after it the file counts as unreadable ('timeout'). */
  extractTimeoutMs?: number;
  now?(): number;
  /** Files above this size are not read into memory (their size alone decides). */
  maxBytes?: number;
  /** Total bytes kept for the tab (see DEFAULT_RETAIN_BYTES). */
  retainBytes?: number;
}

export const DEFAULT_EXTRACT_TIMEOUT_MS = 20_000;
/** Reading bigger files than this into the page would risk the tab; their size decides. */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
/**
 * Bytes kept per tab. Single-page webmails (OWA, Gmail) live for days in one tab; past this,
 * the oldest files that are already extracted give up their bytes (their text stays).
 */
export const DEFAULT_RETAIN_BYTES = 256 * 1024 * 1024;

export class AttachmentStore {
  private readonly files: CapturedFile[] = [];
  private nextId = 1;

  constructor(private readonly opts: AttachmentStoreOptions) {}

  /** Install the capture listeners. Returns a disposer. */
  listen(win: Window, owns: (ev: Event) => boolean = () => false): () => void {
    const onChange = (ev: Event) => {
      const input = ev.target as HTMLInputElement | null;
      if (!input || input.tagName !== 'INPUT' || input.type !== 'file' || owns(ev)) return;
      if (input.files?.length) this.add(Array.from(input.files));
    };
    const onDrop = (ev: Event) => {
      if (owns(ev)) return;
      const files = (ev as DragEvent).dataTransfer?.files;
      if (files?.length) this.add(Array.from(files));
    };
    const onPaste = (ev: Event) => {
      if (owns(ev)) return;
      const files = (ev as ClipboardEvent).clipboardData?.files;
      if (files?.length) this.add(Array.from(files));
    };
    win.addEventListener('change', onChange, true);
    win.addEventListener('drop', onDrop, true);
    win.addEventListener('paste', onPaste, true);
    return () => {
      win.removeEventListener('change', onChange, true);
      win.removeEventListener('drop', onDrop, true);
      win.removeEventListener('paste', onPaste, true);
    };
  }

  /** Register files (also used directly by adapters that receive files another way). */
  add(list: File[]): CapturedFile[] {
    const now = this.opts.now?.() ?? Date.now();
    const added = list.map((file) => {
      const entry: CapturedFile = {
        id: this.nextId++,
        name: file.name,
        size: file.size,
        type: file.type,
        capturedAt: now,
        done: Promise.resolve(),
      };
      entry.done = this.process(entry, file);
      return entry;
    });
    this.files.push(...added);
    this.opts.onAdded?.(added);
    return added;
  }

  /** Release the bytes of the oldest extracted files while the total is over the budget. */
  private trim(): void {
    const budget = this.opts.retainBytes ?? DEFAULT_RETAIN_BYTES;
    let total = this.files.reduce((n, f) => n + (f.bytes?.byteLength ?? 0), 0);
    for (const f of this.files) {
      if (total <= budget) break;
      if (!f.bytes || !f.extraction) continue;
      total -= f.bytes.byteLength;
      f.bytes = undefined;
    }
  }

  get captured(): readonly CapturedFile[] {
    return this.files;
  }

  private async process(entry: CapturedFile, file: File): Promise<void> {
    const where = `attachment:${entry.name}`;
    const maxBytes = this.opts.maxBytes ?? DEFAULT_MAX_BYTES;
    if (entry.size > maxBytes) {
      entry.extraction = { parts: [], unreadable: [{ reason: 'too-large', where }] };
      this.opts.onExtracted?.(entry);
      return;
    }
    try {
      entry.bytes = new Uint8Array(await file.arrayBuffer());
      const timeoutMs = this.opts.extractTimeoutMs ?? DEFAULT_EXTRACT_TIMEOUT_MS;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<Extraction>((resolve) => {
        timer = setTimeout(() => resolve({ parts: [], unreadable: [{ reason: 'timeout', where }] }), timeoutMs);
      });
      // The extractor gets its own copy: it may transfer (detach) the buffer to another context.
      const job = this.opts.extract({ name: entry.name, type: entry.type, bytes: entry.bytes.slice() });
      entry.extraction = await Promise.race([job, timeout]);
      clearTimeout(timer);
      this.trim();
    } catch (e) {
      entry.extraction = {
        parts: [],
        unreadable: [{ reason: 'corrupt', where, detail: e instanceof Error ? e.message : String(e) }],
      };
    }
    this.opts.onExtracted?.(entry);
  }

  /**
   * The captured file behind a page attachment: same name, and (when the page shows a size)
   * a size that agrees within 10% (pages show rounded sizes like "26 MB"). The newest capture
   * wins when a file of the same name was attached twice.
   */
  match(att: DraftAttachment): CapturedFile | undefined {
    for (let i = this.files.length - 1; i >= 0; i--) {
      const f = this.files[i]!;
      if (f.name !== att.name) continue;
      if (att.size > 0 && Math.abs(att.size - f.size) > Math.max(f.size * 0.1, 2048)) continue;
      return f;
    }
    return undefined;
  }

  enrich(draft: Draft): Draft {
    if (!this.files.length || !draft.attachments.length) return draft;
    return {
      ...draft,
      attachments: draft.attachments.map((att) => {
        const f = this.match(att);
        if (!f) return att;
        const merged: DraftAttachment = { ...att, size: f.size, type: att.type || f.type || undefined };
        if (!merged.type) delete merged.type;
        if (f.bytes) merged.bytes = f.bytes;
        if (f.extraction) merged.extraction = f.extraction;
        return merged;
      }),
    };
  }

  pending(draft: Draft): Promise<void> | null {
    const waits: Promise<void>[] = [];
    for (const att of draft.attachments) {
      const f = this.match(att);
      if (f && !f.extraction) waits.push(f.done);
    }
    return waits.length ? Promise.all(waits).then(() => undefined) : null;
  }

  /** Page attachments plus files seen at attach time that the page does not list yet. */
  withNew(draft: Draft, files: readonly CapturedFile[]): Draft {
    const enriched = this.enrich(draft);
    const extra: DraftAttachment[] = [];
    for (const f of files) {
      if (enriched.attachments.some((a) => a.name === f.name)) continue;
      const att: DraftAttachment = { name: f.name, size: f.size };
      if (f.type) att.type = f.type;
      if (f.bytes) att.bytes = f.bytes;
      if (f.extraction) att.extraction = f.extraction;
      extra.push(att);
    }
    return extra.length ? { ...enriched, attachments: [...enriched.attachments, ...extra] } : enriched;
  }
}
