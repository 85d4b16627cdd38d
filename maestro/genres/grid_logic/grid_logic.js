/* Maestro genre module: grid_logic (mode "minesweeper" and mode "lights_out").
 *
 * The rules are exactly those of maestro/genres/grid_logic/minesweeper.py and lights_out.py, whose
 * solvers prove every level; all integers, so both agree bit for bit:
 *  minesweeper: level.mines[y][x] is 1 under a mine; a cell's number counts the mines of its eight
 *    neighbours. Space / Enter (or a click / tap) reveals the cell under the cursor: a flagged cell
 *    refuses, an open one does nothing; the first reveal of a level is always safe (a mine there moves
 *    to the first mine-free cell in reading order); a safe cell opens (10 points), a zero floods its
 *    unflagged neighbours; a mine opens blown: without lives the level is lost, with lives it costs
 *    one and play goes on. F (or a right-click / long press) toggles a flag on a closed cell. Every
 *    safe cell open wins. The cursor starts on level.start, the cell the no-guess proof opens first.
 *  lights_out: Space / Enter (or a click / tap) presses the light under the cursor: it and its four
 *    neighbours toggle, a move is spent; all off wins (100 + 20 a move left), the last move spent with
 *    a light on loses (with lives, costs one and the board starts again).
 * Arrows / WASD move the cursor. While the runtime's post-loss grace runs (G.invuln) input waits.
 * module.player(world) is the cursor in screen pixels.
 */
