import { it } from 'vitest';
import { htmlToText } from '../../../shared/text/html.ts';
const cases = ['<p>Kính gửi:&nbsp;Sở TT&amp;TT</p>','ĐỘ <b>MẬT</b>','<div>a</div><div>b</div>','a<br>b<br/>c<BR >d','a<br><br>b','<p>  nhiều\n\n   khoảng   trắng </p>','<table><tr><td>STT</td><td>Độ mật</td></tr><tr><td>1</td><td>Mật</td></tr></table>','<ul><li>một</li><li>hai</li></ul>','<pre>  giữ\n  nguyên</pre>','x<textarea>a <b> c</textarea>y','a < b and c > d','<<<<p>x','</>x</3 bogus>y'];
it('x', () => {
  for (const c of cases) htmlToText(c);
  const MiB = 1 << 20;
  for (const [label, s] of [['flat', new TextDecoder().decode(new Uint8Array(MiB).fill(60))], ['repeat', '<'.repeat(MiB)], ['flat2', new TextDecoder().decode(new Uint8Array(MiB).fill(60))]] as const) {
    const t = performance.now(); htmlToText(s); console.log(label, (performance.now()-t).toFixed(1));
  }
});
