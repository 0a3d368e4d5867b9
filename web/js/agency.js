// The agency console: sign in (locally with the runtime's development sign-in, or by pasting a
// token), the inbox by status with overdue complaints marked, and a complaint with every action
// its status allows, each with its required fields (docs/agency-api.md).
import { api, query, referenceData, agencyList, LOCAL_SIGN_IN } from './api.js';
import { h, tx, loc, when, field, replace, announce, uid } from './dom.js';
import { showApiError, showErrors, clearErrors, formStatus, message } from './forms.js';
import { t } from './i18n.js';

// sessionStorage: the token lives as long as the tab, is not shared with other tabs, and never
// travels in a cookie (so no request is made with it that the page did not make itself).
const TOKEN_KEY = 'pakn.agency.token';
const OPEN_VIEW = '';
const STATUSES = ['ASSIGNED', 'REOPENED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'NEEDS_INFO', 'RESOLVED', 'REJECTED', 'CLOSED'];
const PAGE = 25;

function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part + '='.repeat((4 - (part.length % 4)) % 4)), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return null;
  }
}

function session() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const c = token ? claims(token) : null;
  if (!c || (c.exp && c.exp * 1000 < Date.now())) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  return { token, agency: c['pakn:agency'], officer: c.sub };
}

function signOut(reasonKey) {
  sessionStorage.removeItem(TOKEN_KEY);
  if (reasonKey) sessionStorage.setItem('pakn.agency.signedOutBecause', reasonKey);
  if (window.location.hash === '#/agency') window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = '#/agency';
}

/** Runs an API call with the session's token; an expired or refused token signs out. */
async function call(path, options = {}) {
  const current = session();
  try {
    return await api(path, { ...options, token: current && current.token });
  } catch (e) {
    if (e.status === 401) signOut('error.unauthorized');
    throw e;
  }
}

export async function agencyView(container, complaintId) {
  const current = session();
  if (!current) {
    await signInView(container);
    return;
  }
  const agencies = await agencyList().catch(() => []);
  // An agency has one proper name, given in both languages.
  const agencyName = agencies.find((a) => a.id === current.agency)?.name.vi || current.agency;
  const signOutButton = h('button', { type: 'button', class: 'secondary', id: 'sign-out', i18n: 'agency.signOut' });
  signOutButton.addEventListener('click', () => {
    signOut(null);
    announce('agency.signedOut');
  });
  const header = h('div', { class: 'session' },
    h('p', {}, tx('agency.signedInAs', { agency: agencyName, officer: current.officer })), signOutButton);
  if (complaintId) await detailView(container, header, complaintId, agencies);
  else await inboxView(container, header);
}

// ------------------------------------------------------------------ sign-in

async function signInView(container) {
  const why = sessionStorage.getItem('pakn.agency.signedOutBecause');
  sessionStorage.removeItem('pakn.agency.signedOutBecause');
  const parts = [h('h1', { i18n: 'agency.signInTitle' })];
  if (why) parts.push(h('p', { class: 'alert', role: 'alert', i18n: why }));
  if (LOCAL_SIGN_IN) parts.push(await localSignInForm());
  parts.push(tokenForm(), h('p', { class: 'hint', i18n: 'agency.sessionNote' }));
  replace(container, ...parts);
}

