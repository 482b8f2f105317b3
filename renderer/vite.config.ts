// Builds the inspector (renderer/) into out/renderer with a relative base, so the same files
// load from the control server (http://127.0.0.1:PORT/) and from Electron's file:// URL.
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(here, '../out/renderer'),
    emptyOutDir: true,
    // No inline scripts or styles: the control server's CSP allows 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
})
