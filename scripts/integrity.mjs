// Prints the Subresource Integrity hash of the built bundle, for the `integrity` attribute of the snippet
// in docs/embedding.md: a town that loads the file from elsewhere can be sure it runs exactly this build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const file = 'dist/termin-buchen.js';
if (!existsSync(file)) {
  console.error(`${file} is missing: run "npm run build" first.`);
  process.exit(1);
}
for (const built of [file, 'dist/termin-buchen-zms.js'].filter(existsSync)) {
  const hash = createHash('sha384').update(readFileSync(built)).digest('base64');
  console.log(`${built} integrity: sha384-${hash}`);
}
