// Node.js client of precis.v1 against a real precisd, with @grpc/grpc-js and
// @grpc/proto-loader (installed by run_test.sh). Checks spans with
// JavaScript's own string indexing (UTF-16 units), and with code points and
// bytes, on an article with non-BMP characters; the stream RPC; and that the
// XLIFF export parses with the npm `xliff` library and round-trips.
//
//   node precis_client_test.js --precisd BIN --precis BIN --proto-dir DIR --testdata DIR
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { xliff2js, js2xliff } = require('xliff');

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}
const args = parseArgs(process.argv.slice(2).filter((a) => a !== '--'));

const read = (name) => fs.readFileSync(path.join(args.testdata, 'articles', name), 'utf8');
const sample = read('us-russia-ukraine-talks.txt');
const emoji = read('yoshinoya-expansion-emoji.txt');

let server;
let client;
let address;

function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(args.precisd, ['--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = readline.createInterface({ input: server.stdout });
    const timer = setTimeout(() => reject(new Error('precisd did not start')), 60000);
    lines.on('line', (line) => {
      const m = /precisd listening on (127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on('exit', (code) => reject(new Error(`precisd exited with ${code}`)));
  });
}

before(async () => {
  address = await startServer();
  const definition = protoLoader.loadSync('precis/v1/precis.proto', {
    includeDirs: [args['proto-dir']],
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const precis = grpc.loadPackageDefinition(definition).precis.v1;
  client = new precis.SummarizerService(address, grpc.credentials.createInsecure());
});

after(() => {
  client.close();
  server.kill('SIGTERM');
});

const summarize = (request) =>
  new Promise((resolve, reject) =>
    client.Summarize(request, { deadline: Date.now() + 30000 }, (err, r) => (err ? reject(err) : resolve(r))));

// `span` selects `expected` in all three units.
function checkSpan(text, span, expected) {
  // JavaScript strings index UTF-16 code units.
  assert.equal(text.slice(span.utf16_begin, span.utf16_end), expected);
  assert.equal(Array.from(text).slice(span.char_begin, span.char_end).join(''), expected);
  assert.equal(Buffer.from(text, 'utf8').subarray(span.byte_begin, span.byte_end).toString('utf8'), expected);
}

// ICU MessageFormat for string arguments only.
function formatMessage(pattern, values) {
  let out = '';
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") { out += "'"; i++; continue; }
      if (quoted) { quoted = false; continue; }
      if (pattern[i + 1] === '{' || pattern[i + 1] === '}') { quoted = true; continue; }
      out += "'";
    } else if (c === '{' && !quoted) {
      const end = pattern.indexOf('}', i);
      out += values[Number(pattern.slice(i + 1, end))];
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

function checkResponse(text, r) {
  assert.ok(r.summary.length > 0);
  for (const s of r.summary) {
    checkSpan(text, s.span, s.text);
    const values = s.placeholders.map((p, i) => {
      assert.equal(p.index, i);
      checkSpan(text, p.span, p.text);
      if (p.fact_index >= 0) assert.equal(r.facts[p.fact_index].value, p.value);
      return p.text.split(/\s+/).filter(Boolean).join(' ');
    });
    assert.equal(formatMessage(s.template, values), s.normalized_text);
  }
  for (const f of r.facts) checkSpan(text, f.span, f.text);
  for (const k of r.key_phrases) checkSpan(text, k.span, k.text);
}

test('sample article: facts, renderings and spans', async () => {
  const r = await summarize({
    text: sample,
    reference_time: { seconds: 1640692800, nanos: 0 },
    target_locales: ['de', 'ja'],
    request_id: 'node-1',
  });
  assert.equal(r.request_id, 'node-1');
  assert.equal(r.language, 'en');
  checkResponse(sample, r);
  const talks = r.facts.find((f) => f.type === 'DATE' && f.value === '2022-01-10');
  assert.ok(talks, JSON.stringify(r.facts.map((f) => f.value)));
  assert.equal(talks.display.de, '10. Jan. 2022');
  assert.equal(talks.display.ja, '2022年1月10日');
});

test('non-BMP article: the three units differ and all slice right', async () => {
  const r = await summarize({ text: emoji, language: 'en', max_sentences: 4, target_locales: ['de'] });
  checkResponse(emoji, r);
  const last = r.summary[r.summary.length - 1].span;
  assert.ok(last.char_begin < last.utf16_begin && last.utf16_begin < last.byte_begin);
  const money = r.facts.filter((f) => f.type === 'MONEY' && f.unit === 'USD');
  assert.deepEqual(money.map((f) => f.value), ['300000000']);
  assert.equal(money[0].display.de, '300\u00a0Mio.\u00a0$');
});

test('unknown locale: INVALID_ARGUMENT naming target_locales[0]', async () => {
  await assert.rejects(summarize({ text: sample, target_locales: ['xq'] }), (err) => {
    assert.equal(err.code, grpc.status.INVALID_ARGUMENT);
    assert.match(err.details, /target_locales\[0\].*xq/);
    return true;
  });
});

test('SummarizeStream echoes ids and reports item errors in the item', async () => {
  const call = client.SummarizeStream({ deadline: Date.now() + 60000 });
  const texts = [emoji, '   ', sample, emoji];
  const got = new Map();
  const done = new Promise((resolve, reject) => {
    call.on('data', (r) => got.set(r.request_id, r));
    call.on('error', reject);
    call.on('end', resolve);
  });
  texts.forEach((text, i) => call.write({ text, request_id: `n${i}`, max_sentences: 2 }));
  call.end();
  await done;
  assert.deepEqual([...got.keys()].sort(), ['n0', 'n1', 'n2', 'n3']);
  assert.equal(got.get('n1').error.code, grpc.status.INVALID_ARGUMENT);
  for (const i of [0, 2, 3]) {
    assert.equal(got.get(`n${i}`).error, null);
    checkResponse(texts[i], got.get(`n${i}`));
  }
});

// The source units as the xliff library reads them: unit id -> source.
function units(js) {
  const files = Object.values(js.resources);
  assert.equal(files.length, 1);
  return files[0];
}

function placeholdersOf(source) {
  const parts = Array.isArray(source) ? source : [source];
  return parts.filter((p) => typeof p === 'object').map((p) => {
    const [kind, attrs] = Object.entries(p)[0];
    return { kind, id: attrs.id, equiv: attrs.equiv, contents: attrs.contents };
  });
}

test('XLIFF export parses with the xliff library and round-trips', async () => {
  const r = await summarize({
    text: emoji,
    language: 'en',
    max_sentences: 4,
    target_locales: ['de', 'ja'],
    export_formats: ['EXPORT_FORMAT_XLIFF', 'EXPORT_FORMAT_HTML'],
  });
  const xliffs = r.exports.filter((e) => e.format === 'EXPORT_FORMAT_XLIFF');
  assert.deepEqual(xliffs.map((e) => e.locale), ['de', 'ja']);
  for (const e of xliffs) {
    const js = await xliff2js(e.content);
    assert.equal(js.sourceLanguage, 'en');
    assert.equal(js.targetLanguage, e.locale);
    const u = units(js);
    assert.deepEqual(Object.keys(u), r.summary.map((s) => `s${s.id}`));
    for (const s of r.summary) {
      const found = placeholdersOf(u[`s${s.id}`].source);
      assert.equal(found.length, s.placeholders.length);
      s.placeholders.forEach((p, i) => {
        assert.equal(found[i].id, `p${p.index}`);
        const text = p.text.split(/\s+/).filter(Boolean).join(' ');
        if (p.translate) {
          assert.equal(found[i].kind, 'Span'); // <pc>: translatable content.
          assert.equal(found[i].contents, text);
        } else {
          assert.equal(found[i].kind, 'Standalone'); // <ph>
          assert.equal(found[i].equiv, text);
        }
      });
    }
    // xliff -> js -> xliff -> js: the same units and placeholders.
    const again = await xliff2js(await js2xliff(js));
    assert.equal(again.sourceLanguage, js.sourceLanguage);
    assert.equal(again.targetLanguage, js.targetLanguage);
    const u2 = units(again);
    assert.deepEqual(Object.keys(u2), Object.keys(u));
    for (const id of Object.keys(u)) assert.deepEqual(u2[id].source, u[id].source);
  }
  const html = r.exports.find((e) => e.format === 'EXPORT_FORMAT_HTML').content;
  assert.match(html, /<span translate="no" class="notranslate"[^>]*>\$300 million<\/span>/);
});

test('precis CLI --format xliff writes the same documents', () => {
  const run = spawnSync(args.precis, ['summarize', '--server', address, '--format', 'xliff',
    '--lang', 'en', '--sentences', '4', '--target-locale', 'de',
    path.join(args.testdata, 'articles', 'yoshinoya-expansion-emoji.txt')], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return xliff2js(run.stdout).then((js) => {
    assert.equal(js.targetLanguage, 'de');
    assert.equal(Object.keys(units(js)).length, 4);
  });
});
