// The unit-economics page: reads GET /v1/economics/dashboard with the tab's API token and draws
// four Chart.js charts. Each chart's section gets data-rendered="data" once Chart.js has drawn it
// with data ("empty" or "unavailable" otherwise), which is what the headless-browser test and a
// person's eye both look for.
/* global Chart */
'use strict';

const TOKEN_KEY = 'sluice.token';
// Saturated colours for data only: the page's own chrome is grey (dashboard.css).
const PALETTE = ['#1f77d4', '#e8590c', '#2f9e44', '#c2255c', '#7048e8', '#f08c00', '#0c8599'];
const charts = new Map();

/** The token from `#token=...` (then dropped from the address bar), or the one this tab kept. */
function takeToken() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * An exact decimal string from the API as dollars rounded half up (away from zero) to `places`,
 * with BigInt as `sluice economics` tables round (cli/src/output/money.ts): the page and the CLI
 * agree to the cent, and no float ever holds a figure. '' (not computable) is '–'.
 */
function usd(text, places = 2) {
  const match = /^(-)?(\d+)(?:\.(\d*))?$/.exec(text ?? '');
  if (match === null) return '–';
  const [, sign, whole, fraction = ''] = match;
  const units = roundedUnits(whole, fraction, places);
  const scale = 10n ** BigInt(places);
  const cents = places === 0 ? '' : '.' + (units % scale).toString().padStart(places, '0');
  // "-$0.00" is not an amount anyone owes.
  return (sign && units !== 0n ? '-' : '') + '$' + (units / scale).toLocaleString('en-US') + cents;
}

/** whole.fraction in units of 10^-places, half up. */
function roundedUnits(whole, fraction, places) {
  const kept = BigInt(whole + fraction.slice(0, places).padEnd(places, '0'));
  return kept + ((fraction[places] ?? '0') >= '5' ? 1n : 0n);
}

/** Axis ticks are positions on a chart, not figures anyone adds up: a float is fine there. */
const tickUsd = (value) =>
  value.toLocaleString('en-US', {
    style: 'currency',
    currency: 'USD',
    maximumSignificantDigits: 4,
  });
const percent = (ratio) => (ratio * 100).toFixed(1) + '%';
const label = (iso, granularity) =>
  granularity === 'hour' ? iso.slice(5, 16).replace('T', ' ') : iso.slice(0, 10);

function showProblem(text) {
  const problem = document.getElementById('problem');
  problem.textContent = text;
  problem.hidden = text === '';
}

/** Marks the section once Chart.js has really drawn it: the test waits for this. */
const renderedMarker = {
  id: 'sluiceRendered',
  afterRender(chart) {
    chart.canvas.closest('.chart').dataset.rendered = 'data';
  },
};

function draw(id, config) {
  const section = document.getElementById(id);
  section.querySelector('.note').hidden = true;
  charts.get(id)?.destroy();
  const options = { animation: false, responsive: true, maintainAspectRatio: false };
  const chart = new Chart(section.querySelector('canvas'), {
    ...config,
    options: { ...options, ...config.options },
    plugins: [renderedMarker],
  });
  charts.set(id, chart);
}

function noChart(id, text, state) {
  const section = document.getElementById(id);
  charts.get(id)?.destroy();
  charts.delete(id);
  const note = section.querySelector('.note');
  note.textContent = text;
  note.hidden = false;
  section.dataset.rendered = state;
}

function lineChart(id, data, series) {
  const labels = data.timeline.map((p) => label(p.bucketStart, data.granularity));
  draw(id, {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: series.label,
          data: data.timeline.map(series.value),
          borderColor: series.colour,
          backgroundColor: series.colour,
          borderWidth: 3,
          spanGaps: false,
        },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { callback: series.tick } } } },
  });
}

function routingChart(data) {
  draw('routing', {
    type: 'doughnut',
    data: {
      labels: data.routing.map((s) => `${s.tier} · ${s.model}`),
      datasets: [
        {
          data: data.routing.map((s) => s.queries),
          backgroundColor: data.routing.map((_, i) => PALETTE[i % PALETTE.length]),
        },
      ],
    },
    options: { plugins: { legend: { position: 'right' } } },
  });
}

