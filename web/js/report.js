// Report a problem: category and area pickers, the browser's position, photos taken or chosen
// (uploaded at once, with progress), contact details, then the receipt with the tracking code.
import { api, uploadPhoto, referenceData, areaTree, photoType, PHOTO_TYPES, MAX_PHOTO_BYTES } from './api.js';
import { h, tx, loc, field, replace, announce, uid, translate } from './dom.js';
import { showErrors, showApiError, clearErrors, formStatus, message } from './forms.js';
import { keepSecret } from './secrets.js';
import { t } from './i18n.js';

const MAX_PHOTOS = 5;
const MAX_DESCRIPTION = 4000;

function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Squared distance in degrees, longitude scaled by latitude: enough to pick the nearest centroid. */
function nearestArea(areas, lat, lon) {
  let best = null;
  let bestDistance = Infinity;
  const scale = Math.cos((lat * Math.PI) / 180);
  for (const area of areas) {
    if (!area.centroid) continue;
    const dLat = area.centroid.lat - lat;
    const dLon = (area.centroid.lon - lon) * scale;
    const distance = dLat * dLat + dLon * dLon;
    if (distance < bestDistance) {
      best = area;
      bestDistance = distance;
    }
  }
  return best;
}

export async function reportView(container) {
  let reference;
  try {
    reference = await referenceData();
  } catch (e) {
    replace(container, h('h1', { i18n: 'report.title' }), h('p', { class: 'alert', role: 'alert' }, loc(e.text)));
    return;
  }
  const state = { location: null, photos: [], idempotencyKey: newKey(), submitting: false };
  const categories = new Map(reference.categories.map((c) => [c.code, c]));

  // ---- category
  const category = h('select', { name: 'category', id: 'report-category', autocomplete: 'off' },
    h('option', { value: '', i18n: 'common.choose' }),
    reference.categories.map((c) => {
      const option = loc(c.name, 'option');
      option.value = c.code;
      return option;
    }));
  const photoRule = h('p', { class: 'hint', id: uid('photo-rule'), hidden: true, i18n: 'report.photoRequiredHint' });
  category.addEventListener('change', () => {
    const required = Boolean(categories.get(category.value)?.photoRequired);
    photoRule.hidden = !required;
    // Read with the photo group only when it applies.
    if (required) photoGroup.setAttribute('aria-describedby', photoRule.id);
    else photoGroup.removeAttribute('aria-describedby');
  });

  // ---- description
  const description = h('textarea', { name: 'description', id: 'report-description', rows: 5, maxlength: MAX_DESCRIPTION });
  const counter = h('p', { class: 'hint counter', vars: { n: 0, max: MAX_DESCRIPTION }, i18n: 'common.chars' });
  description.addEventListener('input', () => {
    counter.dataset.i18nVars = JSON.stringify({ n: [...description.value].length, max: MAX_DESCRIPTION });
    translate(counter);
  });

  // ---- location: area picker and the browser's position
  const areas = areaTree(reference.areas);
  const area = h('select', { name: 'areaCode', id: 'report-area' },
    h('option', { value: '', i18n: 'common.choose' }),
    areas.map((a) => h('option', { value: a.code }, `${'\u00a0\u00a0'.repeat(a.depth)}${a.name}`)));
  const position = h('p', { class: 'position', role: 'status' });
  const clear = h('button', { type: 'button', class: 'secondary', id: 'clear-location', hidden: true, i18n: 'report.clearLocation' });
  const locate = h('button', { type: 'button', class: 'secondary', id: 'locate', i18n: 'report.locate' });
  const locationGroup = h('fieldset', { class: 'group', id: uid('location') },
    h('legend', { i18n: 'report.location' }),
    field({ label: 'report.area', hint: 'report.areaHint', control: area, name: 'areaCode' }),
    h('div', { class: 'buttons' }, locate, clear), position);
  locationGroup.dataset.field = 'location';

  const showPosition = () => {
    if (!state.location) {
      position.replaceChildren();
      clear.hidden = true;
      return;
    }
    const { lat, lon, accuracy } = state.location;
    position.replaceChildren(tx('report.located', { lat: lat.toFixed(5), lon: lon.toFixed(5), accuracy: Math.round(accuracy) }));
    clear.hidden = false;
  };
  locate.addEventListener('click', () => {
    if (!navigator.geolocation || !window.isSecureContext) {
      showErrors(form, [{ field: 'location', text: message('report.geoUnsupported') }]);
      return;
    }
    position.replaceChildren(tx('report.locating'));
    navigator.geolocation.getCurrentPosition((found) => {
      const { latitude: lat, longitude: lon, accuracy } = found.coords;
      state.location = { lat, lon, accuracy };
      showPosition();
      if (!area.value) {
        const nearest = nearestArea(reference.areas.filter((a) => a.level !== 'province'), lat, lon);
        if (nearest) {
          area.value = nearest.code;
          position.append(' ', tx('report.locatedArea'));
        }
      }
    }, (failure) => {
      position.replaceChildren();
      showErrors(form, [{ field: 'location', text: message(failure.code === 1 ? 'report.geoDenied' : 'report.geoUnavailable') }]);
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
  clear.addEventListener('click', () => {
    state.location = null;
    showPosition();
    announce('report.locationCleared');
    locate.focus();
  });

  // ---- photos: uploaded as soon as they are chosen
  const take = h('input', { type: 'file', accept: 'image/*', capture: 'environment', class: 'file', id: 'take-photo' });
  const choose = h('input', { type: 'file', accept: 'image/*', multiple: true, class: 'file', id: 'choose-photo' });
  const photoList = h('ul', { class: 'photos', id: 'photo-list' });
  const photoGroup = h('fieldset', { class: 'group', id: uid('photos') },
    h('legend', { i18n: 'report.photos' }),
    h('p', { class: 'hint', i18n: 'report.photosHint' }), photoRule,
    field({ label: 'report.takePhoto', control: take }),
    field({ label: 'report.choosePhoto', control: choose }),
    photoList);
  photoGroup.dataset.field = 'photos';

  const addPhotos = (files) => {
    const errors = [];
    for (const file of files) {
      if (state.photos.length >= MAX_PHOTOS) {
        errors.push({ field: 'photos', text: message('report.photoCount') });
        break;
      }
      if (!PHOTO_TYPES.includes(photoType(file))) {
        errors.push({ field: 'photos', text: message('report.photoType') });
        continue;
      }
      if (file.size > MAX_PHOTO_BYTES) {
        errors.push({ field: 'photos', text: message('report.photoSize') });
        continue;
      }
      const photo = { file, uploadId: null, failed: false, promise: null };
      const progress = h('progress', { max: 100, value: 0 });
      const label = h('span', { class: 'photo-status', vars: { name: file.name }, i18n: 'report.uploading' });
      const labelId = uid('photo');
      label.id = labelId;
      progress.setAttribute('aria-labelledby', labelId);
      const remove = h('button', { type: 'button', class: 'link', vars: { name: file.name }, i18n: 'report.removePhoto' });
      const item = h('li', { 'data-state': 'uploading' }, label, progress, remove);
      const preview = h('img', { alt: '', class: 'thumb' });
      preview.src = URL.createObjectURL(file);
      item.prepend(preview);
      photoList.append(item);
      remove.addEventListener('click', () => {
        state.photos = state.photos.filter((p) => p !== photo);
        URL.revokeObjectURL(preview.src);
        item.remove();
        announce('report.photoRemoved');
        choose.focus();
      });
      photo.promise = uploadPhoto(file, (fraction) => {
        progress.value = Math.round(fraction * 100);
      }).then((id) => {
        photo.uploadId = id;
        item.dataset.state = 'uploaded';
        label.dataset.i18n = 'report.uploaded';
        translate(label);
        announce('report.uploaded', { name: file.name });
      }).catch((e) => {
        photo.failed = true;
        item.dataset.state = 'failed';
        label.dataset.i18n = 'report.uploadFailed';
        translate(label);
        item.classList.add('failed');
        showErrors(form, [{ field: 'photos', text: e.text }]);
      });
      state.photos.push(photo);
    }
    if (errors.length) showErrors(form, errors.slice(0, 1));
  };
  for (const input of [take, choose]) {
    input.addEventListener('change', () => {
      clearErrors(form);
      addPhotos([...input.files]);
      input.value = '';
    });
  }

  // ---- contact details
  const name = h('input', { type: 'text', name: 'name', id: 'report-name', autocomplete: 'name', maxlength: 200 });
  const phone = h('input', { type: 'tel', name: 'phone', id: 'report-phone', autocomplete: 'tel', inputmode: 'tel' });
  const email = h('input', { type: 'email', name: 'email', id: 'report-email', autocomplete: 'email' });
  const hide = h('input', { type: 'checkbox', name: 'hideIdentity', checked: true, id: uid('hide') });
  hide.dataset.field = 'hideIdentity';
  const reporterGroup = h('fieldset', { class: 'group' },
    h('legend', { i18n: 'report.reporter' }),
    h('p', { class: 'hint', i18n: 'report.reporterHint' }),
    field({ label: 'report.name', control: name, name: 'reporter.name', optional: true }),
    field({ label: 'report.phone', control: phone, name: 'reporter.phone', optional: true }),
    field({ label: 'report.email', control: email, name: 'reporter.email', optional: true }),
    h('div', { class: 'field checkbox' }, hide, h('label', { for: hide.id, i18n: 'report.hideIdentity' })));

  const submit = h('button', { type: 'submit', class: 'primary', id: 'submit-report', i18n: 'report.submit' });
  const form = h('form', { class: 'report', novalidate: true },
    field({ label: 'report.category', hint: 'report.categoryHint', control: category, name: 'category' }),
    field({ label: 'report.description', hint: 'report.descriptionHint', control: description, name: 'description' }),
    counter, locationGroup, photoGroup, reporterGroup, h('div', { class: 'buttons' }, submit));

  // What the browser can tell before sending; the API checks everything again.
  const validate = () => {
    const errors = [];
    if (!category.value) errors.push({ field: 'category', text: message('error.required') });
    const text = description.value.trim();
    if (!text) errors.push({ field: 'description', text: message('error.required') });
    else if ([...text].length > MAX_DESCRIPTION) errors.push({ field: 'description', text: message('error.tooLong', { max: MAX_DESCRIPTION }) });
    if (!area.value && !state.location) {
      errors.push({ field: 'areaCode', text: message('report.locationRequired') });
    }
    if (state.photos.some((p) => !p.uploadId && !p.failed)) errors.push({ field: 'photos', text: message('report.photoPending') });
    else if (categories.get(category.value)?.photoRequired && !state.photos.some((p) => p.uploadId)) {
      errors.push({ field: 'photos', text: message('report.photoRequiredHint') });
    }
    return errors;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (state.submitting) return;
    if (showErrors(form, validate())) return;
    const body = {
      category: category.value,
      description: description.value.trim(),
      photos: state.photos.filter((p) => p.uploadId).map((p) => p.uploadId),
      hideIdentity: hide.checked,
      channel: 'web',
    };
    if (area.value) body.areaCode = area.value;
    if (state.location) body.location = { lat: state.location.lat, lon: state.location.lon };
    const reporter = {};
    if (name.value.trim()) reporter.name = name.value.trim();
    if (phone.value.trim()) reporter.phone = phone.value.trim();
    if (email.value.trim()) reporter.email = email.value.trim();
    if (Object.keys(reporter).length) body.reporter = reporter;

    state.submitting = true;
    submit.setAttribute('aria-disabled', 'true');
    formStatus(form, 'report.submitting');
    try {
      // Same key on a retry of the same report: the API answers the first receipt again.
      const receipt = await api('/v1/complaints', { method: 'POST', body, headers: { 'Idempotency-Key': state.idempotencyKey } });
      const kept = keepSecret(receipt.trackingCode, receipt.citizenSecret, receipt.receivedAt);
      showReceipt(container, receipt, kept);
    } catch (e) {
      formStatus(form, null);
      if (e.code === 'idempotency_key_reused') state.idempotencyKey = newKey();
      showApiError(form, e);
    } finally {
      state.submitting = false;
      submit.removeAttribute('aria-disabled');
    }
  });

  replace(container,
    h('h1', { i18n: 'report.title' }),
    h('p', { class: 'lead', i18n: 'report.intro' }),
    form);
}

function showReceipt(container, receipt, kept) {
  const heading = h('h1', { i18n: 'report.done', tabindex: '-1' });
  const copy = h('button', { type: 'button', class: 'secondary', i18n: 'common.copy' });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(receipt.trackingCode);
      announce('common.copied');
    } catch (e) {
      // No clipboard (older browsers, insecure pages): the code stays on screen to copy by hand.
    }
  });
  const panel = h('section', { class: 'receipt', 'aria-labelledby': 'receipt-code-label' },
    h('p', { id: 'receipt-code-label', class: 'label', i18n: 'report.trackingCode' }),
    h('p', { class: 'code', id: 'tracking-code' }, receipt.trackingCode),
    copy,
    h('p', { i18n: 'report.keepCode' }),
    h('p', { i18n: kept ? 'report.secretKept' : 'report.secretNotKept' }),
    h('details', { class: 'secret' },
      h('summary', { i18n: 'report.showSecret' }),
      h('p', { class: 'code small', id: 'citizen-secret' }, receipt.citizenSecret),
      h('p', { class: 'hint', i18n: 'report.secretWarning' })),
    h('p', { class: 'buttons' },
      h('a', { class: 'button primary', href: `#/track/${encodeURIComponent(receipt.trackingCode)}`, id: 'track-link', i18n: 'report.track' }),
      h('a', { class: 'button secondary', href: '#/report', id: 'report-another', i18n: 'report.another' })));
  replace(container, heading, panel);
  document.title = `${t('report.done')} · ${t('app.name')}`;
  heading.focus();
  announce('report.done');
  // "Report another" reaches the same route: render the form again.
  panel.querySelector('#report-another').addEventListener('click', (event) => {
    event.preventDefault();
    reportView(container).then(() => container.querySelector('h1')?.focus());
  });
}
