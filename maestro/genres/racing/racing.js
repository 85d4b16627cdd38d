/* Maestro genre module: racing (mode "circuit").
 *
 * A top-down race on a closed track: the player's car and the rival racers (the GDD's enemies) race
 * `laps` laps; a lap counts only when every checkpoint gate has been crossed in order and then the
 * start / finish line. Off-road slows the car, boost pads speed it up, hazards slow it, pickups score.
 * Finish the last lap first to win the race; a rival finishing first loses it (a life: the race starts
 * again).
 *
 * Controls: left / right (A / D) steer, up / W / Space / Enter accelerate, down / S brakes; the touch
 * pad's arrows and action button do the same.
 *
 * The race is a fixed 60 Hz step in integers only, exactly the rules of
 * maestro/genres/racing/rules.py (Sim.step), so the solver's proof (the keys held each frame)
 * replays here frame for frame. Units: a cell is cfg.cell (256) units, 16 px; the heading is an
 * index 0..255 into cfg.sin (sin * 1024, shipped by the Python so both copies use the same table):
 *   1. countdown frames: nothing moves;
 *   2. steering (only while moving): left hd -= turn, right hd += turn (mod 256);
 *   3. speed: brake, else throttle up to the top speed (road / off-road), else drag; above the top
 *      speed lose 1 a frame on the road, off_drag off it; a boost pad: at least boost_speed; a
 *      hazard: at most slow_speed;
 *   4. x += (speed * cos) >> 10, y += (speed * sin) >> 10, kept inside the grid;
 *   5. the car's cell: a pickup there is taken; a cell of the NEXT gate crosses it (gate 0 after all
 *      the others: a lap; the last lap: G.win());
 *   6. rivals in order: s += speed along the centre line; one reaching laps * length first: G.hurt();
 *   7. the frame counter advances.
 * Positions in the race, lane offsets, skid marks and the countdown text are drawing only.
 * module.player(world) is the car's centre in world pixels (the grid is drawn below the HUD bar).
 */
