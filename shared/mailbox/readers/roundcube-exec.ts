/**
 * Reads the `exec` string of a Roundcube AJAX answer WITHOUT running it (MV3 forbids eval, and
 * running a server's JavaScript in the extension would be a bad idea anyway).
 *
 * Shape, from Roundcube 1.6 program/include/rcmail_output_json.php, get_js_commands():
 *
 *     foreach command: sprintf("this.%s(%s);\n", $method, implode(',', json_serialize($arg)…))
 *
 * so every statement is `this.<method>(<JSON>,<JSON>,…);` followed by a newline, each argument
 * being json_encode() output (JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE, plus
 * JSON_PRETTY_PRINT when devel_mode is on, which spreads arguments over several lines).
 * Because JSON strings cannot hold a raw newline, a line that starts with "this." always starts
 * a statement: after a broken statement the scanner resumes there, so one bad row is skipped
 * and the rest of the list survives. Code appended by a redirect (`window.setTimeout(…)`) is not
 * a `this.` statement and is stepped over the same way.
 */

export interface ExecCall {
  method: string;
  args: unknown[];
}

export interface BrokenCall {
  /** Method name when it could be read, else ''. */
  method: string;
  /** Offset of the statement in `exec`. */
  at: number;
  reason: string;
}

export interface ExecParse {
  calls: ExecCall[];
  broken: BrokenCall[];
}

const WS = /[ \t\r\n]/;

class Fail extends Error {}

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.test(s[i])) i++;
  return i;
}

/** End (exclusive) of the JSON string starting at s[i] === '"'. */
function scanString(s: string, i: number): number {
  i++;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i + 1; // "
    if (c === 0x5c) { // backslash: the escape is validated by JSON.parse later
      i += 2;
      continue;
    }
    if (c < 0x20) throw new Fail('raw control character in a string');
    i++;
  }
  throw new Fail('unterminated string');
}

/** End (exclusive) of the JSON value starting at s[i] (no leading whitespace). */
function scanValue(s: string, i: number): number {
  const c = s[i];
  if (c === '"') return scanString(s, i);
  if (c === '{' || c === '[') {
    const stack: string[] = [c === '{' ? '}' : ']'];
    i++;
    while (i < s.length) {
      const d = s[i];
      if (d === '"') {
        i = scanString(s, i);
        continue;
      }
      if (d === '{' || d === '[') {
        stack.push(d === '{' ? '}' : ']');
        if (stack.length > 64) throw new Fail('nesting too deep');
      } else if (d === '}' || d === ']') {
        if (stack.pop() !== d) throw new Fail('mismatched bracket');
        if (stack.length === 0) return i + 1;
      } else if (d === '(' || d === ')' || d === ';') {
        // Not JSON: a statement boundary inside what should be an object.
        throw new Fail('unbalanced brackets');
      }
      i++;
    }
    throw new Fail('unterminated object');
  }
  // number, true, false, null
  const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(s.slice(i, i + 64));
  if (!m) throw new Fail('not a JSON value');
  return i + m[0].length;
}

const STATEMENT = /this\.([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\(/y;

/**
 * Parses the statements of an `exec` string. With `only`, the arguments of other methods are
 * not JSON-parsed (cheaper, and a broken unrelated call is not reported).
 */
export function parseExecCalls(exec: string, only?: ReadonlySet<string>): ExecParse {
  const calls: ExecCall[] = [];
  const broken: BrokenCall[] = [];
  let i = 0;
  while (i < exec.length) {
    i = skipWs(exec, i);
    if (i >= exec.length) break;
    const start = i;
    STATEMENT.lastIndex = i;
    const head = STATEMENT.exec(exec);
    if (!head) {
      // Not a `this.` statement (appended code, garbage): resume at the next line that is one.
      i = nextStatement(exec, start);
      continue;
    }
    const method = head[1];
    i = STATEMENT.lastIndex;
    try {
      const spans: [number, number][] = [];
      i = skipWs(exec, i);
      if (exec[i] !== ')') {
        for (;;) {
          i = skipWs(exec, i);
          const end = scanValue(exec, i);
          spans.push([i, end]);
          i = skipWs(exec, end);
          if (exec[i] === ',') {
            i++;
            continue;
          }
          if (exec[i] === ')') break;
          throw new Fail(`expected "," or ")" at ${i}`);
        }
      }
      i++; // ')'
      i = skipWs(exec, i);
      if (i < exec.length && exec[i] !== ';' && !exec.startsWith('this.', i)) throw new Fail('expected ";"');
      if (exec[i] === ';') i++;
      if (only && !only.has(method)) continue;
      calls.push({ method, args: spans.map(([a, b]) => JSON.parse(exec.slice(a, b)) as unknown) });
    } catch (e) {
      if (!(e instanceof Fail) && !(e instanceof SyntaxError)) throw e;
      if (!only || only.has(method)) broken.push({ method, at: start, reason: e.message });
      i = nextStatement(exec, start);
    }
  }
  return { calls, broken };
}

/** Offset of the next line (after `from`) that starts with "this.", or the end. */
function nextStatement(s: string, from: number): number {
  let j = s.indexOf('\n', from);
  while (j !== -1) {
    const k = skipWs(s, j + 1);
    if (s.startsWith('this.', k)) return k;
    j = s.indexOf('\n', j + 1);
  }
  return s.length;
}
