// The bare baseline for the delivery benchmarks: POST each body of a file (one JSON-encoded string
// per line, as _receiver.mjs captures them) one after another on one undici keep-alive Agent,
// content-type application/json, reading each answer in full. Usage: node _bare-post.mjs BODIES URL
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

const [bodiesPath, url] = process.argv.slice(2);
const bodies = readFileSync(bodiesPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 1 });
let posted = 0;
for (const body of bodies) {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, dispatcher: agent });
  await response.body.text();
  if (response.statusCode !== 200) throw new Error(`receiver answered ${response.statusCode}`);
  posted++;
}
await agent.close();
process.stdout.write(JSON.stringify({ posted }) + '\n');