function signedIn(token, agencyName) {
  sessionStorage.setItem(TOKEN_KEY, token);
  announce('agency.signedIn', { agency: agencyName });
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

async function localSignInForm() {
  const agencies = await agencyList().catch(() => []);
  // A list when the agencies are known; otherwise the id is typed.
  const agency = agencies.length
    ? h('select', { name: 'agency' }, h('option', { value: '', i18n: 'common.choose' }),
      agencies.map((a) => h('option', { value: a.id }, `${a.name.vi} (${a.id})`)))
    : h('input', { type: 'text', name: 'agency', autocomplete: 'off', spellcheck: 'false' });
  const officer = h('input', { type: 'text', name: 'officer', autocomplete: 'username', placeholder: 'can-bo-01', spellcheck: 'false' });
  const form = h('form', { class: 'sign-in', id: 'local-sign-in', novalidate: true, 'aria-labelledby': 'local-heading' },
    h('h2', { id: 'local-heading', i18n: 'agency.localTitle' }),
    h('p', { class: 'hint', i18n: 'agency.localIntro' }),
    field({ label: 'agency.agency', control: agency, name: 'agency' }),
    field({ label: 'agency.officer', control: officer, name: 'officer', optional: true }),
    h('button', { type: 'submit', class: 'primary', i18n: 'agency.signIn' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!agency.value.trim()) {
      showErrors(form, [{ field: 'agency', text: message('error.required') }]);
      return;
    }
    const body = { agency: agency.value.trim() };
    if (officer.value.trim()) body.officer = officer.value.trim();
    try {
      const answer = await api(LOCAL_SIGN_IN, { method: 'POST', body });
      signedIn(answer.token, answer.agency.name);
    } catch (e) {
      showApiError(form, e);
    }
  });
  return form;
}

function tokenForm() {
  const token = h('textarea', { name: 'token', rows: 3, spellcheck: 'false', autocomplete: 'off' });
  const form = h('form', { class: 'sign-in', novalidate: true, 'aria-labelledby': 'token-heading' },
    h('h2', { id: 'token-heading', i18n: 'agency.tokenTitle' }),
    field({ label: 'agency.token', hint: 'agency.tokenHint', control: token, name: 'token' }),
    h('button', { type: 'submit', class: 'secondary', i18n: 'agency.useToken' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = token.value.trim().replace(/^Bearer\s+/i, '');
    const c = value ? claims(value) : null;
    const problem = !value ? 'error.required' : !c ? 'agency.tokenInvalid'
      : c.exp && c.exp * 1000 < Date.now() ? 'agency.tokenExpired' : c['pakn:role'] !== 'agency' ? 'agency.tokenRole' : null;
    if (problem) {
      showErrors(form, [{ field: 'token', text: message(problem) }]);
      return;
    }
    // The API checks the signature on the first call; a refused token comes back here.
    signedIn(value, c['pakn:agency']);
  });
  return form;
}

// ------------------------------------------------------------------ inbox

async function inboxView(container, header) {
  const reference = await referenceData().catch(() => ({ categories: [], areas: [] }));
  const categoryName = (code) => reference.categories.find((c) => c.code === code)?.name || code;
  const areaName = (code) => reference.areas.find((a) => a.code === code)?.name || code || '';
  const view = h('select', { name: 'view' },
    h('option', { value: OPEN_VIEW, i18n: 'agency.view.open' }),
    h('option', { value: 'overdue', i18n: 'agency.view.overdue' }),
    STATUSES.map((s) => h('option', { value: s, i18n: `status.${s}` })));
  view.value = sessionStorage.getItem('pakn.agency.view') || OPEN_VIEW;
  const refresh = h('button', { type: 'button', class: 'secondary', id: 'inbox-refresh', i18n: 'common.refresh' });
  const controls = h('form', { class: 'filters inline', novalidate: true }, field({ label: 'agency.view', control: view, name: 'view' }), refresh);
  const body = h('tbody', {});
  const table = h('table', { class: 'inbox', id: 'inbox' },
    h('caption', { class: 'visually-hidden', i18n: 'agency.inbox' }),
    h('thead', {}, h('tr', {}, ['agency.code', 'agency.status', 'agency.category', 'agency.area', 'agency.acknowledgeBy', 'agency.dueAt']
      .map((k) => h('th', { scope: 'col', i18n: k })))),
    body);
  const empty = h('p', { class: 'hint', hidden: true, i18n: 'agency.empty' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, i18n: 'common.loadMore' });
  let cursor = null;

  // On a narrow screen each row becomes a card, each cell saying what it is (data-label).
  const cell = (label, ...content) => h('td', { i18nAttr: { 'data-label': label } }, ...content);
  const row = (item) => h('tr', { class: item.overdue ? 'overdue' : null, 'data-id': item.id, 'data-code': item.trackingCode },
    h('th', { scope: 'row' }, h('a', { href: `#/agency/complaints/${encodeURIComponent(item.id)}` }, item.trackingCode),
      item.overdue ? [' ', h('span', { class: 'badge overdue', i18n: 'agency.overdue' })] : null),
    cell('agency.status', h('span', { class: `badge status-${item.status.toLowerCase()}`, i18n: `status.${item.status}` })),
    cell('agency.category', loc(categoryName(item.category))),
    cell('agency.area', areaName(item.area)),
    cell('agency.acknowledgeBy', when(item.acknowledgeBy)),
    cell('agency.dueAt', when(item.dueAt)));

  const load = async (fresh) => {
    if (fresh) cursor = null;
    const selected = view.value;
    const params = { limit: PAGE, cursor };
    if (selected === 'overdue') params.overdue = 'true';
    else if (selected) params.status = selected;
    clearErrors(controls);
    try {
      const page = await call(`/v1/agency/complaints${query(params)}`);
      if (fresh) body.replaceChildren();
      body.append(...page.items.map(row));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      empty.hidden = body.children.length > 0;
      table.hidden = body.children.length === 0;
      announce(fresh ? 'agency.inboxLoaded' : 'common.loadedMore', { n: page.items.length });
    } catch (e) {
      showApiError(controls, e);
    }
  };
  view.addEventListener('change', () => {
    sessionStorage.setItem('pakn.agency.view', view.value);
    load(true);
  });
  refresh.addEventListener('click', () => load(true));
  more.addEventListener('click', () => load(false));
  controls.addEventListener('submit', (event) => {
    event.preventDefault();
    load(true);
  });
  await load(true);
  replace(container, h('h1', { i18n: 'agency.inbox' }), header, controls, h('div', { class: 'table-wrap' }, table), empty, more);
}

// ------------------------------------------------------------------ one complaint

async function detailView(container, header, id, agencies) {
  let complaint;
  try {
    complaint = await call(`/v1/agency/complaints/${encodeURIComponent(id)}`);
  } catch (e) {
    replace(container, h('h1', { i18n: 'agency.title' }), header,
      h('p', { class: 'alert', role: 'alert' }, loc(e.text)),
      h('p', {}, h('a', { href: '#/agency', i18n: 'agency.back' })));
    return;
  }
  const reference = await referenceData().catch(() => ({ categories: [], areas: [] }));
  const actions = h('section', { class: 'actions', 'aria-labelledby': 'actions-heading', id: 'actions' });
  const render = (c) => {
    complaint = c;
    const handling = c.handling;
    const reporter = c.reporter || {};
    const hasContact = reporter.name || reporter.phone || reporter.email;
    replace(container,
      h('p', { class: 'back' }, h('a', { href: '#/agency', i18n: 'agency.back' })),
      h('h1', { vars: { code: c.trackingCode }, i18n: 'agency.detailTitle' }),
      header,
      h('dl', { class: 'facts' },
        fact('track.status', [h('span', { class: `badge status-${c.status.toLowerCase()}`, id: 'detail-status', 'data-status': c.status, i18n: `status.${c.status}` }),
          handling.overdue ? [' ', h('span', { class: 'badge overdue', i18n: 'agency.overdue' })] : null]),
        fact('track.category', loc(c.category.name)),
        fact('track.area', c.area ? c.area.name : tx('common.none')),
        fact('track.receivedAt', when(c.receivedAt)),
        fact('agency.acknowledgeBy', when(handling.acknowledgeBy)),
        fact('agency.dueAt', when(handling.dueAt)),
        fact('agency.channel', c.channel),
        c.location ? fact('agency.location', [`${c.location.lat}, ${c.location.lon} `,
          h('a', { href: `https://www.openstreetmap.org/?mlat=${c.location.lat}&mlon=${c.location.lon}#map=18/${c.location.lat}/${c.location.lon}`, target: '_blank', rel: 'noopener noreferrer', i18n: 'agency.map' })]) : null,
        fact('agency.reporter', hasContact ? [reporter.name || '', reporter.phone ? [' · ', h('a', { href: `tel:${reporter.phone}` }, reporter.phone)] : null,
          reporter.email ? [' · ', h('a', { href: `mailto:${reporter.email}` }, reporter.email)] : null] : tx('agency.anonymous')),
        handling.rating ? fact('agency.rating', `${handling.rating}/5`) : null),
      c.hideIdentityFromPublic ? h('p', { class: 'hint', i18n: 'agency.reporterHidden' }) : null,
      h('p', { class: 'hint', vars: { transfers: handling.transfers, reopens: handling.reopens, escalations: handling.escalations }, i18n: 'agency.counters' }),
      h('section', {}, h('h2', { i18n: 'track.description' }), h('p', { class: 'description' }, c.description)),
      handling.response ? h('section', {}, h('h2', { i18n: 'track.response' }), h('p', {}, handling.response)) : null,
      c.photos.length ? h('section', {}, h('h2', { i18n: 'track.photos' }), h('ul', { class: 'photo-grid' }, c.photos.map((p, i) => h('li', {},
        p.url ? h('a', { href: p.url, target: '_blank', rel: 'noopener noreferrer' },
          h('img', { src: p.url, alt: '', class: 'thumb', i18nAttr: { alt: 'track.photos' } }), h('span', { class: 'visually-hidden', vars: { n: i + 1 }, i18n: 'agency.photoOpen' })) : null,
        h('p', { class: 'meta' }, `${i + 1}. `, tx(`photo.${p.status}`), p.public ? [' · ', tx('agency.photoPublic')] : null))))) : null,
      actions,
      history(c));
    renderActions();
  };

  const renderActions = (alert) => {
    // Publishing photos is allowed in every status, but means nothing without photos.
    const allowed = (complaint.allowedActions || []).filter((a) => a !== 'publish-photos' || complaint.photos.length);
    replace(actions,
      h('h2', { id: 'actions-heading', i18n: 'agency.actions' }),
      alert ? h('div', { class: 'form-alert', role: 'alert' }, h('p', {}, loc(alert))) : null,
      allowed.length ? allowed.map((action) => actionForm(action)) : h('p', { class: 'hint', i18n: 'agency.noActions' }));
  };

  const reload = async (alert) => {
    try {
      render(await call(`/v1/agency/complaints/${encodeURIComponent(id)}`));
      if (alert) renderActions(alert);
    } catch (e) {
      renderActions(e.text);
    }
  };

  const actionForm = (action) => {
    const { controls, body } = actionFields(action, complaint, reference, agencies);
    const submit = h('button', { type: 'submit', class: action === 'reject' ? 'danger' : 'primary', i18n: `action.${action}` });
    const form = h('form', { class: `action action-${action}`, novalidate: true, 'data-action': action }, controls, h('div', { class: 'buttons' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      formStatus(form, 'common.loading');
      try {
        await call(`/v1/agency/complaints/${encodeURIComponent(id)}/actions/${action}`, {
          method: 'POST', body: { ...body(), expectedVersion: complaint.version },
        });
        await reload();
        announce('agency.done', { action: t(`action.${action}`) });
        const status = h('p', { class: 'success', role: 'status', tabindex: '-1', id: 'action-done', vars: { action: t(`action.${action}`) }, i18n: 'agency.done' });
        actions.querySelector('h2').after(status);
        status.focus();
      } catch (e) {
        formStatus(form, null);
        if (e.status === 409) {
          // The status or the version moved on: show what is possible now, with the reason.
          await reload(e.text);
          actions.querySelector('.form-alert')?.setAttribute('tabindex', '-1');
          actions.querySelector('.form-alert')?.focus();
        } else {
          showApiError(form, e);
        }
      }
    });
    return h('details', { class: 'action-panel', id: `action-${action}` }, h('summary', { i18n: `action.${action}` }), form);
  };

  render(complaint);
}

function fact(label, value) {
  return h('div', { class: 'fact' }, h('dt', { i18n: label }), h('dd', {}, value));
}

function history(c) {
  return h('section', { 'aria-labelledby': 'detail-history' },
    h('h2', { id: 'detail-history', i18n: 'track.history' }),
    h('ol', { class: 'timeline' }, c.history.map((e) => h('li', { 'data-type': e.type },
      h('p', { class: 'event' }, tx(`event.${e.type}`)),
      h('p', { class: 'meta' }, when(e.at), ' · ', tx(`track.by.${e.actor.kind}`), e.actor.id ? ` (${e.actor.id})` : '',
        e.agencyId ? ` · ${e.agencyId}` : ''),
      e.note ? h('p', { class: 'note' }, e.note) : null,
      e.privateNote ? h('p', { class: 'note private' }, h('strong', { i18n: 'agency.privateNote' }), ': ', e.privateNote) : null))));
}

/** The fields each action takes, and how they become its request body (docs/agency-api.md). */
function actionFields(action, complaint, reference, agencies) {
  const text = (name, label, { hint, optional, rows = 3 } = {}) => {
    const control = h('textarea', { name, rows, maxlength: 4000 });
    return { control, node: field({ label, hint, control, name, optional }) };
  };
  const publicHint = 'agency.publicNote';
  switch (action) {
    case 'acknowledge':
    case 'start': {
      const note = text('note', 'agency.note', { hint: publicHint, optional: true, rows: 2 });
      return { controls: [note.node], body: () => (note.control.value.trim() ? { note: note.control.value.trim() } : {}) };
    }
    case 'request-info': {
      const question = text('question', 'agency.question', { hint: publicHint });
      return { controls: [question.node], body: () => ({ question: question.control.value.trim() }) };
    }
    case 'resolve': {
      const response = text('response', 'agency.response', { hint: publicHint, rows: 4 });
      return { controls: [response.node], body: () => ({ response: response.control.value.trim() }) };
    }
    case 'reject': {
      const reason = h('select', { name: 'reason' }, h('option', { value: '', i18n: 'common.choose' }),
        ['duplicate-of', 'invalid', 'not-actionable'].map((r) => h('option', { value: r, i18n: `agency.reject.${r}` })));
      const duplicate = h('input', { type: 'text', name: 'duplicateOf', autocomplete: 'off', autocapitalize: 'characters' });
      const duplicateField = field({ label: 'agency.duplicateOf', control: duplicate, name: 'duplicateOf' });
      duplicateField.hidden = true;
      reason.addEventListener('change', () => {
        duplicateField.hidden = reason.value !== 'duplicate-of';
      });
      const note = text('note', 'agency.note', { hint: publicHint, optional: true, rows: 2 });
      return {
        controls: [field({ label: 'agency.rejectReason', control: reason, name: 'reason' }), duplicateField, note.node],
        body: () => {
          const body = {};
          if (reason.value) body.reason = reason.value;
          if (reason.value === 'duplicate-of') body.duplicateOf = duplicate.value.trim();
          if (note.control.value.trim()) body.note = note.control.value.trim();
          return body;
        },
      };
    }
    case 'transfer': {
      const others = agencies.filter((a) => a.id !== complaint.handling.agencyId);
      const to = others.length
        ? h('select', { name: 'toAgencyId' }, h('option', { value: '', i18n: 'common.choose' }),
          others.map((a) => h('option', { value: a.id }, `${a.name.vi} (${a.id})`)))
        : h('input', { type: 'text', name: 'toAgencyId', autocomplete: 'off' });
      const reason = text('reason', 'agency.reason', { hint: publicHint, rows: 2 });
      return {
        controls: [field({ label: 'agency.toAgency', control: to, name: 'toAgencyId' }), reason.node],
        body: () => ({ toAgencyId: to.value || null, reason: reason.control.value.trim() }),
      };
    }
    case 'escalate': {
      const reason = text('reason', 'agency.reason', { hint: publicHint, optional: true, rows: 2 });
      return { controls: [reason.node], body: () => (reason.control.value.trim() ? { reason: reason.control.value.trim() } : {}) };
    }
    case 'publish-photos': {
      const boxes = complaint.photos.map((p, i) => {
        const box = h('input', { type: 'checkbox', name: 'uploadIds', value: p.uploadId, id: uid('photo') });
        return h('div', { class: 'field checkbox' }, box, h('label', { for: box.id }, `${i + 1}. `, tx(`photo.${p.status}`),
          p.public ? [' · ', tx('agency.photoPublic')] : null));
      });
      const group = h('fieldset', { class: 'group', id: uid('upload-ids') }, h('legend', { i18n: 'agency.photosToChange' }), boxes);
      group.dataset.field = 'uploadIds';
      const publish = h('input', { type: 'radio', name: 'publishable', value: 'true', checked: true, id: uid('publish') });
      const withdraw = h('input', { type: 'radio', name: 'publishable', value: 'false', id: uid('withdraw') });
      const choice = h('fieldset', { class: 'group', id: uid('publishable') }, h('legend', { i18n: 'agency.publishable' }),
        h('div', { class: 'field radio' }, publish, h('label', { for: publish.id, i18n: 'agency.publish' })),
        h('div', { class: 'field radio' }, withdraw, h('label', { for: withdraw.id, i18n: 'agency.withdraw' })));
      choice.dataset.field = 'publishable';
      return {
        controls: [group, choice],
        body: () => ({
          uploadIds: [...group.querySelectorAll('input:checked')].map((b) => b.value),
          publishable: publish.checked,
        }),
      };
    }
    default:
      return { controls: [], body: () => ({}) };
  }
}

