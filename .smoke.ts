import { E2E_PASSWORD, E2E_USERS, startMailStack } from './test/e2e/harness/mailstack.ts';
import { clickSend, fillCompose, launchBrowser, login, openCompose } from './test/e2e/harness/browser.ts';
const stack = await startMailStack();
const browser = await launchBrowser({ extensionPath: '.output/chrome-mv3-e2e' });
try {
  const page = browser.page;
  page.on('console', (m) => console.log('console:', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  console.log('ext', browser.extensionId);
  await login(page, E2E_USERS.sender, E2E_PASSWORD, stack.roundcubeUrl);
  await openCompose(page);
  await fillCompose(page, { to: E2E_USERS.recipient, subject: 'TUYỆT MẬT: kế hoạch', body: 'Nội dung' });
  await page.waitForTimeout(500);
  await clickSend(page);
  await page.waitForTimeout(1000);
  const txt = await page.evaluate(() => document.querySelector('congvu-guard-ui')?.shadowRoot?.textContent ?? 'NO UI');
  console.log('dialog:', txt.slice(0, 800));
  await page.screenshot({ path: '/tmp/cg/dialog.png' });
  const status = await browser.serviceWorker!.evaluate(async () => (await (chrome as any).storage.session.get(null)));
  console.log('status', JSON.stringify(status));
  console.log('outside', browser.requestsOutside([stack.roundcubeOrigin]).map((r) => r.url));
} finally {
  await browser.close();
  await stack.stop();
}
