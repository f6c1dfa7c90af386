/**
 * Citation → the regulation's own words, for the task pane.
 * The texts are parsed from the five regulations at build time (scripts/build-addin.mjs,
 * virtual module "congvu:regulations") and bundled, so showing them costs no request.
 */
import { SOURCES, PRESET_IDS } from '../../shared/policy';

export interface ArticleText {
  title: string;
  body: string;
  clauses: Record<string, string>;
}
export type RegulationTexts = Record<string, Record<string, ArticleText>>;

export interface CitationText {
  heading: string;
  text: string;
}

const CITATION_RE = /^Điều\s+(\d+)(?:\s+khoản\s+(\d+))?(?:\s+điểm\s+([^\s,]+))?\s*,\s*(.+)$/;

export function lookupCitation(citation: string, texts: RegulationTexts): CitationText | null {
  const m = CITATION_RE.exec(citation.trim());
  if (!m) return null;
  const [, art, clause, point, doc] = m;
  const preset = (PRESET_IDS as readonly string[]).find((p) => SOURCES[p as keyof typeof SOURCES].vi === doc.trim());
  if (!preset || !texts[preset]) return null;
  const article = texts[preset][art];
  if (!article) return null;
  const heading = `Điều ${art}. ${article.title}`;
  if (!clause) return { heading, text: clip(article.body, 1500) };
  const c = article.clauses[clause];
  if (!c) return { heading, text: clip(article.body, 1500) };
  if (!point) return { heading, text: clip(`${clause}. ${c}`, 1500) };
  const lines = c.split('\n');
  const pointLine = lines.find((l) => l.startsWith(point + ')'));
  return { heading, text: clip(pointLine ? `${clause}. ${lines[0]}\n${pointLine}` : `${clause}. ${c}`, 1500) };
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}
