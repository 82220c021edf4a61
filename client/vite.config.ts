// The browser client: built into client/dist, which the platform serves (server/http/app.ts).
// Heavy libraries load only with the page that needs them (every route is a lazy import):
// Form.io (task form, form builder) and ECharts (dashboard) get named chunks; bpmn-js is left
// to automatic splitting, because a named group pulls its dependencies in with it and the
// case page's viewer would then load the whole modeler.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Files some libraries load by URL at run time (Form.io's builder loads ace through
 * `Formio.cdn`): copied from node_modules into dist/vendor at build time, so nothing is ever
 * fetched from a CDN. Packages not installed are skipped. In dev the same paths are served.
 */
const VENDOR: Record<string, string> = {
  'vendor/formio/ace': 'ace-builds/src-min-noconflict',
  // Form.io's date handling fetches the time-zone data (36 KB gzipped) on the first date field.
  'vendor/formio/moment-timezone/data/packed': 'moment-timezone/data/packed',
};

function packageDir(spec: string): string | null {
  const [scopeOrName, ...rest] = spec.split('/');
  const name = scopeOrName.startsWith('@') ? `${scopeOrName}/${rest.shift()}` : scopeOrName;
  try {
    return path.join(path.dirname(require.resolve(`${name}/package.json`)), ...rest);
  } catch {
    return null;
  }
}

function vendorAssets(): Plugin {
  let outDir = '';
  return {
    name: 'duban-vendor-assets',
    configResolved(c) {
      outDir = c.build.outDir;
    },
    configureServer(server) {
      for (const [url, spec] of Object.entries(VENDOR)) {
        const dir = packageDir(spec);
        if (!dir) continue;
        server.middlewares.use(`/${url}`, (req, res, next) => {
          const file = path.join(dir, decodeURIComponent((req.url ?? '/').split('?')[0]));
          if (!file.startsWith(dir) || !existsSync(file)) return next();
          res.setHeader('Content-Type', file.endsWith('.css') ? 'text/css' : file.endsWith('.json') ? 'application/json' : 'text/javascript');
          res.end(readFileSync(file));
        });
      }
    },
    closeBundle() {
      for (const [url, spec] of Object.entries(VENDOR)) {
        const dir = packageDir(spec);
        if (dir && existsSync(dir)) cpSync(dir, path.join(outDir, url), { recursive: true });
      }
    },
  };
}

const chunk = (re: RegExp) => (id: string) => re.test(id.replaceAll('\\', '/'));
const formioRenderer = chunk(/node_modules\/(@formio|flatpickr|choices\.js|quill|quill-delta|vanilla-text-mask|text-mask-addons)\//);
const formioBuilder = chunk(/node_modules\/@formio\/js\/lib\/cjs\/(index\.js|FormBuilder|PDFBuilder|WebformBuilder|WizardBuilder|builders\/|utils\/builder\.js|components\/builder\.js|.*\/editForm\/|.*\/[A-Z]\w*\.form\.js$)/);

export default defineConfig({
  root: here,
  base: '/',
  plugins: [vue(), vendorAssets()],
  // Some of Form.io's CommonJS dependencies read Node's `global`.
  define: { global: 'globalThis' },
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      output: {
        // Shared libraries (vue, element-plus) win over the lazy groups, whose dependencies would
        // otherwise be pulled into them and make the entry load Form.io.
        codeSplitting: {
          groups: [
            { name: 'echarts', priority: 10, test: chunk(/node_modules\/(echarts|zrender)\//) },
            { name: 'formio', priority: 10, test: (id) => formioRenderer(id) && !formioBuilder(id) },
            // The builder's own modules (component settings forms, the builders) are only for
            // the form-builder page: kept out of the renderer chunk that every task page loads.
            { name: 'formio-builder', priority: 9, test: formioBuilder },
            { name: 'element-plus', priority: 20, test: chunk(/node_modules\/(element-plus|@element-plus|@floating-ui|@popperjs|@sxzz|@vueuse|async-validator|dayjs|lodash-es|lodash-unified|memoize-one|normalize-wheel-es|@ctrl\/tinycolor)\//) },
            { name: 'vue', priority: 30, test: chunk(/node_modules\/(vue|@vue|vue-router)\//) },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
