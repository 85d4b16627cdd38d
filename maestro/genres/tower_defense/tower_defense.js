/* Maestro genre module: tower_defense (mode "path").
 *
 * Waves of enemies walk a road from the spawn (left edge) to the base (right edge); the player builds
 * towers on the build spots beside it and upgrades them with the money kills earn. An enemy that
 * reaches the base costs a life; the level is won when every wave has spawned and none is left.
 *
 * Controls: arrows / WASD move the build cursor (held: repeats), Space / Enter builds the selected
 * tower on a free spot or upgrades the tower under the cursor, Z / U (the touch pad's undo button)
 * selects the next tower type. Mouse / touch: tap a spot to build or upgrade there, tap a tower
 * button in the bottom bar to select it.
 *
 * The simulation is a fixed 60 Hz step in integers only, exactly the rules of
 * maestro/genres/tower_defense/rules.py (Sim.step), so the solver's proof (an input script) replays
 * here frame for frame:
 *   1. input: cursor moves, type selection, build / upgrade (refused without the money);
 *   2. spawns: wave w spawns member j at frame w.at + j * w.gap, at distance 0 of the path;
 *   3. movement: d += speed (cfg.cell units a cell); reaching the path's end costs a life;
 *   4. towers in build order: cool down; a ready one shoots the enemy in range furthest along
 *      (ties: spawned first): hp -= damage, cooldown = rate; a kill pays bounty and points;
 *   5. the dead are removed, the frame advances; all spawned and none left: G.win().
 * Shots, coins and the range circle are drawing only. module.player(world) is the cursor's
 * top-left in world pixels (the grid's cells are cfg.tile px, drawn below the 16 px HUD bar).
 */
