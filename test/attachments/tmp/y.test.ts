import { it } from 'vitest';
import { htmlToText } from '../../../shared/text/html.ts';
it('y', () => {
  const variants: [string, string][] = [['alt', '<p>Xem <img src="dau.png" alt="Dấu MẬT" title="tooltip"> bên dưới</p>'], ['quotes', '<p title=a"b>x</p><p title="a>b">y</p>'], ['unclosed', 'a<p class="x'], ['comment', 'a<!-- b'], ['script', 'a<script>b'], ['head', '<html><head><p>TUYỆT MẬT</p></head><body>x</body>']];
  const which = process.env.V ?? '';
  for (const [k, v] of variants) if (which.includes(k)) htmlToText(v);
  const s = '<'.repeat(1 << 20);
  const t = performance.now(); htmlToText(s); console.log('RESULT', which, (performance.now()-t).toFixed(1));
});
