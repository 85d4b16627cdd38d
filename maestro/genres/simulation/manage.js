/* Maestro genre module: simulation, mode "manage" (shipped after simulation.js, whose registered module
 * it extends: every hook hands a manage world to the functions below, any other to simulation.js).
 *
 * The rules are exactly those of maestro/genres/simulation/manage.py (Manage), integers only, one frame
 * at a time (w.f counts them): the keys first — Left / Right move the cursor over the stations (no
 * wrap); Up upgrades the station under it for upcost * (its level + 1) coins (at most MAX_UP times);
 * Space sends the waiting request for that station whose patience ends first (the earliest to arrive on
 * a tie) to it, when it is free. Then each busy station works a frame; one that finishes is paid its
 * request's value (coins and score); coins reaching level.goal win. Then requests whose frame has come
 * (level.arrivals: [frame, station, patience, value]) join the queue; a waiting request whose patience
 * has run out walks away and costs one reputation: at zero the shift is lost, as it is when the day's
 * last frame (level.length) passes short of the goal. A station serves in work * 2 // (2 + level) frames.
 */
(function () {
  'use strict';

  var base = Maestro.genres.simulation;
  var MAX_UP = 2, KEYS = ['left', 'right', 'up', 'action'];

  function workTime(work, up) { return Math.max(1, Math.floor(work * 2 / (2 + up))); }
  function upCost(upcost, up) { return upcost * (up + 1); }

  // ---- the rule book (manage.py: Manage) ---------------------------------------------------------------
  function manageStart(level) {
    var st = (level.stations || []).map(function (s) { return { name: s.name, work: s.work, slug: s.slug || '' }; });
    return { mode: 'manage', stations: st, work: st.map(function (s) { return s.work; }),
             arrivals: (level.arrivals || []).map(function (a) { return a.slice(); }), length: level.length,
             goal: level.goal, upcost: level.upcost, rep: level.rep, rep0: level.rep, coins: level.coins || 0, f: 0,
             cursor: 0, nxt: 0, queue: [], busy: st.map(function () { return 0; }), job: st.map(function () { return 0; }),
             up: st.map(function () { return 0; }), served: 0, missed: 0, score: 0, won: false, over: false, why: '' };
  }
  function waitingFor(m, s) {
    var best = null;
    m.queue.forEach(function (r) {
      if (r[1] === s && (best === null || r[2] < best[2] || (r[2] === best[2] && r[0] < best[0]))) best = r;
    });
    return best;
  }
  function key(m, k) {
    var n = m.work.length, s = m.cursor;
    if (k === 'left' || k === 'right') { m.cursor = Math.min(n - 1, Math.max(0, m.cursor + (k === 'right' ? 1 : -1))); return 'cursor'; }
    if (k === 'up') {
      if (m.up[s] >= MAX_UP) return 'full';
      var cost = upCost(m.upcost, m.up[s]);
      if (m.coins < cost) return 'broke';
      m.coins -= cost; m.up[s]++;
      return 'upgrade';
    }
    if (k === 'action') {
      if (m.busy[s] > 0) return 'busy';
      var r = waitingFor(m, s);
      if (r === null) return 'idle';
      m.queue.splice(m.queue.indexOf(r), 1);
      m.busy[s] = workTime(m.work[s], m.up[s]); m.job[s] = r[3];
      return 'serve';
    }
    return '';
  }
  function manageStep(m, p, G) {
    if (m.won || m.over) return '';
    m.f++;
    var what = '';
    KEYS.forEach(function (k) { if (p[k]) what = key(m, k) || what; });
    for (var s = 0; s < m.work.length; s++) {
      if (m.busy[s] > 0) {
        m.busy[s]--;
        if (m.busy[s] === 0) {
          m.coins += m.job[s]; m.score += m.job[s]; m.served++; G.addScore(m.job[s]); m.job[s] = 0;
          what = 'paid';
        }
      }
    }
    if (m.coins >= m.goal) { m.won = true; return 'won'; }
    while (m.nxt < m.arrivals.length && m.arrivals[m.nxt][0] <= m.f) {
      var a = m.arrivals[m.nxt];
      m.queue.push([m.nxt, a[1], m.f + a[2], a[3]]);
      m.nxt++;
      what = what || 'arrive';
    }
    var left = m.queue.filter(function (r) { return r[2] > m.f; }), gone = m.queue.length - left.length;
    if (gone) {
      m.queue = left; m.rep = Math.max(0, m.rep - gone); m.missed += gone; what = 'expire';
      if (m.rep === 0) { m.over = true; m.why = 'reputation'; return 'lost'; }
    }
    if (m.f >= m.length) { m.over = true; m.why = 'day'; return 'lost'; }
    return what;
  }

  // ---- the game ------------------------------------------------------------------------------------------
  function sound(G, what) {
    if (what === 'cursor') G.sfx('step');
    else if (what === 'serve') G.sfx('push');
    else if (what === 'paid') G.sfx('coin');
    else if (what === 'upgrade') G.sfx('powerup');
    else if (what === 'arrive') G.sfx('blip');
    else if (what === 'expire') G.sfx('hurt');
    else if (what === 'broke' || what === 'full' || what === 'busy' || what === 'idle') G.sfx('undo');
  }
  function update(G, w, dt) {
    w.t += dt;
    w.fx = w.fx.filter(function (e) { e.t += dt; return e.t < 0.6; });
    if (w.done) return;
    var what = manageStep(w, { left: G.pressed.left, right: G.pressed.right, up: G.pressed.up, action: G.pressed.action }, G);
    if (what) { w.last = what; sound(G, what); if (what === 'paid' || what === 'expire' || what === 'upgrade') w.fx.push({ what: what, t: 0 }); }
    if (w.won) { w.done = true; G.win(); }
    else if (w.over) { w.done = true; G.gameOver(w.why === 'reputation' ? 'reputation ran out' : 'the day ran out'); }
  }

  // ---- drawing ---------------------------------------------------------------------------------------------
  var COLORS = ['#ff8a3d', '#4fc3f7', '#a6e36b', '#e879f9'];
  function names(G) {
    var c = G.cfg || {};
    return { request: c.request || 'Request', currency: c.currency || 'Coins', standing: c.standing || 'Reputation' };
  }
  function clock(m) {
    var left = Math.max(0, m.length - m.f), s = Math.ceil(left / 60);
    return Math.floor(s / 60) + ':' + (s % 60 < 10 ? '0' : '') + (s % 60);
  }
  function panel(ctx, x, y, w, h) {
    ctx.fillStyle = 'rgba(0,0,0,0.55)'; ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = 'rgba(255,255,255,0.25)'; ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  }
  function stationBox(m, i) {
    var n = m.work.length, bw = Math.min(112, Math.floor(460 / n));
    return { x: Math.round((480 - n * bw) / 2) + i * bw, y: 146, w: bw - 8, h: 84 };
  }
  function draw(G, m, ctx) {
    var word = names(G);
    panel(ctx, 6, 20, 468, 24);
    G.text(word.currency.toUpperCase() + ' ' + m.coins + ' / ' + m.goal, 12, 26, { size: 10, color: '#ffe066' });
    G.text(word.standing.toUpperCase() + ' ' + m.rep, 190, 26, { size: 10, color: m.rep <= 2 ? '#ff7d7d' : '#a6ff9d' });
    G.text('TIME ' + clock(m), 330, 26, { size: 10, color: G.color('accent', '#ffd34d') });
    G.text('SERVED ' + m.served + '  LOST ' + m.missed, 400, 38, { size: 7 });
    // the queue: each waiting request with the station it needs and its patience running down
    panel(ctx, 6, 48, 468, 92);
    G.text('WAITING ' + word.request.toUpperCase() + 'S (' + m.queue.length + ')', 12, 52, { size: 8 });
    m.queue.slice(0, 20).forEach(function (r, i) {
      var x = 12 + (i % 10) * 46, y = 66 + Math.floor(i / 10) * 36, a = m.arrivals[r[0]], left = r[2] - m.f;
      var col = COLORS[r[1] % COLORS.length];
      ctx.fillStyle = col; ctx.fillRect(x + 4, y + 8, 12, 14);
      ctx.fillStyle = '#f0c8a0'; ctx.fillRect(x + 5, y + 1, 10, 7);
      G.text(String(m.stations[r[1]].name).slice(0, 7), x + 18, y + 2, { size: 7, color: col });
      G.text('$' + r[3], x + 18, y + 12, { size: 7, color: '#ffe066' });
      var frac = Math.max(0, Math.min(1, left / a[2]));
      ctx.fillStyle = 'rgba(255,255,255,0.15)'; ctx.fillRect(x, y + 26, 40, 4);
      ctx.fillStyle = frac < 0.3 ? '#ff4d4d' : frac < 0.6 ? '#ffb347' : '#7ad04f'; ctx.fillRect(x, y + 26, Math.round(40 * frac), 4);
    });
    // the stations
    for (var i = 0; i < m.work.length; i++) {
      var b = stationBox(m, i), on = i === m.cursor, st = m.stations[i], col = COLORS[i % COLORS.length];
      ctx.fillStyle = on ? G.color('accent', '#ffd34d') : 'rgba(0,0,0,0.55)'; ctx.fillRect(b.x, b.y, b.w, b.h);
      ctx.strokeStyle = col; ctx.lineWidth = 2; ctx.strokeRect(b.x + 1, b.y + 1, b.w - 2, b.h - 2); ctx.lineWidth = 1;
      var ink = on ? '#202020' : '#ffffff';
      G.text(String(st.name).slice(0, 14), b.x + b.w / 2, b.y + 6, { align: 'center', size: 9, color: ink, shadow: !on });
      G.text('LV ' + (m.up[i] + 1) + '  ' + (workTime(m.work[i], m.up[i]) / 60).toFixed(1) + ' s', b.x + b.w / 2, b.y + 20, { align: 'center', size: 7, color: ink, shadow: !on });
      if (m.busy[i] > 0) {
        var done = 1 - m.busy[i] / workTime(m.work[i], m.up[i]);
        ctx.fillStyle = col; ctx.fillRect(b.x + b.w / 2 - 8, b.y + 34, 16, 18);
        ctx.fillStyle = '#f0c8a0'; ctx.fillRect(b.x + b.w / 2 - 6, b.y + 26, 12, 8);
        ctx.fillStyle = 'rgba(255,255,255,0.2)'; ctx.fillRect(b.x + 6, b.y + 58, b.w - 12, 6);
        ctx.fillStyle = '#7ad04f'; ctx.fillRect(b.x + 6, b.y + 58, Math.round((b.w - 12) * done), 6);
      } else {
        var r = waitingFor(m, i);
        G.text(r ? 'SPACE: SERVE' : 'free', b.x + b.w / 2, b.y + 40, { align: 'center', size: 7, color: ink, shadow: !on });
      }
      G.text(m.up[i] >= MAX_UP ? 'max level' : 'UP: +speed ' + upCost(m.upcost, m.up[i]), b.x + b.w / 2, b.y + 70, { align: 'center', size: 7, color: ink, shadow: !on });
    }
    // the manager stands at the station under the cursor
    var c = stationBox(m, m.cursor), slug = G.roles.player;
    G.sprite(slug, G.anim(slug, 'idle', m.t), c.x + c.w / 2 - 11, c.y + c.h + 1, { w: 22, h: 22, screen: true, color: G.color('player') });
    m.fx.forEach(function (e) {
      var txt = e.what === 'paid' ? '+$' : e.what === 'expire' ? '-1 ' + word.standing : 'UPGRADED';
      G.text(txt, 240, 140 - 14 * e.t / 0.6, { align: 'center', size: 10, color: e.what === 'expire' ? '#ff7d7d' : '#ffe066' });
    });
  }

  function view(m) {
    return { mode: m.mode, coins: m.coins, rep: m.rep, f: m.f, cursor: m.cursor, nxt: m.nxt,
             queue: m.queue.map(function (r) { return r.slice(); }), busy: m.busy.slice(), job: m.job.slice(), up: m.up.slice(),
             served: m.served, missed: m.missed, score: m.score, won: m.won, over: m.over, why: m.why };
  }

  // ---- joining the simulation module ----------------------------------------------------------------------
  var start = base.start, upd = base.update, drw = base.draw, ply = base.player, hd = base.hud, help = base.help, qv = base.qa.view;
  base.start = function (G, level) {
    if (level.mode !== 'manage') return start(G, level);
    var w = manageStart(level);
    w.t = 0; w.done = false; w.last = ''; w.fx = []; w.level = level;
    return w;
  };
  base.update = function (G, w, dt) { return w.mode === 'manage' ? update(G, w, dt) : upd(G, w, dt); };
  base.draw = function (G, w, ctx) { return w.mode === 'manage' ? draw(G, w, ctx) : drw(G, w, ctx); };
  base.player = function (w) { if (w.mode !== 'manage') return ply(w); var b = stationBox(w, w.cursor); return { x: b.x, y: b.y }; };
  base.hud = function (G, w) {
    if (w.mode !== 'manage') return hd(G, w);
    return names(G).currency.toUpperCase() + ' ' + w.coins + '/' + w.goal + '  ' + names(G).standing.toUpperCase() + ' ' + w.rep +
      '   Left/Right pick, Space serves, Up upgrades';
  };
  base.help = function (G) {
    if (G.spec.mode !== 'manage') return help(G);
    return 'Left / Right pick a station, Space serves its next ' + names(G).request.toLowerCase() + ', Up upgrades it';
  };
  base.qa.view = function (G, w) { return w.mode === 'manage' ? view(w) : qv(G, w); };
  if (base.cast) {  // the title screen's words: requests are served, not collected
    var cast = base.cast;
    base.cast = function (G) {
      if (G.spec.mode === 'manage') return { you: 'you', enemies: '', items: 'serve' };
      return typeof cast === 'function' ? cast(G) : cast;
    };
  }
})();
