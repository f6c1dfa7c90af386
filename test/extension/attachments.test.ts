// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { AttachmentStore } from '../../extension/guard/attachments';
import { createAttachCheck } from '../../extension/guard/attach-check';
import type { Extraction, Finding } from '../../shared/types';
import { RecordingUi, finding, makeAdapter, makePage, staticPolicy } from './helpers';
import { originToMatchPattern } from '../../extension/lib/origins';

const text = (s: string) => new File([s], 'a.txt', { type: 'text/plain' });

function fileInputChange(files: File[]) {
  const input = document.createElement('input');
  input.type = 'file';
  document.body.appendChild(input);
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return input;
}

describe('AttachmentStore', () => {
  it('captures files from a file input change (capture phase) and extracts their text', async () => {
    const extract = vi.fn(async ({ name }: { name: string; bytes: Uint8Array }): Promise<Extraction> => ({ parts: [{ where: `attachment:${name}`, text: 'MẬT' }] }));
    const store = new AttachmentStore({ extract });
    const off = store.listen(window);
    fileInputChange([new File(['xin chào'], 'bao-cao.docx')]);
    expect(store.captured.map((f) => [f.name, f.size])).toEqual([['bao-cao.docx', 9]]);
    const draft = { to: [], cc: [], bcc: [], subject: '', bodyText: '', attachments: [{ name: 'bao-cao.docx', size: 0 }] };
    expect(store.pending(draft)).not.toBeNull();
    await store.captured[0]!.done;
    expect(store.pending(draft)).toBeNull();
    const enriched = store.enrich(draft);
    expect(enriched.attachments[0]!.extraction?.parts[0]!.text).toBe('MẬT');
    expect(enriched.attachments[0]!.bytes).toBeInstanceOf(Uint8Array);
    expect(enriched.attachments[0]!.size).toBe(9); // UTF-8 bytes of "xin chào"
    off();
  });

  it('captures dropped and pasted files', () => {
    const store = new AttachmentStore({ extract: async () => ({ parts: [] }) });
    const off = store.listen(window);
    const drop = new Event('drop', { bubbles: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [text('a')] } });
    document.body.dispatchEvent(drop);
    const paste = new Event('paste', { bubbles: true });
    Object.defineProperty(paste, 'clipboardData', { value: { files: [text('bb')] } });
    document.body.dispatchEvent(paste);
    expect(store.captured.map((f) => f.size)).toEqual([1, 2]);
    off();
  });

  it('matches page entries by name and rough size; the newest capture wins', () => {
    const store = new AttachmentStore({ extract: async () => ({ parts: [] }) });
    store.add([new File(['x'.repeat(5000)], 'a.pdf'), new File(['y'.repeat(9000)], 'a.pdf')]);
    expect(store.match({ name: 'a.pdf', size: 9000 })?.size).toBe(9000);
    expect(store.match({ name: 'a.pdf', size: 0 })?.size).toBe(9000);
    expect(store.match({ name: 'b.pdf', size: 9000 })).toBeUndefined();
    expect(store.match({ name: 'a.pdf', size: 50_000 })).toBeUndefined();
  });

  it('keeps bytes within a per-tab budget, oldest extracted first (their text stays)', async () => {
    const store = new AttachmentStore({ extract: async () => ({ parts: [{ where: 'x', text: 't' }] }), retainBytes: 15 });
    const [a] = store.add([new File(['x'.repeat(10)], 'a.txt')]);
    await a!.done;
    const [b] = store.add([new File(['y'.repeat(10)], 'b.txt')]);
    await b!.done;
    expect(a!.bytes).toBeUndefined();
    expect(a!.extraction).toBeTruthy();
    expect(b!.bytes?.byteLength).toBe(10);
  });

  it('an extractor that hangs yields unreadable "timeout" instead of blocking forever', async () => {
    const store = new AttachmentStore({ extract: () => new Promise(() => {}), extractTimeoutMs: 5 });
    const [f] = store.add([text('abc')]);
    await f!.done;
    expect(f!.extraction).toEqual({ parts: [], unreadable: [{ reason: 'timeout', where: 'attachment:a.txt' }] });
  });

  it('an extractor that throws yields unreadable "corrupt"', async () => {
    const store = new AttachmentStore({
      extract: async () => {
        throw new Error('bad zip');
      },
    });
    const [f] = store.add([text('abc')]);
    await f!.done;
    expect(f!.extraction?.unreadable?.[0]).toMatchObject({ reason: 'corrupt', detail: 'bad zip' });
  });
});

describe('attach-time warning', () => {
  it('toasts an over-limit file immediately (size known before upload), and content findings after extraction', async () => {
    makePage(document);
    const ui = new RecordingUi();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const store = new AttachmentStore({
      extract: async ({ name }) => {
        await gate;
        return { parts: [{ where: `attachment:${name}`, text: 'TUYỆT MẬT' }] };
      },
      onAdded: (files) => check.onAdded(files),
      onExtracted: (f) => check.onExtracted(f),
    });
    const evaluate = (d: { attachments: { name: string; size: number; extraction?: Extraction }[] }): Finding[] => {
      const out: Finding[] = [];
      const total = d.attachments.reduce((n, a) => n + a.size, 0);
      if (total > 25 * 1024 * 1024)
        out.push(finding({ rule: 'attachment-too-large', severity: 'warn', allowOverride: true, evidence: [{ where: 'attachment:to.bin', excerpt: 'to.bin — 26 MB' }] }));
      for (const a of d.attachments)
        if (a.extraction?.parts.some((p) => p.text.includes('MẬT')))
          out.push(finding({ rule: 'classified-content', evidence: [{ where: `attachment:${a.name}`, excerpt: 'TUYỆT MẬT' }] }));
      out.push(finding({ rule: 'classified-content', evidence: [{ where: 'subject', excerpt: 'unrelated' }] }));
      return out;
    };
    const check = createAttachCheck({ doc: document, adapter: makeAdapter(), policy: staticPolicy(), evaluate: evaluate as never, ui, store });
    const big = new File([new Uint8Array(26 * 1024 * 1024)], 'to.bin');
    store.add([big]);
    await Promise.resolve();
    await Promise.resolve();
    expect(ui.toasts).toHaveLength(1);
    expect(ui.toasts[0]).toMatchObject({ kind: 'attachment', findings: [expect.objectContaining({ rule: 'attachment-too-large' })] });
    release();
    await store.captured[0]!.done;
    await new Promise((r) => setTimeout(r, 0));
    expect(ui.toasts).toHaveLength(2);
    expect(ui.toasts[1]).toMatchObject({ kind: 'attachment', findings: [expect.objectContaining({ rule: 'classified-content' })] });
  });
});

describe('origins', () => {
  it('turns what the user typed into a match pattern', () => {
    expect(originToMatchPattern('mail.soyte.example.vn')).toBe('https://mail.soyte.example.vn/*');
    expect(originToMatchPattern('http://10.0.0.5:8080/roundcube/')).toBe('http://10.0.0.5/*');
    expect(originToMatchPattern('ftp://x')).toBeNull();
    expect(originToMatchPattern('https://user:pw@x.vn')).toBeNull();
    expect(originToMatchPattern('')).toBeNull();
  });
});
