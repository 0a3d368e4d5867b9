// The page shell: routes (#/report, #/track/<code>, #/dashboard, #/agency/...), the language
// switch and focus management. Hash routes need no server rewrite rules: the same index.html
// serves every view from the local runtime, S3 and CloudFront alike.
import { lang, setLang, t } from './i18n.js';
import { translate, replace, h } from './dom.js';
import { reportView } from './report.js';
import { trackView } from './track.js';
import { dashboardView } from './dashboard.js';
import { agencyView } from './agency.js';

const ROUTES = [
  { pattern: /^\/report$/, view: reportView, nav: 'report' },
  { pattern: /^\/track(?:\/([^/]+))?$/, view: trackView, nav: 'track' },
  { pattern: /^\/dashboard$/, view: dashboardView, nav: 'dashboard' },
  { pattern: /^\/agency(?:\/complaints\/([^/]+))?$/, view: agencyView, nav: 'agency' },
];

const main = document.getElementById('main');
let firstRender = true;
let rendering = 0;

async function render() {
  const hash = window.location.hash || '#/report';
  // In-page anchors (the skip link) are not routes.
  if (!hash.startsWith('#/')) return;
  const path = decodeURIComponent(hash.slice(1));
  const route = ROUTES.find((r) => r.pattern.test(path)) || ROUTES[0];
  const argument = (path.match(route.pattern) || [])[1];
  for (const link of document.querySelectorAll('.site-nav a')) {
    if (link.dataset.nav === route.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const ticket = ++rendering;
  main.setAttribute('aria-busy', 'true');
  const view = h('div', { class: 'view' });
  try {
    await route.view(view, argument);
  } finally {
    if (ticket === rendering) main.removeAttribute('aria-busy');
  }
  if (ticket !== rendering) return; // a newer navigation won
  replace(main, view);
  const heading = main.querySelector('h1');
  document.title = `${heading ? heading.textContent : ''} · ${t('app.name')}`;
  // After a navigation, start reading at the new view's heading; not on the first load.
  if (!firstRender && heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
  firstRender = false;
  document.dispatchEvent(new CustomEvent('pakn:rendered', { detail: route.nav }));
}

function setupLanguageSwitch() {
  const button = document.getElementById('lang-switch');
  const show = () => {
    document.documentElement.lang = lang();
    // The button is written in the language it switches to.
    button.setAttribute('lang', lang() === 'vi' ? 'en' : 'vi');
    // A message already read out is not read again in the other language.
    document.getElementById('announcer').replaceChildren();
    translate(document.body);
    const heading = main.querySelector('h1');
    document.title = `${heading ? `${heading.textContent} · ` : ''}${t('app.name')}`;
  };
  button.addEventListener('click', () => setLang(lang() === 'vi' ? 'en' : 'vi'));
  document.addEventListener('pakn:lang', show);
  show();
}

document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
setupLanguageSwitch();
window.addEventListener('hashchange', render);
render();
