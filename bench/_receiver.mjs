// The benchmarks' webhook receiver, in a process of its own so that neither side measured shares
// its event loop: node:http on 127.0.0.1, 200 "ok" to every request once its body has arrived.
// Driven over the IPC channel: { reset } zeroes the count (and { capture: path } also writes each
// body, JSON-encoded, one per line, to path); { count } answers { count }; it prints nothing.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';

let count = 0;
let captured = null;
let capturePath = null;

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    count++;
    if (captured) captured.push(JSON.stringify(Buffer.concat(chunks).toString('utf8')));
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
});
server.keepAliveTimeout = 30_000;

process.on('message', (message) => {
  if (message.reset) {
    if (captured && capturePath) writeFileSync(capturePath, captured.join('\n') + (captured.length ? '\n' : ''));
    count = 0;
    captured = message.capture ? [] : null;
    capturePath = message.capture ?? null;
    process.send({ count: 0 });
  } else if (message.count) {
    if (captured && capturePath) writeFileSync(capturePath, captured.join('\n') + (captured.length ? '\n' : ''));
    process.send({ count });
  } else if (message.close) {
    server.close();
    process.disconnect();
  }
});

server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
