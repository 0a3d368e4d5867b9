// The citizen secret of each report sent from this browser, by tracking code: the only key to
// answer the agency, rate or reopen later. Kept in localStorage (this device only, never sent
// anywhere but in the X-Citizen-Secret header of those three requests).
const PREFIX = 'pakn.citizen.';

const normalize = (code) => String(code || '').trim().toUpperCase();

export function keepSecret(trackingCode, secret, receivedAt) {
  try {
    localStorage.setItem(PREFIX + normalize(trackingCode), JSON.stringify({ secret, receivedAt }));
    return true;
  } catch (e) {
    return false; // storage full or disabled: the receipt shows the secret to write down
  }
}

export function secretFor(trackingCode) {
  try {
    const entry = JSON.parse(localStorage.getItem(PREFIX + normalize(trackingCode)) || 'null');
    return entry && entry.secret ? entry.secret : null;
  } catch (e) {
    return null;
  }
}

/** Reports sent from this browser, newest first: [{code, receivedAt}]. */
export function myReports() {
  const out = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && key.startsWith(PREFIX)) {
        const entry = JSON.parse(localStorage.getItem(key) || '{}');
        out.push({ code: key.slice(PREFIX.length), receivedAt: entry.receivedAt || '' });
      }
    }
  } catch (e) {
    return out;
  }
  return out.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}
