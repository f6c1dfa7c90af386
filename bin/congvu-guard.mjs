#!/usr/bin/env node
// The `congvu-guard` command. The rule core is TypeScript shared with the extension and the
// Outlook add-in; tsx runs it directly so the CLI never lags behind a stale build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../shared/cli.ts');
process.exitCode = await main(process.argv.slice(2));
