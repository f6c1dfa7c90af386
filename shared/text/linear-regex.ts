import { RE2JS } from 're2js';

/**
 * Finding match positions of an admin-supplied pattern in linear time.
 *
 * re2js answers "is there a match?" with a lazy DFA (fast, linear), but `Matcher.find()`
 * always asks for the match position, which routes it to the Pike-VM NFA: still linear
 * but ~10× slower, and with a large constant for patterns with many states (`(.*a){12}`
 * takes seconds on 1 MiB). The DESIGN promise is that an admin pattern such as `(a+)+$`
 * cannot freeze a compose window, and bench/run.ts holds us to ≤ 100 ms on 1 MiB.
 *
 * So positions are found the way RE2 itself does it, in two steps:
 *  1. Run the DFA from the search position; it stops at the EARLIEST position where some
 *     match ends (one pass, DFA speed). That proves a match exists and gives its end.
 *  2. Recover a start by running the NFA on a short window that ends there. For the rare
 *     match longer than the window, the window's own match is reported (a real suffix
 *     of the text the pattern matches), which is all the evidence excerpt needs.
 *
 * Step 1 uses re2js's DFA object directly (`re2().dfa`), which is not part of its typed
 * API. Everything is feature-checked; if a future re2js moves it, or the DFA gives up
 * (memory budget), we fall back to `Matcher.find()` — still linear, only slower.
 *
 * Reported semantics: matches do not overlap and are found left to right; each one ends
 * at the earliest position where any match ends (not necessarily the leftmost-first
 * match a backtracking engine would report). Zero-length matches are skipped.
 */

export interface LinearSpan {
  index: number;
  length: number;
}

// Empty-width flags, the values RE2/Go/re2js use in their compiled programs.
const EMPTY_BEGIN_LINE = 1;
const EMPTY_END_LINE = 2;
const EMPTY_BEGIN_TEXT = 4;
const EMPTY_END_TEXT = 8;
const EMPTY_WORD_BOUNDARY = 16;
const EMPTY_NO_WORD_BOUNDARY = 32;
const UNANCHORED = 0;
const EOF = -8;

/** Windows tried, in order, to recover a match start before its end. */
const START_WINDOWS = [512, 16_384];
/** Slice used to extend a match to its greedy end. */
const EXTEND_WINDOW = 256;

interface DfaLike {
  failed: boolean;
  start(input: unknown, pos: number): unknown;
  run(input: unknown, pos: number, anchor: number, state: unknown, onMatch: (state: unknown, atEnd: boolean) => boolean): boolean | null;
}

// RE2's \b is ASCII-only ([0-9A-Za-z_]), and re2js applies it per UTF-16 code unit here.
function isWordUnit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122);
}

/** A re2js "MachineInput" over a JS string that remembers the last position stepped. */
class TrackingInput {
  last = -1;
  constructor(private readonly s: string) {}
  endPos(): number {
    return this.s.length;
  }
  step(pos: number): number {
    this.last = pos;
    const s = this.s;
    if (pos >= s.length) return EOF;
    const c1 = s.charCodeAt(pos);
    if (c1 < 0xd800 || c1 > 0xdbff || pos + 1 >= s.length) return (c1 << 3) | 1;
    const c2 = s.charCodeAt(pos + 1);
    if (c2 >= 0xdc00 && c2 <= 0xdfff) return (((c1 - 0xd800) * 1024 + (c2 - 0xdc00) + 0x10000) << 3) | 2;
    return (c1 << 3) | 1;
  }
  context(pos: number): number {
    const s = this.s;
    const r1 = pos > 0 && pos <= s.length ? s.charCodeAt(pos - 1) : -1;
    const r2 = pos < s.length ? s.charCodeAt(pos) : -1;
    let op = 0;
    if (r1 < 0) op |= EMPTY_BEGIN_TEXT | EMPTY_BEGIN_LINE;
    if (r1 === 10) op |= EMPTY_BEGIN_LINE;
    if (r2 < 0) op |= EMPTY_END_TEXT | EMPTY_END_LINE;
    if (r2 === 10) op |= EMPTY_END_LINE;
    op |= isWordUnit(r1) !== isWordUnit(r2) ? EMPTY_WORD_BOUNDARY : EMPTY_NO_WORD_BOUNDARY;
    return op;
  }
  // Parts of the MachineInput interface the DFA does not use but other engines might probe.
  canCheckPrefix(): boolean {
    return false;
  }
  hasString(): boolean {
    return false;
  }
  hasAnyString(): boolean {
    return false;
  }
  prefixLength(): number {
    return 0;
  }
}

