/* Maestro genre module: tile_puzzle (falling blocks "falling", swap-the-gems "match3", 2048 "merge",
 * pair-matching solitaire "mahjong": its rules, drawing and clicks are one section, "mahjong", below).
 *
 * The rules are exactly those of maestro/genres/tile_puzzle/rules.py (classes Falling and Match3),
 * whose solver proves every level; all integers, so both agree bit for bit:
 *  falling: a 10x20 well, the seven tetrominoes (rotation table config.pieces), a 7-bag shuffled by
 *    Fisher-Yates on MINSTD (s = s * 48271 % 2147483647, seeded by level.bag_seed). Each fixed step:
 *    Up rotates clockwise (kicks 0, -1, +1 column); Left / Right shift when pressed, repeat while held
 *    (after config.das frames, every config.arr); Space / Enter hard-drops (2 points a row) and locks;
 *    then gravity: a row every level.gravity frames (every 2 while Down is held, 1 point a row), or a
 *    lock when the piece rests. A lock clears full rows (100/300/500/800 x stage), spawns the next
 *    piece; level.lines rows cleared wins, a piece that cannot spawn tops out (lost).
 *  match3: arrows move the cursor; Space / Enter picks the gem; an arrow then swaps it with that
 *    neighbour. A swap making a line of 3+ costs a move, clears every line (10 x gems x cascade step),
 *    gems fall, columns refill top-down from a MINSTD generator (level.refill_seed), left column
 *    first, and cascades clear again; a swap making no line is undone. A board without a move is
 *    dealt anew. goal.count gems of goal.kind within level.moves wins; out of moves loses.
 *  merge: a 4x4 grid of tiles (exponents: 1 = 2, 2 = 4 ...). An arrow slides every tile that way; two
 *    equal neighbours merge once per slide (scoring the new tile). A slide that moved anything spawns
 *    a tile in the (s % empties)-th empty cell, row by row, a 4 when the next s % 10 is 0, else a 2
 *    (MINSTD, level.spawn_seed). A tile of level.target wins; a full board with no merge loses.
 * Mouse / touch (this module's own pointer listener): falling: tap left / right of the well to shift,
 *    tap the well to rotate, swipe down to drop, swipe sideways to shift; match3: tap a gem to pick it,
 *    tap or drag to a neighbour to swap; merge: swipe to slide.
 *  mahjong: the rules of maestro/genres/tile_puzzle/mahjong.py (class Mahjong): free tiles, pairs of a
 *    face taken, shuffles by reverse play on MINSTD (level.shuffle_seed) when no free pair is left.
 * module.player(world) is the falling piece (or the match-3 / mahjong cursor) in screen pixels.
 */
