// Prints the Subresource Integrity hash of the built bundle, for the `integrity` attribute of the snippet
// in docs/embedding.md: a town that loads the file from elsewhere can be sure it runs exactly this build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const file = 'dist/termin-buchen.js';
if (!existsSync(file)) {
  console.error(`${file} is missing: run "npm run build" first.`);
  process.exit(1);
}
const hash = createHash('sha384').update(readFileSync(file)).digest('base64');
console.log(`${file} integrity: sha384-${hash}`);
