/* Maestro genre module: tactics (grid battles, turn by turn; modes "rout" and "hold").
 *
 * The rules are exactly those of maestro/genres/tactics/rules.py (class World), whose solver
 * proves every level; nothing is random and every number is an integer:
 *   - terrain: '.' plain (cost 1, defence 0), 'f' forest (2, 1), 'h' hill (3, 2), '~' water and
 *     '#' rock (impassable). A unit reaches every tile whose cheapest path costs at most its move;
 *     no unit enters a tile another living unit stands on;
 *   - an attack hits a foe at Manhattan distance rmin..rmax for max(1, atk - df - tile defence);
 *     a unit at 0 HP is removed; no counter-attacks;
 *   - the player's turn: each unit moves, then attacks or waits; when all have acted (or the turn is
 *     ended) every enemy acts in list order: the reachable attack that kills, else leaves the least
 *     HP, then costs the fewest move points, then the top-most, left-most tile, then the first
 *     target; with none it moves to the reachable tile nearest (terrain cost) to the army;
 *   - waves: a unit with `arrive` N marches onto its tile as turn N begins (a turn later if the
 *     tile is taken); until then it is off the map;
 *   - rout: won when every enemy is defeated (none still to arrive); hold: also won after surviving `hold` enemy turns;
 *     lost when every player unit is defeated (G.hurt with lives, else G.gameOver);
 *   - fog of war (level.fog, when the GDD asks for it): only tiles within `sight` steps of a player
 *     unit are shown and hidden foes are not drawn; a veil over the drawing, not a rule.
 * Controls: arrows move the cursor; Space / Enter selects a ready unit, then picks the tile it moves
 * to (its own tile: it stays), then the foe it attacks (its own tile: it waits); Space elsewhere while
 * picking a tile deselects. Z / U / Backspace (the pad's curved-arrow button) ends the turn.
 * Mouse / touch: tap a tile to put the cursor there and press Space on it; tap END TURN in the side
 * panel to end the turn (this module's own pointer listener).
 */
