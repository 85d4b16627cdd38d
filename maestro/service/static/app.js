/* Maestro's web page: submit a GDD, watch the build live, play it, browse the gallery.
 *
 * Plain ES2020, no framework. Rules this file keeps:
 *  - every string from the API goes into the DOM through textContent (GDD text is hostile input);
 *  - no inline styles or scripts (the page runs under a strict CSP), only classes and `hidden`;
 *  - every fetch carries the bearer token, so the event stream is read with fetch, not EventSource.
 */
'use strict';

const AGENTS = ['orchestrator', 'canvas', 'sonata', 'labyrinth', 'codex', 'builder', 'query'];
const FINAL = new Set(['published', 'failed']);
const TOKEN_KEY = 'maestro.token', LOG_LINES = 4;

const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text !== undefined && text !== null) n.textContent = String(text);
  return n;
};

const app = {
  health: null,
  gen: 0,            // bumps whenever "This build" switches project: stale callbacks check it
  abort: null,       // AbortController of the live event stream
  poll: null,        // polling timer when the stream dropped
  state: null,       // the project state being shown
  lanes: {},         // agent -> {done, total, seen, log: [], li}
  shownGame: null,   // the game URL already in the iframe (don't reload it on every update)
  cursor: null,
};

// ---- HTTP ------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, error, hint) { super(error); this.status = status; this.hint = hint || ''; }
}

function headers(extra) {
  const h = Object.assign({ Accept: 'application/json' }, extra || {});
  const t = sessionStorage.getItem(TOKEN_KEY);
  if (t) h.Authorization = 'Bearer ' + t;
  return h;
}

// JSON request; non-2xx becomes an ApiError carrying the service's {error, hint}.
async function api(url, opts) {
  opts = opts || {};
  const res = await fetch(url, Object.assign({}, opts, { headers: headers(opts.headers) }));
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const err = new ApiError(res.status, (body && body.error) || ('HTTP ' + res.status), body && body.hint);
    if (res.status === 401) askToken(err.message);
    throw err;
  }
  return body;
}

// URLs from the API go into src/href: accept only same-origin http(s) ones.
function safeUrl(u) {
  if (!u) return '';
  try {
    const url = new URL(u, location.href);
    return (url.origin === location.origin && /^https?:$/.test(url.protocol)) ? url.href : '';
  } catch (e) { return ''; }
}

// ---- auth ------------------------------------------------------------------------------------

function askToken(message) {
  $('auth').hidden = false;
  $('auth-error').textContent = message || '';
  $('token').focus();
}

$('auth').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const t = $('token').value.trim();
  if (!t) { askToken('Enter the access token.'); return; }
  sessionStorage.setItem(TOKEN_KEY, t);
  $('token').value = '';
  $('auth').hidden = true;
  $('auth-error').textContent = '';
  loadGallery(true);
  if (app.state && !FINAL.has(app.state.status)) openProject(app.state.urls.self);
});

// ---- new game --------------------------------------------------------------------------------

function formMessage(error, hint) {
  $('form-error').textContent = error || '';
  $('form-hint').textContent = hint || '';
}

async function loadFile(file) {
  if (!file) return;
  const max = (app.health && app.health.max_gdd_bytes) || Infinity;
  if (file.size > max) return formMessage(file.name + ' is too large', 'The limit is ' + max + ' bytes.');
  if (!/\.(md|markdown|txt)$/i.test(file.name) && !/^text\//.test(file.type)) {
    return formMessage(file.name + ' is not a text file', 'Use a .md or .txt file.');
  }
  $('gdd').value = await file.text();
  formMessage('', 'Loaded ' + file.name + '.');
}

const drop = $('drop');
['dragenter', 'dragover'].forEach((t) => drop.addEventListener(t, (ev) => {
  ev.preventDefault(); drop.classList.add('over');
}));
['dragleave', 'drop'].forEach((t) => drop.addEventListener(t, () => drop.classList.remove('over')));
drop.addEventListener('drop', (ev) => {
  ev.preventDefault();
  loadFile(ev.dataTransfer && ev.dataTransfer.files[0]);
});
$('file').addEventListener('change', (ev) => loadFile(ev.target.files[0]));

