// The pakn HTTP API. Its errors are {"error": {"code", "field", "message": {"vi", "en"}}}; API
// Gateway's own answers are {"message": "..."} and get a message of ours in both languages.
import { DICTIONARY } from './i18n.js';

const config = window.PAKN_CONFIG || {};
/** The API's base URL: empty on the API's own origin (locally), the stack's ApiUrl in AWS. */
export const API_BASE = String(config.apiBase || '').replace(/\/+$/, '');
/** The local runtime's sign-in endpoint; absent in AWS. */
export const LOCAL_SIGN_IN = config.localSignIn || null;

const both = (key) => ({ vi: DICTIONARY.vi[key], en: DICTIONARY.en[key] });

export class ApiError extends Error {
  constructor(status, code, field, message) {
    super(`${status} ${code}${field ? ` (${field})` : ''}`);
    this.status = status;
    this.code = code;
    this.field = field || null;
    this.text = message;
  }
}

function gatewayError(status) {
  if (status === 401 || status === 403) return new ApiError(status, 'unauthorized', null, both('error.unauthorized'));
  if (status === 404) return new ApiError(status, 'not_found', null, both('error.notFound'));
  return new ApiError(status, 'server_error', null, both('error.server'));
}

/**
 * fetch with JSON in and out. Resolves to the parsed body; rejects with ApiError.
 * options: method, body (an object, sent as JSON), token (agency JWT), headers, cache
 */
export async function api(path, { method = 'GET', body, token, headers = {}, cache } = {}) {
  const sent = { ...headers };
  if (body !== undefined) sent['content-type'] = 'application/json';
  if (token) sent.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(API_BASE + path, {
      method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body), cache,
    });
  } catch (e) {
    throw new ApiError(0, 'network', null, both('error.network'));
  }
  let parsed = null;
  const text = await response.text();
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      parsed = null;
    }
  }
  if (!response.ok) {
    const error = parsed && parsed.error;
    if (error && error.message) throw new ApiError(response.status, error.code, error.field, error.message);
    throw gatewayError(response.status);
  }
  return parsed;
}

/** A query string from the defined, non-empty entries. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const TYPES = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic', heif: 'image/heif' };
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** The photo's type as the API names it; some phones leave File.type empty for HEIC. */
export function photoType(file) {
  if (file.type) return file.type.toLowerCase();
  const extension = (file.name.split('.').pop() || '').toLowerCase();
  return TYPES[extension] || '';
}

// Headers the browser sets itself and refuses to take from a script; the signature covers them anyway.
const BROWSER_HEADERS = new Set(['content-length', 'host']);

/**
 * Uploads a photo: an upload slot from the API, then a PUT of the bytes straight to storage with
 * the slot's signed headers, reporting progress (0..1). Resolves to the upload id.
 */
export async function uploadPhoto(file, onProgress) {
  const slot = await api('/v1/uploads', {
    method: 'POST', body: { contentType: photoType(file), contentLength: file.size },
  });
  await new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(slot.upload.method || 'PUT', slot.upload.url);
    for (const [name, value] of Object.entries(slot.upload.headers || {})) {
      if (!BROWSER_HEADERS.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve()
      : reject(new ApiError(xhr.status, 'upload_failed', 'photos', both('error.server'))));
    xhr.onerror = () => reject(new ApiError(0, 'network', 'photos', both('error.network')));
    xhr.send(file);
  });
  onProgress(1);
  return slot.uploadId;
}

/** Categories and areas change rarely: read once per page load. */
let reference;
export function referenceData() {
  if (!reference) {
    reference = Promise.all([api('/v1/categories'), api('/v1/areas')])
      .then(([c, a]) => ({ categories: c.categories, areas: a.areas }))
      .catch((e) => {
        reference = null;
        throw e;
      });
  }
  return reference;
}

/** Areas in tree order, each with its depth (the tree may have any depth). */
export function areaTree(areas) {
  const known = new Set(areas.map((a) => a.code));
  const children = new Map();
  for (const area of areas) {
    // An area whose parent is not listed (retired by a boundary change) is shown at the top.
    const parent = area.parent && known.has(area.parent) ? area.parent : '';
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(area);
  }
  const out = [];
  const walk = (parent, depth) => {
    for (const area of children.get(parent) || []) {
      out.push({ ...area, depth });
      walk(area.code, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

/** Agencies by id with their names: the public statistics list every agency (there is no other open list). */
let agencies;
export function agencyList() {
  if (!agencies) {
    agencies = api('/v1/public/stats?groupBy=agency')
      .then((stats) => stats.groups.map((g) => ({ id: g.key, name: g.name })))
      .catch((e) => {
        agencies = null;
        throw e;
      });
  }
  return agencies;
}