(function () {
  'use strict';

  var DIRS = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };
  // char -> [name, move cost (0: impassable), defence, tile sprite]
  var TERRAIN = { '.': ['plain', 1, 0, 'grass'], f: ['forest', 2, 1, 'grass'], h: ['hill', 3, 2, 'path'],
                  '~': ['water', 0, 0, 'water'], '#': ['rock', 0, 0, 'wall'] };
  var INF = 1 << 20;
  var T = 20, OX = 4, OY = 16;            // the map's tile size and its top-left corner on screen
  var PANEL = { x: 330, y: 16, w: 146, h: 222 };
  var END_BTN = { x: 340, y: 206, w: 126, h: 24 };

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }
  function dist(ax, ay, bx, by) { return Math.abs(ax - bx) + Math.abs(ay - by); }

  // ---- the rule book (rules.py: World) --------------------------------------------------------
  function terrain(world, x, y) {
    var row = world.grid[y];
    if (!row || x < 0 || x >= row.length) return TERRAIN['#'];
    return TERRAIN[row.charAt(x)] || TERRAIN['#'];
  }
  // On the map and standing (a reinforcement still on its way is neither).
  function alive(u) { return u.hp > 0 && !u.waiting; }
  function unitAt(world, x, y) {
    for (var i = 0; i < world.units.length; i++) {
      var u = world.units[i];
      if (alive(u) && u.x === x && u.y === y) return i;
    }
    return -1;
  }
  function side(world, s) {
    var out = [];
    for (var i = 0; i < world.units.length; i++) if (alive(world.units[i]) && world.units[i].side === s) out.push(i);
    return out;
  }
  function key(x, y) { return x + ',' + y; }

  // Dijkstra from the unit over entering costs, up to its move points: {"x,y": cost}. The costs
  // are unique whatever the order tiles are settled in, so rules.py agrees however it walks.
  function reach(world, i) {
    var u = world.units[i], blocked = {}, best = {}, open = [[0, u.x, u.y]], done = {};
    world.units.forEach(function (v, k) { if (alive(v) && k !== i) blocked[key(v.x, v.y)] = true; });
    best[key(u.x, u.y)] = 0;
    while (open.length) {
      var at = 0;
      for (var k = 1; k < open.length; k++) if (open[k][0] < open[at][0]) at = k;
      var cur = open.splice(at, 1)[0], ck = key(cur[1], cur[2]);
      if (done[ck]) continue;
      done[ck] = true;
      for (var d in DIRS) {
        var nx = cur[1] + DIRS[d][0], ny = cur[2] + DIRS[d][1], cost = terrain(world, nx, ny)[1], nk = key(nx, ny);
        if (!cost || blocked[nk]) continue;
        var nc = cur[0] + cost;
        if (nc <= u.move && (best[nk] === undefined || nc < best[nk])) { best[nk] = nc; open.push([nc, nx, ny]); }
      }
    }
    return best;
  }

  // Terrain cost from every tile to the nearest living unit of side `s` (units ignored).
  function fieldTo(world, s) {
    var best = {}, open = [], done = {};
    side(world, s).forEach(function (i) { var u = world.units[i]; best[key(u.x, u.y)] = 0; open.push([0, u.x, u.y]); });
    while (open.length) {
      var at = 0;
      for (var k = 1; k < open.length; k++) if (open[k][0] < open[at][0]) at = k;
      var cur = open.splice(at, 1)[0], ck = key(cur[1], cur[2]);
      if (done[ck]) continue;
      done[ck] = true;
      var here = terrain(world, cur[1], cur[2])[1] || 1;
      for (var d in DIRS) {
        var nx = cur[1] + DIRS[d][0], ny = cur[2] + DIRS[d][1], nk = key(nx, ny);
        if (!terrain(world, nx, ny)[1]) continue;
        var nc = cur[0] + here;
        if (best[nk] === undefined || nc < best[nk]) { best[nk] = nc; open.push([nc, nx, ny]); }
      }
    }
    return best;
  }

  // Under fog of war only tiles within `sight` steps of a player unit are shown (rules.py: World.visible).
  function visible(world, x, y) {
    if (!world.fog) return true;
    for (var i = 0; i < world.units.length; i++) {
      var u = world.units[i];
      if (alive(u) && u.side === 'player' && dist(x, y, u.x, u.y) <= world.sight) return true;
    }
    return false;
  }

  function damage(world, a, d) { return Math.max(1, a.atk - d.df - terrain(world, d.x, d.y)[2]); }
  function inRange(a, x, y, d) { var r = dist(x, y, d.x, d.y); return r >= a.rmin && r <= a.rmax; }
  function tiles(best) {
    return Object.keys(best).map(function (k) { var p = k.split(','); return [+p[0], +p[1], best[k]]; });
  }
  // Lexicographic "a < b" for the AI's preference keys (arrays of integers).
  function less(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  }

  function attack(G, world, i, t) {
    var a = world.units[i], d = world.units[t], dmg = damage(world, a, d);
    d.hp = Math.max(0, d.hp - dmg); d.flash = 0.4; a.lunge = 0.25;
    world.pops.push({ x: d.x, y: d.y, text: '-' + dmg, t: 0 });
    if (d.side === 'player') G.sfx('hurt'); else G.sfx('hit');
    if (d.hp <= 0) {
      G.sfx('explode');
      if (d.side === 'enemy') { world.score += num(d.points, 0); G.addScore(num(d.points, 0)); }
      say(world, d.cls + ' falls');
    }
    return dmg;
  }

  function checkRout(G, world) {
    var coming = world.units.some(function (u) { return u.side === 'enemy' && u.waiting; });
    if (!side(world, 'enemy').length && !coming) {
      world.won = true; var pts = num(G.cfg.win_points, 0); world.score += pts; G.addScore(pts);
    }
    return world.won;
  }

  function finish(G, world, i) {
    world.units[i].done = true;
    world.sel = -1; world.phase = 'select';
    if (checkRout(G, world)) return;
    var mine = side(world, 'player');
    for (var k = 0; k < mine.length; k++) if (!world.units[mine[k]].done) return;
    enemyPhase(G, world);
  }

  // Waves: each reinforcement due by this turn marches onto its tile, in list order (a turn later
  // if the tile is taken).
  function reinforce(G, world) {
    var came = 0;
    world.units.forEach(function (u) {
      if (u.waiting && u.arrive <= world.turn && unitAt(world, u.x, u.y) < 0) { u.waiting = false; u.fx = u.x + 2; u.fy = u.y; came++; }
    });
    if (came) { say(world, came + ' enemy reinforcement' + (came > 1 ? 's' : '') + ' arrived'); G.sfx('door'); }
  }

  function enemyChoice(world, i) {
    var e = world.units[i], r = tiles(reach(world, i)), mine = side(world, 'player'), best = null, pick = [e.x, e.y, -1];
    r.forEach(function (p) {
      mine.forEach(function (t) {
        var v = world.units[t];
        if (!inRange(e, p[0], p[1], v)) return;
        var left = Math.max(0, v.hp - damage(world, e, v)), k = [left === 0 ? 0 : 1, left, p[2], p[1], p[0], t];
        if (best === null || less(k, best)) { best = k; pick = [p[0], p[1], t]; }
      });
    });
    if (best !== null) return pick;
    var towards = fieldTo(world, 'player'), bk = null;
    r.forEach(function (p) {
      var f = towards[key(p[0], p[1])], k = [f === undefined ? INF : f, p[2], p[1], p[0]];
      if (bk === null || less(k, bk)) { bk = k; pick = [p[0], p[1], -1]; }
    });
    return pick;
  }

  function enemyPhase(G, world) {
    var foes = side(world, 'enemy');
    world.units.forEach(function (u) { u.fx = u.x; u.fy = u.y; });
    for (var k = 0; k < foes.length; k++) {
      if (!side(world, 'player').length) break;
      var i = foes[k], c = enemyChoice(world, i);
      world.units[i].x = c[0]; world.units[i].y = c[1];
      if (c[2] >= 0) attack(G, world, i, c[2]);
    }
    world.tween = 1;
    if (!side(world, 'player').length) { world.lost = true; return; }
    world.turn += 1;
    reinforce(G, world);
    side(world, 'player').forEach(function (k2) { world.units[k2].done = false; });
    if (world.mode === 'hold' && world.turn > world.hold) {
      world.won = true; var pts = num(G.cfg.win_points, 0); world.score += pts; G.addScore(pts);
      return;
    }
    world.banner = { text: 'Enemy turn over - Turn ' + world.turn, t: 1.2 };
    G.sfx('door');
  }

  function actHere(G, world) {
    var x = world.cx, y = world.cy, k = unitAt(world, x, y), ku = k >= 0 ? world.units[k] : null;
    if (world.phase === 'select') {
      if (ku && ku.side === 'player' && !ku.done) { world.sel = k; world.phase = 'move'; G.sfx('select'); return 'select'; }
      return refuse(G, world, ku && ku.side === 'player' ? 'That unit has acted' : 'Pick one of your units');
    }
    var u = world.units[world.sel];
    if (world.phase === 'move') {
      if (x === u.x && y === u.y) { world.phase = 'act'; G.sfx('select'); return 'move'; }
      if (k < 0 && reach(world, world.sel)[key(x, y)] !== undefined) {
        u.fx = u.x; u.fy = u.y; u.x = x; u.y = y; u.tween = 1;
        world.phase = 'act'; G.sfx('step'); return 'move';
      }
      if (ku && ku.side === 'player' && !ku.done) { world.sel = k; G.sfx('select'); return 'select'; }
      world.sel = -1; world.phase = 'select'; G.sfx('undo');
      return 'cancel';
    }
    if (k === world.sel) { say(world, u.cls + ' waits'); finish(G, world, world.sel); return 'wait'; }
    if (ku && ku.side === 'enemy' && inRange(u, u.x, u.y, ku)) {
      var s = world.sel;
      attack(G, world, s, k);
      finish(G, world, s);
      return 'attack';
    }
    return refuse(G, world, 'Out of range: attack a foe in red, or Space on the unit to wait');
  }

  function refuse(G, world, why) { world.refused = 0.5; say(world, why); G.sfx('undo'); return 'refused'; }
  function say(world, text) { world.log.push(text); if (world.log.length > 3) world.log.shift(); }

  // One key press (rules.py: World.press), then what the game does around it.
  function press(G, world, a) {
    if (world.won || world.lost) return '';
    var what = '';
    if (DIRS[a]) {
      var nx = Math.min(world.w - 1, Math.max(0, world.cx + DIRS[a][0])), ny = Math.min(world.h - 1, Math.max(0, world.cy + DIRS[a][1]));
      if (nx !== world.cx || ny !== world.cy) { world.cx = nx; world.cy = ny; what = 'cursor'; }
    } else if (a === 'undo') {
      if (world.phase === 'act') world.units[world.sel].done = true;
      world.sel = -1; world.phase = 'select';
      say(world, 'Turn ended');
      enemyPhase(G, world);
      what = 'end';
    } else if (a === 'action') what = actHere(G, world);
    if (world.won) { world.done = true; G.win(); }
    else if (world.lost) {
      world.done = true;
      var why = 'the whole army was defeated';
      if (G.lives !== null) G.hurt(why); else G.gameOver(why);
    }
    return what;
  }

  // ---- the module --------------------------------------------------------------------------------
  function attachPointer(G) {
    if (G.headless || G.tacticsPointer || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas) return;
    G.tacticsPointer = true;
    canvas.addEventListener('pointerdown', function (e) {
      if (G.status !== 'playing' || !G.world) return;
      var r = canvas.getBoundingClientRect();
      var s = Math.min(r.width / G.W, r.height / G.H) || 1;
      var ox = (r.width - G.W * s) / 2, oy = (r.height - G.H * s) / 2;
      G.world.taps.push([(e.clientX - r.left - ox) / s, (e.clientY - r.top - oy) / s]);
    });
  }

  function start(G, level) {
    var units = (level.units || []).map(function (u) {
      return { side: u.side, slug: u.slug, cls: u.cls || '', x: u.x, y: u.y, hp: num(u.hp, 1), max_hp: num(u.max_hp, num(u.hp, 1)),
               atk: num(u.atk, 1), df: num(u.df, 0), move: num(u.move, 1), rmin: num(u.rmin, 1), rmax: num(u.rmax, 1),
               points: num(u.points, 0), arrive: num(u.arrive, 0), waiting: num(u.arrive, 0) > 0, done: false, fx: u.x, fy: u.y, tween: 0, flash: 0, lunge: 0 };
    });
    var first = units.filter(function (u) { return u.side === 'player'; })[0];
    var cur = level.cursor || (first ? [first.x, first.y] : [0, 0]);
    var grid = level.grid || ['.'];
    var world = {
      grid: grid, w: grid[0].length, h: grid.length, units: units, mode: level.mode || G.cfg.mode || 'rout',
      hold: num(level.hold, 0), cx: cur[0], cy: cur[1], turn: 1, sel: -1, phase: 'select', won: false, lost: false,
      done: false, score: 0, log: [], taps: [], pops: [], t: 0, tween: 0, refused: 0,
      fog: !!level.fog, sight: num(level.sight, 5),
      banner: { text: 'Your turn', t: 1.2 }
    };
    // Score earned in a level is given back when it starts again (R, a lost life): no farming.
    if (G.tacticsBase && G.tacticsBase.level === G.levelIndex && G.tacticsBase.game === G.cleared) G.score = Math.min(G.score, G.tacticsBase.score);
    G.tacticsBase = { level: G.levelIndex, score: G.score, game: G.cleared };
    attachPointer(G);
    return world;
  }

  function tap(G, world, x, y) {
    if (x >= END_BTN.x && x < END_BTN.x + END_BTN.w && y >= END_BTN.y && y < END_BTN.y + END_BTN.h) { press(G, world, 'undo'); return; }
    var tx = Math.floor((x - OX) / T), ty = Math.floor((y - OY) / T);
    if (tx < 0 || ty < 0 || tx >= world.w || ty >= world.h) return;
    world.cx = tx; world.cy = ty;
    press(G, world, 'action');
  }

  function update(G, world, dt) {
    world.t += dt;
    world.tween = Math.max(0, world.tween - dt * 2.5);
    world.refused = Math.max(0, world.refused - dt);
    if (world.banner) { world.banner.t -= dt; if (world.banner.t <= 0) world.banner = null; }
    world.units.forEach(function (u) {
      u.tween = Math.max(0, u.tween - dt * 6); u.flash = Math.max(0, u.flash - dt); u.lunge = Math.max(0, u.lunge - dt);
    });
    world.pops.forEach(function (p) { p.t += dt; });
    world.pops = world.pops.filter(function (p) { return p.t < 0.9; });
    if (world.done) return;
    var keys = ['up', 'down', 'left', 'right', 'action', 'undo'];
    for (var k = 0; k < keys.length && !world.done; k++) {
      if (G.pressed[keys[k]]) { var r = press(G, world, keys[k]); if (r === 'cursor') G.sfx('select'); }
    }
    while (world.taps.length && !world.done) { var p = world.taps.shift(); tap(G, world, p[0], p[1]); }
  }

  // ---- drawing ---------------------------------------------------------------------------------
  function sx(x) { return OX + x * T; }
  function sy(y) { return OY + y * T; }

  function drawTerrain(G, world, ctx) {
    var g = world.grid;
    for (var y = 0; y < g.length; y++) {
      for (var x = 0; x < g[y].length; x++) {
        var ch = g[y].charAt(x), t = TERRAIN[ch] || TERRAIN['#'], px = sx(x), py = sy(y);
        var base = ch === '~' ? '#3a7bd5' : ch === '#' ? G.color('terrain', '#6b6b73') : ch === 'h' ? '#b08a55' : G.color('ground', '#5aa83c');
        ctx.fillStyle = base; ctx.fillRect(px, py, T, T);
        G.tile(t[3], px, py, { screen: true, w: T, h: T, color: base });
        if (ch === 'f') {  // two little pines
          ctx.fillStyle = '#1f5e2a';
          [[5, 12], [13, 9]].forEach(function (c) {
            ctx.beginPath(); ctx.moveTo(px + c[0], py + c[1] - 8); ctx.lineTo(px + c[0] - 5, py + c[1] + 3); ctx.lineTo(px + c[0] + 5, py + c[1] + 3); ctx.closePath(); ctx.fill();
          });
          ctx.fillStyle = '#5b3a1e'; ctx.fillRect(px + 4, py + 15, 2, 3); ctx.fillRect(px + 12, py + 12, 2, 3);
        } else if (ch === 'h') {
          ctx.fillStyle = 'rgba(80,50,20,0.55)';
          ctx.beginPath(); ctx.moveTo(px + 2, py + T - 3); ctx.lineTo(px + T / 2, py + 4); ctx.lineTo(px + T - 2, py + T - 3); ctx.closePath(); ctx.fill();
        }
        ctx.strokeStyle = 'rgba(0,0,0,0.12)'; ctx.strokeRect(px + 0.5, py + 0.5, T - 1, T - 1);
      }
    }
  }

  function drawFog(G, world, ctx) {
    if (!world.fog) return;
    ctx.fillStyle = 'rgba(12,14,28,0.62)';
    for (var y = 0; y < world.h; y++) for (var x = 0; x < world.w; x++) if (!visible(world, x, y)) ctx.fillRect(sx(x), sy(y), T, T);
  }
  function shown(world, u) { return alive(u) && (u.side === 'player' || visible(world, u.x, u.y)); }

  function shade(ctx, x, y, color) { ctx.fillStyle = color; ctx.fillRect(sx(x) + 1, sy(y) + 1, T - 2, T - 2); }

  // Where a unit could move (blue) and strike (red): the selected unit's, else the one under the cursor.
  function drawRanges(G, world, ctx) {
    var i = world.sel >= 0 ? world.sel : unitAt(world, world.cx, world.cy);
    if (i < 0 || !shown(world, world.units[i])) return;
    var u = world.units[i], strike = {};
    var spots = world.phase === 'act' && i === world.sel ? [[u.x, u.y, 0]] : tiles(reach(world, i));
    spots.forEach(function (p) {
      if (!(world.phase === 'act' && i === world.sel)) shade(ctx, p[0], p[1], u.side === 'player' ? 'rgba(80,160,255,0.45)' : 'rgba(255,120,80,0.30)');
      for (var dx = -u.rmax; dx <= u.rmax; dx++) {
        for (var dy = -u.rmax; dy <= u.rmax; dy++) {
          var r = Math.abs(dx) + Math.abs(dy);
          if (r >= u.rmin && r <= u.rmax) strike[key(p[0] + dx, p[1] + dy)] = [p[0] + dx, p[1] + dy];
        }
      }
    });
    Object.keys(strike).forEach(function (k) {
      var p = strike[k], j = unitAt(world, p[0], p[1]);
      if (p[0] < 0 || p[1] < 0 || p[0] >= world.w || p[1] >= world.h) return;
      var foe = j >= 0 && world.units[j].side !== u.side && shown(world, world.units[j]);
      if (foe || world.phase === 'act') shade(ctx, p[0], p[1], foe ? 'rgba(255,40,40,0.55)' : 'rgba(255,60,60,0.22)');
    });
  }

  function drawUnit(G, world, ctx, u, i) {
    var k = u.side === 'player' ? ((G.roles || {}).player || u.slug) : u.slug;
    var tw = i === world.sel ? 0 : (u.side === 'enemy' ? world.tween : u.tween);
    var x = sx(u.x) + (sx(u.fx) - sx(u.x)) * tw, y = sy(u.y) + (sy(u.fy) - sy(u.y)) * tw;
    var bob = i === world.sel ? Math.round(Math.sin(world.t * 8) * 1.5) : 0;
    G.sprite(k, G.anim(k, tw > 0 ? 'move' : 'idle', world.t + i), x + 1, y + bob, {
      w: 18, h: 18, screen: true, flip: u.side === 'enemy', color: G.color(u.side === 'player' ? 'player' : 'enemy', u.side === 'player' ? '#5bc0eb' : '#c3423f'),
      alpha: (u.done ? 0.55 : 1) * (u.flash > 0 && Math.floor(world.t * 20) % 2 === 0 ? 0.3 : 1) });
    ctx.fillStyle = 'rgba(0,0,0,0.7)'; ctx.fillRect(x + 2, y + T - 4, T - 4, 3);
    ctx.fillStyle = u.side === 'player' ? '#5ee06a' : '#ff5050';
    ctx.fillRect(x + 2, y + T - 4, Math.round((T - 4) * u.hp / Math.max(1, u.max_hp)), 3);
    ctx.fillStyle = u.side === 'player' ? '#1c4f9c' : '#8a1c1c'; ctx.fillRect(x, y, 7, 7);
    G.text((u.cls || '?').charAt(0), x + 1, y - 1, { size: 7, shadow: false });
  }

  function drawCursor(G, world, ctx) {
    var pulse = 0.6 + 0.4 * Math.sin(world.t * 6);
    ctx.strokeStyle = world.refused > 0 ? 'rgba(255,80,80,' + pulse + ')' : 'rgba(255,230,80,' + pulse + ')';
    ctx.lineWidth = 2; ctx.strokeRect(sx(world.cx) + 1, sy(world.cy) + 1, T - 2, T - 2); ctx.lineWidth = 1;
  }

  function drawPanel(G, world, ctx) {
    var p = PANEL, y = p.y + 4, mine = side(world, 'player').length, foes = side(world, 'enemy').length;
    ctx.fillStyle = G.color('ui', '#141218'); ctx.globalAlpha = 0.88; ctx.fillRect(p.x, p.y, p.w, p.h); ctx.globalAlpha = 1;
    G.text('TURN ' + world.turn + (world.mode === 'hold' ? ' / ' + world.hold : ''), p.x + 6, y, { size: 11, color: '#ffd34d' }); y += 14;
    G.text((world.mode === 'hold' ? 'Hold out ' + world.hold + ' turns' : 'Rout the enemy') + (world.fog ? '  (fog)' : ''), p.x + 6, y, { size: 8, color: '#9dd7ff' }); y += 12;
    G.text('Army ' + mine + '   Foes ' + foes, p.x + 6, y, { size: 9 }); y += 14;
    var i = world.sel >= 0 ? world.sel : unitAt(world, world.cx, world.cy);
    if (i >= 0 && shown(world, world.units[i])) {
      var u = world.units[i];
      G.text((u.side === 'player' ? '' : 'Foe: ') + u.cls, p.x + 6, y, { size: 9, color: u.side === 'player' ? '#7dc8ff' : '#ff8a8a' }); y += 12;
      G.text('HP ' + u.hp + '/' + u.max_hp + '  ATK ' + u.atk + '  DEF ' + u.df, p.x + 6, y, { size: 8 }); y += 10;
      G.text('MOVE ' + u.move + '  RANGE ' + (u.rmin === u.rmax ? u.rmin : u.rmin + '-' + u.rmax) + (u.done ? '  done' : ''), p.x + 6, y, { size: 8 }); y += 12;
    } else { y += 34; }
    var t = terrain(world, world.cx, world.cy);
    G.text(t[0].charAt(0).toUpperCase() + t[0].slice(1) + ': ' + (t[1] ? 'cost ' + t[1] + ', DEF +' + t[2] : 'impassable'), p.x + 6, y, { size: 8, color: '#d8e8c8' }); y += 14;
    var hint = world.phase === 'select' ? 'Space: pick a unit' : world.phase === 'move' ? 'Space: move to a blue tile' : 'Space: attack red / wait on self';
    G.text(hint, p.x + 6, y, { size: 8, color: '#ffffff' }); y += 12;
    world.log.forEach(function (l, k) { G.text(l.slice(0, 26), p.x + 6, y + k * 10, { size: 7, color: world.refused > 0 && k === world.log.length - 1 ? '#ff9d9d' : '#c8c8c8' }); });
    ctx.fillStyle = G.color('accent', '#f4a259'); ctx.fillRect(END_BTN.x, END_BTN.y, END_BTN.w, END_BTN.h);
    G.text('END TURN (Z)', END_BTN.x + END_BTN.w / 2, END_BTN.y + 7, { align: 'center', size: 9, color: '#1a1c2c', shadow: false });
  }

  function draw(G, world, ctx) {
    G.cam.x = 0; G.cam.y = 0;
    drawTerrain(G, world, ctx);
    drawRanges(G, world, ctx);
    drawFog(G, world, ctx);
    world.units.forEach(function (u, i) { if (shown(world, u)) drawUnit(G, world, ctx, u, i); });
    drawCursor(G, world, ctx);
    world.pops.forEach(function (p) {
      if (!visible(world, p.x, p.y)) return;
      G.text(p.text, sx(p.x) + T / 2, sy(p.y) - 4 - p.t * 14, { align: 'center', size: 9, color: '#ffec6b' });
    });
    drawPanel(G, world, ctx);
    if (world.banner && !G.banner) {  // (the runtime's level banner, when it shows, says enough)
      ctx.globalAlpha = Math.min(1, world.banner.t * 3);
      ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(OX + 40, OY + 2, 240, 16);
      G.text(world.banner.text, OX + 160, OY + 5, { align: 'center', size: 9, color: '#ffd34d' });
      ctx.globalAlpha = 1;
    }
  }

  function player(world) { return { x: sx(world.cx), y: sy(world.cy) }; }

  function hud(G, world) {
    return 'Turn ' + world.turn + '  Army ' + side(world, 'player').length + '  Foes ' + side(world, 'enemy').length +
      '    Space: pick / move / attack   Z: end turn';
  }

  // QA hooks (maestro/genres/tactics/qa.py): the battle in play as plain JSON.
  var qa = {
    view: function (G, world) {
      return {
        units: world.units.map(function (u) { return [u.x, u.y, u.hp, u.done, u.waiting]; }), cursor: [world.cx, world.cy],
        sel: world.sel, phase: world.phase, turn: world.turn, won: world.won, lost: world.lost, score: world.score,
        fog: world.fog, seen: world.units.map(function (u) { return shown(world, u); })
      };
    },
    reach: function (G, world, i) {
      return tiles(reach(world, i)).sort(function (a, b) { return a[1] - b[1] || a[0] - b[0]; });
    }
  };

  Maestro.registerGenre('tactics', {
    start: start, update: update, draw: draw, player: player, hud: hud, qa: qa,
    // Lives only when the GDD gives some (then a lost battle costs one and the battle starts again).
    usesLives: function (spec) {
      return (spec.mechanics || []).some(function (m) { return m.id === 'lives'; });
    },
    help: 'Arrows move the cursor, Space selects, moves and attacks, Z ends the turn (or click tiles)',
    // The title screen's words: the enemy army is routed, or held off until the last turn.
    cast: function (G) { return { enemies: G.spec.mode === 'hold' ? 'hold off' : 'defeat', items: '' }; }
  });
})();
