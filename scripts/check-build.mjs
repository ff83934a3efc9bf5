// Checks what webmasters get: one self-contained ES module within the size budget in package.json.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const file = 'dist/termin-buchen.js';
const failures = [];
if (!existsSync(file)) {
  console.error(`${file} is missing: run "npm run build" first.`);
  process.exit(1);
}
const code = readFileSync(file, 'utf8');
const bareImport = code.match(/(?:\bfrom|\bimport)\s*\(?\s*["'](?![./]|https?:|data:)[^"']+["']/);
if (bareImport) failures.push(`the bundle still imports a bare module specifier: ${bareImport[0]}`);
// The ZMS build (vite.zms.config.ts) writes the second file; it too must stand alone, and none of it may
// reach the main file, which every town downloads.
const zmsFile = 'dist/termin-buchen-zms.js';
if (existsSync(zmsFile)) {
  const zmsCode = readFileSync(zmsFile, 'utf8');
  const zmsBareImport = zmsCode.match(/(?:\bfrom|\bimport)\s*\(?\s*["'](?![./]|https?:|data:)[^"']+["']/);
  if (zmsBareImport) failures.push(`${zmsFile} still imports a bare module specifier: ${zmsBareImport[0]}`);
  console.log(`${zmsFile}: ${zmsCode.length} bytes, ${gzipSync(zmsCode, { level: 9 }).length} bytes gzip`);
}
if (code.includes('/available-calendar/')) failures.push(`${file} contains the ZMS adapter`);
const otherScripts = readdirSync('dist').filter((name) => name.endsWith('.js') && !['termin-buchen.js', 'termin-buchen-zms.js'].includes(name));
if (otherScripts.length > 0) failures.push(`the build emitted more than one script: ${otherScripts.join(', ')}`);
if (readdirSync('dist').some((name) => name.endsWith('.css'))) failures.push('the build emitted a CSS file');

const { budget } = JSON.parse(readFileSync('package.json', 'utf8'));
const gzipBytes = gzipSync(code, { level: 9 }).length;
console.log(`${file}: ${code.length} bytes, ${gzipBytes} bytes gzip (budget ${budget.gzipBytes})`);
if (gzipBytes > budget.gzipBytes) failures.push(`gzip size ${gzipBytes} B is over the budget of ${budget.gzipBytes} B`);

for (const failure of failures) console.error(`Build check failed: ${failure}`);
process.exit(failures.length > 0 ? 1 : 0);
