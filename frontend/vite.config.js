import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig } from "vite";

const require = createRequire(import.meta.url);

// `annales serve` serves its OpenAPI page (/docs) with Swagger UI from /assets/swagger/ (no CDN).
// The build empties annales/server/static/, so it writes those three files there too.
const SWAGGER_FILES = ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"];

function swaggerUi() {
  return {
    name: "annales-swagger-ui",
    apply: "build",
    generateBundle() {
      const dir = dirname(require.resolve("swagger-ui-dist/package.json"));
      for (const name of SWAGGER_FILES) {
        this.emitFile({ type: "asset", fileName: `assets/swagger/${name}`, source: readFileSync(join(dir, name)) });
      }
    },
  };
}

// The built page is served by `annales serve` from annales/server/static/ (committed, so that
// `pip install` needs no Node). `npm run dev` proxies /api to a server started on port 8000.
export default defineConfig({
  base: "/",
  plugins: [swaggerUi()],
  build: {
    outDir: "../annales/server/static",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8000" },
  },
});
