import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The page is static files next to the package (api/assets/dashboard), the same from src/ under
// jest and from dist/ in production; Chart.js is served from node_modules, never a CDN, because
// clusters running Sluice are often air-gapped.
const ASSETS = fileURLToPath(new URL('../../../assets/dashboard/', import.meta.url));
const CHART_JS = join(
  dirname(createRequire(import.meta.url).resolve('chart.js')),
  'chart.umd.min.js',
);

/** The files the page may load, by the name it asks for: nothing else is ever read from disk. */
export const DASHBOARD_FILES: ReadonlyMap<string, { path: string; type: string }> = new Map([
  ['index.html', { path: join(ASSETS, 'index.html'), type: 'text/html; charset=utf-8' }],
  ['dashboard.js', { path: join(ASSETS, 'dashboard.js'), type: 'text/javascript; charset=utf-8' }],
  ['dashboard.css', { path: join(ASSETS, 'dashboard.css'), type: 'text/css; charset=utf-8' }],
  ['chart.umd.min.js', { path: CHART_JS, type: 'text/javascript; charset=utf-8' }],
]);
