// Small SVG charts, drawn at the width they get (so text stays legible from 360 px phones up) and
// redrawn when that width or the language changes. Each chart comes with its figures as a table.
import { h, tx, loc, figure, uid } from './dom.js';
import { localized, t, formatPercent, formatNumber } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const valueText = (value, kind) => (value === null || value === undefined ? t('common.noData')
  : kind === 'rate' ? formatPercent(value) : formatNumber(value));

const shorten = (text, max) => (text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text);

document.addEventListener('pakn:lang', () => {
  for (const canvas of document.querySelectorAll('.chart-canvas')) canvas.redraw?.();
});

/**
 * A chart of one figure per group. rows: [{label: {vi, en} | string, value: number | null}];
 * kind: 'rate' (0..1) or 'number'; layout: 'bars' (horizontal, for named groups) or 'columns'
 * (for months).
 */
export function chart({ title, rows, kind, layout = 'bars', metricLabel }) {
  const captionId = uid('chart');
  const canvas = h('div', { class: 'chart-canvas' });
  const draw = () => {
    const width = Math.max(240, Math.floor(canvas.clientWidth || 320));
    const label = `${t(metricLabel)}, ${t(title)}`;
    const drawing = layout === 'columns' ? columns(rows, kind, width) : bars(rows, kind, width);
    drawing.setAttribute('role', 'img');
    drawing.setAttribute('aria-label', label);
    canvas.replaceChildren(drawing);
  };
  canvas.redraw = draw;
  if (window.ResizeObserver) {
    let last = 0;
    new ResizeObserver(() => {
      if (canvas.clientWidth !== last) {
        last = canvas.clientWidth;
        draw();
      }
    }).observe(canvas);
  } else {
    window.setTimeout(draw, 0);
  }
  const table = h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', i18n: 'dash.group' }), h('th', { scope: 'col', i18n: metricLabel }))),
    h('tbody', {}, rows.map((row) => h('tr', {},
      h('th', { scope: 'row' }, typeof row.label === 'object' ? loc(row.label) : row.label),
      h('td', {}, figure(row.value, kind))))));
  return h('figure', { class: 'chart', 'aria-labelledby': captionId },
    h('figcaption', { id: captionId }, tx(title)),
    canvas,
    h('details', {}, h('summary', { i18n: 'dash.table' }), table));
}

function bars(rows, kind, width) {
  const rowHeight = 44;
  const valueWidth = 96;
  const barMax = width - valueWidth - 8;
  const max = kind === 'rate' ? 1 : Math.max(1, ...rows.map((r) => r.value || 0));
  const drawing = svg('svg', { width, height: rows.length * rowHeight + 4, viewBox: `0 0 ${width} ${rows.length * rowHeight + 4}` });
  rows.forEach((row, i) => {
    const top = i * rowHeight;
    const name = typeof row.label === 'object' ? localized(row.label) : String(row.label);
    const group = svg('g', {});
    group.append(svg('title', {}, `${name}: ${valueText(row.value, kind)}`));
    group.append(svg('text', { x: 0, y: top + 15, class: 'chart-label' }, shorten(name, Math.floor(width / 7.5))));
    const length = row.value ? Math.max(2, Math.round((row.value / max) * barMax)) : 0;
    if (length) group.append(svg('rect', { x: 0, y: top + 21, width: length, height: 16, rx: 2, class: 'chart-bar' }));
    group.append(svg('text', {
      x: length + 6, y: top + 34, class: row.value === null || row.value === undefined ? 'chart-value none' : 'chart-value',
    }, valueText(row.value, kind)));
    drawing.append(group);
  });
  return drawing;
}

function columns(rows, kind, width) {
  const height = 200;
  const bottom = 28;
  const top = 20;
  const slot = (width - 4) / Math.max(1, rows.length);
  const barWidth = Math.max(6, Math.min(40, slot - 6));
  const max = kind === 'rate' ? 1 : Math.max(1, ...rows.map((r) => r.value || 0));
  // On a narrow screen every second (third...) month is named, counted from the latest.
  const every = Math.ceil(32 / slot);
  const drawing = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}` });
  drawing.append(svg('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'chart-axis' }));
  rows.forEach((row, i) => {
    const name = typeof row.label === 'object' ? localized(row.label) : String(row.label);
    const centre = 2 + slot * i + slot / 2;
    const length = row.value ? Math.max(2, Math.round((row.value / max) * (height - bottom - top))) : 0;
    const group = svg('g', {});
    group.append(svg('title', {}, `${name}: ${valueText(row.value, kind)}`));
    if (length) {
      group.append(svg('rect', {
        x: centre - barWidth / 2, y: height - bottom - length, width: barWidth, height: length, rx: 2, class: 'chart-bar',
      }));
    }
    if (row.value !== null && row.value !== undefined && slot >= 24) {
      const shown = kind === 'rate' ? `${Math.round(row.value * 100)}%` : formatNumber(row.value);
      group.append(svg('text', { x: centre, y: height - bottom - length - 5, class: 'chart-value small', 'text-anchor': 'middle' }, shown));
    }
    if ((rows.length - 1 - i) % every === 0) {
      group.append(svg('text', { x: centre, y: height - 9, class: 'chart-label small', 'text-anchor': 'middle' }, row.short || name));
    }
    drawing.append(group);
  });
  return drawing;
}
