import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Tauri loads ui/dist in production and this dev server under `tauri dev`
// (devUrl in ../tauri.conf.json), so the port is fixed.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline <script>/<style> may reach the page: the CSP forbids them.
    assetsInlineLimit: 0,
  },
});
