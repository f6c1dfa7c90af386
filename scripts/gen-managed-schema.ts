/**
 * Writes public/managed_schema.json (Chrome/Edge `storage.managed_schema`) from the zod-based
 * flat policy description in shared/policy/managed.ts. A unit test fails when the committed
 * file is stale, so the schema and the code cannot drift apart.
 *   npx tsx scripts/gen-managed-schema.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { managedSchema } from '../shared/policy/managed';

export const MANAGED_SCHEMA_PATH = resolve(import.meta.dirname, '..', 'public', 'managed_schema.json');
export const renderManagedSchema = () => JSON.stringify(managedSchema(), null, 2) + '\n';

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(MANAGED_SCHEMA_PATH, renderManagedSchema());
  console.log(`wrote ${MANAGED_SCHEMA_PATH}`);
}