function dfaOf(re: RE2JS): DfaLike | null {
  try {
    const re2 = (re as unknown as { re2?: () => { dfa?: unknown } }).re2?.();
    const dfa = re2?.dfa as DfaLike | undefined;
    if (!dfa || dfa.failed || typeof dfa.start !== 'function' || typeof dfa.run !== 'function') return null;
    return dfa;
  } catch {
    return null;
  }
}

/**
 * Earliest end (≥ pos) of a match starting at or after `pos`; -1 if none; null when the
 * DFA could not answer (caller falls back).
 */
function earliestEnd(dfa: DfaLike, input: TrackingInput, pos: number, n: number): number | null {
  const state = dfa.start(input, pos);
  if (state === null || state === undefined) return null;
  input.last = -1;
  let end = -1;
  // The DFA flags a match on the transition AFTER its last character, i.e. while stepping
  // the character at `input.last`; at end of text the flag comes with atEnd = true.
  const r = dfa.run(input, pos, UNANCHORED, state, (_s, atEnd) => {
    end = atEnd ? n : input.last;
    return true;
  });
  if (r === null) return null;
  return r ? end : -1;
}

/** A real match that ends at or before `end`, searched in a short window before it. */
/**
 * NFA work allowed per findAllLinear() call, in (characters × program instructions): the
 * windows are short, but a pattern like `x.{900}y` has a large program and could match a
 * thousand times. Past the budget, matches keep their DFA-proven end and a 1-unit span.
 */
const NFA_BUDGET = 16_000_000;

interface Budget {
  left: number;
  weight: number;
}

function spend(b: Budget, chars: number): boolean {
  const cost = chars * b.weight;
  if (cost > b.left) return false;
  b.left -= cost;
  return true;
}

function recoverStart(re: RE2JS, text: string, from: number, end: number, budget: Budget): LinearSpan | null {
  for (const w of START_WINDOWS) {
    const lo = Math.max(from, end - w);
    if (!spend(budget, end - lo)) return { index: end - 1, length: 1 };
    const piece = text.slice(lo, end);
    const m = re.matcher(piece);
    let best: LinearSpan | null = null;
    // Prefer the match that ends exactly at `end`; keep scanning the (short) window for it.
    let guard = 0;
    while (m.find() && guard++ < 4096) {
      const s = m.start();
      const e = m.end();
      if (e > s) best = { index: lo + s, length: e - s };
      if (e >= piece.length) break;
    }
    if (best && best.index + best.length === end) return best;
    if (lo === from || w === START_WINDOWS[START_WINDOWS.length - 1]) {
      // The match needs more left context than any window gives (e.g. `\b` or `^` at the
      // cut): still report where the DFA proved a match ends, so detection never drops it.
      return best ?? { index: end - 1, length: 1 };
    }
  }
  return null;
}

/**
 * The earliest end is where a match is first proven, e.g. "mật - 1" for `mật - \d+` on
 * "mật - 12". Re-match from the recovered start on a short slice and take the leftmost-first
 * (greedy) end when it lies inside the slice, so evidence shows what a person expects.
 * A match reaching the slice end is not trusted (the slice end would pass for `$`).
 */