function savingsChart(data) {
  if (data.savings.unavailable) {
    noChart('savings', `Savings cannot be priced: ${data.savings.unavailable}`, 'unavailable');
    return;
  }
  const rows = data.savings.rows;
  // Marginal and fully loaded cost against the baseline; an API that does not send them yet
  // leaves them '', and the page falls back to the cost charged.
  const split = rows.some((r) => r.marginalCostUsd !== '');
  const series = split
    ? [
        ['Marginal cost (used GPU time)', (r) => r.marginalCostUsd, PALETTE[2]],
        ['Fully loaded cost (idle included)', (r) => r.fullyLoadedCostUsd, PALETTE[4]],
      ]
    : [['Actual cost', (r) => r.actualCostUsd, PALETTE[2]]];
  series.push(['All-frontier baseline', (r) => r.frontierBaselineCostUsd, PALETTE[1]]);
  draw('savings', {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.group),
      datasets: series.map(([name, value, colour]) => ({
        label: name,
        data: rows.map((r) => (value(r) === '' ? null : Number(value(r)))),
        backgroundColor: colour,
      })),
    },
    options: { scales: { y: { beginAtZero: true, ticks: { callback: tickUsd } } } },
  });
}

function showTotals(data) {
  const set = (name, text) => {
    document.querySelector(`[data-total="${name}"]`).textContent = text;
  };
  set('queries', data.totals.queries.toLocaleString('en-US'));
  set('cost', usd(data.totals.costUsd));
  // Cents would show most per-query costs as $0.00.
  set('costPerQuery', usd(data.totals.costPerQueryUsd, 4));
  set('cacheHitRate', percent(data.totals.cacheHitRate));
  const saved = data.savings.total;
  const savedText = (amount, ratio) =>
    saved && amount !== '' ? `${usd(amount)} (${percent(ratio)})` : '–';
  set('savedMarginal', savedText(saved?.savedMarginalUsd, saved?.savedMarginalRatio));
  set('savedFullyLoaded', savedText(saved?.savedFullyLoadedUsd, saved?.savedFullyLoadedRatio));
  const scope = [
    data.filters.length > 0 ? `where ${data.filters.join(' and ')}` : '',
    data.shareIdle ? 'idle GPU cost shared over the groups' : 'idle GPU cost as its own line',
  ].filter((part) => part !== '');
  document.getElementById('window-text').textContent =
    `${data.window.start} to ${data.window.end}, by ${data.granularity}; ${scope.join('; ')}`;
}

function render(data) {
  showTotals(data);
  if (data.totals.queries === 0) {
    const text = 'No queries in this window.';
    for (const id of ['cost-per-query', 'routing', 'cache-hit-rate', 'savings'])
      noChart(id, text, 'empty');
    return;
  }
  lineChart('cost-per-query', data, {
    label: 'Cost per query (USD)',
    colour: PALETTE[0],
    value: (p) => (p.costPerQueryUsd === '' ? null : Number(p.costPerQueryUsd)),
    tick: tickUsd,
  });
  routingChart(data);
  lineChart('cache-hit-rate', data, {
    label: 'Cache hit rate',
    colour: PALETTE[4],
    value: (p) => (p.queries === 0 ? null : p.cacheHitRate * 100),
    tick: (v) => `${v}%`,
  });
  savingsChart(data);
}

/** The API's JSON errors name the field at fault (fieldViolations); show them as they are. */
async function problemText(response) {
  const body = await response.json().catch(() => ({}));
  return `${response.status}: ${body.error?.message ?? response.statusText}`;
}

async function load(token) {
  const query = new URLSearchParams(location.search);
  const response = await fetch(`/v1/economics/dashboard?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status === 401) sessionStorage.removeItem(TOKEN_KEY);
  if (!response.ok) {
    showProblem(await problemText(response));
    document.getElementById('login').hidden = response.status !== 401;
    return;
  }
  showProblem('');
  render(await response.json());
}

function start() {
  const windowForm = document.getElementById('window');
  const from = new URLSearchParams(location.search).get('from') ?? '-24h';
  // A window from a shared link (absolute times) is shown as such rather than as a preset.
  if (![...windowForm.from.options].some((o) => o.value === from))
    windowForm.from.add(new Option('as in the address', from));
  windowForm.from.value = from;
  const reload = (name, value) => {
    const query = new URLSearchParams(location.search);
    if (value === null) query.delete(name);
    else query.set(name, value);
    location.search = query.toString();
  };
  windowForm.from.addEventListener('change', () => reload('from', windowForm.from.value));
  windowForm.shareIdle.checked = new URLSearchParams(location.search).get('shareIdle') === 'true';
  windowForm.shareIdle.addEventListener('change', () =>
    reload('shareIdle', windowForm.shareIdle.checked ? 'true' : null),
  );
  const login = document.getElementById('login');
  login.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, login.token.value.trim());
    login.hidden = true;
    load(login.token.value.trim()).catch((error) => showProblem(String(error)));
  });
  const token = takeToken();
  if (!token) {
    login.hidden = false;
    return;
  }
  load(token).catch((error) => showProblem(String(error)));
}

start();
