/**
 * Admin-supplied regular expressions run in linear time (DESIGN.md "Policy"): a pattern such
 * as `(a+)+$` must not be able to freeze a compose window through catastrophic backtracking,
 * so they go through re2js (a port of RE2), never through the native backtracking RegExp.
 * The implementation lives with the text tools (shared/text/linear-regex.ts).
 */
export { compileAdminPattern, compileLinear, parseSlashPattern, type LinearRegex, type RegexCompileError } from '../text/linear-regex';