(function () {
  'use strict';

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }
  function hasFrame(G, name) {
    var a = G.data.atlas;
    return !!(a && a.frames && a.frames[name] && a.frames[name].length);
  }
  function key(x, y) { return x + ',' + y; }

  // ---- the level -----------------------------------------------------------------------------
  function roadCells(center, w, h) {
    var road = {};
    center.forEach(function (c) {
      for (var dy = -1; dy <= 1; dy++) for (var dx = -1; dx <= 1; dx++) {
        var x = c[0] + dx, y = c[1] + dy;
        if (x >= 0 && y >= 0 && x < w && y < h) road[key(x, y)] = true;
      }
    });
    return road;
  }
  // The five cells across the track at centre index i: rules.gate_cells.
  function gateCells(center, i, w, h) {
    var n = center.length, a = center[i % n], b = center[(i + 1) % n], px = -(b[1] - a[1]), py = b[0] - a[0], out = [];
    for (var k = -2; k <= 2; k++) {
      var x = a[0] + k * px, y = a[1] + k * py;
      if (x >= 0 && y >= 0 && x < w && y < h) out.push([x, y]);
    }
    return out;
  }

  function start(G, level) {
    var cfg = G.cfg || {};
    var w = (level.width | 0) || 30, h = (level.height | 0) || 15, ts = num(cfg.tile, 16), top = num(cfg.top, 16);
    var cell = num(cfg.cell, 256);
    var center = (level.center || []).map(function (p) { return [p[0] | 0, p[1] | 0]; });
    var gateIdx = (level.gates || [0]).map(function (i) { return i | 0; });
    var gates = gateIdx.map(function (i) {
      var set = {}; gateCells(center, i, w, h).forEach(function (c) { set[key(c[0], c[1])] = true; }); return set;
    });
    var at = {};
    center.forEach(function (c, i) { at[key(c[0], c[1])] = i; });
    var boosts = {}, hazards = {}, pickups = {};
    (level.boosts || []).forEach(function (b) { boosts[key(b[0] | 0, b[1] | 0)] = true; });
    (level.hazards || []).forEach(function (z) { hazards[key(z.x | 0, z.y | 0)] = z.slug || 'hazard'; });
    (level.pickups || []).forEach(function (p) { pickups[key(p.x | 0, p.y | 0)] = { x: p.x | 0, y: p.y | 0, points: num(p.points, 10) | 0, slug: p.slug }; });
    var st = level.start || { x: 0, y: 0, h: 0 }, laps = num(level.laps, num(cfg.laps, 3)) | 0;
    var looks = {};
    var spec = G.spec || {};
    [spec.player].concat(spec.enemies || []).forEach(function (e) { if (e && e.slug) looks[e.slug] = (e.look && e.look.heading) || 'right'; });
    G.cam.x = 0; G.cam.y = -top;
    return {
      w: w, h: h, ts: ts, top: top, cell: cell, sin: cfg.sin || [],
      center: center, length: center.length * cell, road: roadCells(center, w, h), gates: gates, gateIdx: gateIdx, at: at,
      laps: laps, countdown: num(level.countdown, 0) | 0,
      x: st.x | 0, y: st.y | 0, hd: (st.h | 0) & 255, speed: 0, lap: 0, next: 1 % gates.length,
      boosts: boosts, hazards: hazards, pickups: pickups, taken: {}, nTaken: 0,
      rivals: (level.rivals || []).map(function (r, k) {
        return { s: r.s | 0, speed: r.speed | 0, slug: r.slug, name: r.name || 'A rival', k: k };
      }),
      finish: laps * center.length * cell, f: 0, done: false, winner: -1,
      playerSlug: (G.roles && G.roles.player) || (spec.player && spec.player.slug) || null, looks: looks,
      goalSlug: (G.roles && G.roles.goal) || null,  // drawn beside the start / finish line
      // drawing only
      t: 0, msg: '', msgT: 0, lastCell: '', skid: [], beep: -1
    };
  }

  // ---- one frame of the race (rules.Sim.step) ---------------------------------------------------------
  function cellOf(world) { return [Math.floor(world.x / world.cell), Math.floor(world.y / world.cell)]; }
  function say(world, text) { world.msg = text; world.msgT = 1.4; }

  function speedRule(G, world, gas, brake, k) {
    var c = G.cfg, on = !!world.road[k], topSpeed = on ? c.max_speed : c.off_speed;
    if (brake) world.speed = Math.max(0, world.speed - c.brake);
    else if (gas) { if (world.speed < topSpeed) world.speed = Math.min(topSpeed, world.speed + c.accel); }
    else world.speed = Math.max(0, world.speed - c.drag);
    if (world.speed > topSpeed) world.speed = Math.max(topSpeed, world.speed - (on ? 1 : c.off_drag));
    if (world.boosts[k]) world.speed = Math.max(world.speed, c.boost_speed);
    if (world.hazards[k]) world.speed = Math.min(world.speed, c.slow_speed);
  }

  function cross(G, world, cx, cy) {
    var k = key(cx, cy), p = world.pickups[k];
    if (p && !world.taken[k]) {
      world.taken[k] = true; world.nTaken++;
      G.addScore(p.points); G.sfx('coin');
    }
    if (!world.gates[world.next][k]) return;
    if (world.next === 0) {
      world.lap += 1;
      G.addScore(num(G.cfg.lap_points, 0));
      if (world.lap >= world.laps) {
        G.addScore(num(G.cfg.win_points, 0));
        world.done = true;
        world.next = (world.next + 1) % world.gates.length;
        G.win();
        return;
      }
      G.sfx('door'); say(world, world.lap + 1 === world.laps ? 'Final lap!' : 'Lap ' + (world.lap + 1) + ' of ' + world.laps);
    } else {
      G.sfx('step'); say(world, 'Checkpoint ' + world.next + ' of ' + (world.gates.length - 1));
    }
    world.next = (world.next + 1) % world.gates.length;
  }

  function tick(G, world) {
    var c = G.cfg, held = G.held;
    if (world.f < world.countdown) {
      var sec = Math.floor((world.countdown - world.f - 1) / 60);
      if (sec !== world.beep) { world.beep = sec; G.sfx('blip'); }
      world.f += 1;
      return;
    }
    if (world.speed > 0) {
      if (held.left) world.hd = (world.hd - c.turn) & 255;
      if (held.right) world.hd = (world.hd + c.turn) & 255;
    }
    var cc = cellOf(world);
    speedRule(G, world, !!(held.up || held.action), !!held.down, key(cc[0], cc[1]));
    world.x += (world.speed * world.sin[(world.hd + 64) & 255]) >> 10;
    world.y += (world.speed * world.sin[world.hd]) >> 10;
    world.x = Math.max(0, Math.min(world.w * world.cell - 1, world.x));
    world.y = Math.max(0, Math.min(world.h * world.cell - 1, world.y));
    cc = cellOf(world);
    var k = key(cc[0], cc[1]);
    if (k !== world.lastCell) {  // sounds on entering a cell: drawing only
      if (world.boosts[k]) { G.sfx('powerup'); say(world, (c.boost_name || 'Boost') + '!'); }
      if (world.hazards[k]) G.sfx('hit');
      world.lastCell = k;
    }
    cross(G, world, cc[0], cc[1]);
    if (world.done) { world.f += 1; return; }
    for (var i = 0; i < world.rivals.length; i++) {
      var r = world.rivals[i];
      r.s += r.speed;
      if (r.s >= world.finish) {
        world.winner = i; world.done = true;
        G.invuln = 0;
        G.hurt(r.name + ' finished first');
        return;
      }
    }
    world.f += 1;
  }

  function update(G, world, dt) {
    world.t += dt;
    if (world.msgT > 0) world.msgT = Math.max(0, world.msgT - dt);
    if (world.done) return;
    tick(G, world);
    if (world.speed > 30 && !world.road[key(cellOf(world)[0], cellOf(world)[1])] && world.skid.length < 40) {
      world.skid.push({ x: world.x, y: world.y, life: 1 });
    }
    for (var i = 0; i < world.skid.length; i++) world.skid[i].life -= dt;
    world.skid = world.skid.filter(function (s) { return s.life > 0; });
  }

  // ---- the race order (drawing and the HUD only) -----------------------------------------------------
  // The player's distance: laps done, plus the centre cell nearest the car between the last gate
  // crossed and the next one; a rival's is its s.
  function playerDistance(world) {
    var n = world.center.length, g = world.gates.length, prev = (world.next - 1 + g) % g;
    var from = world.gateIdx[prev], to = world.next === 0 ? n : world.gateIdx[world.next];
    if (world.next === 1 || (world.next === 0 && g === 1)) from = 0;
    var best = from, bestD = -1;
    for (var i = from; i <= to; i++) {
      var c = world.center[i % n], d = Math.abs(world.x - (c[0] * world.cell + world.cell / 2)) + Math.abs(world.y - (c[1] * world.cell + world.cell / 2));
      if (bestD < 0 || d < bestD) { bestD = d; best = i; }
    }
    return world.lap * world.length + best * world.cell;
  }
  function position(world) {
    if (world.done && world.winner < 0) return 1;
    var pd = playerDistance(world), p = 1;
    for (var i = 0; i < world.rivals.length; i++) if (world.rivals[i].s > pd) p++;
    return p;
  }

  // A point s units along the closed centre line, in units (rules.point_at).
  function pointAt(world, s) {
    var n = world.center.length, c = world.cell;
    s = ((s % (n * c)) + n * c) % (n * c);
    var i = Math.floor(s / c), r = s - i * c, a = world.center[i], b = world.center[(i + 1) % n];
    return [a[0] * c + c / 2 + (b[0] - a[0]) * r, a[1] * c + c / 2 + (b[1] - a[1]) * r, b[0] - a[0], b[1] - a[1]];
  }

  // ---- drawing ----------------------------------------------------------------------------------------
  function drawTrack(G, world, ctx) {
    var ts = world.ts, top = world.top, x, y;
    ctx.fillStyle = G.color('ground', '#5aa83c');
    ctx.fillRect(0, top, world.w * ts, world.h * ts);
    ctx.fillStyle = '#000000'; ctx.globalAlpha = 0.07;
    for (y = 0; y < world.h; y++) for (x = (y & 1); x < world.w; x += 2) ctx.fillRect(x * ts, top + y * ts, ts, ts);
    ctx.globalAlpha = 1;
    var floor = hasFrame(G, 'tile_floor');
    for (y = 0; y < world.h; y++) for (x = 0; x < world.w; x++) {
      if (!world.road[key(x, y)]) continue;
      if (floor) G.tile('floor', x * ts, y * ts, { w: ts, h: ts });
      else { ctx.fillStyle = G.color('ground2', '#8a8f98'); ctx.fillRect(x * ts, top + y * ts, ts, ts); }
    }
    // kerbs: striped edges where the road meets the grass
    for (y = 0; y < world.h; y++) for (x = 0; x < world.w; x++) {
      if (!world.road[key(x, y)]) continue;
      ctx.fillStyle = ((x + y) & 1) ? '#ffffff' : G.color('hazard', '#e8453c');
      if (!world.road[key(x, y - 1)]) ctx.fillRect(x * ts, top + y * ts, ts, 2);
      if (!world.road[key(x, y + 1)]) ctx.fillRect(x * ts, top + y * ts + ts - 2, ts, 2);
      if (!world.road[key(x - 1, y)]) ctx.fillRect(x * ts, top + y * ts, 2, ts);
      if (!world.road[key(x + 1, y)]) ctx.fillRect(x * ts + ts - 2, top + y * ts, 2, ts);
    }
    drawGates(G, world, ctx);
    drawFinishFlag(G, world, ctx);
    Object.keys(world.boosts).forEach(function (k) { drawBoost(G, world, ctx, k); });
  }

  function drawGates(G, world, ctx) {
    var ts = world.ts, top = world.top;
    for (var g = 0; g < world.gates.length; g++) {
      var cells = gateCells(world.center, world.gateIdx[g], world.w, world.h);
      for (var j = 0; j < cells.length; j++) {
        var cx = cells[j][0], cy = cells[j][1];
        if (!world.road[key(cx, cy)]) continue;
        if (g === 0) {  // the start / finish line: a chequered strip across the road
          var horiz = world.center[(world.gateIdx[0] + 1) % world.center.length][1] !== world.center[world.gateIdx[0]][1];
          for (var q = 0; q < 4; q++) for (var r = 0; r < 2; r++) {
            ctx.fillStyle = ((q + r) & 1) ? '#111111' : '#ffffff';
            if (horiz) ctx.fillRect(cx * ts + q * 4, top + cy * ts + 6 + r * 2, 4, 2);
            else ctx.fillRect(cx * ts + 6 + r * 2, top + cy * ts + q * 4, 2, 4);
          }
        } else {
          ctx.fillStyle = g === world.next ? G.color('accent', '#ffd447') : '#ffffff';
          ctx.globalAlpha = g === world.next ? 0.55 + 0.25 * Math.sin(world.t * 8) : 0.18;
          ctx.fillRect(cx * ts + 2, top + cy * ts + 2, ts - 4, ts - 4);
          ctx.globalAlpha = 1;
        }
      }
    }
  }

  // The goal (a finish line, a flag...) on the grass beside the start / finish line.
  function drawFinishFlag(G, world, ctx) {
    var cells = gateCells(world.center, world.gateIdx[0], world.w, world.h), c = cells[0];
    if (!c || world.road[key(c[0], c[1])]) return;
    var ts = world.ts, x = c[0] * ts, y = c[1] * ts;
    if (world.goalSlug && hasFrame(G, world.goalSlug)) { G.sprite(world.goalSlug, G.anim(world.goalSlug, 'idle', world.t), x, y, { w: ts, h: ts }); return; }
    var sy = world.top + y;
    ctx.fillStyle = G.color('shadow', '#1a1a2e'); ctx.fillRect(x + 3, sy + 1, 2, ts - 2);
    for (var q = 0; q < 3; q++) for (var r = 0; r < 2; r++) {
      ctx.fillStyle = ((q + r) & 1) ? '#111111' : '#ffffff'; ctx.fillRect(x + 5 + q * 3, sy + 1 + r * 3, 3, 3);
    }
  }

  function drawBoost(G, world, ctx, k) {
    var p = k.split(','), x = p[0] | 0, y = p[1] | 0, ts = world.ts, top = world.top, i = world.at[k];
    var slug = G.cfg.boost_slug;
    if (slug && hasFrame(G, slug)) { G.sprite(slug, G.anim(slug, 'idle', world.t), x * ts, y * ts, { w: ts, h: ts }); return; }
    var n = world.center.length, a = world.center[(i === undefined ? 0 : i) % n], b = world.center[((i === undefined ? 0 : i) + 1) % n];
    var dx = b[0] - a[0], dy = b[1] - a[1], cx = x * ts + ts / 2, cy = top + y * ts + ts / 2;
    ctx.fillStyle = G.color('accent', '#ffd447');
    for (var s = -1; s <= 1; s += 2) {
      var ox = cx + dx * s * 3, oy = cy + dy * s * 3;
      ctx.beginPath();
      ctx.moveTo(ox + dx * 4, oy + dy * 4);
      ctx.lineTo(ox - dx * 3 - dy * 5, oy - dy * 3 + dx * 5);
      ctx.lineTo(ox - dx * 3 + dy * 5, oy - dy * 3 - dx * 5);
      ctx.closePath(); ctx.fill();
    }
  }

  // A sprite from the atlas, else a shape in the palette that still reads as what it is.
  function drawThing(G, world, slug, x, y, size, color, round) {
    if (slug && hasFrame(G, slug)) { G.sprite(slug, G.anim(slug, 'idle', world.t), x, y, { w: size, h: size }); return; }
    var ctx = G.ctx, sx = Math.round(x - G.cam.x), sy = Math.round(y - G.cam.y);
    ctx.fillStyle = color;
    ctx.beginPath();
    if (round) ctx.arc(sx + size / 2, sy + size / 2, size / 2 - 1, 0, Math.PI * 2);
    else ctx.ellipse(sx + size / 2, sy + size / 2, size / 2 - 1, size / 3, 0, 0, Math.PI * 2);
    ctx.fill();
  }

  // A car seen from above, turned to `angle` (radians, 0 = right): its sprite rotated (its nose is
  // where the reader's look says), else a body, a cockpit and wheels in the palette.
  function drawCar(G, world, slug, px, py, angle, color) {
    var ctx = G.ctx, sx = px - G.cam.x, sy = py - G.cam.y, nose = world.looks[slug] || 'right';
    ctx.save(); ctx.translate(Math.round(sx), Math.round(sy));
    if (slug && hasFrame(G, slug)) {
      ctx.rotate(angle + (nose === 'up' ? Math.PI / 2 : nose === 'down' ? -Math.PI / 2 : 0));
      G.sprite(slug, G.anim(slug, 'move', world.t), -10, -10, { w: 20, h: 20, screen: true });
    } else {
      ctx.rotate(angle);
      ctx.fillStyle = '#111111';
      ctx.fillRect(-7, -7, 4, 3); ctx.fillRect(3, -7, 4, 3); ctx.fillRect(-7, 4, 4, 3); ctx.fillRect(3, 4, 4, 3);
      ctx.fillStyle = color; ctx.fillRect(-8, -5, 16, 10);
      ctx.fillStyle = '#ffffff'; ctx.fillRect(0, -3, 4, 6);
    }
    ctx.restore();
  }

  function draw(G, world, ctx) {
    G.cam.x = 0; G.cam.y = -world.top;
    var ts = world.ts, top = world.top, scale = ts / world.cell, i;
    drawTrack(G, world, ctx);
    ctx.fillStyle = '#000000';
    for (i = 0; i < world.skid.length; i++) {
      ctx.globalAlpha = 0.25 * world.skid[i].life;
      ctx.fillRect(world.skid[i].x * scale - 1, top + world.skid[i].y * scale - 1, 2, 2);
    }
    ctx.globalAlpha = 1;
    Object.keys(world.hazards).forEach(function (k) {
      var p = k.split(',');
      drawThing(G, world, world.hazards[k], (p[0] | 0) * ts, (p[1] | 0) * ts, ts, G.color('shadow', '#1a1a2e'), false);
    });
    Object.keys(world.pickups).forEach(function (k) {
      if (world.taken[k]) return;
      var p = world.pickups[k];
      drawThing(G, world, p.slug, p.x * ts + 2, p.y * ts + 2 + Math.round(Math.sin(world.t * 4 + p.x) * 1.5), ts - 4, G.color('item', '#ffd700'), true);
    });
    for (i = 0; i < world.rivals.length; i++) {
      var r = world.rivals[i], q = pointAt(world, r.s), lane = (i % 2 ? 4 : -4);
      drawCar(G, world, r.slug, q[0] * scale - q[3] * lane, q[1] * scale + q[2] * lane, Math.atan2(q[3], q[2]),
        i % 2 ? G.color('enemy2', '#2b59c3') : G.color('enemy', '#7a3fa0'));
    }
    drawCar(G, world, world.playerSlug, world.x * scale, world.y * scale, world.hd * Math.PI / 128, G.color('player', '#e8453c'));
    drawOverlay(G, world);
  }

  function drawOverlay(G, world) {
    var W = G.W, pos = position(world), n = world.rivals.length + 1;
    G.text(ordinal(pos) + ' / ' + n, W - 6, world.top + 4, { size: 14, align: 'right', color: pos === 1 ? G.color('accent', '#ffd447') : '#ffffff' });
    G.text('LAP ' + Math.min(world.laps, world.lap + 1) + '/' + world.laps, W - 6, world.top + 22, { size: 10, align: 'right' });
    if (world.f < world.countdown) {
      var sec = Math.ceil((world.countdown - world.f) / 60);
      G.text(String(sec), W / 2, world.top + 90, { size: 32, align: 'center', color: G.color('accent', '#ffd447') });
    } else if (world.f < world.countdown + 40) {
      G.text('GO!', W / 2, world.top + 90, { size: 32, align: 'center', color: '#7dff7d' });
    } else if (world.msgT > 0) {
      G.text(world.msg, W / 2, world.top + 96, { size: 12, align: 'center' });
    }
  }
  function ordinal(p) { return p + (p === 1 ? 'st' : p === 2 ? 'nd' : p === 3 ? 'rd' : 'th'); }

  function player(world) { var s = world.ts / world.cell; return { x: world.x * s, y: world.y * s }; }

  function hud(G, world) {
    if (!world) return '';
    var g = world.gates.length;
    return 'LAP ' + Math.min(world.laps, world.lap + 1) + '/' + world.laps + '  POS ' + position(world) + '/' + (world.rivals.length + 1) +
      '  CHECKPOINT ' + (world.next === 0 ? g - 1 : world.next - 1) + '/' + (g - 1) + '  SPEED ' + world.speed;
  }

  // QA hooks (maestro/genres/racing/qa.py): the race as plain JSON, and a way to put the car and
  // the rivals where a check needs them.
  var qa = {
    view: function (G, world) {
      var c = cellOf(world);
      return {
        f: world.f, x: world.x, y: world.y, h: world.hd, speed: world.speed, lap: world.lap, next: world.next,
        laps: world.laps, gates: world.gates.length, cell: c, on_road: !!world.road[key(c[0], c[1])],
        rivals: world.rivals.map(function (r) {
          var q = pointAt(world, r.s); return [r.s, r.speed, !!world.road[key(Math.floor(q[0] / world.cell), Math.floor(q[1] / world.cell))]];
        }),
        pos: position(world), racers: world.rivals.length + 1, taken: world.nTaken, done: world.done, winner: world.winner,
        countdown: world.countdown, hud: hud(G, world)
      };
    },
    place: function (G, world, o) {
      ['x', 'y', 'speed', 'lap', 'next', 'f'].forEach(function (k) { if (typeof o[k] === 'number') world[k] = o[k] | 0; });
      if (typeof o.h === 'number') world.hd = o.h & 255;
      return qa.view(G, world);
    },
    rival: function (G, world, k, s, speed) {
      var r = world.rivals[k]; if (!r) return null;
      r.s = s | 0; if (typeof speed === 'number') r.speed = speed | 0;
      return qa.view(G, world);
    }
  };

  Maestro.registerGenre('racing', {
    start: start, update: update, draw: draw, player: player, hud: hud, qa: qa,
    usesLives: true,
    help: 'Left / right steer, Up or Space accelerate, Down brakes: finish the laps first'
  });
})();
