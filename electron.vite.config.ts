// Builds the desktop app with electron-vite: main (ESM, Node deps external), preload (ONE
// CommonJS file with everything bundled, so the window keeps `sandbox: true`, where a preload
// cannot load ES modules or other files) and the renderer (same settings as
// renderer/vite.config.ts: root renderer/, relative base, output out/renderer).
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  main: {
    build: {
      outDir: resolve(here, 'out/main'),
      lib: { entry: resolve(here, 'electron/main/index.ts'), formats: ['es'] },
      rollupOptions: { output: { entryFileNames: 'index.js' } },
    },
  },
  preload: {
    build: {
      outDir: resolve(here, 'out/preload'),
      // Bundle everything (shared/api.ts included); only 'electron' stays a require().
      externalizeDeps: false,
      lib: { entry: resolve(here, 'electron/preload/index.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: 'index.cjs' } },
    },
  },
  renderer: {
    root: resolve(here, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(here, 'out/renderer'),
      emptyOutDir: true,
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      sourcemap: false,
      chunkSizeWarningLimit: 1024,
      rollupOptions: { input: resolve(here, 'renderer/index.html') },
    },
  },
})
