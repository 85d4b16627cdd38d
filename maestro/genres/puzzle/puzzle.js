/* Maestro genre module: puzzle (grid, turn-based; modes "sokoban" and "exit").
 *
 * One key press = one move of one cell; a held key repeats after config.repeat_delay at
 * config.repeat_rate moves per second. The rules are exactly those of maestro/genres/puzzle/rules.py
 * (move()), whose solver proves every level:
 *   - walls and void block; a closed door opens (for good) when the player holds a key, using it up;
 *   - a box is pushed when the cell beyond is floor with no box, closed door, untaken key, exit or
 *     danger; boxes are never pulled and never push each other;
 *   - keys are taken by stepping on them; collectibles give points and never block;
 *   - stepping on a danger (hazard / enemy) costs the level: G.hurt restarts it (and a life when the GDD gives lives);
 *   - sokoban: won when every box is on a target; exit: won on reaching the exit;
 *   - with config.move_limit, running out of moves restarts the level.
 * Undo (Z / U / Backspace / touch) pops a bounded history of snapshots, one per move.
 * module.player(world) is the TOP-LEFT of the player's cell in world pixels (tweened while moving);
 * one world cell is world.ts pixels, and G.cam centres the board in the play area.
 */
(function () {
  'use strict';

  var DIRS = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };
  var ORDER = ['left', 'right', 'up', 'down'];
  var VOID = 0, FLOOR = 1, WALL = 2;

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }
  function hasFrame(G, name) {
    var a = G.data.atlas;
    return !!(a && a.frames && a.frames[name] && a.frames[name].length);
  }
  function fillMap(n) { var m = new Int16Array(n); m.fill(-1); return m; }

  function start(G, level) {
    var cfg = G.cfg || {};
    var w = Math.max(1, level.width | 0), h = Math.max(1, level.height | 0), n = w * h;
    var rows = level.rows || [];
    var cells = new Uint8Array(n);
    for (var y = 0; y < h; y++) {
      var row = rows[y] || '';
      for (var x = 0; x < w; x++) {
        var ch = row.charAt(x);
        cells[y * w + x] = ch === '.' ? FLOOR : (ch === '#' ? WALL : VOID);
      }
    }
    // The largest tile (a multiple of 4, within config bounds) that fits the play area under the
    // 14 px HUD bar and above the bottom HUD line.
    var areaW = G.W - 16, areaH = G.H - 14 - 16;
    var ts = Math.floor(Math.min(areaW / w, areaH / h) / 4) * 4;
    ts = Math.max(num(cfg.tile_min, 16), Math.min(num(cfg.tile_max, 32), ts));
    var world = {
      mode: level.mode || cfg.mode || 'sokoban',
      w: w, h: h, cells: cells, ts: ts,
      offX: Math.floor((G.W - w * ts) / 2), offY: 14 + Math.max(0, Math.floor((areaH - h * ts) / 2)),
      p: 0, boxes: [], boxAt: fillMap(n), target: new Uint8Array(n), nTargets: 0,
      exit: -1, keys: [], keyAt: fillMap(n), keyTaken: [], held: 0,
      doors: [], doorAt: fillMap(n), doorOpen: [],
      items: [], itemAt: fillMap(n), itemTaken: [], itemsLeft: 0,
      dangerAt: fillMap(n), dangers: [],
      boxSlug: level.box_slug || null,
      moves: 0, pushes: 0, history: [], done: false,
      // presentation
      fromX: 0, fromY: 0, tween: 1, facing: 1, holdDir: null, repeatT: 0, t: 0, flash: 0,
      boxFrom: -1, boxTo: -1
    };
    var i, c;
    function cellOf(pt) { return (pt[1] | 0) * w + (pt[0] | 0); }
    world.p = cellOf(level.player || [1, 1]);
    (level.targets || []).forEach(function (t) { world.target[cellOf(t)] = 1; world.nTargets++; });
    (level.boxes || []).forEach(function (b) { world.boxes.push(cellOf(b)); });
    for (i = 0; i < world.boxes.length; i++) world.boxAt[world.boxes[i]] = i;
    if (level.exit) world.exit = cellOf(level.exit);
    (level.keys || []).forEach(function (k, j) { c = cellOf(k); world.keys.push(c); world.keyAt[c] = j; world.keyTaken.push(0); });
    (level.doors || []).forEach(function (d, j) { c = cellOf(d); world.doors.push(c); world.doorAt[c] = j; world.doorOpen.push(0); });
    (level.items || []).slice(0, 64).forEach(function (it, j) {
      c = cellOf([it.x, it.y]);
      world.items.push({ c: c, slug: it.slug, points: num(it.points, num(cfg.item_points, 10)) });
      world.itemAt[c] = j; world.itemTaken.push(0);
    });
    world.itemsLeft = world.items.length;
    (level.dangers || []).slice(0, 64).forEach(function (d, j) {
      c = cellOf([d.x, d.y]);
      world.dangers.push({ c: c, slug: d.slug, kind: d.kind || 'hazard' });
      world.dangerAt[c] = j;
    });
    world.fromX = world.p % w; world.fromY = (world.p / w) | 0;
    // Score earned in a level is given back when the level restarts (R, a danger): no farming.
    if (G.puzzleBase && G.puzzleBase.level === G.levelIndex && G.puzzleBase.game === G.cleared) {
      G.score = Math.min(G.score, G.puzzleBase.score);
    }
    G.puzzleBase = { level: G.levelIndex, score: G.score, game: G.cleared };
    G.cam.x = -world.offX; G.cam.y = -world.offY;
    return world;
  }

  function walkable(world, c) {
    return c >= 0 && world.cells[c] === FLOOR && world.dangerAt[c] < 0;
  }
  function neighbour(world, c, d) {
    var x = c % world.w + d[0], y = ((c / world.w) | 0) + d[1];
    return (x >= 0 && x < world.w && y >= 0 && y < world.h) ? y * world.w + x : -1;
  }
  // Box may enter u: floor, no danger, no box, not the exit, no closed door, no untaken key.
  function boxCanEnter(world, u) {
    if (u < 0 || world.cells[u] !== FLOOR || world.dangerAt[u] >= 0) return false;
    if (world.boxAt[u] >= 0 || u === world.exit) return false;
    var di = world.doorAt[u]; if (di >= 0 && !world.doorOpen[di]) return false;
    var ki = world.keyAt[u]; if (ki >= 0 && !world.keyTaken[ki]) return false;
    return true;
  }
  function boxesPlaced(world) {
    var k = 0;
    for (var i = 0; i < world.boxes.length; i++) if (world.target[world.boxes[i]]) k++;
    return k;
  }

  function snapshot(G, world) {
    var cap = Math.max(1, num(G.cfg.undo_limit, 1000) | 0);
    if (world.history.length >= cap) world.history.shift();
    world.history.push({
      p: world.p, boxes: world.boxes.slice(), keyTaken: world.keyTaken.slice(), doorOpen: world.doorOpen.slice(),
      itemTaken: world.itemTaken.slice(), held: world.held, moves: world.moves, pushes: world.pushes,
      score: G.score, facing: world.facing
    });
  }

  // One move in direction name; returns true when the player moved.
  function tryMove(G, world, name) {
    if (world.done) return false;
    var d = DIRS[name], p = world.p, t = neighbour(world, p, d);
    if (d[0]) world.facing = d[0];
    if (t < 0 || world.cells[t] !== FLOOR) { world.flash = 0.12; return false; }
    var di = world.doorAt[t], opening = false, bi = world.boxAt[t], u = -1;
    if (world.dangerAt[t] < 0) {
      if (di >= 0 && !world.doorOpen[di]) {
        if (world.held <= 0) { world.flash = 0.12; return false; }
        opening = true;
      } else if (bi >= 0) {
        u = neighbour(world, t, d);
        if (!boxCanEnter(world, u)) { world.flash = 0.12; return false; }
      }
    }
    snapshot(G, world);
    world.fromX = p % world.w; world.fromY = (p / world.w) | 0;
    world.tween = 0; world.boxFrom = -1; world.boxTo = -1;
    world.p = t; world.moves++;
    if (world.dangerAt[t] >= 0) {
      var dz = world.dangers[world.dangerAt[t]];
      G.hurt(dz.kind === 'enemy' ? 'caught by ' + dz.slug : 'stepped on ' + dz.slug);
      return true;
    }
    if (opening) { world.doorOpen[di] = 1; world.held--; G.sfx('door'); }
    if (u >= 0) {
      world.boxAt[t] = -1; world.boxes[bi] = u; world.boxAt[u] = bi; world.pushes++;
      world.boxFrom = t; world.boxTo = u;
      G.sfx(world.target[u] ? 'select' : 'push');
    } else if (!opening) {
      G.sfx('step');
    }
    var ki = world.keyAt[t];
    if (ki >= 0 && !world.keyTaken[ki]) { world.keyTaken[ki] = 1; world.held++; G.sfx('key'); }
    var ii = world.itemAt[t];
    if (ii >= 0 && !world.itemTaken[ii]) {
      world.itemTaken[ii] = 1; world.itemsLeft--; G.addScore(world.items[ii].points); G.sfx('coin');
    }
    var won = world.mode === 'exit' ? (t === world.exit)
      : (world.nTargets > 0 && boxesPlaced(world) === world.boxes.length);
    if (won) {
      world.done = true;
      var cfg = G.cfg;
      G.addScore(Math.max(num(cfg.min_level_points, 10), num(cfg.level_points, 100) - world.moves * num(cfg.move_penalty, 1)));
      G.win();
      return true;
    }
    var limit = num(G.cfg.move_limit, 0);
    if (limit > 0 && world.moves >= limit) G.hurt('out of moves');
    return true;
  }

  function undo(G, world) {
    if (!world || world.done || G.cfg.undo === false) return;
    var s = world.history.pop();
    if (!s) return;
    var i;
    for (i = 0; i < world.boxes.length; i++) world.boxAt[world.boxes[i]] = -1;
    world.boxes = s.boxes;
    for (i = 0; i < world.boxes.length; i++) world.boxAt[world.boxes[i]] = i;
    world.p = s.p; world.keyTaken = s.keyTaken; world.doorOpen = s.doorOpen; world.itemTaken = s.itemTaken;
    world.held = s.held; world.moves = s.moves; world.pushes = s.pushes; world.facing = s.facing;
    world.itemsLeft = 0;
    for (i = 0; i < world.itemTaken.length; i++) if (!world.itemTaken[i]) world.itemsLeft++;
    G.score = s.score;
    world.fromX = world.p % world.w; world.fromY = (world.p / world.w) | 0; world.tween = 1;
    world.boxFrom = -1; world.boxTo = -1;
    G.sfx('undo');
  }

  function update(G, world, dt) {
    var cfg = G.cfg;
    world.t += dt;
    if (world.flash > 0) world.flash = Math.max(0, world.flash - dt);
    var moveTime = Math.max(0.001, num(cfg.move_time, 0.09));
    if (world.tween < 1) world.tween = Math.min(1, world.tween + dt / moveTime);
    if (world.done) return;
    var pressed = null, i;
    for (i = 0; i < ORDER.length; i++) if (G.pressed[ORDER[i]]) { pressed = ORDER[i]; break; }
    if (pressed) {
      world.holdDir = pressed;
      world.repeatT = num(cfg.repeat_delay, 0.22);
      tryMove(G, world, pressed);
      return;
    }
    if (world.holdDir && !G.held[world.holdDir]) {
      world.holdDir = null;
      for (i = 0; i < ORDER.length; i++) if (G.held[ORDER[i]]) { world.holdDir = ORDER[i]; world.repeatT = num(cfg.repeat_delay, 0.22); break; }
    }
    if (world.holdDir) {
      world.repeatT -= dt;
      if (world.repeatT <= 0) {
        world.repeatT += 1 / Math.max(0.5, num(cfg.repeat_rate, 8));
        if (world.repeatT < 0) world.repeatT = 0;
        tryMove(G, world, world.holdDir);
      }
    }
  }

  // ---- drawing ------------------------------------------------------------------------------
  function ease(t) { return t < 1 ? 1 - (1 - t) * (1 - t) : 1; }

  function drawCellFallback(G, ctx, kind, sx, sy, ts, lit) {
    var q = ts / 8;
    switch (kind) {
      case 'floor':
        ctx.fillStyle = G.color('ground2', '#3a3a4a'); ctx.fillRect(sx, sy, ts, ts);
        ctx.fillStyle = G.color('shadow', '#000000'); ctx.globalAlpha = 0.12;
        ctx.fillRect(sx, sy, ts, 1); ctx.fillRect(sx, sy, 1, ts); ctx.globalAlpha = 1;
        break;
      case 'wall':
        ctx.fillStyle = G.color('wall', '#6a5a4a'); ctx.fillRect(sx, sy, ts, ts);
        ctx.fillStyle = '#ffffff'; ctx.globalAlpha = 0.18; ctx.fillRect(sx, sy, ts, q); ctx.globalAlpha = 1;
        ctx.fillStyle = '#000000'; ctx.globalAlpha = 0.3; ctx.fillRect(sx, sy + ts - q, ts, q);
        ctx.fillRect(sx + ts / 2, sy + q, 1, ts / 2 - q); ctx.fillRect(sx, sy + ts / 2, ts, 1); ctx.globalAlpha = 1;
        break;
      case 'target':
        ctx.strokeStyle = G.color('accent', '#ffd34d'); ctx.lineWidth = Math.max(1, q);
        ctx.globalAlpha = lit ? 1 : 0.75;
        ctx.strokeRect(sx + 2 * q, sy + 2 * q, ts - 4 * q, ts - 4 * q);
        ctx.fillStyle = G.color('accent', '#ffd34d'); ctx.fillRect(sx + 3.5 * q, sy + 3.5 * q, q, q);
        ctx.globalAlpha = 1;
        break;
      case 'crate':
      case 'crate_on':
        ctx.fillStyle = kind === 'crate_on' ? G.color('goal', '#5fd35f') : G.color('item', '#c8873a');
        ctx.fillRect(sx + 1, sy + 1, ts - 2, ts - 2);
        ctx.strokeStyle = G.color('shadow', '#000000'); ctx.lineWidth = Math.max(1, q * 0.75); ctx.globalAlpha = 0.55;
        ctx.strokeRect(sx + q, sy + q, ts - 2 * q, ts - 2 * q);
        ctx.beginPath(); ctx.moveTo(sx + q, sy + q); ctx.lineTo(sx + ts - q, sy + ts - q);
        ctx.moveTo(sx + ts - q, sy + q); ctx.lineTo(sx + q, sy + ts - q); ctx.stroke(); ctx.globalAlpha = 1;
        break;
      case 'door':
        ctx.fillStyle = G.color('wall', '#6a5a4a'); ctx.fillRect(sx, sy, ts, ts);
        ctx.fillStyle = G.color('accent', '#ffd34d'); ctx.fillRect(sx + q, sy + q, ts - 2 * q, ts - q);
        ctx.fillStyle = G.color('shadow', '#000000'); ctx.fillRect(sx + 3.5 * q, sy + 3 * q, q, 2.5 * q);
        break;
      case 'key':
        ctx.fillStyle = G.color('accent', '#ffd34d');
        ctx.fillRect(sx + 2 * q, sy + 2 * q, 3 * q, 3 * q); ctx.fillRect(sx + 4 * q, sy + 3 * q, 3 * q, q);
        ctx.fillRect(sx + 6 * q, sy + 3 * q, q, 2 * q);
        ctx.fillStyle = G.color('shadow', '#000000'); ctx.fillRect(sx + 3 * q, sy + 3 * q, q, q);
        break;
      case 'exit':
        ctx.fillStyle = G.color('goal', '#5fd35f'); ctx.fillRect(sx + q, sy + q, ts - 2 * q, ts - 2 * q);
        ctx.fillStyle = G.color('shadow', '#000000');
        ctx.fillRect(sx + 2.5 * q, sy + 3.5 * q, 2.5 * q, q); ctx.fillRect(sx + 4.5 * q, sy + 2.5 * q, q, 3 * q);
        break;
    }
  }

  // A tile from the atlas when it has one, else drawn from the palette.
  function drawTile(G, ctx, world, name, cx, cy, lit) {
    var ts = world.ts, wx = cx * ts, wy = cy * ts;
    if (hasFrame(G, 'tile_' + name)) { G.tile(name, wx, wy, { w: ts, h: ts }); return; }
    drawCellFallback(G, ctx, name, Math.round(wx - G.cam.x), Math.round(wy - G.cam.y), ts, lit);
  }

  // No atlas sprite: a shape per role, in the palette's colours, that still reads as what it is.
  function drawFallback(G, world, fx, fy, color, shape, opts) {
    var ctx = G.ctx, ts = world.ts, m = Math.max(1, Math.round(ts / 8));
    var sx = Math.round(fx * ts - G.cam.x), sy = Math.round(fy * ts - G.cam.y);
    ctx.fillStyle = color;
    if (shape === 'gem') {
      ctx.beginPath(); ctx.moveTo(sx + ts / 2, sy + m); ctx.lineTo(sx + ts - 1.5 * m, sy + ts / 2);
      ctx.lineTo(sx + ts / 2, sy + ts - m); ctx.lineTo(sx + 1.5 * m, sy + ts / 2); ctx.closePath(); ctx.fill();
      ctx.fillStyle = '#ffffff'; ctx.globalAlpha = 0.6; ctx.fillRect(sx + ts / 2 - m, sy + ts / 2 - m, m, m); ctx.globalAlpha = 1;
      return;
    }
    if (shape === 'spikes') {
      ctx.beginPath();
      for (var k = 0; k < 3; k++) {
        var x0 = sx + m + k * (ts - 2 * m) / 3, x1 = x0 + (ts - 2 * m) / 3;
        ctx.moveTo(x0, sy + ts - m); ctx.lineTo((x0 + x1) / 2, sy + 2 * m); ctx.lineTo(x1, sy + ts - m);
      }
      ctx.closePath(); ctx.fill();
      return;
    }
    ctx.fillRect(sx + m, sy + m, ts - 2 * m, ts - 2 * m);
    if (shape === 'player' || shape === 'enemy') {  // two eyes; the player's look the way it faces
      var look = shape === 'player' ? (opts.flip ? -m : m) : 0, ey = sy + Math.round(ts * 0.3);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(sx + ts * 0.25 + look, ey, m * 1.5, m * 2); ctx.fillRect(sx + ts * 0.6 + look, ey, m * 1.5, m * 2);
      if (shape === 'enemy') {
        ctx.fillStyle = G.color('shadow', '#000000');
        ctx.fillRect(sx + ts * 0.25, ey - m, ts * 0.5, m * 0.75);
      }
    }
  }

  function drawEntity(G, world, slug, anim, fx, fy, color, opts) {
    var ts = world.ts;
    var o = { w: ts, h: ts, color: color };
    if (opts) { o.flip = opts.flip; o.alpha = opts.alpha; }
    if (!hasFrame(G, slug)) {
      // no atlas: an inset block with a darker rim reads better than a full-cell rectangle
      drawFallback(G, world, fx, fy, color, (opts && opts.shape) || 'block', opts || {});
      return;
    }
    G.sprite(slug, G.anim(slug, anim, world.t), fx * ts, fy * ts, o);
  }

  function draw(G, world, ctx) {
    G.cam.x = -world.offX; G.cam.y = -world.offY;
    var w = world.w, h = world.h, ts = world.ts, x, y, c, i;
    // the room's drop shadow, cell by cell so the void around a shaped room stays open
    ctx.fillStyle = 'rgba(0,0,0,0.35)';
    for (y = 0; y < h; y++) {
      for (x = 0; x < w; x++) {
        if (world.cells[y * w + x] !== VOID) ctx.fillRect(world.offX + x * ts + 3, world.offY + y * ts + 3, ts, ts);
      }
    }
    for (y = 0; y < h; y++) {
      for (x = 0; x < w; x++) {
        c = y * w + x;
        if (world.cells[c] === FLOOR) drawTile(G, ctx, world, 'floor', x, y);
        else if (world.cells[c] === WALL) drawTile(G, ctx, world, 'wall', x, y);
        if (world.target[c]) drawTile(G, ctx, world, 'target', x, y, world.boxAt[c] >= 0);
      }
    }
    var roles = G.roles || {};
    if (world.exit >= 0) {
      if (roles.goal && hasFrame(G, roles.goal)) drawEntity(G, world, roles.goal, 'idle', world.exit % w, (world.exit / w) | 0);
      else drawTile(G, ctx, world, 'exit', world.exit % w, (world.exit / w) | 0);
    }
    for (i = 0; i < world.doors.length; i++) {
      if (!world.doorOpen[i]) drawTile(G, ctx, world, 'door', world.doors[i] % w, (world.doors[i] / w) | 0);
    }
    var bob = Math.sin(world.t * 4) * ts / 16;
    for (i = 0; i < world.keys.length; i++) {
      if (!world.keyTaken[i]) drawTile(G, ctx, world, 'key', world.keys[i] % w, ((world.keys[i] / w) | 0) + bob / ts);
    }
    for (i = 0; i < world.items.length; i++) {
      if (world.itemTaken[i]) continue;
      var it = world.items[i];
      drawEntity(G, world, it.slug, 'idle', it.c % w, ((it.c / w) | 0) + bob / ts, G.color('item', '#ffd34d'), { shape: 'gem' });
    }
    for (i = 0; i < world.dangers.length; i++) {
      var dz = world.dangers[i];
      drawEntity(G, world, dz.slug, dz.kind === 'enemy' ? 'move' : 'idle', dz.c % w, (dz.c / w) | 0,
        G.color(dz.kind === 'enemy' ? 'enemy' : 'hazard', '#e04040'), { shape: dz.kind === 'enemy' ? 'enemy' : 'spikes' });
    }
    var k = ease(world.tween);
    for (i = 0; i < world.boxes.length; i++) {
      c = world.boxes[i];
      var bx = c % w, by = (c / w) | 0;
      if (c === world.boxTo && world.tween < 1) {
        bx = world.boxFrom % w + (bx - world.boxFrom % w) * k;
        by = ((world.boxFrom / w) | 0) + (by - ((world.boxFrom / w) | 0)) * k;
      }
      var on = world.target[c] === 1;
      if (world.boxSlug && hasFrame(G, world.boxSlug)) {
        drawEntity(G, world, world.boxSlug, 'idle', bx, by);
        if (on) { ctx.strokeStyle = G.color('goal', '#5fd35f'); ctx.lineWidth = 2; ctx.strokeRect(Math.round(bx * ts - G.cam.x) + 1, Math.round(by * ts - G.cam.y) + 1, ts - 2, ts - 2); }
      } else if (on && hasFrame(G, 'tile_crate_on')) drawTile(G, ctx, world, 'crate_on', bx, by);
      else drawTile(G, ctx, world, on ? 'crate_on' : 'crate', bx, by);
    }
    // player
    var pp = player(world);
    var slug = roles.player || 'player';
    var blink = G.invuln > 0 && Math.floor(G.invuln * 10) % 2 === 0;
    if (!blink) {
      drawEntity(G, world, slug, world.tween < 1 ? 'walk' : 'idle', pp.x / ts, pp.y / ts, G.color('player', '#4aa3ff'),
        { flip: world.facing < 0, shape: 'player' });
    }
    if (world.flash > 0) {  // bumped into something: a brief red rim
      ctx.strokeStyle = G.color('hazard', '#e04040'); ctx.globalAlpha = world.flash / 0.12; ctx.lineWidth = 1;
      ctx.strokeRect(Math.round(pp.x - G.cam.x) + 0.5, Math.round(pp.y - G.cam.y) + 0.5, ts - 1, ts - 1);
      ctx.globalAlpha = 1;
    }
  }

  function player(world) {
    var ts = world.ts, px = world.p % world.w, py = (world.p / world.w) | 0;
    if (world.tween < 1) {
      var k = ease(world.tween);
      return { x: (world.fromX + (px - world.fromX) * k) * ts, y: (world.fromY + (py - world.fromY) * k) * ts };
    }
    return { x: px * ts, y: py * ts };
  }

  function hud(G, world) {
    if (!world) return '';
    var parts = ['Moves ' + world.moves];
    var limit = num(G.cfg.move_limit, 0);
    if (limit > 0) parts[0] += '/' + limit;
    if (world.mode === 'exit') {
      if (world.keys.length) parts.push('Keys ' + world.held);
      if (world.boxes.length) parts.push('Pushes ' + world.pushes);
    } else {
      parts.push('Boxes ' + boxesPlaced(world) + '/' + world.boxes.length);
    }
    if (world.items.length) parts.push('Items ' + (world.items.length - world.itemsLeft) + '/' + world.items.length);
    if (G.cfg.undo !== false) parts.push('Z undo');
    return parts.join('   ');
  }

  // QA hooks (maestro/genres/puzzle/qa.py): the board as plain JSON, cells as [x, y],
  // so the Query agent's checks read positions without knowing this module's flat cell indices.
  var qa = {
    view: function (G, world) {
      var w = world.w;
      function xy(c) { return [c % w, (c / w) | 0]; }
      function count(a) { var k = 0; for (var i = 0; i < a.length; i++) if (a[i]) k++; return k; }
      return {
        mode: world.mode, player: xy(world.p),
        boxes: world.boxes.map(xy).sort(function (a, b) { return a[1] - b[1] || a[0] - b[0]; }),
        held: world.held, keysTaken: count(world.keyTaken), doorsOpen: count(world.doorOpen),
        itemsLeft: world.itemsLeft, moves: world.moves, pushes: world.pushes,
        history: world.history.length, done: world.done
      };
    }
  };

  Maestro.registerGenre('puzzle', {
    start: start, update: update, draw: draw, player: player, undo: undo, hud: hud,
    // Lives only when the GDD gives some; otherwise a danger just restarts the level.
    usesLives: function (spec) {
      return (spec.mechanics || []).some(function (m) { return m.id === 'lives'; });
    },
    qa: qa,
    help: function (G) {
      return G.cfg.mode === 'exit'
        ? 'Arrows/WASD move, keys open doors, reach the exit, Z undo, R restart'
        : 'Arrows/WASD move, push crates onto the targets, Z undo, R restart';
    }
  });
})();
