// Builds the demo pages for `npm start`, where the reference server serves them next to the built widget.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  mode: 'live',
  publicDir: false,
  logLevel: 'warn',
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../dist-demo', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: { input: { index: page('index.html'), manage: page('manage.html'), theming: page('theming.html') } },
  },
});