(function () {
  'use strict';

  var MOD = 2147483647, MUL = 48271;
  var KICKS = [0, -1, 1], SOFT = 2;
  var CELL = 12, WELL_X = 180, WELL_Y = 16;
  var KEYS = ['left', 'right', 'up', 'down', 'action'];
  var DIRS = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }
  function lcg(s) { return (s * MUL) % MOD; }
  function seedOf(v) { return (Math.floor(num(v, 1)) || 1) % (MOD - 1) + 1; }
  function hasFrame(G, name) {
    var a = G.data.atlas;
    return !!(name && a && a.frames && a.frames[name] && a.frames[name].length);
  }
  function copyBoard(b) { return b.map(function (r) { return r.slice(); }); }
  function emptyBoard(w, h, v) {
    var b = [];
    for (var y = 0; y < h; y++) { var r = []; for (var x = 0; x < w; x++) r.push(v); b.push(r); }
    return b;
  }

  // ---- falling: the rule book (rules.py: Falling) ---------------------------------------------
  function fStart(G, level) {
    var cfg = G.cfg || {}, w = num(cfg.well_w, 10), h = num(cfg.well_h, 20);
    var f = {
      mode: 'falling', pieces: cfg.pieces, w: w, h: h, gravity: Math.max(1, num(level.gravity, 36)),
      goal: num(level.lines, 4), stage: num(level.stage, 1), das: num(cfg.das, 12), arr: Math.max(1, num(cfg.arr, 3)),
      spawnX: num(cfg.spawn_x, 3), board: level.board ? copyBoard(level.board) : emptyBoard(w, h, 0),
      rng: seedOf(level.bag_seed), queue: [], kind: 0, rot: 0, x: 0, y: 0, fall: 0, dasL: 0, dasR: 0,
      lines: 0, score: 0, placed: 0, won: false, over: false
    };
    spawn(f);
    return f;
  }
  function refill(f) {
    var bag = [0, 1, 2, 3, 4, 5, 6];
    for (var i = 6; i > 0; i--) {
      f.rng = lcg(f.rng);
      var j = f.rng % (i + 1), t = bag[i]; bag[i] = bag[j]; bag[j] = t;
    }
    for (var k = 0; k < 7; k++) f.queue.push(bag[k]);
  }
  function spawn(f) {
    if (f.queue.length < 2) refill(f);
    f.kind = f.queue.shift();
    f.rot = 0; f.x = f.spawnX; f.y = 0; f.fall = 0;
    if (!fits(f, f.kind, f.rot, f.x, f.y)) f.over = true;
  }
  function cells(f, kind, rot, x, y) {
    return f.pieces[kind][rot % 4].map(function (c) { return [x + c[0], y + c[1]]; });
  }
  function fits(f, kind, rot, x, y) {
    var cs = cells(f, kind, rot, x, y);
    for (var i = 0; i < cs.length; i++) {
      var cx = cs[i][0], cy = cs[i][1];
      if (cx < 0 || cx >= f.w || cy < 0 || cy >= f.h || f.board[cy][cx]) return false;
    }
    return true;
  }
  function shift(f, dx) {
    if (fits(f, f.kind, f.rot, f.x + dx, f.y)) { f.x += dx; return true; }
    return false;
  }
  function rotate(f) {
    var r = (f.rot + 1) % 4;
    for (var i = 0; i < KICKS.length; i++) {
      if (fits(f, f.kind, r, f.x + KICKS[i], f.y)) { f.rot = r; f.x += KICKS[i]; return true; }
    }
    return false;
  }
  function ghostY(f) {
    var y = f.y;
    while (fits(f, f.kind, f.rot, f.x, y + 1)) y++;
    return y;
  }
  function lock(f, G) {
    cells(f, f.kind, f.rot, f.x, f.y).forEach(function (c) { f.board[c[1]][c[0]] = f.kind + 1; });
    f.placed++;
    var kept = [], full = [];
    f.board.forEach(function (r, y) {
      if (r.every(function (v) { return v > 0; })) full.push(y); else kept.push(r);
    });
    var n = f.h - kept.length;
    f.board = emptyBoard(f.w, n, 0).concat(kept);
    f.lines += n;
    var pts = (G.cfg.line_points || [0, 100, 300, 500, 800])[Math.min(n, 4)] * f.stage;
    f.score += pts;
    if (pts) G.addScore(pts);
    if (n && f.fx) f.fx.push({ rows: full, t: 0 });
    if (f.lines >= f.goal) f.won = true; else spawn(f);
    return n;
  }
  // One fixed step (rules.py: Falling.frame); p / hd: pressed / held actions.
  function fFrame(f, p, hd, G) {
    if (f.won || f.over) return '';
    var what = '';
    if (p.up && rotate(f)) what = 'rotate';
    [['left', -1, 'dasL'], ['right', 1, 'dasR']].forEach(function (d) {
      if (p[d[0]]) {
        f[d[2]] = 0;
        if (shift(f, d[1])) what = what || 'move';
      } else if (hd[d[0]]) {
        var n = f[d[2]] + 1;
        f[d[2]] = n;
        if (n >= f.das && (n - f.das) % f.arr === 0 && shift(f, d[1])) what = what || 'move';
      } else {
        f[d[2]] = 0;
      }
    });
    if (p.action) {
      var y0 = f.y;
      f.y = ghostY(f);
      var bonus = 2 * (f.y - y0);
      f.score += bonus; if (bonus) G.addScore(bonus);
      return lock(f, G) ? 'clear' : 'drop';
    }
    f.fall++;
    var soft = !!hd.down;
    if (f.fall >= (soft ? Math.min(f.gravity, SOFT) : f.gravity)) {
      f.fall = 0;
      if (fits(f, f.kind, f.rot, f.x, f.y + 1)) {
        f.y++;
        if (soft) { f.score += 1; G.addScore(1); }
      } else {
        return lock(f, G) ? 'clear' : 'lock';
      }
    }
    return what;
  }

  // ---- match3: the rule book (rules.py: Match3) -----------------------------------------------
  function runs(b) {
    var h = b.length, w = b[0].length, out = {}, x, y, e, i;
    for (y = 0; y < h; y++) {
      x = 0;
      while (x < w) {
        e = x;
        while (e + 1 < w && b[y][e + 1] === b[y][x]) e++;
        if (e - x >= 2 && b[y][x] >= 0) for (i = x; i <= e; i++) out[y * w + i] = true;
        x = e + 1;
      }
    }
    for (x = 0; x < w; x++) {
      y = 0;
      while (y < h) {
        e = y;
        while (e + 1 < h && b[e + 1][x] === b[y][x]) e++;
        if (e - y >= 2 && b[y][x] >= 0) for (i = y; i <= e; i++) out[i * w + x] = true;
        y = e + 1;
      }
    }
    return Object.keys(out).map(Number);
  }
  function lineAt(b, x, y) {
    var h = b.length, w = b[0].length, v = b[y][x], a = 1, i;
    for (i = x - 1; i >= 0 && b[y][i] === v; i--) a++;
    for (i = x + 1; i < w && b[y][i] === v; i++) a++;
    if (a >= 3) return true;
    a = 1;
    for (i = y - 1; i >= 0 && b[i][x] === v; i--) a++;
    for (i = y + 1; i < h && b[i][x] === v; i++) a++;
    return a >= 3;
  }
  function swapMatches(b, x, y, dx, dy) {
    var h = b.length, w = b[0].length, x2 = x + dx, y2 = y + dy;
    if (x2 < 0 || x2 >= w || y2 < 0 || y2 >= h || b[y][x] === b[y2][x2]) return false;
    var t = b[y][x]; b[y][x] = b[y2][x2]; b[y2][x2] = t;
    var ok = lineAt(b, x, y) || lineAt(b, x2, y2);
    t = b[y][x]; b[y][x] = b[y2][x2]; b[y2][x2] = t;
    return ok;
  }
  function hasMove(b) {
    for (var y = 0; y < b.length; y++) {
      for (var x = 0; x < b[0].length; x++) {
        if (swapMatches(b, x, y, 1, 0) || swapMatches(b, x, y, 0, 1)) return true;
      }
    }
    return false;
  }
  function deal(w, h, colors, rng) {
    var b = null;
    for (var tries = 0; tries < 40; tries++) {
      b = emptyBoard(w, h, 0);
      for (var y = 0; y < h; y++) {
        for (var x = 0; x < w; x++) {
          rng = lcg(rng);
          var v = rng % colors;
          for (var k = 0; k < colors; k++) {
            if ((x >= 2 && b[y][x - 1] === v && b[y][x - 2] === v) || (y >= 2 && b[y - 1][x] === v && b[y - 2][x] === v)) {
              v = (v + 1) % colors;
            }
          }
          b[y][x] = v;
        }
      }
      if (hasMove(b)) break;
    }
    return [b, rng];
  }
  function mStart(G, level) {
    var b = copyBoard(level.board || [[0]]), colors = num(level.colors, 5), goal = level.goal || {};
    var col = [];
    for (var i = 0; i < colors; i++) col.push(0);
    return {
      mode: 'match3', board: b, colors: colors, rng: seedOf(level.refill_seed), moves: num(level.moves, 15),
      goalKind: num(goal.kind, 0), goalCount: num(goal.count, 10), collected: col,
      cx: Math.floor(b[0].length / 2), cy: Math.floor(b.length / 2), sel: false, score: 0, chain: 0,
      won: false, over: false, deals: 0
    };
  }
  function resolve(m, G) {
    var b = m.board, h = b.length, w = b[0].length, chain = 0;
    for (;;) {
      var marks = runs(b);
      if (!marks.length) break;
      chain++;
      marks.forEach(function (k) {
        var x = k % w, y = Math.floor(k / w);
        m.collected[b[y][x]]++;
        if (m.fx) m.fx.push({ x: x, y: y, kind: b[y][x], t: -0.12 * (chain - 1) });
        b[y][x] = -1;
      });
      var pts = 10 * marks.length * chain;
      m.score += pts; G.addScore(pts);
      for (var x = 0; x < w; x++) {
        var col = [];
        for (var y = 0; y < h; y++) if (b[y][x] >= 0) col.push(b[y][x]);
        var empty = h - col.length;
        for (y = 0; y < h; y++) b[y][x] = y >= empty ? col[y - empty] : -1;
        for (y = empty - 1; y >= 0; y--) { m.rng = lcg(m.rng); b[y][x] = m.rng % m.colors; }
      }
    }
    m.chain = chain;
    return chain;
  }
  function mSwap(m, x, y, d, G) {
    var dv = DIRS[d], b = m.board, h = b.length, w = b[0].length, x2 = x + dv[0], y2 = y + dv[1];
    if (x2 < 0 || x2 >= w || y2 < 0 || y2 >= h) return '';
    if (!swapMatches(b, x, y, dv[0], dv[1])) return 'undone';
    var t = b[y][x]; b[y][x] = b[y2][x2]; b[y2][x2] = t;
    m.moves--;
    resolve(m, G);
    if (m.collected[m.goalKind] >= m.goalCount) m.won = true;
    else if (m.moves <= 0) m.over = true;
    else if (!hasMove(m.board)) {
      var r = deal(w, h, m.colors, m.rng); m.board = r[0]; m.rng = r[1]; m.deals++;
    }
    return m.chain > 1 ? 'cascade' : 'swap';
  }
  function mPress(m, a, G) {
    if (m.won || m.over) return '';
    var h = m.board.length, w = m.board[0].length;
    if (a === 'action') { m.sel = !m.sel; return 'select'; }
    var dv = DIRS[a];
    if (!dv) return '';
    if (m.sel) { m.sel = false; return mSwap(m, m.cx, m.cy, a, G); }
    m.cx = Math.min(w - 1, Math.max(0, m.cx + dv[0]));
    m.cy = Math.min(h - 1, Math.max(0, m.cy + dv[1]));
    return 'cursor';
  }

  // ---- merge (2048): the rule book (rules.py: Merge) ------------------------------------------
  function slideRow(row) {
    var tiles = row.filter(function (v) { return v > 0; }), out = [], pts = 0, i = 0;
    while (i < tiles.length) {
      if (i + 1 < tiles.length && tiles[i] === tiles[i + 1]) { out.push(tiles[i] + 1); pts += Math.pow(2, tiles[i] + 1); i += 2; }
      else { out.push(tiles[i]); i++; }
    }
    while (out.length < row.length) out.push(0);
    return [out, pts];
  }
  function slide(board, d) {
    var n = board.length, b = copyBoard(board), pts = 0, i, y;
    for (i = 0; i < n; i++) {
      var line;
      if (d === 'left' || d === 'right') line = d === 'left' ? b[i].slice() : b[i].slice().reverse();
      else { line = []; for (y = 0; y < n; y++) line.push(b[y][i]); if (d === 'down') line.reverse(); }
      var r = slideRow(line), moved = r[0];
      pts += r[1];
      if (d === 'right' || d === 'down') moved.reverse();
      if (d === 'left' || d === 'right') b[i] = moved; else for (y = 0; y < n; y++) b[y][i] = moved[y];
    }
    return [b, pts];
  }
  function sameBoard(a, b) {
    for (var y = 0; y < a.length; y++) for (var x = 0; x < a[y].length; x++) if (a[y][x] !== b[y][x]) return false;
    return true;
  }
  function canMove(b) {
    return ['left', 'right', 'up', 'down'].some(function (d) { return !sameBoard(slide(b, d)[0], b); });
  }
  function spawnTile(b, rng) {
    var empty = [];
    for (var y = 0; y < b.length; y++) for (var x = 0; x < b.length; x++) if (!b[y][x]) empty.push([x, y]);
    if (!empty.length) return rng;
    rng = lcg(rng);
    var c = empty[rng % empty.length];
    rng = lcg(rng);
    b[c[1]][c[0]] = rng % 10 === 0 ? 2 : 1;
    return rng;
  }
  function gStart(G, level) {
    return { mode: 'merge', board: copyBoard(level.board || emptyBoard(4, 4, 0)), rng: seedOf(level.spawn_seed),
             target: num(level.target, 7), score: 0, moves: 0, won: false, over: false, born: null };
  }
  function gPress(m, a, G) {
    if (m.won || m.over || !DIRS[a]) return '';
    var r = slide(m.board, a);
    if (sameBoard(r[0], m.board)) return '';
    m.board = r[0]; m.score += r[1]; m.moves++;
    if (r[1]) G.addScore(r[1]);
    var before = copyBoard(m.board);
    m.rng = spawnTile(m.board, m.rng);
    m.born = null; m.bornT = m.t || 0;
    for (var y = 0; y < m.board.length; y++) for (var x = 0; x < m.board.length; x++) if (m.board[y][x] !== before[y][x]) m.born = [x, y];
    var top = 0;
    m.board.forEach(function (row) { row.forEach(function (v) { top = Math.max(top, v); }); });
    if (top >= m.target) m.won = true;
    else if (!canMove(m.board)) m.over = true;
    return r[1] ? 'merge' : 'slide';
  }

  // ==== mahjong (pair-matching solitaire): the rule book (mahjong.py: Mahjong) =====================
  // Tiles at (x, y, z) in half-tile units; tile j lies on i when z_j > z_i, |dx| < 2 and |dy| < 2;
  // it flanks i on the left when z_j = z_i, x_j = x_i - 2, |dy| < 2 (right: x_i + 2). Free: nothing
  // on it, and its left or its right side open. Reading order: y, x, the higher layer first, index.
  function jGeometry(tiles) {
    var n = tiles.length, above = [], left = [], right = [], i, j;
    for (i = 0; i < n; i++) { above.push([]); left.push([]); right.push([]); }
    for (i = 0; i < n; i++) {
      var t = tiles[i];
      for (j = 0; j < n; j++) {
        var u = tiles[j];
        if (i === j || Math.abs(u[1] - t[1]) >= 2) continue;
        if (u[2] > t[2] && Math.abs(u[0] - t[0]) < 2) above[i].push(j);
        else if (u[2] === t[2] && u[0] === t[0] - 2) left[i].push(j);
        else if (u[2] === t[2] && u[0] === t[0] + 2) right[i].push(j);
      }
    }
    return { above: above, left: left, right: right };
  }
  function jAny(list, alive) {
    for (var k = 0; k < list.length; k++) if (alive[list[k]]) return true;
    return false;
  }
  function jFreeIn(geo, i, alive) {
    if (!alive[i] || jAny(geo.above[i], alive)) return false;
    return !jAny(geo.left[i], alive) || !jAny(geo.right[i], alive);
  }
  function jFree(w, i) { return jFreeIn(w.geo, i, w.alive); }
  function jBefore(w, a, b) {  // reading order: a before b?
    var p = w.tiles[a], q = w.tiles[b];
    if (p[1] !== q[1]) return p[1] - q[1];
    if (p[0] !== q[0]) return p[0] - q[0];
    if (p[2] !== q[2]) return q[2] - p[2];
    return a - b;
  }
  function jFreeTiles(w) {
    var out = [];
    for (var i = 0; i < w.tiles.length; i++) if (jFree(w, i)) out.push(i);
    return out.sort(function (a, b) { return jBefore(w, a, b); });
  }
  function jHasPair(w) {
    var seen = {};
    for (var i = 0; i < w.tiles.length; i++) {
      if (!jFree(w, i)) continue;
      if (seen[w.faces[i]]) return true;
      seen[w.faces[i]] = true;
    }
    return false;
  }
  function jNextFree(w, after) {  // the first free tile at or after `after` in reading order (-1: none)
    var order = jFreeTiles(w);
    if (!order.length) return -1;
    if (after === null || after < 0) return order[0];
    for (var k = 0; k < order.length; k++) if (jBefore(w, order[k], after) >= 0) return order[k];
    return order[0];
  }
  function jShuffled(items, rng) {  // Fisher-Yates on MINSTD, from the end
    var out = items.slice();
    for (var i = out.length - 1; i > 0; i--) {
      rng = lcg(rng);
      var j = rng % (i + 1), t = out[i]; out[i] = out[j]; out[j] = t;
    }
    return [out, rng];
  }
  // Reverse play: two tiles free among those still to fill, drawn by MINSTD, until none is left; the
  // k-th pair gets pairFaces[k]. Returns [{tile: face} or null (every try failed), rng].
  function jDeal(geo, fill, pairFaces, rng, tries, n) {
    for (var t = 0; t < tries; t++) {
      var left = [], order = [], k;
      for (k = 0; k < n; k++) left.push(false);
      for (k = 0; k < fill.length; k++) left[fill[k]] = true;
      while (order.length < fill.length) {
        var free = fill.filter(function (i) { return jFreeIn(geo, i, left); });
        if (free.length < 2) break;
        rng = lcg(rng);
        var a = free.splice(rng % free.length, 1)[0];
        rng = lcg(rng);
        var b = free[rng % free.length];
        left[a] = false; left[b] = false;
        order.push(a, b);
      }
      if (order.length === fill.length) {
        var got = {};
        for (k = 0; k < order.length; k++) got[order[k]] = pairFaces[Math.floor(k / 2)];
        return [got, rng];
      }
    }
    return [null, rng];
  }
  var J_DEAL_TRIES = 12, J_POINTS = 10;
  function jStart(G, level) {
    var tiles = (level.tiles || []).map(function (t) { return [t[0], t[1], t[2]]; });
    var w = {
      mode: 'mahjong', tiles: tiles, geo: jGeometry(tiles), faces: (level.faces || []).slice(),
      alive: tiles.map(function () { return true; }), shuffles: num(level.shuffles, 0), rng: seedOf(level.shuffle_seed),
      cursor: -1, sel: -1, moves: 0, misses: 0, shuffled: 0, score: 0, won: false, over: false, stage: num(level.stage, 1)
    };
    w.cursor = jNextFree(w, null);
    return w;
  }
  function jReshuffle(w) {
    var fill = [], i;
    for (i = 0; i < w.tiles.length; i++) if (w.alive[i]) fill.push(i);
    var left = fill.map(function (t) { return w.faces[t]; }).sort(function (a, b) { return a - b; });
    var r = jShuffled(left.filter(function (f, k) { return k % 2 === 0; }), w.rng);
    w.rng = r[1];
    var d = jDeal(w.geo, fill, r[0], w.rng, J_DEAL_TRIES, w.tiles.length), got = d[0];
    w.rng = d[1];
    if (got === null) {  // a rescue, not a promise: the faces left in a plain Fisher-Yates
      var p = jShuffled(left, w.rng);
      w.rng = p[1]; got = {};
      for (i = 0; i < fill.length; i++) got[fill[i]] = p[0][i];
    }
    for (i = 0; i < fill.length; i++) w.faces[fill[i]] = got[fill[i]];
    w.sel = -1;
    w.cursor = jNextFree(w, w.cursor >= 0 ? w.cursor : null);
  }
  function jSettle(w) {  // no free pair: spend the shuffles until one shows, else the level is lost
    while (!jHasPair(w)) {
      if (w.shuffles <= 0) { w.over = true; return; }
      w.shuffles--; w.shuffled++;
      jReshuffle(w);
    }
  }
  function jPick(w, i, G) {
    if (w.won || w.over || !(i >= 0 && i < w.tiles.length) || !w.alive[i]) return '';
    if (!jFree(w, i)) return 'blocked';
    if (w.sel < 0) { w.sel = i; w.cursor = i; return 'select'; }
    if (w.sel === i) { w.sel = -1; return 'deselect'; }
    if (w.faces[w.sel] !== w.faces[i]) { w.misses++; w.sel = i; w.cursor = i; return 'mismatch'; }
    if (w.fx) w.fx.push({ tiles: [w.sel, i], t: 0 });
    w.alive[w.sel] = false; w.alive[i] = false;
    w.sel = -1; w.moves++; w.score += J_POINTS; G.addScore(J_POINTS);
    w.cursor = jNextFree(w, i);
    if (!w.alive.some(function (a) { return a; })) { w.won = true; return 'match'; }
    jSettle(w);
    return 'match';
  }
  function jPress(w, a, G) {
    if (w.won || w.over) return '';
    if (a === 'action') return w.cursor >= 0 ? jPick(w, w.cursor, G) : '';
    var order, k;
    if (a === 'left' || a === 'right') {
      order = jFreeTiles(w);
      if (!order.length) return '';
      var at = order.indexOf(w.cursor), n = order.length;
      var nxt = at >= 0 ? order[(((at + (a === 'right' ? 1 : -1)) % n) + n) % n] : order[0];
      if (nxt === w.cursor) return '';
      w.cursor = nxt;
      return 'cursor';
    }
    if (a === 'up' || a === 'down') {
      if (w.cursor < 0) return '';
      var c = w.tiles[w.cursor], sign = a === 'up' ? -1 : 1, best = -1;
      order = jFreeTiles(w);
      for (k = 0; k < order.length; k++) {  // nearest row first, then the nearest column, then reading order
        var t = w.tiles[order[k]];
        if ((t[1] - c[1]) * sign <= 0) continue;
        if (best < 0) { best = order[k]; continue; }
        var b = w.tiles[best], dy = Math.abs(t[1] - c[1]) - Math.abs(b[1] - c[1]);
        var dx = Math.abs(t[0] - c[0]) - Math.abs(b[0] - c[0]);
        if (dy < 0 || (dy === 0 && (dx < 0 || (dx === 0 && jBefore(w, order[k], best) < 0)))) best = order[k];
      }
      if (best < 0) return '';
      w.cursor = best;
      return 'cursor';
    }
    return '';
  }
  function jPairsLeft(w) { return Math.floor(w.alive.filter(function (a) { return a; }).length / 2); }

  // ---- mahjong: where the tiles are drawn (and clicked) --------------------------------------------
  var J_DZ = 3;  // a layer is drawn this many pixels up and left of the one below
  function jLayout(w) {
    if (w.view) return w.view;
    var minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9, top = 0;
    w.tiles.forEach(function (t) {
      minx = Math.min(minx, t[0]); maxx = Math.max(maxx, t[0] + 2);
      miny = Math.min(miny, t[1]); maxy = Math.max(maxy, t[1] + 2); top = Math.max(top, t[2]);
    });
    var lift = top * J_DZ, availW = 338 - lift, availH = 230 - lift;  // the layers' lift and the shadow take room too
    var hw = Math.max(6, Math.min(16, Math.floor(Math.min(availW / Math.max(2, maxx - minx), availH / (1.3 * Math.max(2, maxy - miny))))));
    var hh = Math.round(hw * 1.3);
    var bw = (maxx - minx) * hw, bh = (maxy - miny) * hh;
    w.view = { minx: minx, miny: miny, hw: hw, hh: hh, top: top,
               ox: 136 + lift + Math.round((availW - bw) / 2), oy: 20 + lift + Math.round((availH - bh) / 2) };
    return w.view;
  }
  function jRect(w, i) {  // tile i's face on screen
    var v = jLayout(w), t = w.tiles[i];
    return { x: v.ox + (t[0] - v.minx) * v.hw - t[2] * J_DZ, y: v.oy + (t[1] - v.miny) * v.hh - t[2] * J_DZ,
             w: 2 * v.hw - 1, h: 2 * v.hh - 1 };
  }
  function jHit(w, x, y) {  // the topmost live tile under (x, y), -1 for none
    for (var i = w.tiles.length - 1; i >= 0; i--) {
      if (!w.alive[i]) continue;
      var r = jRect(w, i);
      if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) return i;
    }
    return -1;
  }
  function jGlyph(G, ctx, f, x, y, s) {  // a standard suit's mark, in a box s wide at (x, y)
    var c = f.color || '#333';
    ctx.fillStyle = c;
    if (f.suit === 0) { ctx.beginPath(); ctx.arc(x + s / 2, y + s / 2, s / 3, 0, Math.PI * 2); ctx.fill();
      ctx.fillStyle = '#f6f0de'; ctx.beginPath(); ctx.arc(x + s / 2, y + s / 2, s / 7, 0, Math.PI * 2); ctx.fill(); }
    else if (f.suit === 1) { ctx.fillRect(x + s / 4, y + 1, 2, s - 2); ctx.fillRect(x + s / 2, y + 1, 2, s - 2); ctx.fillRect(x + 3 * s / 4 - 1, y + 1, 2, s - 2); }
    else if (f.suit === 2) { ctx.fillRect(x + 1, y + s / 2 - 1, s - 2, 2); ctx.fillRect(x + s / 2 - 1, y + 1, 2, s - 2); ctx.fillRect(x + 2, y + 2, s / 3, 2); }
    else { ctx.strokeStyle = c; ctx.strokeRect(x + 1.5, y + 1.5, s - 3, s - 3); }
  }
  function jFace(G, ctx, w, i, r) {
    var f = (G.cfg.faces || [])[w.faces[i]] || { label: String(w.faces[i]), color: '#333', suit: 0 };
    var s = Math.min(r.w, r.h);
    if (f.slug && hasFrame(G, f.slug)) {  // the GDD's own kind of tile: its sprite, and its rank
      G.sprite(f.slug, 0, r.x + 2, r.y + 2, { w: r.w - 4, h: r.w - 4, screen: true });
      G.text(f.label, r.x + r.w - 3, r.y + r.h - 12, { align: 'right', size: 10, color: f.color, shadow: false });
      return;
    }
    var g = Math.max(6, Math.floor(s * 0.45));
    if (f.suit <= 2 && !f.slug) jGlyph(G, ctx, f, r.x + (r.w - g) / 2, r.y + r.h - g - 3, g);
    else if (f.slug) {  // a GDD suit without a sprite (headless, no atlas): its initial
      var suitName = (G.cfg.suit_names || [])[f.suit] || '?';
      G.text(String(suitName).slice(0, 2), r.x + r.w / 2, r.y + r.h - g - 2, { align: 'center', size: 8, color: f.color, shadow: false });
    }
    G.text(f.label, r.x + r.w / 2, r.y + 3, { align: 'center', size: Math.max(8, Math.floor(s * 0.42)), color: f.color, shadow: false });
  }
  function drawMahjong(G, w, ctx) {
    var ivory = '#f6f0de', edge = shade(G.color('wall', '#8b6d4c'), -0.1);
    var sel = w.sel, cur = w.cursor;
    for (var i = 0; i < w.tiles.length; i++) {
      if (!w.alive[i]) continue;
      var r = jRect(w, i);
      ctx.fillStyle = 'rgba(0,0,0,0.35)'; ctx.fillRect(r.x + 3, r.y + 3, r.w, r.h);
      ctx.fillStyle = edge; ctx.fillRect(r.x + 1, r.y + 1, r.w + 1, r.h + 1);
      var face = (G.cfg.faces || [])[w.faces[i]] || {};
      // a GDD suit's tiles are tinted with its colour: its pictures may look alike, its colour does not
      ctx.fillStyle = i === sel ? '#ffe58a' : face.slug ? shade(face.color, 0.72) : ivory; ctx.fillRect(r.x, r.y, r.w, r.h);
      ctx.strokeStyle = 'rgba(0,0,0,0.35)'; ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
      jFace(G, ctx, w, i, r);
      if (!jFree(w, i)) { ctx.fillStyle = 'rgba(0,0,0,0.22)'; ctx.fillRect(r.x, r.y, r.w, r.h); }  // blocked: dimmed
    }
    if (cur >= 0 && w.alive[cur]) {
      var c = jRect(w, cur);
      ctx.strokeStyle = G.color('accent', '#ffd34d'); ctx.lineWidth = 2 + (Math.sin(w.t * 8) > 0 ? 1 : 0);
      ctx.strokeRect(c.x - 1, c.y - 1, c.w + 2, c.h + 2); ctx.lineWidth = 1;
    }
    w.fx.forEach(function (e) {  // a pair taken: a flash where it was
      if (!e.tiles) return;
      ctx.fillStyle = 'rgba(255,255,255,' + (0.8 * (1 - e.t / 0.4)).toFixed(2) + ')';
      e.tiles.forEach(function (t) { var q = jRect(w, t); ctx.fillRect(q.x, q.y, q.w, q.h); });
    });
    panel(ctx, 6, 24, 122, 156);
    avatar(G, ctx, 12, 30);
    G.text('PAIRS LEFT ' + jPairsLeft(w), 12, 62, { size: 10, color: G.color('accent', '#ffd34d') });
    G.text('MOVES ' + w.moves, 12, 78, { size: 10 });
    G.text('SHUFFLES ' + w.shuffles, 12, 94, { size: 10, color: w.shuffles ? undefined : '#ff9d9d' });
    G.text('LEVEL ' + w.stage, 12, 110, { size: 10 });
    G.text('SCORE ' + G.score, 12, 126, { size: 10 });
    if (sel >= 0) {
      var f = (G.cfg.faces || [])[w.faces[sel]] || {};
      G.text('Picked: ' + String(f.name || '').slice(0, 12), 12, 160, { size: 8, color: '#ffe58a' });
    }
    if (w.shuffleT > 0) G.text('No moves left: shuffled!', 12, 170, { size: 8, color: '#a6ff9d' });
  }
  // ==== end of the mahjong section ================================================================

  // ---- the module: start / update ---------------------------------------------------------------
  function start(G, level) {
    attachPointer(G);
    var w = level.mode === 'match3' ? mStart(G, level) : level.mode === 'merge' ? gStart(G, level)
      : level.mode === 'mahjong' ? jStart(G, level) : fStart(G, level);
    w.fx = []; w.t = 0; w.taps = []; w.done = false; w.last = ''; w.shake = 0; w.level = level;
    return w;
  }

  function finish(G, w) {
    if (w.done) return;
    if (w.won) { w.done = true; G.win(); }
    else if (w.over) {
      w.done = true;
      var why = w.mode === 'match3' ? 'out of moves' : (w.mode === 'merge' || w.mode === 'mahjong') ? 'no moves left' : 'topped out';
      if (G.lives !== null) G.hurt(why); else G.gameOver(why);
    }
  }

  // What each outcome sounds like (literal names: QA reads which sounds the code plays).
  function sound(G, what) {
    if (what === 'rotate' || what === 'move' || what === 'cursor') G.sfx('step');
    else if (what === 'drop' || what === 'lock') G.sfx('push');
    else if (what === 'clear' || what === 'swap' || what === 'merge') G.sfx('coin');
    else if (what === 'slide') G.sfx('step');
    else if (what === 'cascade') G.sfx('powerup');
    else if (what === 'select' || what === 'deselect') G.sfx('select');
    else if (what === 'undone') { G.sfx('undo'); if (G.world) G.world.shake = 0.25; }  // a refused swap shakes
    else if (what === 'match') G.sfx('coin');  // mahjong: a pair taken
    else if (what === 'mismatch' || what === 'blocked') G.sfx('undo');  // mahjong: two faces, or a tile not free
    else if (what === 'shuffle') G.sfx('powerup');  // mahjong: no free pair, the tiles re-dealt
  }

  function update(G, w, dt) {
    w.t += dt;
    w.fx = w.fx.filter(function (e) { e.t += dt; return e.t < 0.4; });
    if (w.done) return;
    var tap = w.taps.length ? w.taps.shift() : null;
    if (w.mode === 'falling') {
      var p = {}, hd = {};
      KEYS.forEach(function (k) { p[k] = !!G.pressed[k]; hd[k] = !!G.held[k]; });
      if (tap && tap.key) { p[tap.key] = true; }
      var what = fFrame(w, p, hd, G);
      if (what) { w.last = what; sound(G, what); }
    } else if (w.mode === 'mahjong') {
      var before = w.shuffled, acts = KEYS.filter(function (k) { return G.pressed[k]; });
      if (tap && tap.pick !== undefined) { var t = jPick(w, tap.pick, G); if (t) { w.last = t; sound(G, t); } }
      for (var q = 0; q < acts.length && !w.won && !w.over; q++) {
        var jr = jPress(w, acts[q], G);
        if (jr) { w.last = jr; sound(G, jr); }
      }
      if (w.shuffled > before) { sound(G, 'shuffle'); w.shuffleT = 1.5; }
      if (w.shuffleT > 0) w.shuffleT = Math.max(0, w.shuffleT - dt);
    } else if (w.mode === 'merge') {
      var keys = KEYS.filter(function (k) { return G.pressed[k]; });
      if (tap && tap.key) keys.unshift(tap.key);
      for (var j = 0; j < keys.length && !w.won && !w.over; j++) {
        var g = gPress(w, keys[j], G);
        if (g) { w.last = g; sound(G, g); }
      }
    } else {
      if (tap && tap.cell) {
        w.cx = tap.cell[0]; w.cy = tap.cell[1]; w.sel = true; G.sfx('select');
      } else if (tap && tap.key) {
        var r = mPress(w, tap.key, G);
        if (r) { w.last = r; sound(G, r); }
      }
      for (var i = 0; i < KEYS.length && !w.won && !w.over; i++) {
        if (!G.pressed[KEYS[i]]) continue;
        var res = mPress(w, KEYS[i], G);
        if (res) { w.last = res; sound(G, res); }
      }
    }
    if (w.shake > 0) w.shake = Math.max(0, w.shake - dt);
    finish(G, w);
  }

  // ---- pointer (mouse / touch) ------------------------------------------------------------------
  function boardRect(w) {
    if (w.mode === 'falling') return { x: WELL_X, y: WELL_Y, c: CELL, cols: w.w, rows: w.h };
    if (w.mode === 'merge') {
      var n = w.board.length, c2 = Math.floor(216 / n);
      return { x: Math.round((G_W - n * c2) / 2), y: 16 + Math.round((240 - n * c2) / 2), c: c2, cols: n, rows: n };
    }
    var rows = w.board.length, cols = w.board[0].length, c = cols >= 8 ? 28 : 30;
    return { x: Math.round((G_W - cols * c) / 2), y: 16 + Math.round((240 - rows * c) / 2), c: c, cols: cols, rows: rows };
  }
  var G_W = 480;
  // A tap or drag at game pixels: what it asks of the world (queued, taken one per frame by update).
  function pointerUp(w, x0, y0, x1, y1) {
    var r = w.mode === 'mahjong' ? null : boardRect(w), dx = x1 - x0, dy = y1 - y0;
    if (w.mode === 'mahjong') {  // a tap or a click picks the topmost tile under it
      var hit = jHit(w, x1, y1);
      if (hit >= 0) w.taps.push({ pick: hit });
      return;
    }
    if (w.mode === 'falling') {
      if (dy > 30 && dy > Math.abs(dx)) { w.taps.push({ key: 'action' }); return; }
      if (Math.abs(dx) > r.c) {
        for (var i = 0; i < Math.min(9, Math.round(Math.abs(dx) / r.c)); i++) w.taps.push({ key: dx < 0 ? 'left' : 'right' });
        return;
      }
      if (x1 < r.x) w.taps.push({ key: 'left' });
      else if (x1 > r.x + r.cols * r.c) w.taps.push({ key: 'right' });
      else w.taps.push({ key: 'up' });
      return;
    }
    if (w.mode === 'merge') {  // a swipe slides that way
      if (Math.max(Math.abs(dx), Math.abs(dy)) < 12) return;
      w.taps.push({ key: Math.abs(dx) > Math.abs(dy) ? (dx < 0 ? 'left' : 'right') : (dy < 0 ? 'up' : 'down') });
      return;
    }
    var cx = Math.floor((x0 - r.x) / r.c), cy = Math.floor((y0 - r.y) / r.c);
    if (cx < 0 || cy < 0 || cx >= r.cols || cy >= r.rows) return;
    if (Math.abs(dx) > r.c / 2 || Math.abs(dy) > r.c / 2) {  // a drag: swap that way
      var d = Math.abs(dx) > Math.abs(dy) ? (dx < 0 ? 'left' : 'right') : (dy < 0 ? 'up' : 'down');
      w.taps.push({ cell: [cx, cy] }); w.taps.push({ key: d });
      return;
    }
    var near = w.sel && Math.abs(cx - w.cx) + Math.abs(cy - w.cy) === 1;
    if (near) {
      w.taps.push({ key: cx < w.cx ? 'left' : cx > w.cx ? 'right' : cy < w.cy ? 'up' : 'down' });
    } else if (w.sel && cx === w.cx && cy === w.cy) {
      w.taps.push({ key: 'action' });
    } else {
      w.taps.push({ cell: [cx, cy] });
    }
  }
  function attachPointer(G) {
    if (G.headless || G.tilePointer || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas) return;
    G.tilePointer = true;
    var down = null;
    function at(e) {
      var r = canvas.getBoundingClientRect();
      var s = Math.min(r.width / G.W, r.height / G.H) || 1;
      var ox = (r.width - G.W * s) / 2, oy = (r.height - G.H * s) / 2;
      return [(e.clientX - r.left - ox) / s, (e.clientY - r.top - oy) / s];
    }
    canvas.addEventListener('pointerdown', function (e) { down = at(e); });
    canvas.addEventListener('pointerup', function (e) {
      if (!down || G.status !== 'playing' || !G.world) { down = null; return; }
      var p = at(e);
      pointerUp(G.world, down[0], down[1], p[0], p[1]);
      down = null;
    });
  }

  // ---- drawing ----------------------------------------------------------------------------------
  function shade(hex, k) {
    var n = parseInt(String(hex || '#888888').slice(1), 16);
    var r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    function c(v) { return Math.max(0, Math.min(255, Math.round(k > 0 ? v + (255 - v) * k : v * (1 + k)))); }
    return 'rgb(' + c(r) + ',' + c(g) + ',' + c(b) + ')';
  }
  // A block of kind `kind`: shaded, with the GDD item that names its kind drawn on it (rules.py:
  // config.block_slugs).
  function kindBlock(G, ctx, x, y, s, kind) {
    block(ctx, x, y, s, pieceColor(G, kind));
    var slug = (G.cfg.block_slugs || [])[kind];
    if (slug && s >= 10) G.sprite(slug, 0, x + 2, y + 2, { w: s - 4, h: s - 4, screen: true });
  }
  function block(ctx, x, y, s, color, alpha) {
    ctx.globalAlpha = alpha === undefined ? 1 : alpha;
    ctx.fillStyle = shade(color, -0.35); ctx.fillRect(x, y, s, s);
    ctx.fillStyle = color; ctx.fillRect(x + 1, y + 1, s - 2, s - 2);
    ctx.fillStyle = shade(color, 0.45); ctx.fillRect(x + 1, y + 1, s - 2, 2); ctx.fillRect(x + 1, y + 1, 2, s - 2);
    ctx.fillStyle = shade(color, -0.25); ctx.fillRect(x + 2, y + s - 3, s - 3, 2); ctx.fillRect(x + s - 3, y + 2, 2, s - 3);
    ctx.globalAlpha = 1;
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
  function pieceColor(G, kind) { return (G.cfg.piece_colors || [])[kind] || '#cccccc'; }

  function drawFalling(G, f, ctx) {
    var X = WELL_X, Y = WELL_Y, x, y;
    ctx.fillStyle = 'rgba(0,0,0,0.7)'; ctx.fillRect(X - 3, Y - 1, f.w * CELL + 6, f.h * CELL + 4);
    ctx.fillStyle = shade(G.color('wall', '#556'), -0.2);
    ctx.fillRect(X - 3, Y - 1, 3, f.h * CELL + 4); ctx.fillRect(X + f.w * CELL, Y - 1, 3, f.h * CELL + 4);
    ctx.fillRect(X - 3, Y + f.h * CELL, f.w * CELL + 6, 3);
    ctx.fillStyle = 'rgba(255,255,255,0.05)';
    for (x = 1; x < f.w; x++) ctx.fillRect(X + x * CELL, Y, 1, f.h * CELL);
    for (y = 0; y < f.h; y++) for (x = 0; x < f.w; x++) {
      if (f.board[y][x]) kindBlock(G, ctx, X + x * CELL, Y + y * CELL, CELL, f.board[y][x] - 1);
    }
    if (!f.won && !f.over) {
      var gy = ghostY(f), col = pieceColor(G, f.kind);
      cells(f, f.kind, f.rot, f.x, gy).forEach(function (c) {
        ctx.strokeStyle = col; ctx.globalAlpha = 0.6;
        ctx.strokeRect(X + c[0] * CELL + 1.5, Y + c[1] * CELL + 1.5, CELL - 3, CELL - 3); ctx.globalAlpha = 1;
      });
      cells(f, f.kind, f.rot, f.x, f.y).forEach(function (c) { kindBlock(G, ctx, X + c[0] * CELL, Y + c[1] * CELL, CELL, f.kind); });
    }
    f.fx.forEach(function (e) {
      ctx.fillStyle = 'rgba(255,255,255,' + (0.8 * (1 - e.t / 0.4)).toFixed(2) + ')';
      e.rows.forEach(function (r) { ctx.fillRect(X, Y + r * CELL, f.w * CELL, CELL); });
    });
    // left panel: who plays, the goal; right panel: the next pieces
    panel(ctx, 24, 24, 136, 116);
    avatar(G, ctx, 32, 30);
    G.text('LINES ' + f.lines + ' / ' + f.goal, 32, 62, { size: 10, color: G.color('accent', '#ffd34d') });
    G.text('STAGE ' + f.stage, 32, 78, { size: 10 });
    G.text('SPEED ' + Math.round(600 / f.gravity) / 10 + ' rows/s', 32, 94, { size: 9 });
    G.text('SCORE ' + G.score, 32, 110, { size: 10 });
    var need = Math.max(0, f.goal - f.lines);
    ctx.fillStyle = 'rgba(255,255,255,0.15)'; ctx.fillRect(32, 126, 120, 6);
    ctx.fillStyle = G.color('accent', '#ffd34d'); ctx.fillRect(32, 126, Math.round(120 * (f.goal - need) / Math.max(1, f.goal)), 6);
    panel(ctx, 322, 24, 100, 150);
    G.text('NEXT', 372, 30, { align: 'center', size: 10 });
    for (var i = 0; i < Math.min(3, f.queue.length); i++) {
      var k = f.queue[i], s = i === 0 ? 10 : 7, box = f.pieces[k][0];
      var minx = 9, maxx = -9, miny = 9, maxy = -9;
      box.forEach(function (c) { minx = Math.min(minx, c[0]); maxx = Math.max(maxx, c[0]); miny = Math.min(miny, c[1]); maxy = Math.max(maxy, c[1]); });
      var ox = 372 - (maxx - minx + 1) * s / 2, oy = 48 + (i === 0 ? 0 : 20 + i * 34) + (2 - (maxy - miny + 1)) * s / 2;
      box.forEach(function (c) { kindBlock(G, ctx, Math.round(ox + (c[0] - minx) * s), Math.round(oy + (c[1] - miny) * s), s, k); });
    }
    G.text('Up rotate', 330, 182, { size: 8 });
    G.text('Down soft drop', 330, 194, { size: 8 });
    G.text('Space hard drop', 330, 206, { size: 8 });
  }

  function gem(G, ctx, kind, x, y, s, alpha) {
    var k = (G.cfg.kinds || [])[kind] || {}, color = (G.cfg.gem_colors || [])[kind] || '#ccc';
    if (hasFrame(G, k.slug)) {  // the GDD's own gem: its sprite on a tile of its kind's colour
      ctx.globalAlpha = alpha === undefined ? 1 : alpha;
      ctx.fillStyle = shade(color, -0.45); ctx.fillRect(x + 1, y + 1, s - 2, s - 2);
      ctx.fillStyle = color; ctx.fillRect(x + 2, y + 2, s - 4, s - 4);
      ctx.fillStyle = shade(color, 0.5); ctx.fillRect(x + 2, y + 2, s - 4, 2);
      ctx.globalAlpha = 1;
      G.sprite(k.slug, 0, x + 4, y + 4, { w: s - 8, h: s - 8, screen: true, alpha: alpha });
      return;
    }
    var c = s / 2, r = s / 2 - 3;
    ctx.globalAlpha = alpha === undefined ? 1 : alpha;
    ctx.beginPath();
    if (kind % 3 === 0) { ctx.moveTo(x + c, y + c - r); ctx.lineTo(x + c + r, y + c); ctx.lineTo(x + c, y + c + r); ctx.lineTo(x + c - r, y + c); }
    else if (kind % 3 === 1) { ctx.arc(x + c, y + c, r, 0, Math.PI * 2); }
    else { ctx.rect(x + 3, y + 3, s - 6, s - 6); }
    ctx.closePath();
    ctx.fillStyle = shade(color, -0.3); ctx.fill();
    ctx.fillStyle = color; ctx.fillRect(x + c - r / 2, y + c - r / 2, r, r);
    ctx.fillStyle = shade(color, 0.6); ctx.fillRect(x + c - r / 2, y + c - r / 2, r / 2, 2);
    ctx.globalAlpha = 1;
  }

  function drawMatch(G, m, ctx) {
    var r = boardRect(m), b = m.board, x, y, s = r.c;
    var jx = m.shake > 0 ? Math.round(Math.sin(m.t * 90) * 2) : 0;
    ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(r.x - 4 + jx, r.y - 4, r.cols * s + 8, r.rows * s + 8);
    for (y = 0; y < r.rows; y++) for (x = 0; x < r.cols; x++) {
      ctx.fillStyle = (x + y) % 2 ? 'rgba(255,255,255,0.06)' : 'rgba(255,255,255,0.12)';
      ctx.fillRect(r.x + x * s + jx, r.y + y * s, s, s);
      if (b[y][x] >= 0) gem(G, ctx, b[y][x], r.x + x * s + jx, r.y + y * s, s);
    }
    m.fx.forEach(function (e) {
      if (e.t < 0) return;
      var a = 1 - e.t / 0.4;
      ctx.fillStyle = 'rgba(255,255,255,' + (0.7 * a).toFixed(2) + ')';
      ctx.fillRect(r.x + e.x * s + 2, r.y + e.y * s + 2, s - 4, s - 4);
    });
    var pulse = m.sel ? 2 + Math.round(Math.sin(m.t * 10)) : 1;
    ctx.strokeStyle = m.sel ? '#ffffff' : G.color('accent', '#ffd34d'); ctx.lineWidth = pulse + 1;
    ctx.strokeRect(r.x + m.cx * s + 1 + jx, r.y + m.cy * s + 1, s - 2, s - 2); ctx.lineWidth = 1;
    panel(ctx, 8, 24, 118, 150);
    avatar(G, ctx, 14, 30);
    G.text('GOAL', 14, 62, { size: 9 });
    gem(G, ctx, m.goalKind, 14, 74, 24);
    var name = ((G.cfg.kinds || [])[m.goalKind] || {}).name || 'gems';
    G.text(Math.min(m.collected[m.goalKind], m.goalCount) + ' / ' + m.goalCount, 44, 76, { size: 11, color: G.color('accent', '#ffd34d') });
    G.text(String(name).slice(0, 14), 44, 89, { size: 7 });
    G.text('MOVES ' + m.moves, 14, 110, { size: 11, color: m.moves <= 3 ? '#ff9d9d' : undefined });
    G.text('SCORE ' + G.score, 14, 128, { size: 10 });
    if (m.chain > 1 && m.fx.length) G.text('Cascade x' + m.chain + '!', 14, 146, { size: 10, color: '#a6ff9d' });
  }

  function drawMerge(G, m, ctx) {
    var r = boardRect(m), s = r.c, cols = G.cfg.tile_colors || [];
    ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(r.x - 5, r.y - 5, r.cols * s + 10, r.rows * s + 10);
    for (var y = 0; y < r.rows; y++) for (var x = 0; x < r.cols; x++) {
      var v = m.board[y][x], px = r.x + x * s, py = r.y + y * s;
      ctx.fillStyle = 'rgba(255,255,255,0.08)'; ctx.fillRect(px + 2, py + 2, s - 4, s - 4);
      if (!v) continue;
      var grow = m.born && m.born[0] === x && m.born[1] === y && m.t - m.bornT < 0.12 ? 4 : 0;  // a new tile pops in
      var col = cols[Math.min(v, cols.length - 1)] || '#cccccc';
      ctx.fillStyle = shade(col, -0.35); ctx.fillRect(px + 2 + grow, py + 2 + grow, s - 4 - 2 * grow, s - 4 - 2 * grow);
      ctx.fillStyle = col; ctx.fillRect(px + 3 + grow, py + 3 + grow, s - 6 - 2 * grow, s - 8 - 2 * grow);
      ctx.fillStyle = shade(col, 0.4); ctx.fillRect(px + 3, py + 3, s - 6, 3);
      if (G.cfg.tile_slug) {  // the GDD's item is what the tiles are (a lantern of 8, of 16 ...)
        G.sprite(G.cfg.tile_slug, 0, px + 5, py + s - 21, { w: 16, h: 16, screen: true });
      }
      var label = String(Math.pow(2, v));
      G.text(label, px + s / 2, py + s / 2 - (label.length > 3 ? 5 : 7), { align: 'center', size: label.length > 3 ? 11 : 14,
        color: v <= 2 ? '#202020' : '#ffffff', shadow: v > 2 });
    }
    panel(ctx, 8, 24, 120, 120);
    avatar(G, ctx, 14, 30);
    G.text('REACH ' + Math.pow(2, m.target), 14, 64, { size: 11, color: G.color('accent', '#ffd34d') });
    var top = 0;
    m.board.forEach(function (row) { row.forEach(function (v) { top = Math.max(top, v); }); });
    G.text('BEST ' + (top ? Math.pow(2, top) : 0), 14, 82, { size: 10 });
    G.text('MOVES ' + m.moves, 14, 98, { size: 10 });
    G.text('SCORE ' + G.score, 14, 114, { size: 10 });
  }

  function draw(G, w, ctx) {
    if (w.mode === 'falling') drawFalling(G, w, ctx); else if (w.mode === 'merge') drawMerge(G, w, ctx);
    else if (w.mode === 'mahjong') drawMahjong(G, w, ctx); else drawMatch(G, w, ctx);
  }

  function player(w) {
    if (w.mode === 'falling') return { x: WELL_X + w.x * CELL, y: WELL_Y + w.y * CELL };
    if (w.mode === 'mahjong') {  // the cursor's tile
      var c = w.cursor >= 0 ? jRect(w, w.cursor) : { x: 0, y: 0 };
      return { x: c.x, y: c.y };
    }
    var r = boardRect(w);
    if (w.mode === 'merge') {  // the biggest tile (the first, row by row)
      var at = [0, 0], top = -1;
      w.board.forEach(function (row, y) { row.forEach(function (v, x) { if (v > top) { top = v; at = [x, y]; } }); });
      return { x: r.x + at[0] * r.c, y: r.y + at[1] * r.c };
    }
    return { x: r.x + w.cx * r.c, y: r.y + w.cy * r.c };
  }

  function hud(G, w) {
    if (w.mode === 'falling') return 'LINES ' + w.lines + '/' + w.goal + '   Left/Right move  Up rotate  Space drop';
    if (w.mode === 'merge') return 'REACH ' + Math.pow(2, w.target) + '   Arrows (or a swipe) slide every tile';
    if (w.mode === 'mahjong') {
      return 'PAIRS ' + jPairsLeft(w) + '  MOVES ' + w.moves + '  SHUFFLES ' + w.shuffles + '   Arrows: free tiles  Space: pick';
    }
    return 'MOVES ' + w.moves + '   ' + (w.sel ? 'Picked: an arrow swaps (Space drops the pick)' : 'Arrows move, Space picks a gem');
  }

  // QA hooks (maestro/genres/tile_puzzle/qa.py): the level as plain JSON, and a pointer gesture.
  var qa = {
    view: function (G, w) {
      if (w.mode === 'falling') {
        return { mode: w.mode, board: copyBoard(w.board), kind: w.kind, rot: w.rot, x: w.x, y: w.y, fall: w.fall,
                 queue: w.queue.slice(), rng: w.rng, lines: w.lines, score: w.score, placed: w.placed,
                 won: w.won, over: w.over, ghost: (w.won || w.over) ? w.y : ghostY(w), das: [w.dasL, w.dasR] };
      }
      if (w.mode === 'merge') {
        return { mode: w.mode, board: copyBoard(w.board), rng: w.rng, target: w.target, score: w.score, moves: w.moves,
                 won: w.won, over: w.over };
      }
      if (w.mode === 'mahjong') {
        return { mode: w.mode, faces: w.faces.slice(), alive: w.alive.slice(), cursor: w.cursor, sel: w.sel,
                 moves: w.moves, misses: w.misses, shuffles: w.shuffles, shuffled: w.shuffled, rng: w.rng,
                 score: w.score, won: w.won, over: w.over, pairs_left: jPairsLeft(w), free: jFreeTiles(w) };
      }
      return { mode: w.mode, board: copyBoard(w.board), rng: w.rng, moves: w.moves, collected: w.collected.slice(),
               cx: w.cx, cy: w.cy, sel: w.sel, score: w.score, chain: w.chain, won: w.won, over: w.over, deals: w.deals };
    },
    // A pointer gesture from (x0, y0) to (x1, y1) in game pixels, as the pointer listener hands it on.
    gesture: function (G, w, x0, y0, x1, y1) { pointerUp(w, x0, y0, x1, y1); return w.taps.length; },
    rect: function (G, w) { return boardRect(w); },
    // mahjong: tile i's face on screen, the tile under a point, and a pick as a tap hands it on
    tile: function (G, w, i) { return jRect(w, i); },
    hit: function (G, w, x, y) { return jHit(w, x, y); },
    pick: function (G, w, i) { w.taps.push({ pick: i }); return w.taps.length; }
  };

  Maestro.registerGenre('tile_puzzle', {
    start: start, update: update, draw: draw, player: player, hud: hud, qa: qa,
    // Lives only when the GDD gives some (then a lost level costs one and starts again); else a
    // stack topped out, or the moves spent, ends the game.
    usesLives: function (spec) {
      return (spec.mechanics || []).some(function (m) { return m.id === 'lives'; });
    },
    help: function (G) {
      if (G.spec.mode === 'merge') return 'Arrows (or a swipe) slide every tile; equal tiles merge';
      if (G.spec.mode === 'mahjong') return 'Arrows move over the free tiles, Space picks: two of a face clear (or click)';
      return (G.spec.mode === 'match3') ? 'Arrows move, Space picks a gem, an arrow swaps it (or tap / drag)'
        : 'Left/Right move, Up rotates, Down soft drop, Space hard drop (or tap / swipe)';
    },
    // The title screen's words: what the mode does with the tile kinds (the GDD's items).
    cast: function (G) {
      return { enemies: '', items: { match3: 'match', mahjong: 'pair', merge: 'merge' }[G.spec.mode] || 'stack' };
    }
  });
})();
