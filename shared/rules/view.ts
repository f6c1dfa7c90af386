import type { Draft, DraftAttachment } from '../types';
import { htmlToText } from '../text/html';
import { convertLegacyToUnicode, detectLegacyEncoding, type LegacyEncoding } from '../text';
import { findOfficialSigns, type OfficialSign } from './official-signs';

export interface LegacyText {
  encoding: LegacyEncoding;
  samples: string[];
  /** The text converted to Unicode (NFC). */
  unicode: string;
}

/** A piece of draft text a content rule scans, with the `where` evidence will name. */
export interface TextSource {
  where: string;
  text: string;
}

/**
 * Derived text of a draft, computed once per evaluate() and shared by all rules (the body's
 * HTML → text conversion is the only non-trivial step, so it must not run per rule).
 */
export class DraftView {
  private _body: string | undefined;
  private _sources: TextSource[] | undefined;
  /** How many of `sources` are the draft's own text (subject, body), which come first. */
  private _ownCount = 0;
  private readonly _legacy = new Map<TextSource, LegacyText | null>();
  private readonly _signs = new Map<TextSource, OfficialSign[]>();

  constructor(readonly draft: Draft) {}

  get subject(): string {
    return this.draft.subject;
  }

  /** Plain body text: the host's text part, else the HTML part converted without a DOM. */
  get body(): string {
    if (this._body === undefined) {
      const d = this.draft;
      this._body = d.bodyText && d.bodyText.trim() ? d.bodyText : d.bodyHtml ? htmlToText(d.bodyHtml) : d.bodyText;
    }
    return this._body;
  }

  /** Subject, body, attachment names and extracted attachment text, in that order. */
  get sources(): TextSource[] {
    if (!this._sources) {
      const s: TextSource[] = [];
      if (this.subject) s.push({ where: 'subject', text: this.subject });
      if (this.body) s.push({ where: 'body', text: this.body });
      this._ownCount = s.length;
      for (const a of this.draft.attachments) {
        s.push({ where: attachmentWhere(a), text: a.name });
        for (const p of a.extraction?.parts ?? []) if (p.text) s.push({ where: p.where, text: p.text });
      }
      this._sources = s;
    }
    return this._sources;
  }

  /** The subject and body among `sources` (those that are not empty), without the attachments. */
  get ownSources(): TextSource[] {
    return this.sources.slice(0, this._ownCount);
  }

  /**
   * Official-document signs of one source, computed once: personal-sender and
   * official-from-personal both look for them in the subject and body.
   */
  officialSigns(src: TextSource): OfficialSign[] {
    let r = this._signs.get(src);
    if (r === undefined) {
      r = findOfficialSigns(src.text);
      this._signs.set(src, r);
    }
    return r;
  }

  /** TCVN3/VNI detection for one source, computed once and shared by the rules that need it. */
  legacy(src: TextSource): LegacyText | null {
    let r = this._legacy.get(src);
    if (r === undefined) {
      const d = detectLegacyEncoding(src.text);
      r = d.encoding ? { encoding: d.encoding, samples: d.samples, unicode: convertLegacyToUnicode(src.text, d.encoding) } : null;
      this._legacy.set(src, r);
    }
    return r;
  }
}

export function attachmentWhere(a: Pick<DraftAttachment, 'name'>): string {
  return `attachment:${a.name}`;
}
