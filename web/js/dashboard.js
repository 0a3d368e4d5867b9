// The public dashboard: key figures and charts from GET /v1/public/stats (by category, area,
// agency and month), and the public feed from GET /v1/public/complaints with filters and paging.
import { api, query, referenceData, areaTree } from './api.js';
import { h, tx, loc, when, field, figure, replace, announce } from './dom.js';
import { showApiError, clearErrors } from './forms.js';
import { todayInVietnam } from './i18n.js';
import { chart } from './charts.js';

const KPIS = [
  ['received', 'number'], ['resolved', 'number'], ['closed', 'number'], ['ratings', 'number'],
  ['processingRate', 'rate'], ['onTimeRate', 'rate'], ['satisfaction', 'rate'], ['open', 'number'], ['openOverdue', 'number'],
];
const METRICS = [
  ['processingRate', 'rate'], ['onTimeRate', 'rate'], ['satisfaction', 'rate'],
  ['received', 'number'], ['resolved', 'number'], ['open', 'number'], ['overdue', 'number'],
];
const OPEN = 'RECEIVED,ASSIGNED,ACKNOWLEDGED,IN_PROGRESS,NEEDS_INFO,REOPENED';
const DONE = 'RESOLVED,REJECTED,CLOSED';
const FEED_PAGE = 10;

/** Whether a group has anything to show: 32 categories with nothing in them would hide the rest. */
const active = (f) => f.received + f.open + f.resolved + f.rejected + f.closed + f.assigned + f.transferred > 0;

function monthsBack(today, n) {
  const [year, month] = today.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 - n, 1));
  return first.toISOString().slice(0, 10);
}

