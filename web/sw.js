// hipcoach's service worker: keeps the app's own files on the phone, so a page opened again
// without the computer still starts. The API is never cached: the session's steps wait in the
// page (app.js) until the computer answers again.
const CACHE = 'hipcoach-v1';
const SHELL = ['/', '/app.js', '/app.css', '/icons.svg', '/icon.svg', '/manifest.webmanifest'];

self.addEventListener('install', (e) => {
	e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
	e.waitUntil(caches.keys()
		.then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
		.then(() => self.clients.claim()));
});

// The app's files and the drawings: the network first (a new version shows at once), the copy
// kept here when there is no network. Everything else goes to the network as it is.
self.addEventListener('fetch', (e) => {
	const url = new URL(e.request.url);
	if (e.request.method !== 'GET' || url.origin !== location.origin) return;
	const figure = url.pathname.startsWith('/api/figure/');
	if (url.pathname.startsWith('/api/') && !figure) return;
	e.respondWith(fetch(e.request).then((res) => {
		if (res.ok) {
			const copy = res.clone();
			caches.open(CACHE).then((c) => c.put(e.request, copy));
		}
		return res;
	}).catch(() => caches.match(e.request, { ignoreSearch: !figure }).then((hit) => hit || Response.error())));
});
