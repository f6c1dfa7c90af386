/**
 * Signs that a text is an official document issued in an agency's name (Nghị định
 * 30/2020/NĐ-CP layout): signature authority lines "TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC",
 * "TL. BỘ TRƯỞNG", "TUQ. CHỦ TỊCH", and document numbers "Số: 123/QĐ-UBND".
 * Used by `official-from-personal` (Bình Phước Đ16 k1, Đ17 k2 đ.b; Bộ TT&TT Đ11 k3, Đ12 k2)
 * and to tell work mail from private mail in `personal-sender`.
 */
export interface OfficialSign {
  index: number;
  text: string;
  /** A signature authority line ("TM. ỦY BAN NHÂN DÂN") or a document number ("Số: 12/QĐ-UBND"). */
  kind: 'signature' | 'number';
}

// Authority prefix in capitals, then an upper-case office or title. Capitals matter: "tm."
// or "kt." in running prose are abbreviations of other things.
const SIGNATURE = /(?:^|[\s(])((?:TM|KT|TL|TUQ|Q|PP)\.\s{0,3}[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ&.\- ]{2,60})/gu;
// "Số: 12/QĐ-UBND", "Số: 45/2024/TT-BTTTT", "Số 7/CV-STNMT": a number, then a document
// type code with a dash and an issuer code.
const DOC_NUMBER = /(?:^|\s)(Số\s?:?\s?\d{1,6}(?:\/\d{4})?\/[A-ZĐ]{1,8}(?:-[A-ZĐ0-9&]{1,12})+)/gu;

const MAX_SIGNS = 5;

export function findOfficialSigns(text: string): OfficialSign[] {
  const out: OfficialSign[] = [];
  // Cheap prefilter: both shapes need a '.' after a capital or "Số".
  if (!/[A-Z]\.|Số/u.test(text)) return out;
  for (const re of [SIGNATURE, DOC_NUMBER]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) && out.length < MAX_SIGNS) {
      const s = m[1].trim().replace(/\s+/g, ' ');
      // The class above spans À–Ỹ, which includes lower case: require real capitals.
      if (re === SIGNATURE && s !== s.toUpperCase()) continue;
      out.push({ index: m.index + m[0].indexOf(m[1]), text: s, kind: re === SIGNATURE ? 'signature' : 'number' });
    }
  }
  return out;
}

/**
 * A text ending like this can form one sign with a line that follows it: the whitespace after
 * "TM." or "Số:" in the patterns above may be that line break ("…TM." + "ỦY BAN NHÂN DÂN").
 * A superset of the real cases is fine: it only sends the caller to a joined scan.
 */
const JOINS_NEXT_LINE = /(?:(?:TM|KT|TL|Q|PP)\.\s{0,2}|Số\s?:?)$/u;

/**
 * The first sign of `texts` joined with line breaks, i.e. findOfficialSigns(texts.join('\n'))[0],
 * computed from each text's own signs (`signsOf`, which callers memoize) so that the texts are
 * neither copied into one string nor scanned again. findOfficialSigns reports every signature
 * line before any document number, so the first signature of any text wins, then the first
 * number. Only when a text ends the way a sign can continue on the next line does the joined
 * text differ from its pieces; that (rare) case is scanned joined, as before.
 */
export function firstOfficialSign<T extends { text: string }>(texts: readonly T[], signsOf: (t: T) => OfficialSign[]): OfficialSign | undefined {
  for (let i = 0; i + 1 < texts.length; i++)
    if (JOINS_NEXT_LINE.test(texts[i].text)) return findOfficialSigns(texts.map((t) => t.text).join('\n'))[0];
  const lists = texts.map(signsOf);
  for (const kind of ['signature', 'number'] as const)
    for (const list of lists) {
      const sign = list.find((s) => s.kind === kind);
      if (sign) return sign;
    }
  return undefined;
}
