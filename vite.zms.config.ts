/**
 * The ZMS build, `dist/termin-buchen-zms.js`: the main build's settings with the entry that adds the ZMS
 * adapter. It runs after the main build and writes beside it, so it must not empty `dist/`.
 */
import { defineConfig, mergeConfig, type ConfigEnv, type UserConfig } from 'vite';
import mainConfig from './vite.config.ts';

export default defineConfig((env: ConfigEnv) =>
  mergeConfig((mainConfig as (env: ConfigEnv) => UserConfig)(env), {
    build: {
      emptyOutDir: false,
      lib: { entry: 'src/termin-buchen-zms.ts', fileName: () => 'termin-buchen-zms.js' },
    },
  }),
);