$('build-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const gdd = $('gdd').value;
  if (!gdd.trim()) { formMessage('The GDD is empty', 'Paste a game design document or drop a file.'); return; }
  const seedText = $('seed').value.trim();
  const seed = seedText === '' ? null : Number(seedText);
  if (seed !== null && !Number.isInteger(seed)) { formMessage('The seed must be a whole number', ''); return; }
  const genre = $('genre').value || null;
  formMessage('', '');
  $('build-btn').disabled = true;
  try {
    const res = await api('/api/projects', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ gdd: gdd, seed: seed, genre: genre }),
    });
    formMessage('', res.created ? 'Build started.' : 'Same GDD, seed and genre as an earlier build: showing it.');
    openProject(res.urls.self);
  } catch (e) {
    formMessage(e.message, e.hint || (e instanceof ApiError ? '' : 'Is the service running?'));
  } finally {
    $('build-btn').disabled = false;
  }
});

// ---- this build ------------------------------------------------------------------------------

function stopFollowing() {
  if (app.abort) app.abort.abort();
  app.abort = null;
  clearTimeout(app.poll);
  app.poll = null;
}

function resetBuildView() {
  app.lanes = {};
  app.shownGame = null;
  $('lanes').replaceChildren();
  for (const a of AGENTS) {
    const li = el('li', 'lane');
    const head = el('div', 'lane-head');
    head.append(el('span', 'lane-name', a), el('span', 'lane-count', ''));
    const bar = Object.assign(el('progress', 'lane-bar'), { max: 1, value: 0 }); // value 0: not "indeterminate"
    bar.setAttribute('aria-label', a + ' progress');
    li.append(head, bar, el('ol', 'lane-log'));
    $('lanes').append(li);
    app.lanes[a] = { done: 0, total: 0, seen: 0, log: [], li: li };
  }
  $('read').hidden = true;
  $('play').hidden = true;
  $('game-frame').removeAttribute('src');
  $('reason').hidden = true;
  $('qa').replaceChildren(el('p', 'muted', 'Not checked yet.'));
}

function drawLane(name) {
  const l = app.lanes[name];
  if (!l) return;
  const bar = l.li.querySelector('progress');
  bar.hidden = !l.total; // orchestrator, builder and query have no job count: no bar
  bar.max = Math.max(l.total, 1);
  bar.value = Math.min(l.done, bar.max);
  l.li.querySelector('.lane-count').textContent = l.total ? l.done + ' / ' + l.total : '';
  l.li.classList.toggle('complete', l.total > 0 && l.done >= l.total);
  l.li.querySelector('.lane-log').replaceChildren(...l.log.map((line) => el('li', '', line)));
}

function laneLog(name, line) {
  const l = app.lanes[name] || app.lanes.orchestrator;
  l.log.push(line);
  if (l.log.length > LOG_LINES) l.log.shift();
  l.li.classList.add('active');
  drawLane(name in app.lanes ? name : 'orchestrator');
}

function setStatus(status, stage) {
  $('build').dataset.status = status || '';
  const extra = stage && stage !== status && !FINAL.has(status) ? ' — ' + stage : '';
  $('status').textContent = 'Status: ' + (status || '?') + extra;
  $('status').className = 'status ' + (status || '');
}

function showRead(read) {
  if (!read) return;
  $('read').hidden = false;
  $('read-title').textContent = read.title || '';
  $('read-genre').textContent = read.genre || '';
  $('read-mode').textContent = read.mode || '—';
  $('read-levels').textContent = read.levels != null ? String(read.levels) : '';
  $('cast').replaceChildren(...(read.cast || []).map((c) => el('li', '', c.name + ' — ' + c.role)));
  $('reqs').tBodies[0].replaceChildren(...(read.requirements || []).map((r) => {
    const tr = el('tr');
    tr.append(el('td', '', r.kind), el('td', '', r.summary),
      el('td', r.term == null ? 'not-built' : '', r.term == null ? 'not built' : r.term));
    return tr;
  }));
  for (const [agent, n] of Object.entries(read.per_agent || {})) {
    if (app.lanes[agent]) { app.lanes[agent].total = Math.max(app.lanes[agent].total, n); drawLane(agent); }
  }
}

const pct = (f) => (f == null ? '—' : Math.round(f * 100) + '%');

