// Starts the app from an external, same-origin module instead of the inline
// <script> trunk would inject, so the server's strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval') needs no hash or nonce.
// Trunk writes the hashed file names into the preload links it puts in <head>
// (Trunk.toml sets `pattern_script = ""` to drop its inline loader).
// The release build (scripts/build-web.sh) marks the main module's links with
// data-app; `trunk serve` writes only the main module's.
const js = document.querySelector('link[rel="modulepreload"][data-app="js"]')
  ?? document.querySelector('link[rel="modulepreload"]');
const wasm = document.querySelector('link[rel="preload"][data-app="wasm"]')
  ?? document.querySelector('link[rel="preload"][as="fetch"][type="application/wasm"]');
// A browser without WebAssembly cannot run the portal at all: say so in
// place of a blank page (the help centre's browser check needs the app).
if (typeof WebAssembly !== 'object') {
  const p = document.createElement('p');
  p.className = 'noscript';
  p.textContent = "This browser is too old to run the member portal. Use a current version of Chrome, Edge, Firefox, Safari or Samsung Internet, or call Member Services at the number on your ID card.";
  document.body.append(p);
} else if (js && wasm) {
  const { default: init } = await import(js.href);
  // Compiled from its bytes (the preloaded fetch), on background threads:
  // a streamed compile runs on the main thread as the bytes arrive, which
  // a phone feels as blocking time before the first page is drawn.
  const response = await fetch(wasm.href);
  if (!response.ok) throw new Error(`${wasm.href}: HTTP ${response.status}`);
  const module = await WebAssembly.compile(await response.arrayBuffer());
  const instance = await init({ module_or_path: module });
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: instance } }));
}
