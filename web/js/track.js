// Track a report by its tracking code: status, deadlines, the agency's answer and the timeline;
// and the citizen's own steps, with the secret this browser kept: answer the agency's question,
// confirm with a rating, or reopen.
import { api } from './api.js';
import { h, tx, loc, when, field, replace, announce, uid } from './dom.js';
import { showApiError, formStatus, showErrors, message } from './forms.js';
import { keepSecret, secretFor, myReports } from './secrets.js';

const statusBadge = (status, id) => h('span', { class: `badge status-${status.toLowerCase()}`, id, 'data-status': status, i18n: `status.${status}` });

export async function trackView(container, code) {
  const input = h('input', {
    type: 'text', name: 'trackingCode', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    value: code || '', maxlength: 20,
  });
  const form = h('form', { class: 'inline', novalidate: true, role: 'search' },
    field({ label: 'track.code', hint: 'track.codeHint', control: input, name: 'trackingCode' }),
    h('button', { type: 'submit', class: 'primary', i18n: 'track.submit' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const wanted = input.value.trim().toUpperCase();
    if (!wanted) {
      showErrors(form, [{ field: 'trackingCode', text: message('error.required') }]);
      return;
    }
    window.location.hash = `#/track/${encodeURIComponent(wanted)}`;
  });

  const mine = myReports();
  const result = h('section', { class: 'result' });
  replace(container,
    h('h1', { i18n: 'track.title' }),
    form,
    mine.length ? h('section', { class: 'mine', 'aria-labelledby': 'mine-heading' },
      h('h2', { id: 'mine-heading', i18n: 'track.mine' }),
      h('ul', {}, mine.map((r) => h('li', {}, h('a', { href: `#/track/${encodeURIComponent(r.code)}` }, r.code),
        r.receivedAt ? [' · ', when(r.receivedAt)] : null)))) : null,
    result);
  if (code) await load(result, code.toUpperCase());
}

async function load(result, code, announceIt = false) {
  try {
    const view = await api(`/v1/complaints/${encodeURIComponent(code)}`, { cache: 'no-store' });
    show(result, view);
    if (announceIt) announce('track.loaded', { code: view.trackingCode });
  } catch (e) {
    replace(result, h('p', { class: 'alert', role: 'alert' }, e.status === 404 ? tx('track.notFound') : loc(e.text)));
  }
}

function show(result, view) {
  const code = view.trackingCode;
  const refresh = h('button', { type: 'button', class: 'secondary', id: 'track-refresh', i18n: 'common.refresh' });
  refresh.addEventListener('click', () => load(result, code, true));
  const facts = h('dl', { class: 'facts' },
    fact('track.status', [statusBadge(view.status, 'track-status'), view.overdue ? h('span', { class: 'badge overdue', i18n: 'track.overdue' }) : null]),
    fact('track.category', view.category ? loc(view.category.name) : tx('common.none')),
    fact('track.area', view.area ? view.area.name : tx('common.none')),
    fact('track.agency', view.agency ? h('span', { 'data-agency-id': view.agency.id }, view.agency.name) : tx('common.none')),
    fact('track.receivedAt', when(view.receivedAt)),
    view.status !== 'CLOSED' && view.status !== 'REJECTED' ? [
      fact('track.acknowledgeBy', when(view.acknowledgeBy)),
      fact('track.dueAt', when(view.dueAt))] : null,
    view.location ? fact('track.location', `${view.location.lat}, ${view.location.lon}`) : null);
  const photos = view.photos.length ? h('section', { 'aria-labelledby': 'photos-heading' },
    h('h3', { id: 'photos-heading', i18n: 'track.photos' }),
    h('ul', { class: 'plain' }, view.photos.map((p, i) => h('li', { class: 'photo-check', 'data-photo-status': p.status },
      `${i + 1}. `, tx(`photo.${p.status}`), ', ', tx(p.public ? 'track.photoPublic' : 'track.photoPrivate'))))) : null;
  const history = h('section', { 'aria-labelledby': 'history-heading' },
    h('h3', { id: 'history-heading', i18n: 'track.history' }),
    h('ol', { class: 'timeline' }, view.history.map((entry) => h('li', { 'data-type': entry.type },
      h('p', { class: 'event' }, tx(`event.${entry.type}`)),
      h('p', { class: 'meta' }, when(entry.at), ' · ', tx(`track.by.${entry.by}`)),
      entry.note ? h('p', { class: 'note' }, entry.note) : null))));

  replace(result,
    h('h2', { id: 'complaint-heading' }, code),
    facts,
    view.response ? h('section', { class: 'response' }, h('h3', { i18n: 'track.response' }), h('p', {}, view.response)) : null,
    h('section', {}, h('h3', { i18n: 'track.description' }), h('p', { class: 'description' }, view.description)),
    photos,
    citizenActions(result, view),
    history,
    h('p', {}, refresh));
}

function fact(label, value) {
  return h('div', { class: 'fact' }, h('dt', { i18n: label }), h('dd', {}, value));
}

/** The citizen's forms for the status: answer (NEEDS_INFO), or confirm and reopen (RESOLVED). */
function citizenActions(result, view) {
  const code = view.trackingCode;
  if (view.status === 'NEEDS_INFO') {
    const question = [...view.history].reverse().find((e) => e.type === 'INFO_REQUESTED');
    const answer = h('textarea', { name: 'answer', rows: 4, maxlength: 4000 });
    return actionForm(result, code, 'info', 'track.infoTitle', [
      question && question.note ? h('p', { class: 'question' }, h('strong', { i18n: 'track.question' }), ': ', question.note) : null,
      field({ label: 'track.answer', hint: 'track.answerHint', control: answer, name: 'answer' })],
    () => ({ answer: answer.value.trim() }), 'track.sendAnswer', 'track.answered');
  }
  if (view.status === 'RESOLVED') {
    const stars = h('fieldset', { class: 'group rating', id: uid('rating') },
      h('legend', { i18n: 'track.rating' }),
      [5, 4, 3, 2, 1].map((n) => {
        const radio = h('input', { type: 'radio', name: 'rating', value: n, id: uid(`rating-${n}`) });
        return h('div', { class: 'field radio' }, radio, h('label', { for: radio.id, i18n: `track.rating.${n}` }));
      }));
    stars.dataset.field = 'rating';
    const comment = h('textarea', { name: 'comment', rows: 3, maxlength: 4000 });
    const confirm = actionForm(result, code, 'confirm', 'track.rateTitle', [
      h('p', { i18n: 'track.rateIntro' }), stars,
      field({ label: 'track.comment', hint: 'track.commentHint', control: comment, name: 'comment', optional: true })],
    () => {
      const chosen = stars.querySelector('input:checked');
      const body = { rating: chosen ? Number(chosen.value) : null };
      if (comment.value.trim()) body.comment = comment.value.trim();
      return body;
    }, 'track.confirm', 'track.confirmed');
    const note = h('textarea', { name: 'note', rows: 3, maxlength: 4000 });
    const reopen = actionForm(result, code, 'reopen', 'track.reopenTitle', [
      field({ label: 'track.reopenNote', control: note, name: 'note' })],
    () => ({ note: note.value.trim() }), 'track.reopen', 'track.reopened');
    return [confirm, reopen];
  }
  return null;
}

function actionForm(result, code, action, title, fields, body, submitLabel, doneKey) {
  const headingId = uid(`${action}-heading`);
  const stored = secretFor(code);
  const secret = stored ? null : h('input', { type: 'text', name: 'secret', autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: `citizen-action action-${action}`, novalidate: true, 'aria-labelledby': headingId },
    h('h3', { id: headingId, i18n: title }),
    fields,
    secret ? field({ label: 'track.secret', hint: 'track.secretHint', control: secret, name: 'secret' })
      : h('p', { class: 'hint', i18n: 'track.secretSaved' }),
    h('button', { type: 'submit', class: 'primary', i18n: submitLabel }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = stored || secret.value.trim();
    if (!key) {
      showErrors(form, [{ field: 'secret', text: message('error.required') }]);
      return;
    }
    formStatus(form, 'common.loading');
    try {
      const view = await api(`/v1/complaints/${encodeURIComponent(code)}/${action}`, {
        method: 'POST', body: body(), headers: { 'X-Citizen-Secret': key },
      });
      if (!stored) keepSecret(code, key, view.receivedAt);
      show(result, view);
      announce(doneKey);
      const status = h('p', { class: 'success', role: 'status', tabindex: '-1', i18n: doneKey });
      result.prepend(status);
      status.focus();
    } catch (e) {
      formStatus(form, null);
      // The secret's errors name no field: they are about the secret.
      if (e.code && e.code.startsWith('citizen_secret') && secret) e.field = 'secret';
      showApiError(form, e);
    }
  });
  return form;
}