function extendEnd(re: RE2JS, text: string, span: LinearSpan, budget: Budget): LinearSpan {
  const hi = Math.min(text.length, span.index + EXTEND_WINDOW);
  if (!spend(budget, hi - span.index)) return span;
  const piece = text.slice(span.index, hi);
  const m = re.matcher(piece);
  if (!m.find() || m.start() !== 0) return span;
  const e = m.end();
  if (e <= span.length) return span;
  if (e >= piece.length && hi < text.length) return span;
  return { index: span.index, length: e };
}

/**
 * Non-overlapping matches of `re` in `text`, left to right, at most `limit`.
 * Linear in text.length (DFA) plus a bounded NFA window per match reported.
 */
export function findAllLinear(re: RE2JS, text: string, limit: number): LinearSpan[] {
  const out: LinearSpan[] = [];
  if (limit <= 0) return out;
  // RE2's own entry point first: it checks the literals the pattern requires with indexOf
  // before any automaton runs, so the usual case (pattern absent) costs almost nothing.
  if (!re.test(text)) return out;
  const n = text.length;
  const dfa = dfaOf(re);
  if (dfa) {
    const input = new TrackingInput(text);
    const budget: Budget = { left: NFA_BUDGET, weight: Math.max(1, programSize(re)) };
    let pos = 0;
    try {
      while (pos <= n && out.length < limit) {
        const end = earliestEnd(dfa, input, pos, n);
        if (end === null) return fallback(re, text, pos, limit, out);
        if (end < 0) break;
        let span = end > pos ? recoverStart(re, text, pos, end, budget) : null;
        if (span && span.length > 0) {
          span = extendEnd(re, text, span, budget);
          out.push(span);
          pos = span.index + span.length;
        } else {
          // A zero-length match (e.g. `\bx?`): nothing to report, move on one code unit.
          pos = Math.max(end, pos + 1);
        }
      }
      return out;
    } catch {
      return fallback(re, text, pos, limit, out);
    }
  }
  return fallback(re, text, 0, limit, out);
}

function programSize(re: RE2JS): number {
  try {
    const n = (re as unknown as { re2?: () => { numberOfInstructions?: () => number } }).re2?.().numberOfInstructions?.();
    return typeof n === 'number' && n > 0 ? n : 64;
  } catch {
    return 64;
  }
}

function fallback(re: RE2JS, text: string, from: number, limit: number, out: LinearSpan[]): LinearSpan[] {
  const m = re.matcher(text);
  let pos = from;
  while (out.length < limit && pos <= text.length && m.find(pos)) {
    const s = m.start();
    const e = m.end();
    if (e > s) out.push({ index: s, length: e - s });
    pos = e > s ? e : s + 1;
  }
  return out;
}

export type { RE2JS };

// ---- compiling admin patterns -------------------------------------------------------------
// Used by the policy schema (validation), address classification (unit-mailbox patterns) and the
// custom-marking matcher, so that all three accept and reject exactly the same patterns.

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
        message_vi: `biểu thức chính quy không hợp lệ (cú pháp RE2, không hỗ trợ tham chiếu ngược và lookaround): ${detail}`,
        message_en: `invalid regular expression (RE2 syntax; backreferences and lookaround are not supported): ${detail}`,
      },
    };
  }
}

/**
 * An admin address pattern (policy `unitMailboxes.patterns`): "/pattern/flags", or else the
 * whole entry as an RE2 pattern matched case-insensitively. The policy schema validates with
 * this and the address classifier runs with it, so both read an entry the same way.
 */
export function compileAdminPattern(entry: string): ReturnType<typeof compileLinear> {
  const slash = parseSlashPattern(entry);
  return slash ? compileLinear(slash.source, slash.flags) : compileLinear(entry, 'i');
}

/** "/pattern/flags" → {source, flags}; anything else → null (a plain phrase). */
export function parseSlashPattern(entry: string): { source: string; flags: string } | null {
  const t = entry.trim();
  if (t.length < 2 || t[0] !== '/') return null;
  const end = t.lastIndexOf('/');
  if (end <= 0) return null;
  const flags = t.slice(end + 1);
  if (!/^[a-z]*$/.test(flags)) return null;
  return { source: t.slice(1, end), flags };
}