function showQa(qa) {
  if (!qa) return;
  const box = $('qa');
  const verdict = el('p', qa.passed ? 'pass' : 'fail', qa.passed ? 'Passed' : 'Did not pass');
  const nums = el('p', '', 'Score ' + (qa.score != null ? Number(qa.score).toFixed(1) : '—') +
    ' · fidelity to your GDD ' + pct(qa.fidelity));
  box.replaceChildren(verdict, nums);
  if (qa.headline) box.append(el('p', 'headline', qa.headline));
  if (qa.failures && qa.failures.length) {
    box.append(el('ul', 'failures'));
    box.lastChild.append(...qa.failures.map((f) => el('li', '', typeof f === 'string' ? f : JSON.stringify(f))));
  }
}

function showGame(state) {
  const urls = state.urls || {};
  const game = safeUrl(urls.game);
  // A build that failed QA may still be playable: show it whenever QA ran.
  if (!state.qa || !game) return;
  $('play').hidden = false;
  if (app.shownGame !== game) { $('game-frame').src = game; app.shownGame = game; }
  $('report').href = safeUrl(urls.report);
  $('download').href = safeUrl(urls.download);
}

// Draw a full state (from urls.self or the stream's `end`).
function render(state) {
  app.state = state;
  setStatus(state.status, state.stage);
  showRead(state.read);
  for (const [agent, c] of Object.entries(state.agents || {})) {
    const l = app.lanes[agent];
    if (!l) continue;
    l.total = Math.max(l.total, c.total || 0);
    l.done = Math.max(l.done, c.done || 0);
    drawLane(agent);
  }
  showQa(state.qa);
  if (state.status === 'failed' && state.reason) {
    $('reason').hidden = false;
    $('reason').textContent = 'Build failed: ' + state.reason;
  }
  showGame(state);
  if (FINAL.has(state.status)) {
    for (const l of Object.values(app.lanes)) l.li.classList.remove('active');
    loadGallery(true); // the finished build now has its card
  }
}

async function openProject(selfUrl) {
  stopFollowing();
  const gen = ++app.gen;
  resetBuildView();
  $('build').hidden = false;
  setStatus('loading', null);
  let state;
  try { state = await api(selfUrl); } catch (e) {
    if (gen === app.gen) $('status').textContent = 'Could not load the build: ' + e.message;
    return;
  }
  if (gen !== app.gen) return;
  render(state);
  $('build').scrollIntoView({ block: 'start' }); // instant: a cross-origin frame scrolled away stops its rAF
  if (!FINAL.has(state.status) && state.urls && state.urls.events) follow(state.urls.events, selfUrl, gen);
}

const STAGE_LANE = { assembling: 'builder', publishing: 'builder', checking: 'query', repairing: 'orchestrator' };
// The stream sends stages, not statuses: keep the status line in step with the stage.
const STAGE_STATUS = { reading: 'reading', planning: 'reading', generating: 'generating', assembling: 'generating',
  checking: 'checking', repairing: 'repairing', publishing: 'checking' };

// One server-sent event; the stream replays from the start, so counts take the max with the state.
function onEvent(type, data) {
  const s = app.state;
  switch (type) {
    case 'stage':
      if (s) { s.stage = data.stage; s.status = STAGE_STATUS[data.stage] || s.status; }
      setStatus(s ? s.status : '', data.stage);
      laneLog(data.agent || STAGE_LANE[data.stage] || 'orchestrator', 'stage: ' + data.stage);
      break;
    case 'planned':
      showRead(data);
      laneLog('orchestrator', 'planned ' + data.jobs + ' jobs for "' + data.title + '"');
      break;
    case 'asset': {
      const l = app.lanes[data.agent];
      if (l) { l.seen += 1; l.done = Math.max(l.done, l.seen); }
      laneLog(data.agent, data.kind + ' ' + data.name +
        (data.cached ? ' (cached)' : ' (' + Number(data.seconds || 0).toFixed(1) + ' s)'));
      break;
    }
    case 'qa':
      laneLog('query', 'round ' + data.round + ': ' + (data.passed ? 'passed' : 'failed') +
        ', score ' + Number(data.score).toFixed(1) + ', fidelity ' + pct(data.fidelity));
      break;
    case 'repair':
      laneLog('orchestrator', 'repair ' + data.round + ': ' + (data.jobs || []).length + ' jobs again');
      break;
    case 'reused': laneLog('orchestrator', 'reused an identical earlier build'); break;
    case 'published': laneLog('builder', 'published (' + data.status + ')'); break;
    case 'failed': laneLog('orchestrator', 'failed: ' + data.reason); break;
    default: break;
  }
}

