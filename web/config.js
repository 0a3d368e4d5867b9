// Where the web client finds the API. infra/deploy-web writes this file in AWS (the API's URL) and
// the local runtime serves its own (same origin, with the local sign-in); this copy is for serving
// web/ beside an API on the same origin.
window.PAKN_CONFIG = {"apiBase": ""};