(function () {
  'use strict';

  var KEYS = ['left', 'right', 'up', 'down', 'action'];
  var DIRS = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };
  var DIRS8 = [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]];
  var PLUS = [[0, 0], [-1, 0], [1, 0], [0, -1], [0, 1]];
  var CELL_POINTS = 10, WIN_POINTS = 100, MOVE_POINTS = 20, LONG_PRESS_MS = 450;
  var NUM_COLORS = ['#ffffff', '#5aa0ff', '#5ad07a', '#ff6a6a', '#b07aff', '#ff9d4a', '#4ad8d8', '#f0f0f0', '#b0b0b0'];

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }
  function copyGrid(b) { return b.map(function (r) { return r.slice(); }); }
  function zeros(w, h) {
    var b = [];
    for (var y = 0; y < h; y++) { var r = []; for (var x = 0; x < w; x++) r.push(0); b.push(r); }
    return b;
  }
  function sum(b) { var n = 0; b.forEach(function (r) { r.forEach(function (v) { n += v; }); }); return n; }

  // ---- minesweeper: the rule book (minesweeper.py: Minesweeper) --------------------------------
  function countAt(m, x, y) {
    var n = 0;
    DIRS8.forEach(function (d) {
      var nx = x + d[0], ny = y + d[1];
      if (nx >= 0 && nx < m.w && ny >= 0 && ny < m.h) n += m.mines[ny][nx];
    });
    return n;
  }
  function msStart(level) {
    var mines = copyGrid(level.mines || [[0]]), h = mines.length, w = mines[0].length;
    var st = level.start || [Math.floor(w / 2), Math.floor(h / 2)];
    return { mode: 'minesweeper', mines: mines, w: w, h: h, open: zeros(w, h), flag: zeros(w, h), cx: st[0], cy: st[1],
             start: [st[0], st[1]], started: false, blown: 0, score: 0, won: false, over: false, total: sum(mines) };
  }
  function safeOpen(m) {
    var n = 0;
    for (var y = 0; y < m.h; y++) for (var x = 0; x < m.w; x++) if (m.open[y][x] && !m.mines[y][x]) n++;
    return n;
  }
  function relocate(m, x, y) {
    for (var ty = 0; ty < m.h; ty++) for (var tx = 0; tx < m.w; tx++) {
      if (!m.mines[ty][tx] && !(tx === x && ty === y)) { m.mines[ty][tx] = 1; m.mines[y][x] = 0; return; }
    }
  }
  function reveal(m, x, y, G) {
    if (m.won || m.over || m.open[y][x]) return '';
    if (m.flag[y][x]) return 'blocked';
    if (!m.started) { m.started = true; if (m.mines[y][x]) relocate(m, x, y); }
    if (m.mines[y][x]) {
      m.open[y][x] = 1; m.blown++;
      if (G.lives === null || G.lives <= 1) m.over = true;  // the last life (rules.py: lives reach 0)
      return 'boom';
    }
    var opened = 0, stack = [[x, y]];
    while (stack.length) {
      var c = stack.pop(), px = c[0], py = c[1];
      if (m.open[py][px] || m.flag[py][px]) continue;
      m.open[py][px] = 1; opened++;
      if (m.fx) m.fx.push({ x: px, y: py, t: -0.01 * opened });
      if (countAt(m, px, py) === 0) {
        DIRS8.forEach(function (d) {
          var nx = px + d[0], ny = py + d[1];
          if (nx >= 0 && nx < m.w && ny >= 0 && ny < m.h && !m.open[ny][nx] && !m.flag[ny][nx]) stack.push([nx, ny]);
        });
      }
    }
    m.score += CELL_POINTS * opened; G.addScore(CELL_POINTS * opened);
    if (safeOpen(m) === m.w * m.h - m.total) m.won = true;
    return opened > 1 ? 'flood' : 'open';
  }
  function toggleFlag(m, x, y) {
    if (m.won || m.over || m.open[y][x]) return '';
    m.flag[y][x] ^= 1;
    return m.flag[y][x] ? 'flag' : 'unflag';
  }

  // ---- lights out: the rule book (lights_out.py: LightsOut) ------------------------------------
  function loStart(level) {
    var b = copyGrid(level.board || [[1]]), n = b.length;
    return { mode: 'lights_out', board: b, w: n, h: n, moves: num(level.moves, 10), par: num(level.par, 0),
             cx: Math.floor(n / 2), cy: Math.floor(n / 2), used: 0, score: 0, won: false, over: false };
  }
  function pressAt(m, x, y, G) {
    if (m.won || m.over) return '';
    PLUS.forEach(function (d) {
      var px = x + d[0], py = y + d[1];
      if (px >= 0 && px < m.w && py >= 0 && py < m.h) {
        m.board[py][px] ^= 1;
        if (m.fx) m.fx.push({ x: px, y: py, t: 0 });
      }
    });
    m.moves--; m.used++;
    if (sum(m.board) === 0) {
      m.won = true;
      var pts = WIN_POINTS + MOVE_POINTS * m.moves;
      m.score += pts; G.addScore(pts);
      return 'win';
    }
    if (m.moves <= 0) { m.over = true; return 'out'; }
    return 'toggle';
  }

  // ---- one action, whatever the mode --------------------------------------------------------------
  function act(G, w, kind, x, y) {
    if (w.won || w.over) return '';
    if (x !== undefined) { w.cx = x; w.cy = y; }
    if (w.mode === 'lights_out') return kind === 'flag' ? '' : pressAt(w, w.cx, w.cy, G);
    return kind === 'flag' ? toggleFlag(w, w.cx, w.cy) : reveal(w, w.cx, w.cy, G);
  }
  function key(G, w, k) {
    if (w.won || w.over) return '';
    var d = DIRS[k];
    if (d) {
      w.cx = Math.min(w.w - 1, Math.max(0, w.cx + d[0]));
      w.cy = Math.min(w.h - 1, Math.max(0, w.cy + d[1]));
      return 'cursor';
    }
    if (k === 'action') return act(G, w, 'open');
    if (k === 'flag') return act(G, w, 'flag');
    return '';
  }

  function start(G, level) {
    attachInput(G);
    var w = level.mode === 'lights_out' ? loStart(level) : msStart(level);
    w.fx = []; w.t = 0; w.taps = []; w.done = false; w.last = ''; w.shake = 0; w.level = level;
    return w;
  }
  // After a lost life: a blown mine stays on the board and play goes on; a spent lights board starts again.
  function respawn(G, w) {
    w.done = false;
    if (w.mode === 'lights_out') {
      var fresh = loStart(w.level);
      w.board = fresh.board; w.moves = fresh.moves; w.used = 0; w.over = false; w.cx = fresh.cx; w.cy = fresh.cy;
    }
  }

  function finish(G, w, what) {
    if (w.done) return;
    if (w.won) { w.done = true; G.win(); return; }
    if (what === 'boom' && G.lives !== null) { w.shake = 0.4; G.hurt('mine'); return; }
    if (w.over) {
      w.done = true;
      var why = w.mode === 'lights_out' ? 'out of moves' : 'mine';
      if (G.lives !== null) G.hurt(why); else G.gameOver(why);
    }
  }

  // What each outcome sounds like (literal names: QA reads which sounds the code plays).
  function sound(G, what) {
    if (what === 'cursor') G.sfx('step');
    else if (what === 'open' || what === 'toggle') G.sfx('blip');
    else if (what === 'flood' || what === 'win') G.sfx('coin');
    else if (what === 'flag' || what === 'unflag') G.sfx('push');
    else if (what === 'boom') G.sfx('explode');
    else if (what === 'blocked' || what === 'out') G.sfx('undo');
  }

  function update(G, w, dt) {
    w.t += dt;
    w.fx = w.fx.filter(function (e) { e.t += dt; return e.t < 0.35; });
    if (w.shake > 0) w.shake = Math.max(0, w.shake - dt);
    if (w.done || G.invuln > 0) return;  // the grace after a lost life: the board waits
    var tap = w.taps.length ? w.taps.shift() : null, what;
    if (tap) {
      what = tap.cell ? act(G, w, tap.act, tap.cell[0], tap.cell[1]) : key(G, w, tap.key);
      if (what) { w.last = what; sound(G, what); finish(G, w, what); }
    }
    for (var i = 0; i < KEYS.length && !w.done && !(G.invuln > 0); i++) {
      if (!G.pressed[KEYS[i]]) continue;
      what = key(G, w, KEYS[i]);
      if (what) { w.last = what; sound(G, what); finish(G, w, what); }
    }
  }

  // ---- input beyond the runtime's keys: F flags, the pointer reveals / flags / presses ------------
  var G_W = 480, PANEL = 140;
  function boardRect(w) {
    var cap = w.mode === 'lights_out' ? 40 : 30;
    var c = Math.min(Math.floor(236 / w.h), Math.floor((G_W - PANEL - 8) / w.w), cap);
    return { x: PANEL + Math.round((G_W - PANEL - 8 - w.w * c) / 2), y: 18 + Math.round((236 - w.h * c) / 2), c: c,
             cols: w.w, rows: w.h };
  }
  // A pointer let go at game pixels (x1, y1) after `ms` milliseconds, with mouse button `button`:
  // a right-click or a long press flags, anything else reveals / presses (queued for update).
  function pointerUp(w, x0, y0, x1, y1, ms, button) {
    var r = boardRect(w), cx = Math.floor((x1 - r.x) / r.c), cy = Math.floor((y1 - r.y) / r.c);
    if (cx < 0 || cy < 0 || cx >= r.cols || cy >= r.rows) return;
    var flag = button === 2 || (ms >= LONG_PRESS_MS && Math.abs(x1 - x0) + Math.abs(y1 - y0) < r.c);
    w.taps.push({ cell: [cx, cy], act: flag ? 'flag' : 'open' });
  }
  function flagKey(G) {
    if (G.status === 'playing' && G.world) G.world.taps.push({ key: 'flag' });
  }
  function attachInput(G) {
    if (G.headless || G.gridInput || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas) return;
    G.gridInput = true;
    window.addEventListener('keydown', function (e) {
      if (e.code === 'KeyF' && !e.repeat) { e.preventDefault(); flagKey(G); }
    });
    var down = null;
    function at(e) {
      var r = canvas.getBoundingClientRect();
      var s = Math.min(r.width / G.W, r.height / G.H) || 1;
      var ox = (r.width - G.W * s) / 2, oy = (r.height - G.H * s) / 2;
      return [(e.clientX - r.left - ox) / s, (e.clientY - r.top - oy) / s];
    }
    canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
    canvas.addEventListener('pointerdown', function (e) { var p = at(e); down = [p[0], p[1], Date.now(), e.button]; });
    canvas.addEventListener('pointerup', function (e) {
      if (!down || G.status !== 'playing' || !G.world) { down = null; return; }
      var p = at(e);
      pointerUp(G.world, down[0], down[1], p[0], p[1], Date.now() - down[2], down[3]);
      down = null;
    });
  }

  // ---- drawing ------------------------------------------------------------------------------------
  function shade(hex, k) {
    var n = parseInt(String(hex || '#888888').slice(1), 16);
    var r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    function c(v) { return Math.max(0, Math.min(255, Math.round(k > 0 ? v + (255 - v) * k : v * (1 + k)))); }
    return 'rgb(' + c(r) + ',' + c(g) + ',' + c(b) + ')';
  }
  function raised(ctx, x, y, s, color) {
    ctx.fillStyle = shade(color, -0.45); ctx.fillRect(x, y, s, s);
    ctx.fillStyle = color; ctx.fillRect(x + 1, y + 1, s - 3, s - 3);
    ctx.fillStyle = shade(color, 0.35); ctx.fillRect(x + 1, y + 1, s - 3, 2); ctx.fillRect(x + 1, y + 1, 2, s - 3);
  }
  function panel(ctx, x, y, w, h) {
    ctx.fillStyle = 'rgba(0,0,0,0.55)'; ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = 'rgba(255,255,255,0.25)'; ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  }
  function avatar(G, ctx, x, y) {
    var slug = G.roles.player, name = (G.spec.player || {}).name || '';
    G.sprite(slug, G.anim(slug, 'idle', G.frame / 60), x, y, { w: 24, h: 24, screen: true, color: G.color('player') });
    G.text(String(name).slice(0, 12), x + 30, y + 8, { size: 9 });
  }
  function flagIcon(G, ctx, x, y, s) {
    var slug = G.cfg.flag_slug;
    if (slug && s >= 14) { G.sprite(slug, 0, x + 2, y + 2, { w: s - 4, h: s - 4, screen: true }); return; }
    ctx.fillStyle = '#202020'; ctx.fillRect(x + Math.round(s * 0.45), y + Math.round(s * 0.2), 2, Math.round(s * 0.6));
    ctx.fillStyle = G.color('enemy', '#e04040');
    ctx.beginPath(); ctx.moveTo(x + s * 0.47, y + s * 0.2); ctx.lineTo(x + s * 0.8, y + s * 0.35); ctx.lineTo(x + s * 0.47, y + s * 0.5);
    ctx.closePath(); ctx.fill();
  }
  function mineIcon(ctx, x, y, s) {
    ctx.fillStyle = '#141414';
    ctx.beginPath(); ctx.arc(x + s / 2, y + s / 2, s * 0.28, 0, Math.PI * 2); ctx.fill();
    ctx.fillRect(x + s * 0.15, y + s / 2 - 1, s * 0.7, 2); ctx.fillRect(x + s / 2 - 1, y + s * 0.15, 2, s * 0.7);
    ctx.fillStyle = '#ffffff'; ctx.fillRect(x + s * 0.38, y + s * 0.38, 2, 2);
  }

  function drawMines(G, m, ctx) {
    var r = boardRect(m), s = r.c, closed = G.color('wall', '#6a7a90');
    var jx = m.shake > 0 ? Math.round(Math.sin(m.t * 80) * 2) : 0, x, y;
    ctx.fillStyle = 'rgba(0,0,0,0.65)'; ctx.fillRect(r.x - 4 + jx, r.y - 4, r.cols * s + 8, r.rows * s + 8);
    var lost = G.status === 'lost';
    for (y = 0; y < m.h; y++) for (x = 0; x < m.w; x++) {
      var px = r.x + x * s + jx, py = r.y + y * s;
      if (m.open[y][x]) {
        ctx.fillStyle = m.mines[y][x] ? '#c83030' : 'rgba(230,230,240,0.16)'; ctx.fillRect(px, py, s - 1, s - 1);
        if (m.mines[y][x]) { mineIcon(ctx, px, py, s); continue; }
        var n = countAt(m, x, y);
        if (n) G.text(String(n), px + s / 2, py + s / 2 - Math.round(s * 0.3), { align: 'center', size: Math.max(8, Math.round(s * 0.6)), color: NUM_COLORS[n] });
      } else {
        raised(ctx, px, py, s, closed);
        if (m.flag[y][x]) flagIcon(G, ctx, px, py, s);
        else if (lost && m.mines[y][x]) mineIcon(ctx, px, py, s);
        else if (!m.started && x === m.start[0] && y === m.start[1]) {  // the no-guess start
          ctx.strokeStyle = '#a6ff9d'; ctx.strokeRect(px + 4.5, py + 4.5, s - 10, s - 10);
        }
      }
    }
    m.fx.forEach(function (e) {
      if (e.t < 0) return;
      ctx.fillStyle = 'rgba(255,255,255,' + (0.5 * (1 - e.t / 0.35)).toFixed(2) + ')';
      ctx.fillRect(r.x + e.x * s, r.y + e.y * s, s - 1, s - 1);
    });
    cursor(G, ctx, r, m);
    var flags = sum(m.flag);
    panel(ctx, 8, 24, 126, 150);
    avatar(G, ctx, 14, 30);
    G.text('MINES ' + Math.max(0, m.total - flags) + ' / ' + m.total, 14, 62, { size: 10, color: G.color('accent', '#ffd34d') });
    G.text('SAFE LEFT ' + (m.w * m.h - m.total - safeOpen(m)), 14, 78, { size: 9 });
    if (m.blown) G.text('BLOWN ' + m.blown, 14, 92, { size: 9, color: '#ff9d9d' });
    G.text('Space reveal', 14, 112, { size: 8 });
    G.text('F / right-click flag', 14, 124, { size: 8 });
    G.text('long press flags', 14, 136, { size: 8 });
    if (!m.started) G.text('Start on the green box', 14, 154, { size: 8, color: '#a6ff9d' });
  }

  function drawLights(G, m, ctx) {
    var r = boardRect(m), s = r.c, on = G.color('item', '#ffd34d'), off = G.color('wall', '#39404e');
    ctx.fillStyle = 'rgba(0,0,0,0.65)'; ctx.fillRect(r.x - 5, r.y - 5, r.cols * s + 10, r.rows * s + 10);
    for (var y = 0; y < m.h; y++) for (var x = 0; x < m.w; x++) {
      var px = r.x + x * s, py = r.y + y * s;
      if (m.board[y][x]) {
        ctx.fillStyle = shade(on, 0.55); ctx.fillRect(px + 1, py + 1, s - 3, s - 3);
        ctx.fillStyle = on; ctx.fillRect(px + 4, py + 4, s - 9, s - 9);
      } else {
        raised(ctx, px + 1, py + 1, s - 2, shade(off, -0.3));
      }
    }
    m.fx.forEach(function (e) {
      ctx.fillStyle = 'rgba(255,255,255,' + (0.45 * (1 - e.t / 0.35)).toFixed(2) + ')';
      ctx.fillRect(r.x + e.x * s + 1, r.y + e.y * s + 1, s - 3, s - 3);
    });
    cursor(G, ctx, r, m);
    panel(ctx, 8, 24, 126, 136);
    avatar(G, ctx, 14, 30);
    G.text('MOVES ' + m.moves, 14, 62, { size: 11, color: m.moves <= 2 ? '#ff9d9d' : G.color('accent', '#ffd34d') });
    G.text('PAR ' + m.par, 14, 80, { size: 10 });
    G.text('LIGHTS ON ' + sum(m.board), 14, 96, { size: 10 });
    G.text('Space press a light:', 14, 116, { size: 8 });
    G.text('it and its neighbours', 14, 128, { size: 8 });
    G.text('switch. All off wins.', 14, 140, { size: 8 });
  }

  function cursor(G, ctx, r, m) {
    var pulse = 1 + Math.round(Math.abs(Math.sin(m.t * 6)));
    ctx.strokeStyle = G.color('accent', '#ffd34d'); ctx.lineWidth = pulse + 1;
    ctx.strokeRect(r.x + m.cx * r.c + 1, r.y + m.cy * r.c + 1, r.c - 3, r.c - 3); ctx.lineWidth = 1;
  }

  function draw(G, w, ctx) { if (w.mode === 'lights_out') drawLights(G, w, ctx); else drawMines(G, w, ctx); }

  function player(w) {
    var r = boardRect(w);
    return { x: r.x + w.cx * r.c, y: r.y + w.cy * r.c };
  }

  function hud(G, w) {
    if (w.mode === 'lights_out') return 'MOVES ' + w.moves + '   Arrows move, Space presses (or tap a light)';
    return 'MINES ' + Math.max(0, w.total - sum(w.flag)) + '   Arrows move, Space reveals, F flags (click / right-click)';
  }

  // QA hooks (maestro/genres/grid_logic/qa.py): the level as plain JSON, pointer gestures, the F key.
  var qa = {
    view: function (G, w) {
      if (w.mode === 'lights_out') {
        return { mode: w.mode, board: copyGrid(w.board), moves: w.moves, used: w.used, cx: w.cx, cy: w.cy,
                 score: w.score, won: w.won, over: w.over };
      }
      return { mode: w.mode, mines: copyGrid(w.mines), open: copyGrid(w.open), flag: copyGrid(w.flag), cx: w.cx, cy: w.cy,
               started: w.started, blown: w.blown, score: w.score, won: w.won, over: w.over };
    },
    gesture: function (G, w, x0, y0, x1, y1, ms, button) { pointerUp(w, x0, y0, x1, y1, ms || 0, button || 0); return w.taps.length; },
    flagKey: function (G) { flagKey(G); return G.world ? G.world.taps.length : 0; },
    rect: function (G, w) { return boardRect(w); },
    count: function (G, w, x, y) { return countAt(w, x, y); }
  };

  Maestro.registerGenre('grid_logic', {
    start: start, update: update, draw: draw, player: player, hud: hud, qa: qa, respawn: respawn,
    // Lives only when the GDD gives some (then a blown mine or a spent board costs one); else either ends the game.
    usesLives: function (spec) {
      return (spec.mechanics || []).some(function (m) { return m.id === 'lives'; });
    },
    help: function (G) {
      return G.spec.mode === 'lights_out' ? 'Arrows move, Space presses a light and its neighbours (or tap)'
        : 'Arrows move, Space reveals, F flags (click reveals, right-click or long press flags)';
    },
    cast: { enemies: 'avoid', items: 'flag' }  // the title screen's words: mines are avoided, flags planted
  });
})();
