/**
 * The baseline of the sync benchmark: a bare Express app answering `{"hello":"world"}` to any
 * method on any path (no middleware), in its own process like the real server. Prints
 * "hello prêt sur http://127.0.0.1:PORT" once listening; stops on SIGTERM.
 *
 *   npx tsx bench/syncHello.ts
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use((_req, res) => {
  res.json({ hello: 'world' });
});

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`hello prêt sur http://127.0.0.1:${port}`);
});
server.keepAliveTimeout = 65_000;
// The bench stops this child with SIGTERM once the baseline is measured.
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
  process.exit(0);
});
