import { describe, expect, it, vi } from 'vitest';
import { makePdf } from '../fixtures/builders.ts';
import { extract } from './helpers.ts';

// What the Outlook add-in bundle does: pdfjs replaced by a stub that throws.
vi.mock('pdfjs-dist/legacy/build/pdf.worker.mjs', () => ({ WorkerMessageHandler: {} }));
vi.mock('pdfjs-dist/legacy/build/pdf.mjs', () => ({
  getDocument: () => {
    throw new Error('PDF text extraction is not available in the Outlook add-in');
  },
}));

describe('pdf where pdfjs is unavailable', () => {
  it('is unsupported (not corrupt), and other formats are unaffected', async () => {
    const ex = await extract('cv.pdf', makePdf({ lines: ['MẬT'] }));
    expect(ex.parts).toEqual([]);
    expect(ex.unreadable).toEqual([{ reason: 'unsupported', detail: expect.stringContaining('not available'), where: 'attachment:cv.pdf' }]);
    const txt = await extract('a.txt', 'MẬT');
    expect(txt.parts[0].text).toBe('MẬT');
  });
});