(function () {
  'use strict';

  var ORDER = ['left', 'right', 'up', 'down'];
  var STEP = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };
  var clicks = [];         // pointer taps waiting for the next frame: {x, y} in canvas pixels
  var pointerBound = false;

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }
  function hasFrame(G, name) {
    var a = G.data.atlas;
    return !!(a && a.frames && a.frames[name] && a.frames[name].length);
  }

  // ---- pointer input (this module's own: the runtime's pointer only starts the game) -------------
  function bindPointer(G) {
    if (pointerBound || G.headless || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas || !canvas.addEventListener) return;
    pointerBound = true;
    canvas.addEventListener('pointerdown', function (e) {
      if (G.status !== 'playing') return;
      var r = canvas.getBoundingClientRect();
      if (!r.width || !r.height) return;
      clicks.push({ x: (e.clientX - r.left) * G.W / r.width, y: (e.clientY - r.top) * G.H / r.height });
      if (clicks.length > 8) clicks.shift();
    });
  }

  // ---- the level -----------------------------------------------------------------------------
  function start(G, level) {
    var cfg = G.cfg || {};
    var w = (level.width | 0) || 30, h = (level.height | 0) || 14, ts = num(cfg.tile, 16), top = num(cfg.top, 16);
    var path = (level.path || []).map(function (p) { return [p[0] | 0, p[1] | 0]; });
    var spots = {}, onPath = {};
    (level.spots || []).forEach(function (s) { spots[(s[0] | 0) + ',' + (s[1] | 0)] = true; });
    path.forEach(function (p) { onPath[p[0] + ',' + p[1]] = true; });
    var spawnAt = {}, last = 0;
    (level.waves || []).forEach(function (wv, wi) {
      for (var j = 0; j < (wv.count | 0); j++) {
        var f = (wv.at | 0) + j * (wv.gap | 0);
        (spawnAt[f] = spawnAt[f] || []).push(wi);
        if (f > last) last = f;
      }
    });
    var cur = level.cursor || (level.spots && level.spots[0]) || [1, 1];
    bindPointer(G);
    clicks.length = 0;
    G.cam.x = 0; G.cam.y = -top;
    return {
      w: w, h: h, ts: ts, top: top, cell: num(cfg.cell, 240),
      path: path, end: Math.max(0, path.length - 1) * num(cfg.cell, 240), spots: spots, onPath: onPath,
      spotList: (level.spots || []).map(function (s) { return [s[0] | 0, s[1] | 0]; }),
      blocked: (level.blocked || []).slice(0, 64).map(function (b) { return { x: b.x | 0, y: b.y | 0, slug: b.slug }; }),
      waves: level.waves || [], spawnAt: spawnAt, last: last,
      types: cfg.towers || [], kinds: cfg.enemies || [],
      money: level.money | 0, f: 0, enemies: [], towers: [], towerAt: {}, nextId: 0,
      cx: cur[0] | 0, cy: cur[1] | 0, sel: 0, hold: null, repeat: 0,
      kills: 0, leaks: 0, done: false,
      pickupSlug: cfg.pickup_slug || null,
      // what kills drop, in turn, and the player's own sprite, worn by the build cursor
      dropKinds: (cfg.pickups || (cfg.pickup_slug ? [cfg.pickup_slug] : [])).map(function (s) { return { slug: s }; }),
      playerSlug: (G.roles && G.roles.player) || null,
      // drawing only
      shots: [], coins: [], msg: '', msgT: 0, t: 0, flash: 0
    };
  }

  function pathPoint(world, d) {
    var c = world.cell, path = world.path, i = Math.floor(d / c);
    if (i >= path.length - 1) { var q = path[path.length - 1]; return [q[0] * c, q[1] * c]; }
    var r = d - i * c, a = path[i], b = path[i + 1];
    return [a[0] * c + (b[0] - a[0]) * r, a[1] * c + (b[1] - a[1]) * r];
  }
  function stats(world, t) { return world.types[t.type].levels[t.level]; }
  function waveNow(world) {
    var n = 0;
    for (var i = 0; i < world.waves.length; i++) if ((world.waves[i].at | 0) <= world.f) n++;
    return n;
  }
  function say(world, text) { world.msg = text; world.msgT = 1.6; }
  function moneyName(G) { return G.cfg.money_name || 'Gold'; }

  // ---- input -----------------------------------------------------------------------------------
  function moveCursor(G, world, name) {
    var d = STEP[name];
    world.cx = Math.min(world.w - 1, Math.max(0, world.cx + d[0]));
    world.cy = Math.min(world.h - 1, Math.max(0, world.cy + d[1]));
    G.sfx('step');
  }

  // Build on a free spot or upgrade the tower at (x, y): rules.Sim.act, word for word.
  function act(G, world, x, y) {
    var key = x + ',' + y, t = world.towerAt[key];
    if (t) {
      var levels = world.types[t.type].levels;
      if (t.level + 1 >= levels.length) { G.sfx('blip'); say(world, world.types[t.type].name + ' is fully upgraded'); return 'max'; }
      var up = levels[t.level + 1].cost | 0;
      if (world.money < up) { refuse(G, world, up); return 'poor'; }
      world.money -= up; t.level++;
      G.sfx('powerup'); say(world, world.types[t.type].name + ' upgraded to level ' + (t.level + 1));
      return 'upgrade';
    }
    if (!world.spots[key]) { G.sfx('blip'); say(world, 'Towers go on the build spots'); return 'nospot'; }
    var type = world.types[world.sel], cost = type.cost | 0;
    if (world.money < cost) { refuse(G, world, cost); return 'poor'; }
    world.money -= cost;
    t = { id: world.towers.length, x: x, y: y, type: world.sel, level: 0, cd: 0, aim: 0 };
    world.towers.push(t); world.towerAt[key] = t;
    G.sfx('select'); say(world, type.name + ' built');
    return 'build';
  }
  function refuse(G, world, cost) {
    G.sfx('blip'); world.flash = 0.3;
    say(world, 'Need ' + cost + ' ' + moneyName(G) + ' (have ' + world.money + ')');
  }

  function keys(G, world) {
    var cfg = G.cfg, i, d = null;
    for (i = 0; i < ORDER.length; i++) if (G.pressed[ORDER[i]]) { d = ORDER[i]; break; }
    if (d) {
      world.hold = d; world.repeat = num(cfg.repeat_delay, 12) | 0;
      moveCursor(G, world, d);
    } else {
      if (world.hold && !G.held[world.hold]) {
        world.hold = null;
        for (i = 0; i < ORDER.length; i++) if (G.held[ORDER[i]]) { world.hold = ORDER[i]; break; }
        world.repeat = num(cfg.repeat_delay, 12) | 0;
      }
      if (world.hold) {
        world.repeat -= 1;
        if (world.repeat <= 0) { world.repeat = num(cfg.repeat_rate, 5) | 0; moveCursor(G, world, world.hold); }
      }
    }
    if (G.pressed.undo && world.types.length) {
      world.sel = (world.sel + 1) % world.types.length;
      G.sfx('step'); say(world, world.types[world.sel].name + ' selected');
    }
    if (G.pressed.action) act(G, world, world.cx, world.cy);
  }

  // A tap in the bottom bar picks a tower type; a tap on the grid moves the cursor there and acts.
  function pointer(G, world) {
    while (clicks.length) {
      var c = clicks.shift(), b = buttonAt(G, world, c.x, c.y);
      if (b >= 0) { world.sel = b; G.sfx('step'); say(world, world.types[b].name + ' selected'); continue; }
      var gx = Math.floor(c.x / world.ts), gy = Math.floor((c.y - world.top) / world.ts);
      if (gx < 0 || gy < 0 || gx >= world.w || gy >= world.h) continue;
      world.cx = gx; world.cy = gy;
      act(G, world, gx, gy);
    }
  }

  // ---- one frame of the world -------------------------------------------------------------------
  function tick(G, world) {
    var list = world.spawnAt[world.f], i, e;
    if (list) {
      for (i = 0; i < list.length; i++) {
        var wv = world.waves[list[i]], kind = wv.enemy | 0, k = world.kinds[kind];
        world.enemies.push({ id: world.nextId++, kind: kind, hp: wv.hp | 0, maxhp: wv.hp | 0, d: 0, speed: wv.speed | 0,
          bounty: wv.bounty | 0, points: wv.points | 0, slug: (k && k.slug) || 'creep', name: (k && k.name) || 'an enemy' });
      }
    }
    var kept = [];
    for (i = 0; i < world.enemies.length; i++) {
      e = world.enemies[i];
      e.d += e.speed;
      if (e.d >= world.end) {
        world.leaks++;
        G.invuln = 0;                       // every enemy at the gate costs its own life
        G.hurt(e.name + ' reached the base');
        G.invuln = 0;
        if (G.status !== 'playing') return;
      } else kept.push(e);
    }
    world.enemies = kept;
    for (i = 0; i < world.towers.length; i++) {
      var t = world.towers[i];
      if (t.cd > 0) { t.cd -= 1; if (t.cd > 0) continue; }
      shoot(G, world, t);
    }
    world.enemies = world.enemies.filter(function (x) { return x.hp > 0; });
    world.f += 1;
    if (world.f > world.last && world.enemies.length === 0 && !world.done) {
      world.done = true;
      G.win();
    }
  }

  function shoot(G, world, t) {
    var st = stats(world, t), r2 = st.range * st.range, c = world.cell, tx = t.x * c, ty = t.y * c, best = null, bp = null;
    for (var i = 0; i < world.enemies.length; i++) {
      var e = world.enemies[i];
      if (e.hp <= 0 || (best && e.d <= best.d)) continue;
      var p = pathPoint(world, e.d), dx = p[0] - tx, dy = p[1] - ty;
      if (dx * dx + dy * dy <= r2) { best = e; bp = p; }
    }
    if (!best) return;
    best.hp -= st.damage;
    t.cd = st.rate;
    t.aim = Math.atan2(bp[1] - ty, bp[0] - tx);
    if (world.shots.length < 64) world.shots.push({ x0: t.x, y0: t.y, x1: bp[0] / c, y1: bp[1] / c, life: 1, type: t.type });
    if (best.hp <= 0) {
      world.money += best.bounty; world.kills++;
      G.addScore(best.points);
      var drop = world.dropKinds.length ? world.dropKinds[(world.kills - 1) % world.dropKinds.length].slug : null;
      if (world.coins.length < 32) world.coins.push({ x: bp[0] / c, y: bp[1] / c, life: 1, bounty: best.bounty, slug: drop });
      G.sfx('explode'); G.sfx('coin');
    } else G.sfx(t.type % 2 ? 'hit' : 'shoot');
  }

  function update(G, world, dt) {
    world.t += dt;
    if (world.msgT > 0) world.msgT = Math.max(0, world.msgT - dt);
    if (world.flash > 0) world.flash = Math.max(0, world.flash - dt);
    var i;
    for (i = 0; i < world.shots.length; i++) world.shots[i].life -= dt * 6;
    world.shots = world.shots.filter(function (s) { return s.life > 0; });
    for (i = 0; i < world.coins.length; i++) world.coins[i].life -= dt;
    world.coins = world.coins.filter(function (s) { return s.life > 0; });
    if (world.done) return;
    keys(G, world);
    pointer(G, world);
    tick(G, world);
  }

  // A lost life keeps the game going where it was: the base took the hit, the waves walk on.
  function respawn() { /* nothing to reset */ }

  // ---- drawing ------------------------------------------------------------------------------------
  function buttonBox(G, world, k) {
    var n = world.types.length, bw = 58;
    return { x: G.W - (n - k) * (bw + 2) - 2, y: world.top + world.h * world.ts + 2, w: bw, h: G.H - (world.top + world.h * world.ts) - 4 };
  }
  function buttonAt(G, world, x, y) {
    for (var k = 0; k < world.types.length; k++) {
      var b = buttonBox(G, world, k);
      if (x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h) return k;
    }
    return -1;
  }

  function drawGround(G, world, ctx) {
    var ts = world.ts, x, y, top = world.top;
    ctx.fillStyle = G.color('ground', '#5aa83c');
    ctx.fillRect(0, top, world.w * ts, world.h * ts);
    ctx.fillStyle = '#000000'; ctx.globalAlpha = 0.06;
    for (y = 0; y < world.h; y++) for (x = (y & 1); x < world.w; x += 2) ctx.fillRect(x * ts, top + y * ts, ts, ts);
    ctx.globalAlpha = 1;
    for (var i = 0; i < world.path.length; i++) {
      var p = world.path[i];
      if (hasFrame(G, 'tile_path')) G.tile('path', p[0] * ts, p[1] * ts, { w: ts, h: ts });
      else { ctx.fillStyle = G.color('ground2', '#c9a66b'); ctx.fillRect(p[0] * ts, top + p[1] * ts, ts, ts); }
    }
    for (i = 0; i < world.spotList.length; i++) {
      var s = world.spotList[i], sx = s[0] * ts, sy = top + s[1] * ts;
      if (hasFrame(G, 'tile_wall')) G.tile('wall', s[0] * ts, s[1] * ts, { w: ts, h: ts, alpha: 0.85 });
      else { ctx.fillStyle = G.color('wall', '#6b4a2b'); ctx.fillRect(sx + 1, sy + 1, ts - 2, ts - 2); }
      ctx.strokeStyle = G.color('accent', '#ffd447'); ctx.globalAlpha = 0.5; ctx.lineWidth = 1;
      ctx.strokeRect(sx + 1.5, sy + 1.5, ts - 3, ts - 3); ctx.globalAlpha = 1;
    }
    for (i = 0; i < world.blocked.length; i++) {
      var b = world.blocked[i];
      drawThing(G, world, b.slug, 'idle', b.x * ts, b.y * ts, ts, G.color('hazard', '#b0b8c0'), 'rock');
    }
    // the spawn: a dark gate; the base: the goal's sprite (or a keep drawn from the palette)
    var s0 = world.path[0], sN = world.path[world.path.length - 1];
    if (s0) {
      ctx.fillStyle = G.color('shadow', '#1a1a2e'); ctx.globalAlpha = 0.7;
      ctx.fillRect(s0[0] * ts, top + s0[1] * ts - 2, 5, ts + 4); ctx.globalAlpha = 1;
    }
    if (sN) {
      var goal = G.roles && G.roles.goal;
      if (goal && hasFrame(G, goal)) G.sprite(goal, G.anim(goal, 'idle', world.t), sN[0] * ts - 4, sN[1] * ts - 8, { w: 20, h: 20 });
      else drawKeep(G, ctx, sN[0] * ts, top + sN[1] * ts, ts);
    }
  }

  function drawKeep(G, ctx, x, y, ts) {
    ctx.fillStyle = G.color('wall', '#6b4a2b'); ctx.fillRect(x, y - 4, ts, ts + 4);
    ctx.fillStyle = G.color('goal', '#ffffff');
    ctx.fillRect(x, y - 7, 4, 4); ctx.fillRect(x + 6, y - 7, 4, 4); ctx.fillRect(x + 12, y - 7, 4, 4);
    ctx.fillStyle = G.color('shadow', '#1a1a2e'); ctx.fillRect(x + 5, y + 6, 6, ts - 6);
  }

  // A sprite from the atlas, else a shape in the palette that still reads as what it is.
  function drawThing(G, world, slug, anim, x, y, size, color, shape) {
    if (slug && hasFrame(G, slug)) { G.sprite(slug, G.anim(slug, anim, world.t), x, y, { w: size, h: size }); return; }
    var ctx = G.ctx, sx = Math.round(x - G.cam.x), sy = Math.round(y - G.cam.y), m = Math.max(1, size >> 3);
    ctx.fillStyle = color;
    if (shape === 'rock') {
      ctx.beginPath(); ctx.moveTo(sx + m, sy + size - m); ctx.lineTo(sx + size / 2, sy + 2 * m);
      ctx.lineTo(sx + size - m, sy + size - m); ctx.closePath(); ctx.fill(); return;
    }
    if (shape === 'coin') {
      ctx.beginPath(); ctx.arc(sx + size / 2, sy + size / 2, size / 2 - m, 0, Math.PI * 2); ctx.fill(); return;
    }
    ctx.fillRect(sx + m, sy + m, size - 2 * m, size - 2 * m);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(sx + size * 0.3, sy + size * 0.3, m * 1.5, m * 1.5); ctx.fillRect(sx + size * 0.6, sy + size * 0.3, m * 1.5, m * 1.5);
  }

  function drawTower(G, world, ctx, t, x, y, ts, alpha) {
    var type = world.types[t.type] || {}, top = world.top;
    if (alpha !== undefined) ctx.globalAlpha = alpha;
    if (type.slug && hasFrame(G, type.slug)) G.sprite(type.slug, G.anim(type.slug, 'idle', world.t), x * ts, y * ts, { w: ts, h: ts, alpha: alpha });
    else {
      ctx.fillStyle = t.type % 2 ? G.color('player2', '#2b59c3') : G.color('player', '#e8453c');
      ctx.beginPath(); ctx.arc(x * ts + ts / 2, top + y * ts + ts / 2, ts / 2 - 2, 0, Math.PI * 2); ctx.fill();
      ctx.strokeStyle = G.color('shadow', '#1a1a2e'); ctx.lineWidth = 3;
      ctx.beginPath(); ctx.moveTo(x * ts + ts / 2, top + y * ts + ts / 2);
      ctx.lineTo(x * ts + ts / 2 + Math.cos(t.aim || 0) * (ts / 2), top + y * ts + ts / 2 + Math.sin(t.aim || 0) * (ts / 2)); ctx.stroke();
    }
    // which type (a corner badge) and how far upgraded (pips)
    ctx.fillStyle = t.type % 2 ? G.color('item2', '#ff9f1c') : G.color('accent', '#ffd447');
    ctx.fillRect(x * ts, top + y * ts, 4, 4);
    ctx.fillStyle = '#ffffff';
    for (var k = 0; k < (t.level | 0); k++) ctx.fillRect(x * ts + ts - 4, top + y * ts + ts - 4 - k * 4, 3, 3);
    ctx.globalAlpha = 1;
  }

  function drawRange(G, world, ctx, x, y, range, color) {
    var ts = world.ts, r = range / world.cell * ts;
    ctx.strokeStyle = color; ctx.lineWidth = 1; ctx.globalAlpha = 0.8;
    ctx.beginPath(); ctx.arc(x * ts + ts / 2, world.top + y * ts + ts / 2, r, 0, Math.PI * 2); ctx.stroke();
    ctx.globalAlpha = 0.12; ctx.fillStyle = color; ctx.fill(); ctx.globalAlpha = 1;
  }

  function draw(G, world, ctx) {
    G.cam.x = 0; G.cam.y = -world.top;
    var ts = world.ts, top = world.top, i;
    drawGround(G, world, ctx);
    var key = world.cx + ',' + world.cy, here = world.towerAt[key];
    for (i = 0; i < world.towers.length; i++) drawTower(G, world, ctx, world.towers[i], world.towers[i].x, world.towers[i].y, ts);
    for (i = 0; i < world.enemies.length; i++) {
      var e = world.enemies[i], p = pathPoint(world, e.d), ex = p[0] / world.cell * ts, ey = p[1] / world.cell * ts;
      drawThing(G, world, e.slug, 'move', ex, ey, ts, G.color('enemy', '#7a3fa0'), 'enemy');
      ctx.fillStyle = '#000000'; ctx.fillRect(ex + 1, top + ey - 3, ts - 2, 3);
      ctx.fillStyle = e.hp * 3 > e.maxhp ? '#5fd35f' : '#ff5a36';
      ctx.fillRect(ex + 1, top + ey - 3, Math.max(1, Math.round((ts - 2) * e.hp / Math.max(1, e.maxhp))), 3);
    }
    for (i = 0; i < world.shots.length; i++) {
      var s = world.shots[i], k = 1 - s.life, sx = (s.x0 + (s.x1 - s.x0) * k) * ts + ts / 2, sy = top + (s.y0 + (s.y1 - s.y0) * k) * ts + ts / 2;
      var kb = Math.max(0, k - 0.35), bx = (s.x0 + (s.x1 - s.x0) * kb) * ts + ts / 2, by = top + (s.y0 + (s.y1 - s.y0) * kb) * ts + ts / 2;
      var col = s.type % 2 ? G.color('shadow', '#1a1a2e') : G.color('accent', '#ffd447'), r = s.type % 2 ? 4 : 3;
      ctx.strokeStyle = col; ctx.lineWidth = 1; ctx.globalAlpha = 0.7;
      ctx.beginPath(); ctx.moveTo(bx, by); ctx.lineTo(sx, sy); ctx.stroke(); ctx.globalAlpha = 1;
      ctx.fillStyle = col; ctx.fillRect(Math.round(sx - r / 2), Math.round(sy - r / 2), r, r);
    }
    for (i = 0; i < world.coins.length; i++) {
      var c = world.coins[i], cy = c.y * ts - (1 - c.life) * 10;
      ctx.globalAlpha = Math.min(1, c.life * 2);
      drawThing(G, world, c.slug, 'idle', c.x * ts + 4, cy, 8, G.color('item', '#ffd700'), 'coin');
      G.text('+' + c.bounty, c.x * ts + 12, top + cy - 2, { size: 8, color: G.color('item', '#ffd700') });
      ctx.globalAlpha = 1;
    }
    // the cursor, with the range of the tower under it (or of the one it would build)
    var blink = Math.floor(world.t * 4) % 2 === 0;
    if (here) drawRange(G, world, ctx, here.x, here.y, stats(world, here).range, G.color('accent', '#ffd447'));
    else if (world.spots[key] && world.types[world.sel]) {
      drawRange(G, world, ctx, world.cx, world.cy, world.types[world.sel].levels[0].range, '#ffffff');
      drawTower(G, world, ctx, { type: world.sel, level: 0, aim: 0 }, world.cx, world.cy, ts, 0.5);
    }
    ctx.strokeStyle = world.flash > 0 ? G.color('hazard', '#ff2e63') : (blink ? '#ffffff' : G.color('accent', '#ffd447'));
    ctx.lineWidth = 2; ctx.strokeRect(world.cx * ts + 1, top + world.cy * ts + 1, ts - 2, ts - 2);
    var towerLook = world.types.some(function (t) { return t.slug === world.playerSlug; });
    if (world.playerSlug && !towerLook && hasFrame(G, world.playerSlug)) {  // the builder, at the cursor
      G.sprite(world.playerSlug, G.anim(world.playerSlug, 'idle', world.t), world.cx * ts + ts - 4, world.cy * ts - 6, { w: 10, h: 10 });
    }
    drawPanel(G, world, ctx, here);
  }

  function drawPanel(G, world, ctx, here) {
    var y0 = world.top + world.h * world.ts;
    ctx.fillStyle = 'rgba(0,0,0,0.55)'; ctx.fillRect(0, y0, G.W, G.H - y0);
    for (var k = 0; k < world.types.length; k++) {
      var b = buttonBox(G, world, k), type = world.types[k], can = world.money >= type.cost;
      ctx.fillStyle = k === world.sel ? 'rgba(255,255,255,0.25)' : 'rgba(255,255,255,0.08)';
      ctx.fillRect(b.x, b.y, b.w, b.h);
      if (k === world.sel) { ctx.strokeStyle = G.color('accent', '#ffd447'); ctx.lineWidth = 1; ctx.strokeRect(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1); }
      drawTower(G, world, ctx, { type: k, level: 0, aim: -Math.PI / 2 }, (b.x + 3) / world.ts, (b.y + 4 - world.top) / world.ts, world.ts);
      var label = String(type.name || 'Tower');
      if (label.length > 8) label = label.split(/\s+/)[0].slice(0, 8);
      G.text(label, b.x + 21, b.y + 2, { size: 8 });
      G.text(String(type.cost), b.x + 21, b.y + 13, { size: 8, color: can ? G.color('item', '#ffd700') : '#ff7d7d' });
    }
    var info;
    if (world.msgT > 0) info = world.msg;
    else if (here) {
      var lv = world.types[here.type].levels, nxt = lv[here.level + 1];
      info = world.types[here.type].name + ' lv' + (here.level + 1) + (nxt ? '  Space: upgrade ' + nxt.cost : '  (max)');
    } else if (world.spots[world.cx + ',' + world.cy]) info = 'Space: build ' + world.types[world.sel].name + ' (' + world.types[world.sel].cost + ')';
    else info = 'Arrows move, Space builds, Z next tower';
    G.text(info, 4, y0 + 3, { size: 8, color: world.flash > 0 ? '#ff9d9d' : undefined });
  }

  function player(world) { return { x: world.cx * world.ts, y: world.cy * world.ts }; }

  function hud(G, world) {
    if (!world) return '';
    var n = waveNow(world), total = world.waves.length, parts = [moneyName(G) + ' ' + world.money, 'Wave ' + Math.max(1, n) + '/' + total];
    var next = world.waves[n];
    if (next && !world.done) parts.push('next in ' + Math.max(0, Math.ceil(((next.at | 0) - world.f) / 60)) + 's');
    return parts.join('  ');
  }

  // QA hooks (maestro/genres/tower_defense/qa.py): the world as plain JSON, cells as [x, y].
  var qa = {
    view: function (G, world) {
      return {
        f: world.f, money: world.money, cursor: [world.cx, world.cy], sel: world.sel,
        towers: world.towers.map(function (t) {
          var st = stats(world, t);
          return [t.x, t.y, t.type, t.level, t.cd, st.damage, st.range, st.rate];
        }),
        enemies: world.enemies.map(function (e) { return [e.id, e.kind, e.hp, e.d, e.slug]; }),
        wave: waveNow(world), waves: world.waves.length, spawned: world.nextId, kills: world.kills, leaks: world.leaks,
        done: world.done, coins: world.coins.map(function (c) { return c.slug; }), shots: world.shots.length
      };
    },
    // A tap on the canvas at the centre of cell (x, y), as the pointer handler queues one.
    click: function (G, world, x, y) { clicks.push({ x: x * world.ts + world.ts / 2, y: world.top + y * world.ts + world.ts / 2 }); },
    clickButton: function (G, world, k) { var b = buttonBox(G, world, k); clicks.push({ x: b.x + b.w / 2, y: b.y + b.h / 2 }); }
  };

  Maestro.registerGenre('tower_defense', {
    start: start, update: update, draw: draw, player: player, hud: hud, respawn: respawn, qa: qa,
    usesLives: true,
    help: 'Arrows move, Space builds / upgrades, Z next tower, or tap a spot',
    cast: { enemies: 'stop', items: 'collect' }  // the title screen's words: the waves are stopped
  });
})();
