// Validation messages next to the field they are about: the API names the field of every error
// ("description", "reporter.phone", "photos[1]", "location.lat"), and each control says which
// field it edits (data-field). Messages carry both languages so the switch re-translates them.
import { h, loc, tx, translate } from './dom.js';
import { DICTIONARY } from './i18n.js';

/** The control editing `field`, trying "photos[1]" -> "photos" and "location.lat" -> "location". */
export function controlFor(form, field) {
  if (!field) return null;
  let name = field;
  for (;;) {
    const control = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (control) return control;
    const shorter = name.replace(/\[\d+\]$/, '') !== name ? name.replace(/\[\d+\]$/, '')
      : name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : null;
    if (!shorter) return null;
    name = shorter;
  }
}

/** A message from the dictionary, in both languages. */
export const message = (key, vars = {}) => {
  const fill = (text) => text.replace(/\{(\w+)\}/g, (w, n) => (vars[n] === undefined ? w : String(vars[n])));
  return { vi: fill(DICTIONARY.vi[key]), en: fill(DICTIONARY.en[key]) };
};

function describedBy(control, id, add) {
  const ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && x !== id);
  if (add) ids.unshift(id);
  if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
  else control.removeAttribute('aria-describedby');
}

/** Shows text ({vi, en}) under the control; a group (fieldset) takes it below its legend. */
export function showFieldError(control, text) {
  const id = `${control.id || control.dataset.field}-error`;
  let node = document.getElementById(id);
  if (!node) {
    node = h('p', { class: 'field-error', id });
    if (control.tagName === 'FIELDSET') control.querySelector('legend').after(node);
    else if (control.closest('.field')) control.closest('.field').append(node);
    else control.after(node);
  }
  node.replaceChildren(h('span', { 'aria-hidden': 'true' }, '⚠ '), h('span', { class: 'visually-hidden', i18n: 'common.errorPrefix' }), loc(text));
  control.setAttribute('aria-invalid', 'true');
  describedBy(control, id, true);
}

export function clearErrors(form) {
  for (const node of form.querySelectorAll('.field-error')) node.remove();
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    describedBy(control, `${control.id || control.dataset.field}-error`, false);
  }
  const summary = form.querySelector('.form-alert');
  if (summary) summary.replaceChildren();
}

/** A message for the whole form, in its alert region (read out at once). */
export function showFormError(form, text) {
  let region = form.querySelector('.form-alert');
  if (!region) {
    region = h('div', { class: 'form-alert', role: 'alert' });
    form.prepend(region);
  }
  region.replaceChildren(h('p', {}, loc(text)));
}

/**
 * Shows errors [{field, text}] next to their controls (or for the whole form), and moves focus to
 * the first one, as a screen reader user needs. Returns true when there was any.
 */
export function showErrors(form, errors) {
  clearErrors(form);
  if (!errors.length) return false;
  let first = null;
  for (const { field, text } of errors) {
    const control = controlFor(form, field);
    if (control) {
      showFieldError(control, text);
      first = first || control;
    } else {
      showFormError(form, text);
    }
  }
  if (first) {
    if (errors.length > 1) showFormError(form, message('common.fixErrors'));
    const focusable = first.tagName === 'FIELDSET' ? first.querySelector('input,select,textarea,button') : first;
    (focusable || first).focus();
  } else {
    form.querySelector('.form-alert')?.setAttribute('tabindex', '-1');
    form.querySelector('.form-alert')?.focus();
  }
  return true;
}

/** An ApiError next to its field. */
export const showApiError = (form, error) => showErrors(form, [{ field: error.field, text: error.text }]);

/** The status line of a form (polite live region), e.g. "Sending…". */
export function formStatus(form, key, vars) {
  let region = form.querySelector('.form-status');
  if (!region) {
    region = h('p', { class: 'form-status', role: 'status' });
    form.append(region);
  }
  region.replaceChildren(key ? tx(key, vars) : '');
  translate(region);
}
