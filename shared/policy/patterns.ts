import { RE2JS } from 're2js';

/**
 * Admin-supplied regular expressions run in linear time (DESIGN.md "Policy"): a pattern such
 * as `(a+)+$` must not be able to freeze a compose window through catastrophic backtracking,
 * so they go through re2js (a port of RE2), never through the native backtracking RegExp.
 */
export type LinearRegex = RE2JS;

export interface RegexCompileError {
  message_vi: string;
  message_en: string;
}

/** Compile `source` with RE2 syntax. `flags` may contain `i` (case-insensitive), `m`, `s`. */
export function compileLinear(source: string, flags = ''): { ok: true; re: LinearRegex } | { ok: false; error: RegexCompileError } {
  let f = 0;
  for (const ch of flags) {
    if (ch === 'i') f |= RE2JS.CASE_INSENSITIVE;
    else if (ch === 'm') f |= RE2JS.MULTILINE;
    else if (ch === 's') f |= RE2JS.DOTALL;
    else if (ch === 'u' || ch === 'g') continue; // RE2 is Unicode-aware and we always scan all text
    else
      return {
        ok: false,
        error: {
          message_vi: `cờ "${ch}" không được hỗ trợ (chỉ i, m, s)`,
          message_en: `flag "${ch}" is not supported (only i, m, s)`,
        },
      };
  }
  try {
    return { ok: true, re: RE2JS.compile(source, f) };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: {
        message_vi: `biểu thức chính quy không hợp lệ (cú pháp RE2): ${detail}`,
        message_en: `invalid regular expression (RE2 syntax): ${detail}`,
      },
    };
  }
}

/** "/pattern/flags" → {source, flags}; anything else → null (a plain phrase). */
export function parseSlashPattern(entry: string): { source: string; flags: string } | null {
  if (entry.length < 2 || entry[0] !== '/') return null;
  const end = entry.lastIndexOf('/');
  if (end <= 0) return null;
  const flags = entry.slice(end + 1);
  if (!/^[a-z]*$/.test(flags)) return null;
  return { source: entry.slice(1, end), flags };
}
