// Building the page: a tiny element helper whose texts carry their translation keys, so that the
// language switch can re-translate everything already on screen without re-rendering (and without
// losing what the user typed).
import { t, localized, formatDate, formatNumber, formatPercent } from './i18n.js';

/**
 * h('p', {class: 'x', i18n: 'key', vars: {n: 2}, on: {click: fn}}, child, ...)
 * - i18n / vars: the text is t(key, vars), kept up to date by the language switch
 * - i18nAttr: {placeholder: 'key', 'aria-label': 'key'}
 * - on: event listeners; any other entry is an attribute (false/null/undefined: left out)
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'i18n') {
      node.dataset.i18n = value;
    } else if (name === 'vars') {
      node.dataset.i18nVars = JSON.stringify(value);
    } else if (name === 'i18nAttr') {
      node.dataset.i18nAttr = Object.entries(value).map(([a, k]) => `${a}:${k}`).join(';');
    } else if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (name === 'class') {
      node.className = value;
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  translate(node);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A span translated by key. */
export const tx = (key, vars) => h('span', { i18n: key, vars });

/** A text the API gives in both languages ({vi, en}), shown in the current one. */
export function loc(text, tag = 'span') {
  const node = document.createElement(tag);
  if (text && typeof text === 'object') {
    node.dataset.vi = text.vi ?? '';
    node.dataset.en = text.en ?? text.vi ?? '';
  } else {
    node.dataset.vi = node.dataset.en = text ?? '';
  }
  translate(node);
  return node;
}

/** A <time> for an ISO instant, written out in the current language (Vietnam's time zone). */
export function when(iso, style = 'datetime') {
  if (!iso) return tx('common.none');
  const node = h('time', { datetime: iso });
  node.dataset.format = style;
  translate(node);
  return node;
}

/** A number or a rate (0..1), formatted for the current language; null shows as "no data". */
export function figure(value, kind = 'number') {
  const node = h('span', { class: value === null || value === undefined ? 'figure none' : 'figure' });
  node.dataset.figure = value === null || value === undefined ? '' : String(value);
  node.dataset.kind = kind;
  translate(node);
  return node;
}

/** Re-translates every marked node under root (the language switch calls it on the document). */
export function translate(root) {
  const nodes = [root, ...root.querySelectorAll('[data-i18n],[data-i18n-attr],[data-vi],time[data-format],[data-figure]')];
  for (const node of nodes) {
    if (!(node instanceof Element)) continue;
    if (node.dataset.i18n) {
      node.textContent = t(node.dataset.i18n, node.dataset.i18nVars ? JSON.parse(node.dataset.i18nVars) : {});
    }
    if (node.dataset.i18nAttr) {
      for (const pair of node.dataset.i18nAttr.split(';')) {
        const [attr, key] = pair.split(':');
        node.setAttribute(attr, t(key));
      }
    }
    if (node.dataset.vi !== undefined) node.textContent = localized({ vi: node.dataset.vi, en: node.dataset.en });
    if (node.dataset.format && node.getAttribute('datetime')) {
      node.textContent = formatDate(node.getAttribute('datetime'), node.dataset.format);
    }
    if (node.dataset.figure !== undefined) {
      const raw = node.dataset.figure;
      node.textContent = raw === '' ? t('common.noData')
        : node.dataset.kind === 'rate' ? formatPercent(Number(raw)) : formatNumber(Number(raw));
    }
  }
}

/** Replaces a container's content. */
export function replace(container, ...children) {
  container.replaceChildren();
  append(container, children);
  return container;
}

let ids = 0;
/** A fresh id for label/aria wiring. */
export const uid = (prefix) => `${prefix}-${++ids}`;

/** Says something to screen reader users without moving focus. */
export function announce(key, vars) {
  const region = document.getElementById('announcer');
  if (!region) return;
  // Emptied first so that the same message twice is read twice.
  region.textContent = '';
  window.setTimeout(() => { region.replaceChildren(tx(key, vars)); }, 50);
}

/** A labelled form control in its .field wrapper: {field, label, hint, control}. */
export function field({ label, hint, control, name, optional }) {
  const id = control.id || uid(name || 'f');
  control.id = id;
  if (name) control.dataset.field = name;
  const hintNode = hint ? h('p', { class: 'hint', id: `${id}-hint`, i18n: hint }) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return h('div', { class: 'field' },
    h('label', { for: id }, tx(label), optional ? h('span', { class: 'optional', i18n: 'common.optional' }) : null),
    hintNode, control);
}