export async function dashboardView(container) {
  let reference;
  try {
    reference = await referenceData();
  } catch (e) {
    replace(container, h('h1', { i18n: 'dash.title' }), h('p', { class: 'alert', role: 'alert' }, loc(e.text)));
    return;
  }
  const today = todayInVietnam();
  const areas = areaTree(reference.areas);
  const areaOptions = (placeholder) => [h('option', { value: '', i18n: placeholder }),
    areas.map((a) => h('option', { value: a.code }, `${'\u00a0\u00a0'.repeat(a.depth)}${a.name}`))];

  // ---- statistics
  const from = h('input', { type: 'date', name: 'from', value: `${today.slice(0, 8)}01`, max: today });
  const to = h('input', { type: 'date', name: 'to', value: today, max: today });
  const area = h('select', { name: 'area' }, areaOptions('dash.wholeProvince'));
  const refresh = h('button', { type: 'button', class: 'secondary', id: 'dashboard-refresh', i18n: 'common.refresh' });
  const filters = h('form', { class: 'filters', novalidate: true, 'aria-labelledby': 'stats-filters' },
    h('h2', { id: 'stats-filters', class: 'visually-hidden', i18n: 'dash.filters' }),
    h('div', { class: 'row' },
      field({ label: 'dash.from', control: from, name: 'from' }),
      field({ label: 'dash.to', control: to, name: 'to' }),
      field({ label: 'dash.area', control: area, name: 'area' })),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', i18n: 'dash.apply' }), refresh));
  const kpis = h('dl', { class: 'kpis', id: 'kpis' });
  const asOf = h('p', { class: 'hint' });
  const metric = h('select', { name: 'metric' }, METRICS.map(([m]) => h('option', { value: m, i18n: `metric.${m}` })));
  const charts = h('div', { class: 'charts' });
  let answers = null;

  const drawCharts = () => {
    if (!answers) return;
    const [name, kind] = METRICS.find(([m]) => m === metric.value);
    const rows = (answer, keep, figure = name) => answer.groups.filter((g) => keep(g.figures))
      .map((g) => ({ label: g.name, value: g.figures[figure] }));
    // Agencies get complaints by assignment, not at receipt: "received" is "assigned" for them,
    // and the processing rate (over received) does not exist.
    const agencyFigure = name === 'received' ? 'assigned' : name;
    const sections = [
      ['dash.byCategory', rows(answers.category, active), 'bars', name],
      ['dash.byArea', rows(answers.area, () => true), 'bars', name],
      ['dash.byAgency', name === 'processingRate' ? null : rows(answers.agency, active, agencyFigure), 'bars', agencyFigure],
      ['dash.byMonth', answers.month.groups.map((g) => ({
        label: g.from.slice(0, 7), short: `${g.from.slice(5, 7)}/${g.from.slice(2, 4)}`, value: g.figures[name],
      })), 'columns', name],
    ];
    replace(charts, sections.map(([title, data, layout, figure]) => (data && data.length
      ? chart({ title, rows: data, kind, layout, metricLabel: `metric.${figure}` })
      : h('figure', { class: 'chart' }, h('figcaption', { i18n: title }),
        h('p', { class: 'hint', i18n: data ? 'dash.empty' : 'dash.noAgencyRate' })))));
  };
  metric.addEventListener('change', drawCharts);

  const loadStats = async (cache) => {
    clearErrors(filters);
    const filter = { from: from.value, to: to.value, area: area.value };
    try {
      const [byCategory, byArea, byAgency, byMonth] = await Promise.all([
        api(`/v1/public/stats${query({ ...filter, groupBy: 'category' })}`, { cache }),
        api(`/v1/public/stats${query({ ...filter, groupBy: 'area' })}`, { cache }),
        // Agencies' aggregates cannot be cut by area: the whole province.
        api(`/v1/public/stats${query({ from: filter.from, to: filter.to, groupBy: 'agency' })}`, { cache }),
        api(`/v1/public/stats${query({ area: filter.area, from: monthsBack(today, 11), to: today, groupBy: 'month' })}`, { cache }),
      ]);
      answers = { category: byCategory, area: byArea, agency: byAgency, month: byMonth };
      const total = byCategory.total;
      replace(kpis, KPIS.map(([name, kind]) => h('div', { class: 'kpi' },
        h('dt', { i18n: `metric.${name}` }),
        h('dd', { 'data-metric': name }, figure(total[name], kind)))));
      replace(asOf, tx('dash.asOf'), ' ', when(byCategory.asOf, 'date'), '.');
      drawCharts();
      return true;
    } catch (e) {
      showApiError(filters, e);
      return false;
    }
  };
  filters.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await loadStats()) announce('dash.loaded');
  });
  // Figures are cached for minutes (Cache-Control); Refresh asks the server again (ETag, 304 if unchanged).
  refresh.addEventListener('click', async () => {
    if (await loadStats('no-cache')) announce('dash.loaded');
  });

  // ---- public feed
  const feedCategory = h('select', { name: 'category' }, h('option', { value: '', i18n: 'common.all' }),
    reference.categories.map((c) => {
      const option = loc(c.name, 'option');
      option.value = c.code;
      return option;
    }));
  const feedArea = h('select', { name: 'area' }, areaOptions('common.all'));
  const feedStatus = h('select', { name: 'status' },
    h('option', { value: '', i18n: 'common.all' }),
    h('option', { value: OPEN, i18n: 'feed.open' }),
    h('option', { value: DONE, i18n: 'feed.done' }),
    ['RECEIVED', 'ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'NEEDS_INFO', 'RESOLVED', 'REJECTED', 'REOPENED', 'CLOSED']
      .map((s) => h('option', { value: s, i18n: `status.${s}` })));
  const feedFrom = h('input', { type: 'date', name: 'from', max: today });
  const feedTo = h('input', { type: 'date', name: 'to', max: today });
  const feedForm = h('form', { class: 'filters', novalidate: true, 'aria-labelledby': 'feed-filters' },
    h('h3', { id: 'feed-filters', class: 'visually-hidden', i18n: 'feed.filters' }),
    h('div', { class: 'row' },
      field({ label: 'feed.category', control: feedCategory, name: 'category' }),
      field({ label: 'dash.area', control: feedArea, name: 'area' }),
      field({ label: 'feed.status', control: feedStatus, name: 'status' }),
      field({ label: 'dash.from', control: feedFrom, name: 'from' }),
      field({ label: 'dash.to', control: feedTo, name: 'to' })),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', i18n: 'feed.apply' })));
  const feedList = h('ul', { class: 'feed', id: 'feed' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, i18n: 'common.loadMore' });
  let cursor = null;
  let feedQuery = {};

  const loadFeed = async (fresh) => {
    if (fresh) {
      cursor = null;
      feedQuery = { category: feedCategory.value, area: feedArea.value, status: feedStatus.value, from: feedFrom.value, to: feedTo.value };
      clearErrors(feedForm);
    }
    // A page may hold fewer items than asked while more follow (docs/public-feed.md): keep reading a little.
    const items = [];
    try {
      for (let requests = 0; requests < 5 && items.length < FEED_PAGE; requests++) {
        const page = await api(`/v1/public/complaints${query({ ...feedQuery, limit: FEED_PAGE, cursor })}`,
          { cache: fresh ? 'no-cache' : undefined });
        items.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
    } catch (e) {
      showApiError(feedForm, e);
      return;
    }
    if (fresh) feedList.replaceChildren();
    feedList.append(...items.map(feedItem));
    if (fresh && !items.length) feedList.append(h('li', { class: 'empty', i18n: 'feed.empty' }));
    more.hidden = !cursor;
    announce(fresh ? 'feed.loaded' : 'common.loadedMore', { n: items.length });
  };
  feedForm.addEventListener('submit', (event) => {
    event.preventDefault();
    loadFeed(true);
  });
  more.addEventListener('click', () => loadFeed(false));
  refresh.addEventListener('click', () => loadFeed(true));

  await Promise.all([loadStats(), loadFeed(true)]);
  replace(container,
    h('h1', { i18n: 'dash.title' }),
    h('p', { class: 'lead', i18n: 'dash.intro' }),
    filters,
    h('section', { 'aria-labelledby': 'kpi-heading' }, h('h2', { id: 'kpi-heading', i18n: 'dash.key' }), kpis, asOf),
    h('section', { class: 'chart-section' },
      field({ label: 'dash.metric', control: metric, name: 'metric' }), charts),
    h('section', { 'aria-labelledby': 'feed-heading' },
      h('h2', { id: 'feed-heading', i18n: 'feed.title' }), h('p', { class: 'hint', i18n: 'feed.intro' }),
      feedForm, feedList, more));
}

function feedItem(item) {
  return h('li', { class: 'feed-item', 'data-id': item.id },
    h('article', {},
      h('h3', {}, item.category ? loc(item.category.name) : ''),
      h('p', { class: 'meta' }, h('span', { class: `badge status-${item.status.toLowerCase()}`, i18n: `status.${item.status}` }),
        item.overdue ? [' ', h('span', { class: 'badge overdue', i18n: 'track.overdue' })] : null,
        ' · ', item.area ? item.area.name : '', ' · ', when(item.receivedAt)),
      h('p', { class: 'description' }, item.description),
      item.agency ? h('p', { class: 'meta' }, h('span', { i18n: 'feed.agency' }), ': ', item.agency.name) : null,
      item.response ? h('p', {}, h('strong', { i18n: 'feed.response' }), ': ', item.response) : null,
      item.photos.length ? h('div', { class: 'feed-photos' }, item.photos.map((p) => h('img', {
        src: p.url, alt: '', loading: 'lazy', class: 'feed-photo', i18nAttr: { alt: 'feed.photo' },
      }))) : null));
}
