import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for the three sides. The main side's entries: the Electron shell, the `lotline` CLI (which
// also runs the web host), the api worker they both start, the lineage index builder worker and the EPCIS
// import's check worker; they share the core through common chunks.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'main/electron/main.ts'),
          cli: resolve(import.meta.dirname, 'main/cli/main.ts'),
          'api-worker': resolve(import.meta.dirname, 'main/api/worker-entry.ts'),
          'lineage-builder': resolve(import.meta.dirname, 'main/core/trace/lineage-builder.ts'),
          'epcis-checker': resolve(import.meta.dirname, 'main/core/epcis/check-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
