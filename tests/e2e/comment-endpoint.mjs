// A stand-in comment endpoint for the end-to-end tests: it records every
// request and answers as told: 200 (like Staticman), 200 after 0.4 s,
// 500, or never; as Staticman answers a missing required field (HTTP 500,
// shaped as its controllers/process.js sends it); or, once, as our
// receiver's flood control does (429, Retry-After: 3), then 200.
// Control: POST /__mode/ok|slow|fail|hang|staticman-missing|flood-once,
// GET /__requests, POST /__reset.
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
let mode = 'ok';
let requests = [];
const hanging = [];

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const json = (status, value) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.url.startsWith('/__mode/')) {
      mode = req.url.slice('/__mode/'.length);
      return json(200, { mode });
    }
    if (req.url === '/__requests') return json(200, requests);
    if (req.url === '/__reset') {
      mode = 'ok';
      requests = [];
      hanging.splice(0).forEach((r) => r.destroy());
      return json(200, { reset: true });
    }
    requests.push({ method: req.method, contentType: req.headers['content-type'], body, mode });
    // A plain form post names where to send the reader back; Staticman
    // redirects there (302) instead of answering JSON.
    const options = new URLSearchParams(body);
    const back = (to) => { res.writeHead(302, { location: to }); res.end(); };
    if (mode === 'ok' && options.get('options[redirect]')) return back(options.get('options[redirect]'));
    if (mode === 'fail' && options.get('options[redirectError]')) return back(options.get('options[redirectError]'));
    if (mode === 'hang') return hanging.push(res);
    if (mode === 'fail') return json(500, { success: false, errorCode: 'TEST_FAILURE' });
    if (mode === 'slow') return setTimeout(() => json(200, { success: true }), 400);
    if (mode === 'staticman-missing') {
      return json(500, {
        success: false,
        data: ['email'],
        rawError: { _smErrorCode: 'MISSING_REQUIRED_FIELDS', data: ['email'] },
        errorCode: 'MISSING_REQUIRED_FIELDS',
      });
    }
    if (mode === 'flood-once') {
      mode = 'ok';
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
      return res.end(JSON.stringify({ success: false, errorCode: 'FLOOD', message: 'You are posting comments too quickly. Slow down.' }));
    }
    return json(200, { success: true });
  });
});
server.listen(port, '127.0.0.1');