// Read the SSE stream with fetch (EventSource can't send the Authorization header).
async function follow(eventsUrl, selfUrl, gen) {
  const ctl = new AbortController();
  app.abort = ctl;
  let ended = false;
  try {
    const res = await fetch(eventsUrl, { headers: headers({ Accept: 'text/event-stream' }), signal: ctl.signal });
    if (res.status === 401) { askToken('The token was rejected.'); return; }
    if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let cut;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        let type = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) type = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (!data.length || gen !== app.gen) continue;
        let obj;
        try { obj = JSON.parse(data.join('\n')); } catch (e) { continue; }
        if (type === 'end') { ended = true; render(obj); ctl.abort(); return; }
        onEvent(type, obj);
      }
    }
  } catch (e) {
    if (ctl.signal.aborted) return; // we closed it on purpose
  }
  if (!ended && gen === app.gen) pollUntilFinal(selfUrl, gen);
}

// The stream dropped before `end`: ask for the state every second until it is final.
function pollUntilFinal(selfUrl, gen) {
  app.poll = setTimeout(async () => {
    if (gen !== app.gen) return;
    try {
      const state = await api(selfUrl);
      if (gen !== app.gen) return;
      render(state);
      if (FINAL.has(state.status)) return;
    } catch (e) {
      if (e.status === 401) return;
    }
    pollUntilFinal(selfUrl, gen);
  }, 1000);
}

$('play-btn').addEventListener('click', () => {
  const f = $('game-frame');
  f.scrollIntoView({ block: 'nearest' }); // an offscreen cross-origin frame gets no animation frames
  f.focus({ preventScroll: true });
  // Focusing the element is not always enough to route keys into a cross-origin frame.
  try { f.contentWindow.focus(); } catch (e) { /* sandboxed: the element focus stands */ }
});

// ---- gallery ---------------------------------------------------------------------------------

function card(item) {
  const li = el('li');
  const b = Object.assign(el('button', 'card'), { type: 'button' });
  const thumb = safeUrl(item.urls && item.urls.thumbnail);
  if (thumb) {
    const img = Object.assign(el('img'), { alt: item.title || '', loading: 'lazy' });
    img.addEventListener('error', () => img.classList.add('broken'));
    img.src = thumb;
    b.append(img);
  }
  b.append(el('span', 'card-title', item.title || '(untitled)'));
  const meta = [item.genre, item.status];
  if (item.qa_score != null) meta.push('score ' + Number(item.qa_score).toFixed(0));
  if (item.qa_fidelity != null) meta.push('fidelity ' + pct(item.qa_fidelity));
  b.append(el('span', 'card-meta ' + (item.status || ''), meta.filter(Boolean).join(' · ')));
  b.addEventListener('click', () => { if (item.urls && item.urls.self) openProject(item.urls.self); });
  li.append(b);
  return li;
}

async function loadGallery(reset) {
  if (reset) app.cursor = null;
  const q = new URLSearchParams({ limit: '12' });
  if ($('f-status').value) q.set('status', $('f-status').value);
  if ($('f-genre').value) q.set('genre', $('f-genre').value);
  if (app.cursor) q.set('cursor', app.cursor);
  try {
    const res = await api('/api/projects?' + q.toString());
    const cards = (res.items || []).map(card);
    if (reset) $('cards').replaceChildren(...cards); else $('cards').append(...cards);
    app.cursor = res.next_cursor || null;
    $('more').hidden = !app.cursor;
    $('gallery-msg').textContent = $('cards').children.length ? '' : 'No games yet.';
  } catch (e) {
    $('gallery-msg').textContent = 'Could not load the gallery: ' + e.message;
  }
}

$('more').addEventListener('click', () => loadGallery(false));
$('f-status').addEventListener('change', () => loadGallery(true));
$('f-genre').addEventListener('change', () => loadGallery(true));
// ---- start -----------------------------------------------------------------------------------

async function init() {
  try {
    app.health = await api('/healthz');
  } catch (e) {
    $('gallery-msg').textContent = 'The service did not answer /healthz: ' + e.message;
    return;
  }
  $('version').textContent = app.health.version ? 'v' + app.health.version : '';
  for (const g of app.health.genres || []) {
    $('genre').append(new Option(g, g));
    $('f-genre').append(new Option(g, g));
  }
  if (app.health.auth && !sessionStorage.getItem(TOKEN_KEY)) askToken('');
  else loadGallery(true);
}

init();
