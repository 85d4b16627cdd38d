/* Maestro genre: platformer (side view; modes "levels" and "runner").
 *
 * The movement is integer fixed-point (1/256 px "subpixels") and mirrors physics_step() in
 * maestro/genres/platformer/rules.py bit for bit: the Python solver's input script replays here
 * exactly. Every number comes from data.config (computed once by config_for in Python).
 * player(world) returns the top-left of the player's hitbox, in world pixels.
 */
(function () {
  'use strict';
  var TILE = 16;
  var HAZARD_BOX = [3, 6, 10, 10];   // hurting part of a hazard's 16x16 cell (px)
  var GOAL_BOX = [2, -16, 12, 32];   // the flag's touch box relative to its cell (px)
  var ITEM_BOX = [3, 3, 10, 10];
  var ENEMY_BOX = [2, 3, 12, 13];
  var MAX_ENEMIES = 40, MAX_ITEMS = 120, MAX_HAZARDS = 200, MAX_SHOTS = 8;
  var SHOT_BOX = [0, 0, 6, 3];       // a shot's hitbox (px), top-left at its position
  var GROW_BOX = [2, 2, 12, 12];     // the grow power-up's touch box in its 16x16 cell (px)
  var HANG_TOP = 64;                 // a hanging obstacle's thread reaches this far above the level (px)

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }
  function rnd(v) { return Math.floor(v + 0.5); }
  function physics(cfg, level) {
    var sub = num(cfg.sub, 256);
    var P = {
      sub: sub, ts: TILE * sub,
      g: num(cfg.g_sub, rnd(num(cfg.gravity, 1400) * sub / 3600)),
      jump: num(cfg.jump_sub, rnd(num(cfg.jump_velocity, 400) * sub / 60)),
      run: num(level.run, num(cfg.run_sub, rnd(num(cfg.run_speed, 110) * sub / 60))),
      maxFall: num(cfg.max_fall_sub, Math.min(rnd(num(cfg.max_fall, 360) * sub / 60), TILE * sub / 2)),
      jumps: num(cfg.jumps, 1), coyote: num(cfg.coyote_frames, 6),
      pw: num(cfg.player_w, 12) * sub, ph: num(cfg.player_h, 14) * sub
    };
    P.duckH = cfg.duck ? num(cfg.duck.h, 8) * sub : P.ph;
    P.pad = cfg.dash ? num(cfg.dash.pad_sub, 0) : 0;   // a jump pad's launch (the dash course's)
    P.cut = num(cfg.cut_sub, Math.floor(P.jump / num(cfg.jump_cut, 3)));
    P.bounce = num(cfg.bounce_sub, rnd(P.jump * num(cfg.stomp_bounce, 0.7)));
    return P;
  }

  function padAt(w, tx, ty) {
    return tx >= 0 && tx < w.W && ty >= 0 && ty < w.H && w.pads[ty * w.W + tx] === 1;
  }

  function solidAt(w, tx, ty) {
    if (tx < 0 || tx >= w.W) return true;
    if (ty < 0 || ty >= w.H) return false;
    return w.solid[ty * w.W + tx] === 1;
  }

  // One frame of player movement. Same order and integer maths as physics_step() in Python.
  // Returns true when a jump started this frame. duck (Down held): crouching when on the ground after it.
  function physStep(w, dir, held, pressed, duck) {
    var P = w.P, p = w.p, TS = P.ts, jumped = false;
    var x = p.x, y = p.y, vy = p.vy, jl = p.jl, coy = p.coy;
    if (pressed && jl > 0) { vy = -P.jump; jl -= 1; coy = 0; jumped = true; }
    if (!held && vy < -P.cut) vy = -P.cut;
    vy += P.g;
    if (vy > P.maxFall) vy = P.maxFall;
    y += vy;
    var c0 = Math.floor(x / TS), c1 = Math.floor((x + P.pw - 1) / TS), row;
    if (vy > 0) {
      row = Math.floor((y + P.ph - 1) / TS);
      if (solidAt(w, c0, row) || solidAt(w, c1, row)) { y = row * TS - P.ph; vy = 0; }
    } else if (vy < 0) {
      row = Math.floor(y / TS);
      if (solidAt(w, c0, row) || solidAt(w, c1, row)) { y = (row + 1) * TS; vy = 0; }
    }
    var vx = dir * P.run;
    x += vx;
    var r0 = Math.floor(y / TS), r1 = Math.floor((y + P.ph - 1) / TS), col;
    if (vx > 0) {
      col = Math.floor((x + P.pw - 1) / TS);
      if (solidAt(w, col, r0) || solidAt(w, col, r1)) x = col * TS - P.pw;
    } else if (vx < 0) {
      col = Math.floor(x / TS);
      if (solidAt(w, col, r0) || solidAt(w, col, r1)) x = (col + 1) * TS;
    }
    var feet = y + P.ph, grounded = false;
    if (feet % TS === 0) {
      row = feet / TS;
      grounded = solidAt(w, Math.floor(x / TS), row) || solidAt(w, Math.floor((x + P.pw - 1) / TS), row);
    }
    if (grounded) {
      jl = P.jumps; coy = P.coyote;
      // a jump pad under either foot launches the player (rules.py physics_step: the ground jump is spent)
      if (P.pad && w.hasPads && (padAt(w, Math.floor(x / TS), feet / TS - 1) || padAt(w, Math.floor((x + P.pw - 1) / TS), feet / TS - 1))) {
        vy = -P.pad; grounded = false; jl = P.jumps - 1; coy = 0;
      }
    }
    else if (coy > 0) { coy -= 1; if (coy === 0 && jl === P.jumps) jl = P.jumps - 1; }
    p.x = x; p.y = y; p.vy = vy; p.jl = jl; p.coy = coy; p.ground = grounded; p.duck = !!(duck && grounded);
    return jumped;
  }

  function overlap(ax, ay, aw, ah, bx, by, bw, bh) {
    return ax < bx + bw && ax + aw > bx && ay < by + bh && ay + ah > by;
  }

  function hasSprite(G, slug) {
    var a = G.data && G.data.atlas;
    return !!(a && a.frames && a.frames[slug]);
  }

  function placePlayer(w, pos) {
    var p = w.p, P = w.P;
    p.x = pos[0] * P.sub; p.y = pos[1] * P.sub; p.vy = 0; p.jl = P.jumps; p.coy = P.coyote; p.ground = true; p.duck = false;
  }

  // A hazard's hurting box in px (rules.py hazard_box): its band's box over the ground of its column
  // (cfg.bands), a hanging one down from above the level on its thread; else HAZARD_BOX in its cell.
  function hazardBox(h, boxes) {
    var b = h.band && boxes ? boxes[h.band] : null;
    if (!b) return [h.x * TILE + HAZARD_BOX[0], h.y * TILE + HAZARD_BOX[1], HAZARD_BOX[2], HAZARD_BOX[3]];
    var y0 = (h.y + 1) * TILE + b[1], hgt = b[3];
    if ((boxes.hanging || []).indexOf(h.band) >= 0) { hgt += y0 + HANG_TOP; y0 = -HANG_TOP; }
    return [h.x * TILE + b[0], y0, b[2], hgt];
  }

  function start(G, level) {
    var cfg = G.cfg || {};
    var rows = level.rows || [];
    var H = rows.length, W = num(level.width, rows.length ? rows[0].length : 0);
    var solid = new Uint8Array(Math.max(1, W * H)), pads = new Uint8Array(Math.max(1, W * H)), hasPads = false;
    for (var r = 0; r < H; r++) {
      for (var c = 0; c < W; c++) {
        var ch = rows[r].charAt(c);
        solid[r * W + c] = (ch === '#' || ch === '=') ? 1 : 0;
        if (ch === '^') { pads[r * W + c] = 1; hasPads = true; }
      }
    }
    var roles = G.roles || {};
    var w = {
      P: physics(cfg, level), rows: rows, W: W, H: H, solid: solid, pads: pads, hasPads: hasPads,
      runner: (level.mode || cfg.mode) === 'runner',
      p: { x: 0, y: 0, vy: 0, jl: 1, coy: 0, ground: true, face: 1, moving: false, maxX: 0 },
      items: [], enemies: [], hazards: [], checkpoints: level.checkpoints || [],
      start: level.start || [32, 210], goal: level.goal || null,
      collected: 0, target: num(level.collect_target, num(cfg.collect_target, 0)),
      freeze: 0, t: 0, playerSlug: roles.player || 'player',
      goalSlug: (level.goal && level.goal.slug) || roles.goal || 'flag',
      itemPoints: num(cfg.item_points, 10), enemyPoints: num(cfg.enemy_points, 50),
      freezeFrames: num(cfg.runner_respawn_freeze, 30), tileSprites: {}, spriteCache: {},
      // Only when the GDD asks for them (config_for sets cfg.shoot / cfg.grow): without, the game is
      // the plain platformer, Space jumps.
      shoot: cfg.shoot || null, shots: [], cool: 0, grow: cfg.grow || null, grows: [], big: false,
      duck: !!cfg.duck, attempt: 1
    };
    // The dash course (cfg.dash): running into a block's side costs a life (rules.py _Sim.crashed).
    w.dash = !!cfg.dash && w.runner;
    // A score-attack runner (cfg.timed_run.distance_points): every new tile of distance scores.
    w.distPts = cfg.timed_run && w.runner ? num(cfg.timed_run.distance_points, 0) : 0;
    w.bestCol = Math.floor(w.p.x / w.P.ts);
    placePlayer(w, w.start);
    w.p.maxX = w.p.x;
    // the runner waits a moment ("ready") before it starts running
    if (w.runner) w.freeze = num(cfg.runner_start_freeze, 60);
    (level.items || []).slice(0, MAX_ITEMS).forEach(function (it) {
      w.items.push({ x: it.x, y: it.y, slug: it.slug, points: num(it.points, w.itemPoints), got: false,
        phase: G.rng() * 6.28 });
    });
    (level.enemies || []).slice(0, MAX_ENEMIES).forEach(function (e) {
      w.enemies.push({ x: e.x, y: e.y, y0: e.y, min: num(e.min, e.x), max: num(e.max, e.x), slug: e.slug,
        behavior: e.behavior || 'walker', speed: num(e.speed, num(cfg.enemy_speed, 40)), dir: -1,
        points: num(e.points, w.enemyPoints), alive: true, dead: 0, phase: G.rng() * 6.28 });
    });
    var boxes = cfg.bands && cfg.bands.boxes;
    (level.hazards || []).slice(0, MAX_HAZARDS).forEach(function (h) {
      w.hazards.push({ x: h.x * TILE, y: h.y * TILE, slug: h.slug, band: h.band || null, box: hazardBox(h, boxes) });
    });
    (level.grows || []).slice(0, MAX_ITEMS).forEach(function (g) {
      w.grows.push({ x: g.x, y: g.y, slug: g.slug || 'grow', got: false });
    });
    w.total = w.items.length;
    ['ground', 'ground_top', 'platform'].forEach(function (n) { w.tileSprites[n] = hasSprite(G, 'tile_' + n); });
    w.hasBg = !!(G.data && G.data.backgrounds && Object.keys(G.data.backgrounds).length);
    follow(G, w, true);
    return w;
  }

  function follow(G, w, snap) {
    var P = w.P, lw = w.W * TILE;
    var px = w.p.x / P.sub + P.pw / P.sub / 2;
    var target = px - G.W * (w.runner ? 0.3 : 0.45);
    target = Math.max(0, Math.min(target, lw - G.W));
    G.cam.x = (snap || w.runner) ? Math.round(target) : Math.round(G.cam.x + (target - G.cam.x) * 0.2);
    G.cam.y = 0;
  }

  function respawn(G, w) {
    var px = w.p.x / w.P.sub, best = w.start;
    for (var i = 0; i < w.checkpoints.length; i++) {
      var cp = w.checkpoints[i];
      if (cp[0] <= px + 1 && cp[0] >= best[0]) best = cp;
    }
    placePlayer(w, best);
    w.big = false; w.shots = []; w.attempt += 1;
    if (w.runner) w.freeze = w.freezeFrames;
    follow(G, w, true);
  }

  function updateEnemies(G, w, dt, ppx) {
    for (var i = 0; i < w.enemies.length; i++) {
      var e = w.enemies[i];
      if (!e.alive) { if (e.dead > 0) e.dead -= dt; continue; }
      if (e.behavior === 'static') continue;
      var speed = e.speed;
      if (e.behavior === 'chaser' && Math.abs(ppx - e.x) < 112) {
        e.dir = ppx < e.x ? -1 : 1; speed *= 1.5;
      }
      e.x += e.dir * speed * dt;
      if (e.x <= e.min) { e.x = e.min; e.dir = 1; }
      if (e.x >= e.max) { e.x = e.max; e.dir = -1; }
      if (e.behavior === 'flyer') e.y = e.y0 + Math.sin(w.t * 2.5 + e.phase) * 10;
    }
  }

  function update(G, w, dt) {
    w.t += dt;
    var P = w.P, p = w.p, sub = P.sub;
    if (w.freeze > 0) { w.freeze -= 1; updateEnemies(G, w, dt, p.x / sub); return; }
    var dir = w.runner ? 1 : (G.held.right ? 1 : 0) - (G.held.left ? 1 : 0);
    // With shooting, Space/X fire and only Up/W jumps (rules.py jump_keys says the same).
    var held = !!(G.held.up || (!w.shoot && G.held.action));
    var pressed = !!(G.pressed.up || (!w.shoot && G.pressed.action));
    var prevBottom = (p.y + P.ph) / sub;
    // Crouching (cfg.duck): Down, or Shift, held on the ground.
    var duck = w.duck && !!(G.held.down || G.held.focus);
    var x0 = p.x;
    if (physStep(w, dir, held, pressed, duck)) G.sfx('jump');
    if (dir !== 0) p.face = dir;
    p.moving = dir !== 0;
    if (p.x > p.maxX) p.maxX = p.x;
    if (w.distPts && Math.floor(p.maxX / P.ts) > w.bestCol) {
      G.addScore((Math.floor(p.maxX / P.ts) - w.bestCol) * w.distPts); w.bestCol = Math.floor(p.maxX / P.ts);
    }
    var px = p.x / sub, py = p.y / sub, pw = P.pw / sub, ph = P.ph / sub;
    // what hurts the player: its box, or crouched its lower part (feet where they are)
    var hy = p.duck ? (p.y + P.ph - P.duckH) / sub : py, hh = p.duck ? P.duckH / sub : ph;

    // items
    for (var i = 0; i < w.items.length; i++) {
      var it = w.items[i];
      if (it.got) continue;
      if (overlap(px, py, pw, ph, it.x + ITEM_BOX[0], it.y + ITEM_BOX[1], ITEM_BOX[2], ITEM_BOX[3])) {
        it.got = true; w.collected++; G.addScore(it.points); G.sfx('coin');
      }
    }
    if (w.grow) takeGrow(G, w, px, py, pw, ph);
    // enemies: stomp from above kills, any other touch hurts
    updateEnemies(G, w, dt, px);
    if (w.shoot) updateShots(G, w, px, py, pw, ph);
    for (var j = 0; j < w.enemies.length; j++) {
      var e = w.enemies[j];
      if (!e.alive) continue;
      var ex = e.x + ENEMY_BOX[0], ey = e.y + ENEMY_BOX[1];
      if (!overlap(px, hy, pw, hh, ex, ey, ENEMY_BOX[2], ENEMY_BOX[3])) continue;
      if (p.vy > 0 && prevBottom <= ey + 6) {
        e.alive = false; e.dead = 0.5; p.vy = -P.bounce; p.ground = false;
        if (p.jl < P.jumps - 1) p.jl = P.jumps - 1;
        G.addScore(e.points); G.sfx('hit');
      } else if (G.invuln <= 0) {
        if (!shrink(G, w)) G.hurt(e.slug || 'enemy');
        return;
      }
    }
    // hazards
    for (var k = 0; k < w.hazards.length; k++) {
      var h = w.hazards[k];
      if (overlap(px, hy, pw, hh, h.box[0], h.box[1], h.box[2], h.box[3])) {
        if (G.invuln <= 0) { if (!shrink(G, w)) G.hurt(h.slug || 'spikes'); return; }
      }
    }
    // the dash course: the run held back by a wall is a crash into a block's side
    if (w.dash && p.x - x0 < P.run && G.invuln <= 0) { if (!shrink(G, w)) G.hurt('block'); return; }
    // pits: a fall always costs a life; while invulnerable it only sends the player back
    if (p.y >= w.H * P.ts) {
      if (!G.hurt('fell') && G.status === 'playing') respawn(G, w);
      return;
    }
    // the flag
    if (w.goal && overlap(px, py, pw, ph, w.goal.x * TILE + GOAL_BOX[0], w.goal.y * TILE + GOAL_BOX[1],
        GOAL_BOX[2], GOAL_BOX[3])) {
      G.win();
    }
    follow(G, w, false);
  }

  // ---- shooting (cfg.shoot) and growing (cfg.grow) ------------------------------------------------
  // Holding fire shoots in the facing direction, one shot every cfg.shoot.cooldown frames; a shot
  // flies straight until it hits a wall, an enemy (defeated, for its points) or its range runs out.
  function updateShots(G, w, px, py, pw, ph) {
    var S = w.shoot;
    if (w.cool > 0) w.cool -= 1;
    if (G.held.action && w.cool <= 0 && w.shots.length < MAX_SHOTS) {
      var sx = w.p.face > 0 ? px + pw : px - SHOT_BOX[2];
      w.shots.push({ x: sx, y: py + Math.floor(ph / 2) - 1, dx: w.p.face > 0 ? 1 : -1, life: num(S.life, 50) });
      w.cool = num(S.cooldown, 15);
      G.sfx('hit');
    }
    var keep = [];
    for (var i = 0; i < w.shots.length; i++) {
      var s = w.shots[i];
      s.x += s.dx * num(S.speed, 4); s.life -= 1;
      if (s.life <= 0 || solidAt(w, Math.floor((s.x + SHOT_BOX[2] / 2) / TILE), Math.floor((s.y + 1) / TILE))) continue;
      if (!shotHits(G, w, s)) keep.push(s);
    }
    w.shots = keep;
  }

  function shotHits(G, w, s) {
    for (var j = 0; j < w.enemies.length; j++) {
      var e = w.enemies[j];
      if (!e.alive || !overlap(s.x, s.y, SHOT_BOX[2], SHOT_BOX[3], e.x + ENEMY_BOX[0], e.y + ENEMY_BOX[1],
          ENEMY_BOX[2], ENEMY_BOX[3])) continue;
      var shotPoints = e.points;
      e.alive = false; e.dead = 0.5; G.addScore(shotPoints); G.sfx('hit');
      return true;
    }
    return false;
  }

  // Touching the grow power-up makes the player big: the next hit shrinks it back instead of costing
  // a life. The hitbox stays the same, so the solver's proof of the level holds big or small.
  function takeGrow(G, w, px, py, pw, ph) {
    for (var i = 0; i < w.grows.length; i++) {
      var g = w.grows[i];
      if (g.got || !overlap(px, py, pw, ph, g.x + GROW_BOX[0], g.y + GROW_BOX[1], GROW_BOX[2], GROW_BOX[3])) continue;
      g.got = true; w.big = true; G.addScore(num(w.grow.points, 0)); G.sfx('levelup');
    }
  }

  // A hit while big: shrink, and a moment of safety (the runtime's own invulnerability time).
  function shrink(G, w) {
    if (!w.big) return false;
    w.big = false; G.invuln = num(w.grow.invuln, 1.5); G.sfx('hurt');
    return true;
  }

  function drawShots(G, w, ctx) {
    ctx.fillStyle = G.color('accent', '#ff0');
    for (var i = 0; i < w.shots.length; i++) {
      var s = w.shots[i];
      ctx.fillRect(Math.round(s.x - G.cam.x), Math.round(s.y - G.cam.y), SHOT_BOX[2], SHOT_BOX[3]);
    }
  }

  function drawGrows(G, w, ctx) {
    for (var i = 0; i < w.grows.length; i++) {
      var g = w.grows[i];
      if (g.got) continue;
      if (hasSprite(G, g.slug)) { G.sprite(g.slug, G.anim(g.slug, 'idle', w.t), g.x, g.y); continue; }
      var gx = g.x + 8 - G.cam.x, gy = g.y + 8 - G.cam.y;   // a mushroom: cap and stem
      ctx.fillStyle = G.color('ui_text', '#fff'); ctx.fillRect(gx - 3, gy, 6, 6);
      ctx.fillStyle = G.color('hazard', '#d33');
      ctx.beginPath(); ctx.arc(gx, gy + 1, 7, Math.PI, 0); ctx.fill();
      ctx.fillStyle = '#ffffff'; ctx.fillRect(gx - 4, gy - 3, 2, 2); ctx.fillRect(gx + 2, gy - 4, 2, 2);
    }
  }

  // ---- drawing ---------------------------------------------------------------------------------
  // A banded obstacle drawn on its hurting box: a flyer at head height, or one hanging on its thread.
  function drawBanded(G, w, ctx, h) {
    var b = h.box, cx = b[0] + b[2] / 2, bottom = b[1] + b[3], hanging = h.band.indexOf('overhead') === 0;
    var top = hanging ? bottom - 14 : b[1];
    if (hanging) {
      ctx.fillStyle = G.color('ui_text', '#ddd');
      ctx.fillRect(Math.round(cx - G.cam.x), 0, 1, Math.max(0, Math.round(top - G.cam.y)));
    }
    var sy = Math.round(top + (bottom - top) / 2 - 8);
    if (hasSprite(G, h.slug)) { G.sprite(h.slug, G.anim(h.slug, 'idle', w.t), cx - 8, sy); return; }
    var x = Math.round(cx - G.cam.x), y = Math.round(sy + 8 - G.cam.y);
    ctx.fillStyle = G.color('hazard', '#d33');
    ctx.beginPath(); ctx.arc(x, y, 5, 0, 6.2832); ctx.fill();
    var flap = Math.round(Math.sin(w.t * 14) * 3);
    if (hanging) { for (var l = -1; l <= 1; l += 2) { ctx.fillRect(x + l * 8 - (l < 0 ? 0 : 1), y - 3, 2, 8); } }
    else { ctx.fillRect(x - 11, y - 2 + flap, 6, 3); ctx.fillRect(x + 5, y - 2 + flap, 6, 3); }
  }

  function drawHills(G, w, ctx) {
    if (w.hasBg) return;
    ctx.fillStyle = G.color('sky2', G.color('sky'));
    var off = G.cam.x * 0.35;
    for (var sx = 0; sx < G.W; sx += 8) {
      var wx = sx + off;
      var hgt = 46 + Math.sin(wx * 0.013) * 22 + Math.sin(wx * 0.041) * 9;
      ctx.fillRect(sx, G.H - hgt - 30, 8, hgt + 30);
    }
  }

  function drawTile(G, w, ctx, name, x, y) {
    if (w.tileSprites[name]) { G.tile(name, x, y); return; }
    var sx = x - G.cam.x, sy = y - G.cam.y;
    if (name === 'platform') {
      ctx.fillStyle = G.color('wall', G.color('ground2')); ctx.fillRect(sx, sy, TILE, TILE / 2 + 2);
      ctx.fillStyle = G.color('accent'); ctx.fillRect(sx, sy, TILE, 2);
      ctx.fillStyle = G.color('shadow', '#000'); ctx.fillRect(sx, sy + TILE / 2 + 2, TILE, 1);
      return;
    }
    ctx.fillStyle = G.color('ground'); ctx.fillRect(sx, sy, TILE, TILE);
    ctx.fillStyle = G.color('ground2', G.color('ground'));
    ctx.fillRect(sx + ((x / TILE) % 2 ? 3 : 9), sy + 6, 3, 3);
    if (name === 'ground_top') {
      ctx.fillStyle = G.color('accent'); ctx.fillRect(sx, sy, TILE, 3);
      ctx.fillStyle = G.color('ground2', G.color('ground')); ctx.fillRect(sx, sy + 3, TILE, 1);
    }
  }

  function draw(G, w, ctx) {
    drawHills(G, w, ctx);
    var c0 = Math.max(0, Math.floor(G.cam.x / TILE)), c1 = Math.min(w.W - 1, c0 + Math.ceil(G.W / TILE) + 1);
    for (var r = 0; r < w.H; r++) {
      var row = w.rows[r];
      for (var c = c0; c <= c1; c++) {
        var ch = row.charCodeAt(c);
        if (ch === 35) { // '#'
          var top = r === 0 || !w.solid[(r - 1) * w.W + c];
          drawTile(G, w, ctx, top ? 'ground_top' : 'ground', c * TILE, r * TILE);
        } else if (ch === 61) { // '='
          drawTile(G, w, ctx, 'platform', c * TILE, r * TILE);
        } else if (ch === 94) { // '^' a jump pad: a glowing half disc on the floor
          var px0 = c * TILE - G.cam.x + 8, py0 = (r + 1) * TILE - G.cam.y;
          ctx.fillStyle = G.color('item', '#fd3');
          ctx.beginPath(); ctx.arc(px0, py0, 7, Math.PI, 0); ctx.fill();
          ctx.fillStyle = G.color('item2', '#fff'); ctx.fillRect(px0 - 5, py0 - 2, 10, 2);
        }
      }
    }
    var left = G.cam.x - TILE * 2, right = G.cam.x + G.W + TILE;
    // hazards
    for (var k = 0; k < w.hazards.length; k++) {
      var h = w.hazards[k];
      if (h.x < left || h.x > right) continue;
      if (h.band && h.band !== 'ground') { drawBanded(G, w, ctx, h); continue; }
      if (hasSprite(G, h.slug)) { G.sprite(h.slug, G.anim(h.slug, 'idle', w.t), h.x, h.y); continue; }
      ctx.fillStyle = G.color('hazard', '#d33');
      var hx = h.x - G.cam.x, hy = h.y - G.cam.y;
      for (var s = 0; s < 3; s++) {
        ctx.beginPath(); ctx.moveTo(hx + 1 + s * 5, hy + 16); ctx.lineTo(hx + 3.5 + s * 5, hy + 5);
        ctx.lineTo(hx + 6 + s * 5, hy + 16); ctx.closePath(); ctx.fill();
      }
    }
    // goal
    if (w.goal) {
      var gx = w.goal.x * TILE, gy = w.goal.y * TILE;
      if (gx > left && gx < right) {
        ctx.fillStyle = G.color('ui_text', '#fff');
        ctx.fillRect(gx + 7 - G.cam.x, gy - 26 - G.cam.y, 2, 42);
        if (hasSprite(G, w.goalSlug)) {
          G.sprite(w.goalSlug, G.anim(w.goalSlug, 'idle', w.t), gx - 4, gy - 8, { w: 24, h: 24 });
        } else {
          ctx.fillStyle = G.color('goal', '#3c3');
          var wave = Math.round(Math.sin(w.t * 6) * 1.5);
          ctx.beginPath(); ctx.moveTo(gx + 9 - G.cam.x, gy - 26 - G.cam.y);
          ctx.lineTo(gx + 22 - G.cam.x, gy - 21 + wave - G.cam.y); ctx.lineTo(gx + 9 - G.cam.x, gy - 16 - G.cam.y);
          ctx.closePath(); ctx.fill();
        }
      }
    }
    // items
    for (var i = 0; i < w.items.length; i++) {
      var it = w.items[i];
      if (it.got || it.x < left || it.x > right) continue;
      var bob = Math.round(Math.sin(w.t * 4 + it.phase) * 1.5);
      if (hasSprite(G, it.slug)) { G.sprite(it.slug, G.anim(it.slug, 'idle', w.t), it.x, it.y + bob); continue; }
      var ix = it.x + 8 - G.cam.x, iy = it.y + 8 + bob - G.cam.y;
      ctx.fillStyle = G.color('item', '#fd3');
      ctx.beginPath(); ctx.arc(ix, iy, 5, 0, 6.2832); ctx.fill();
      ctx.fillStyle = G.color('item2', '#fff'); ctx.fillRect(ix - 1, iy - 3, 2, 6);
    }
    if (w.grow) drawGrows(G, w, ctx);
    // enemies
    for (var j = 0; j < w.enemies.length; j++) {
      var e = w.enemies[j];
      if (e.x < left || e.x > right) continue;
      if (e.alive) {
        G.sprite(e.slug, G.anim(e.slug, 'move', w.t), e.x, e.y, { flip: e.dir > 0, color: G.color('enemy', '#c33') });
        eyes(G, w, ctx, e.slug, e.x, e.y, e.dir);
      } else if (e.dead > 0) {
        G.sprite(e.slug, 0, e.x, e.y + 10, { h: 6, alpha: Math.max(0, e.dead * 2), color: G.color('enemy', '#c33') });
      }
    }
    // player (blinks while invulnerable)
    var p = w.p, P = w.P;
    if (!(G.invuln > 0 && Math.floor(G.invuln * 12) % 2 === 0) && !(w.freeze > 0 && w.freeze % 8 < 4)) {
      var anim = !p.ground ? 'jump' : (p.moving ? 'walk' : 'idle');
      var drawX = p.x / P.sub - (TILE - P.pw / P.sub) / 2, drawY = p.y / P.sub - (TILE - P.ph / P.sub);
      var opts = { flip: p.face < 0, color: G.color('player', '#39f') };
      if (p.duck) { drawY += TILE - 10; opts.h = 10; }   // crouched: drawn squat, feet where they were
      if (w.big) { drawX -= 4; drawY -= 8; opts.w = 24; opts.h = 24; }   // big: drawn 1.5x, feet where they were
      G.sprite(w.playerSlug, G.anim(w.playerSlug, anim, w.t), drawX, drawY, opts);
      eyes(G, w, ctx, w.playerSlug, drawX, drawY, p.face);
    }
    if (w.shoot) drawShots(G, w, ctx);
  }

  // Without an atlas the runtime draws a plain block; two eyes make it read as a character.
  function eyes(G, w, ctx, slug, x, y, face) {
    if (w.spriteCache[slug] === undefined) w.spriteCache[slug] = hasSprite(G, slug);
    if (w.spriteCache[slug]) return;
    var sx = Math.round(x - G.cam.x) + (face < 0 ? 3 : 7), sy = Math.round(y - G.cam.y) + 4;
    ctx.fillStyle = '#ffffff'; ctx.fillRect(sx, sy, 3, 4); ctx.fillRect(sx + 4, sy, 3, 4);
    ctx.fillStyle = '#000000'; ctx.fillRect(sx + (face < 0 ? 0 : 1), sy + 1, 2, 2);
    ctx.fillRect(sx + 4 + (face < 0 ? 0 : 1), sy + 1, 2, 2);
  }

  function hud(G, w) {
    if (!w) return '';
    var label = w.target > 0 ? (w.collected + '/' + w.target) : (w.collected + '/' + w.total);
    // The GDD's own word for what is collected (Seeds, Diamonds...), 'Items' when it names several.
    var items = (G.spec && G.spec.items) || [];
    var txt = (items.length === 1 && items[0].name ? items[0].name : (items.length ? 'Items' : 'Coins')) + ' ' + label;
    if (w.dash) txt += '   Attempt ' + w.attempt;
    if (w.runner && w.goal) {
      var pct = Math.min(100, Math.floor(100 * (w.p.x / w.P.sub) / Math.max(1, w.goal.x * TILE)));
      txt += '   Distance ' + pct + '%';
    }
    return txt;
  }

  Maestro.registerGenre('platformer', {
    start: start,
    update: update,
    draw: draw,
    respawn: respawn,
    hud: hud,
    usesLives: true,
    player: function (w) { return { x: w.p.x / w.P.sub, y: w.p.y / w.P.sub }; },
    help: function (G) {
      var c = G.cfg, jumps = num(c.jumps, 1);
      var extra = jumps > 1 ? ' (x' + jumps + ' in air)' : '';
      var duck = c.duck ? ', Down/Shift duck' : '';
      if (c.dash) return 'One button: Up/W/Space or tap to jump over spikes and onto blocks' + extra;
      if (c.shoot && c.mode === 'runner') return 'Auto-run! Up/W jump' + extra + duck + ', Space/X fire';
      if (c.mode === 'runner') return 'Auto-run! Up/W/Space jump' + extra + ' over gaps and spikes' + duck;
      if (c.shoot) return 'Arrows/WASD run, Up/W jump' + extra + duck + ', Space/X fire, stomp or shoot enemies';
      return 'Arrows/WASD run, Up/Space jump' + extra + duck + ', stomp enemies';
    },
    // exposed for tests and QA tools: one physics frame with explicit inputs
    physStep: physStep,
    // QA hooks (maestro/genres/platformer/qa.py). They read or set state only; the
    // checks then step the real update().
    qa: {
      // What the QA bot plans with: the exact (subpixel) player state, the enemies and the clocks.
      snapshot: function (G, w) {
        var p = w.p;
        return {
          p: { x: p.x, y: p.y, vy: p.vy, jl: p.jl, coy: p.coy, ground: !!p.ground, duck: !!p.duck },
          freeze: w.freeze, t: w.t, invuln: G.invuln, lives: G.lives, status: G.status,
          level: G.levelIndex + 1, cleared: G.cleared, collected: w.collected, total: w.total,
          shots: w.shots.length, big: !!w.big, grows: w.grows.filter(function (g) { return !g.got; }).length,
          itemPoints: w.items.reduce(function (n, it) { return n + (it.got ? it.points : 0); }, 0),
          enemies: w.enemies.map(function (e) {
            return { x: e.x, y: e.y, y0: e.y0, min: e.min, max: e.max, dir: e.dir, speed: e.speed,
              behavior: e.behavior, phase: e.phase, alive: e.alive, slug: e.slug, points: e.points };
          })
        };
      },
      // Put the player's hitbox top-left at (x, y) px, falling at vy px per frame (0: at rest).
      movePlayer: function (G, w, x, y, vy) {
        var p = w.p, P = w.P;
        p.x = Math.round(x * P.sub); p.y = Math.round(y * P.sub); p.vy = Math.round((vy || 0) * P.sub);
        p.jl = P.jumps; p.coy = P.coyote; p.ground = false;
        if (p.x > p.maxX) p.maxX = p.x;
        follow(G, w, true);
      }
    }
  });
})();
