/**
 * `npm run eval` — precision and recall per rule on the labelled corpus (issue #2 item 8).
 * Runs the real pipeline an admin's `congvu-guard check` runs: .eml → emlToDraft →
 * prepareDraft (attachment text) → evaluate. Targets: classified-content ≥ 0.97, others 1.0.
 */
import { buildCorpus, POLICIES } from '../corpus/build';
import { emlToDraft, prepareDraft } from '../../shared/attachments';
import { evaluate } from '../../shared/engine';
import { COMPOSE_RULES } from '../../shared/rules';
import { isPresetId, resolvePolicy } from '../../shared/policy';

// buildCorpus() writes the .eml files (for `congvu-guard check` and people) and hands back their bytes.
const labels = buildCorpus();

const rules = COMPOSE_RULES.map((r) => r.meta.id as string);
const stats = Object.fromEntries(rules.map((r) => [r, { tp: 0, fp: 0, fn: 0, pos: 0 }]));
const mistakes: string[] = [];
const t0 = performance.now();

for (const l of labels) {
  const policy = isPresetId(l.policy) ? resolvePolicy(l.policy) : resolvePolicy(POLICIES[l.policy]);
  const { draft } = await emlToDraft(l.eml);
  const found = new Set(evaluate(await prepareDraft(draft), policy).map((f) => f.rule));
  for (const r of rules) {
    const want = l.expect.includes(r);
    const got = found.has(r);
    if (want) stats[r].pos++;
    if (want && got) stats[r].tp++;
    else if (!want && got) {
      stats[r].fp++;
      mistakes.push(`FP ${r} ← ${l.file} (${l.policy})`);
    } else if (want && !got) {
      stats[r].fn++;
      mistakes.push(`FN ${r} ← ${l.file} (${l.policy})`);
    }
  }
  for (const r of found) if (!rules.includes(r)) mistakes.push(`unexpected ${r} ← ${l.file}`);
}

const pct = (x: number) => x.toFixed(3);
console.log(`Kho thư mẫu / corpus: ${labels.length} .eml, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
console.log('rule                     positives    TP   FP   FN  precision  recall  target');
let failed = false;
for (const r of rules) {
  const s = stats[r];
  const precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
  const recall = s.pos === 0 ? 1 : s.tp / s.pos;
  const target = r === 'classified-content' ? 0.97 : 1;
  const ok = precision >= target && recall >= target && s.pos > 0;
  if (!ok) failed = true;
  console.log(
    `${r.padEnd(24)} ${String(s.pos).padStart(9)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${pct(precision).padStart(9)} ${pct(recall).padStart(7)}  ${ok ? '✔' : '✖'} ≥ ${target}`,
  );
}
if (mistakes.length) console.log('\n' + mistakes.join('\n'));
if (failed) {
  console.error('\nChưa đạt mục tiêu / targets missed');
  process.exitCode = 1;
}
