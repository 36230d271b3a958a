// Starts the BUILT main bundle under Node with 'electron' resolved to electronStub.fixture.mjs,
// calls its IPC handler like the preload would, and prints what happened as JSON.
// Args: <bundle path>. Env: STUB_APP_PATH, STUB_USER_DATA.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const stubUrl = new URL('./electronStub.fixture.mjs', import.meta.url).href;
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(stubUrl)}, shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

await import(pathToFileURL(process.argv[2]).href);
const stub = globalThis.__electronStub;
for (let i = 0; i < 250 && stub.windows.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
const handler = stub.handlers.get('styliste:invoke');
const loaded = stub.calls.find((call) => call[0] === 'loadURL')?.[1];
const call = (url, request) => handler({ senderFrame: { url } }, request);
let csp = null;
stub.onHeadersReceived({ resourceType: 'mainFrame', url: loaded, responseHeaders: {} }, (answer) => (csp = answer));
const permissions = await new Promise((resolve) => stub.permissionHandler(null, 'geolocation', resolve, { requestingUrl: loaded }));

const result = {
  handlers: [...stub.handlers.keys()],
  loaded,
  webPreferences: stub.windows[0]?.options.webPreferences,
  menu: stub.calls.find((c) => c[0] === 'setApplicationMenu')?.[1].map((m) => m.label),
  sessionGet: await call(loaded, { channel: 'session.get' }),
  foreign: await call('https://evil.example/', { channel: 'session.get' }),
  notSignedIn: await call(loaded, { channel: 'engine.query', payload: { name: 'settings' } }),
  csp,
  geolocationAllowed: permissions,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
// The app's timers and database stay open in this child; the test only needs its report.
process.exit(0);
