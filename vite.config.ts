import { defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
  // The demo (`npm start`) serves msw's worker from demo/public; the library build ships no public files.
  publicDir: command === 'serve' ? 'public' : false,
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: true,
    // One self-contained ES module: webmasters paste a single script tag, so nothing may stay external.
    lib: {
      entry: 'src/termin-buchen.ts',
      formats: ['es'],
      fileName: () => 'termin-buchen.js',
    },
    rolldownOptions: {
      external: [],
      output: { codeSplitting: false, minify: true, comments: false },
    },
  },
  server: { port: 5173, strictPort: false },
}));
