/**
 * Test-only encoders Unicode → TCVN3 / VNI, written independently of shared/text/legacy.ts
 * (from the published tables, organised by letter rather than by code) so round trips
 * check the decoder against a second implementation, not against itself.
 */

const TONES = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const; // none, sắc, huyền, hỏi, ngã, nặng

/**
 * TCVN3 (VN1 positions) per toneless letter, codes in tone order: none, sắc, huyền, hỏi, ngã, nặng.
 * Lower case letters are the ABC (VN3) set everyone used; capitals are VN1 positions.
 */
const TCVN3_LOWER: Record<string, number[]> = {
  a: [0x61, 0xb8, 0xb5, 0xb6, 0xb7, 0xb9],
  ă: [0xa8, 0xbe, 0xbb, 0xbc, 0xbd, 0xc6],
  â: [0xa9, 0xca, 0xc7, 0xc8, 0xc9, 0xcb],
  e: [0x65, 0xd0, 0xcc, 0xce, 0xcf, 0xd1],
  ê: [0xaa, 0xd5, 0xd2, 0xd3, 0xd4, 0xd6],
  i: [0x69, 0xdd, 0xd7, 0xd8, 0xdc, 0xde],
  o: [0x6f, 0xe3, 0xdf, 0xe1, 0xe2, 0xe4],
  ô: [0xab, 0xe8, 0xe5, 0xe6, 0xe7, 0xe9],
  ơ: [0xac, 0xed, 0xea, 0xeb, 0xec, 0xee],
  u: [0x75, 0xf3, 0xef, 0xf1, 0xf2, 0xf4],
  ư: [0xad, 0xf8, 0xf5, 0xf6, 0xf7, 0xf9],
  y: [0x79, 0xfd, 0xfa, 0xfb, 0xfc, 0xfe],
};
const TCVN3_UPPER: Record<string, number[]> = {
  A: [0x41, 0x83, 0x80, 0x81, 0x82, 0x84],
  Ă: [0xa1, 0xc0, 0xaf, 0xba, 0xbf, 0x85],
  Â: [0xa2, 0xc4, 0xc1, 0xc2, 0xc3, 0x86],
  E: [0x45, 0x8a, 0x87, 0x88, 0x89, 0x8b],
  Ê: [0xa3, 0xda, 0xc5, 0xcd, 0xd9, 0x8c],
  I: [0x49, 0x90, 0x8d, 0x8e, 0x8f, 0x91],
  O: [0x4f, 0x95, 0x92, 0x93, 0x94, 0x96],
  Ô: [0xa4, 0xff, 0xdb, 0xe0, 0xf0, 0x97],
  Ơ: [0xa5, 0x9b, 0x98, 0x99, 0x9a, 0x9c],
  U: [0x55, 0x01, 0x9d, 0x9e, 0x9f, 0x02],
  Ư: [0xa6, 0x11, 0x04, 0x05, 0x06, 0x12],
  Y: [0x59, 0x16, 0x13, 0x14, 0x15, 0x17],
};

function splitLetter(ch: string): { base: string; tone: number } {
  const d = ch.normalize('NFD');
  let tone = 0;
  let base = '';
  for (const c of d) {
    const t = TONES.indexOf(c as (typeof TONES)[number]);
    if (t > 0) tone = t;
    else base += c;
  }
  return { base: base.normalize('NFC'), tone };
}

/**
 * Unicode → TCVN3 as the characters a mail client would receive.
 * `capitals: 'vn1'` uses the VN1 capital codes (exact round trip); `'vntimeh'` writes
 * toned capitals with the lower-case codes, as people did with the .VnTimeH font.
 */
export function encodeTcvn3(text: string, capitals: 'vn1' | 'vntimeh' = 'vn1'): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === 'đ') out += '\u00ae';
    else if (ch === 'Đ') out += '\u00a7';
    else {
      const { base, tone } = splitLetter(ch);
      const lower = TCVN3_LOWER[base];
      const upper = TCVN3_UPPER[base];
      if (lower) out += String.fromCharCode(lower[tone]);
      else if (upper) {
        if (capitals === 'vntimeh' && tone > 0) out += String.fromCharCode(TCVN3_LOWER[base.toLowerCase()][tone]);
        else out += String.fromCharCode(upper[tone]);
      } else out += ch;
    }
  }
  return out;
}

const VNI_TONE_L = ['', 'ù', 'ø', 'û', 'õ', 'ï'];
const VNI_TONE_U = ['', 'Ù', 'Ø', 'Û', 'Õ', 'Ï'];
const VNI_CIRC_L = ['â', 'á', 'à', 'å', 'ã', 'ä'];
const VNI_CIRC_U = ['Â', 'Á', 'À', 'Å', 'Ã', 'Ä'];
const VNI_BREVE_L = ['ê', 'é', 'è', 'ú', 'ü', 'ë'];
const VNI_BREVE_U = ['Ê', 'É', 'È', 'Ú', 'Ü', 'Ë'];
const VNI_I_L = ['i', 'í', 'ì', 'æ', 'ó', 'ò'];
const VNI_I_U = ['I', 'Í', 'Ì', 'Æ', 'Ó', 'Ò'];

/** Unicode → VNI Windows, capitals with capital modifiers (what VNI-Times users typed). */
export function encodeVni(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === 'đ') {
      out += 'ñ';
      continue;
    }
    if (ch === 'Đ') {
      out += 'Ñ';
      continue;
    }
    const { base, tone } = splitLetter(ch);
    const up = base !== base.toLowerCase();
    const b = base.toLowerCase();
    const T = up ? VNI_TONE_U : VNI_TONE_L;
    switch (b) {
      case 'a':
      case 'e':
      case 'o':
      case 'u':
        out += base + T[tone];
        break;
      case 'y':
        out += tone === 5 ? (up ? 'Î' : 'î') : base + T[tone];
        break;
      case 'i':
        out += (up ? VNI_I_U : VNI_I_L)[tone];
        break;
      case 'â':
        out += (up ? 'A' : 'a') + (up ? VNI_CIRC_U : VNI_CIRC_L)[tone];
        break;
      case 'ê':
        out += (up ? 'E' : 'e') + (up ? VNI_CIRC_U : VNI_CIRC_L)[tone];
        break;
      case 'ô':
        out += (up ? 'O' : 'o') + (up ? VNI_CIRC_U : VNI_CIRC_L)[tone];
        break;
      case 'ă':
        out += (up ? 'A' : 'a') + (up ? VNI_BREVE_U : VNI_BREVE_L)[tone];
        break;
      case 'ơ':
        out += (up ? 'Ô' : 'ô') + T[tone];
        break;
      case 'ư':
        out += (up ? 'Ö' : 'ö') + T[tone];
        break;
      default:
        out += ch;
    }
  }
  return out;
}
