/* Maestro genre module: sports (modes "target" and "timing").
 *
 * The rules are exactly those of maestro/genres/sports/target.py and timing.py, whose strategies prove
 * every level; all integers, so both agree bit for bit:
 *  target: the athlete shoots from LAUNCH cm at the level's shots (a target's distance, its centre's
 *    height, the shot's wind), one each. Up / Down aim (AIMS angles, 5..75 degrees), Right / Left draw
 *    power (1..MAX_POWER); both carry over. Space shoots: speed power * (CX, CY)[aim] / 2 (floored) cm a
 *    tick, gravity GRAVITY off the climb and wind * WIND onto the speed each tick; the height where it
 *    crosses the target's distance (interpolated, floored) scores RING_POINTS by rings of level.ring cm;
 *    short is a miss. Score reaching level.goal (the rival's score plus one) wins; the last shot short loses.
 *  timing: one step a frame. A marker sweeps 0..BAR and back at level.speed (bouncing); the window is
 *    level.windows[hits % n], level.width wide. Space inside it is a hit (the opponent's fight -1, score
 *    HIT_POINTS), outside a miss (level.miss stamina); Space then rests COOL frames. The opponent strikes
 *    on the round's frames level.strikes (a tell TELL frames before): Down guards GUARD frames for
 *    DODGE_COST stamina; a strike into a guard is dodged (DODGE_POINTS), else it takes level.pull. A round
 *    is level.round frames, REST stamina back between rounds. Fight at 0 wins; stamina at 0, or the last
 *    of level.rounds rounds ending, loses. Order per frame: clock and marker, rests, Space, Down, strike,
 *    judgement.
 * module.player(world) is the athlete on the screen.
 */
(function () {
  'use strict';

  var KEYS = ['left', 'right', 'up', 'down', 'action'];
  var CX = [100, 98, 97, 94, 91, 87, 82, 77, 71, 64, 57, 50, 42, 34, 26];
  var CY = [9, 17, 26, 34, 42, 50, 57, 64, 71, 77, 82, 87, 91, 94, 97];
  var AIMS = CX.length, MAX_POWER = 20, GRAVITY = 50, WIND = 6, LAUNCH = 150, MAX_TICKS = 400;
  var RING_POINTS = [10, 5, 2];

  // ---- target: the rule book (target.py: Range) -------------------------------------------------------
  // The flight of one shot: the height it crosses dist at (null: short), and its path for drawing.
  function flight(aim, power, wind, dist) {
    var vx = Math.floor(power * CX[aim] / 2), vy = Math.floor(power * CY[aim] / 2), x = 0, y = LAUNCH;
    var path = [[0, LAUNCH]];
    for (var t = 0; t < MAX_TICKS; t++) {
      if (vx <= 0) return { at: null, path: path };
      var nx = x + vx, ny = y + vy;
      if (nx >= dist) {
        var at = y + Math.floor((ny - y) * (dist - x) / (nx - x));
        path.push([dist, Math.max(0, at)]);
        return { at: at >= 0 ? at : null, path: path };
      }
      if (ny < 0) { path.push([nx, 0]); return { at: null, path: path }; }
      x = nx; y = ny; vy -= GRAVITY; vx += wind * WIND;
      path.push([x, y]);
    }
    return { at: null, path: path };
  }
  function points(at, height, ring) {
    if (at === null) return 0;
    var off = Math.abs(at - height);
    for (var k = 0; k < RING_POINTS.length; k++) if (off <= ring * (k + 1)) return RING_POINTS[k];
    return 0;
  }
  function targetStart(level) {
    return { mode: 'target', shots: (level.shots || []).map(function (s) { return { dist: s.dist, height: s.height, wind: s.wind, kind: s.kind || 0 }; }),
             ring: level.ring, goal: level.goal, aim: level.aim === undefined ? 6 : level.aim,
             power: level.power === undefined ? 10 : level.power, shot: 0, score: 0, hits: 0, last: -1,
             won: false, over: false, results: [], trail: null, fly: 0 };
  }
  function targetKey(m, k, G) {
    if (m.won || m.over) return '';
    if (k === 'up') { m.aim = Math.min(AIMS - 1, m.aim + 1); return 'aim'; }
    if (k === 'down') { m.aim = Math.max(0, m.aim - 1); return 'aim'; }
    if (k === 'right') { m.power = Math.min(MAX_POWER, m.power + 1); return 'power'; }
    if (k === 'left') { m.power = Math.max(1, m.power - 1); return 'power'; }
    if (k !== 'action') return '';
    var s = m.shots[m.shot], f = flight(m.aim, m.power, s.wind, s.dist), pts = points(f.at, s.height, m.ring);
    m.last = f.at === null ? -2 : f.at;
    m.results.push(pts);
    m.score += pts; G.addScore(pts);
    if (pts) m.hits++;
    m.trail = { path: f.path, dist: s.dist, height: s.height, pts: pts }; m.fly = 0;
    m.shot++;
    if (m.score >= m.goal) m.won = true;
    else if (m.shot >= m.shots.length) m.over = true;
    return pts === RING_POINTS[0] ? 'bull' : pts ? 'hit' : 'miss';
  }

  // ---- timing: the rule book (timing.py: Bout) --------------------------------------------------------
  var BAR = 1000, STAMINA = 100, COOL = 18, GUARD = 12, TELL = 40, DODGE_COST = 3, REST = 30, HIT_POINTS = 10, DODGE_POINTS = 5;
  function timingStart(level) {
    return { mode: 'timing', speed: level.speed, width: level.width, windows: (level.windows || []).slice(),
             strikes: (level.strikes || []).slice(), round_frames: level.round, rounds: level.rounds, miss: level.miss,
             pull: level.pull, fight: level.fight, fight0: level.fight, f: 0, rf: 0, round: 1, pos: 0, way: 1, cool: 0,
             guard: 0, stamina: STAMINA, hits: 0, misses: 0, dodged: 0, taken: 0, score: 0, won: false, over: false };
  }
  function windowOf(m) { return m.windows[m.hits % m.windows.length]; }
  function timingStep(m, p, G) {
    if (m.won || m.over) return '';
    var what = '';
    m.f++; m.rf++;
    m.pos += m.way * m.speed;
    if (m.pos >= BAR) { m.pos = 2 * BAR - m.pos; m.way = -1; } else if (m.pos <= 0) { m.pos = -m.pos; m.way = 1; }
    if (m.cool > 0) m.cool--;
    if (m.guard > 0) m.guard--;
    if (p.action && m.cool === 0) {
      var lo = windowOf(m);
      m.cool = COOL;
      if (lo <= m.pos && m.pos <= lo + m.width) { m.hits++; m.fight--; m.score += HIT_POINTS; G.addScore(HIT_POINTS); what = 'hit'; }
      else { m.misses++; m.stamina = Math.max(0, m.stamina - m.miss); what = 'miss'; }
    }
    if (p.down && m.guard === 0) { m.guard = GUARD; m.stamina = Math.max(0, m.stamina - DODGE_COST); what = what || 'guard'; }
    if (m.strikes.indexOf(m.rf) >= 0) {
      if (m.guard > 0) { m.dodged++; m.score += DODGE_POINTS; G.addScore(DODGE_POINTS); what = 'dodge'; }
      else { m.taken++; m.stamina = Math.max(0, m.stamina - m.pull); what = 'struck'; }
    }
    if (m.fight <= 0) { m.won = true; return 'won'; }
    if (m.stamina <= 0) { m.over = true; m.why = 'out of stamina'; return 'lost'; }
    if (m.rf >= m.round_frames) {
      m.rf = 0; m.round++;
      m.stamina = Math.min(STAMINA, m.stamina + REST);
      if (m.round > m.rounds) { m.over = true; m.why = 'the last round ended'; return 'lost'; }
      what = 'round';
    }
    return what;
  }
  // the next strike of the round within the tell: frames until it, or -1
  function tellIn(m) {
    for (var i = 0; i < m.strikes.length; i++) { var d = m.strikes[i] - m.rf; if (d > 0 && d <= TELL) return d; }
    return -1;
  }

  // ---- the game module -------------------------------------------------------------------------------
  function start(G, level) {
    var w = level.mode === 'timing' ? timingStart(level) : targetStart(level);
    w.t = 0; w.done = false; w.last_what = ''; w.level = level;
    w.targets = level.targets || [];
    w.rival = G.cfg.rival || ''; w.rivalSlug = G.cfg.rival_slug || '';
    return w;
  }

  // What each outcome sounds like (literal names: QA reads which sounds the code plays).
  function sound(G, what) {
    if (what === 'aim' || what === 'power') G.sfx('step');
    else if (what === 'bull') { G.sfx('shoot'); G.sfx('coin'); }
    else if (what === 'hit') { G.sfx('shoot'); G.sfx('hit'); }
    else if (what === 'miss') { G.sfx('shoot'); G.sfx('undo'); }
    else if (what === 'tmiss') G.sfx('undo');
    else if (what === 'thit') G.sfx('hit');
    else if (what === 'guard') G.sfx('step');
    else if (what === 'dodge') G.sfx('powerup');
    else if (what === 'struck') G.sfx('hurt');
    else if (what === 'round') G.sfx('blip');
  }

  function finish(G, w) {
    if (w.done) return;
    if (w.won) { w.done = true; G.win(); return; }
    if (w.over) { w.done = true; G.gameOver(w.mode === 'timing' ? w.why : 'the last shot fell short of the score to beat'); }
  }

  function update(G, w, dt) {
    w.t += dt;
    if (w.trail && w.fly < w.trail.path.length) w.fly += 0.5;
    if (w.done) return;
    if (w.mode === 'timing') {
      var what = timingStep(w, { action: G.pressed.action, down: G.pressed.down }, G);
      if (what) {
        w.last_what = what; w.flash = { what: what, t: 0 };
        sound(G, what === 'hit' ? 'thit' : what === 'miss' ? 'tmiss' : what);
      }
      if (w.flash) w.flash.t += dt;
      finish(G, w);
      return;
    }
    for (var i = 0; i < KEYS.length && !w.done; i++) {
      if (!G.pressed[KEYS[i]]) continue;
      var did = targetKey(w, KEYS[i], G);
      if (did) { w.last_what = did; sound(G, did); }
      finish(G, w);
    }
  }

  // ---- drawing ---------------------------------------------------------------------------------------
  var GROUND = 236, X0 = 56, X1 = 432, YS = 0.15;
  function panel(ctx, x, y, w, h) {
    ctx.fillStyle = 'rgba(0,0,0,0.55)'; ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = 'rgba(255,255,255,0.25)'; ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  }
  function sx(x, dist) { return X0 + (X1 - X0) * x / dist; }
  function sy(y) { return GROUND - y * YS; }
  function targetName(w, s) { var t = w.targets[s.kind] || w.targets[0] || {}; return t.name || 'Target'; }
  function drawFace(G, ctx, w, s, x) {
    var cy = sy(s.height), t = w.targets[s.kind] || {};
    ctx.fillStyle = '#6b4a2b'; ctx.fillRect(x - 2, cy, 4, GROUND - cy);
    var cols = ['#ffd447', '#e8453c', '#3d7be8'];
    for (var k = RING_POINTS.length - 1; k >= 0; k--) {
      ctx.fillStyle = cols[k]; ctx.beginPath(); ctx.ellipse(x, cy, 5, Math.max(2, w.ring * (k + 1) * YS), 0, 0, Math.PI * 2); ctx.fill();
    }
    if (t.slug) G.sprite(t.slug, 0, x + 8, cy - 10, { w: 20, h: 20, screen: true, color: G.color('enemy') });
    G.text(String(targetName(w, s)).slice(0, 16), x, cy - w.ring * 3 * YS - 14, { align: 'center', size: 8 });
  }
  function drawTarget(G, w, ctx) {
    ctx.fillStyle = G.color('ground', '#5aa83c'); ctx.fillRect(0, GROUND, 480, 270 - GROUND);
    var s = w.shots[Math.min(w.shot, w.shots.length - 1)];
    var shown = w.trail && (w.shot >= w.shots.length || w.fly < w.trail.path.length + 40) ? w.trail : null;
    var dist = shown ? shown.dist : s.dist;
    drawFace(G, ctx, w, shown ? { dist: shown.dist, height: shown.height, kind: (w.shots[w.shot - 1] || s).kind } : s, X1);
    // the aim: the first ticks of the shot in still air, then the last shot's path flying
    if (!w.done) {
      var vx = Math.floor(w.power * CX[w.aim] / 2), vy = Math.floor(w.power * CY[w.aim] / 2), px = 0, py = LAUNCH;
      ctx.fillStyle = 'rgba(255,255,255,0.7)';
      for (var k = 0; k < 4; k++) { px += vx; py += vy; vy -= GRAVITY; ctx.fillRect(sx(px, s.dist) - 1, sy(py) - 1, 2, 2); }
    }
    if (shown) {
      var n = Math.min(shown.path.length, Math.floor(w.fly) + 1);
      ctx.strokeStyle = 'rgba(255,240,180,0.8)'; ctx.beginPath();
      for (var j = 0; j < n; j++) { var p = shown.path[j]; if (j) ctx.lineTo(sx(p[0], dist), sy(p[1])); else ctx.moveTo(sx(p[0], dist), sy(p[1])); }
      ctx.stroke();
      if (n >= shown.path.length) G.text(shown.pts ? '+' + shown.pts : 'MISS', X1 - 20, sy(shown.height) - 30, { align: 'center', size: 12, color: shown.pts ? '#ffe066' : '#ff7d7d' });
    }
    // the rival waits for the next turn behind the athlete
    if (w.rivalSlug) G.sprite(w.rivalSlug, 0, 2, GROUND - 24, { w: 22, h: 22, screen: true, color: G.color('enemy') });
    var slug = G.roles.player;
    G.sprite(slug, G.anim(slug, 'idle', w.t), X0 - 28, GROUND - 30, { w: 30, h: 30, screen: true, color: G.color('player') });
    ctx.strokeStyle = '#ffffff'; ctx.beginPath(); ctx.moveTo(X0, sy(LAUNCH));
    ctx.lineTo(X0 + CX[w.aim] * (10 + w.power) / 100, sy(LAUNCH) - CY[w.aim] * (10 + w.power) / 100); ctx.stroke();
    // the panel: shot, score to beat, wind, distance, aim and power
    panel(ctx, 6, 20, 200, 66);
    var name = (G.spec.player || {}).name || '';
    G.text(String(name).slice(0, 18), 12, 24, { size: 9, color: '#9dd7ff' });
    G.text('SHOT ' + Math.min(w.shot + 1, w.shots.length) + ' / ' + w.shots.length + '   SCORE ' + w.score + ' / ' + w.goal, 12, 36, { size: 9, color: '#ffe066' });
    G.text((w.rival ? String(w.rival).slice(0, 14) + ' scored ' : 'score to beat ') + (w.goal - 1), 12, 48, { size: 8 });
    G.text('AIM ' + (5 * (w.aim + 1)) + ' deg   POWER ' + w.power + ' / ' + MAX_POWER, 12, 60, { size: 9, color: '#a6ff9d' });
    G.text('DIST ' + Math.floor(s.dist / 100) + ' m   WIND ' + (s.wind > 0 ? '+' : '') + s.wind + (s.wind > 0 ? ' >>' : s.wind < 0 ? ' <<' : ''), 12, 72, { size: 9 });
    panel(ctx, 214, 20, 260, 18);
    w.results.forEach(function (pts, i) { G.text(String(pts), 222 + i * 24, 24, { size: 9, color: pts ? '#ffe066' : '#ff7d7d' }); });
  }

  function meter(ctx, x, y, w, v, max, col) {
    ctx.fillStyle = 'rgba(255,255,255,0.15)'; ctx.fillRect(x, y, w, 8);
    ctx.fillStyle = col; ctx.fillRect(x, y, Math.round(w * Math.max(0, v) / max), 8);
  }
  function drawTiming(G, w, ctx) {
    var words = G.cfg.words || {}, fish = !!G.cfg.fish, foe = G.cfg.opponent || 'Opponent';
    if (fish) { ctx.fillStyle = shadeWater(G); ctx.fillRect(0, 120, 480, 150); }
    else { ctx.fillStyle = 'rgba(255,255,255,0.12)'; ctx.fillRect(40, 150, 400, 6); }
    var tell = tellIn(w), lunge = tell > 0 ? Math.round(8 * (TELL - tell) / TELL) : 0;
    // the athlete (left) and the opponent (right): the opponent leans in on a tell
    var slug = G.roles.player;
    G.sprite(slug, G.anim(slug, w.guard > 0 ? 'walk' : 'idle', w.t), 110, 104 + (w.guard > 0 ? 10 : 0), { w: 44, h: 44, screen: true, color: G.color('player') });
    var oslug = G.cfg.opponent_slug || (G.roles.enemies || [])[0];
    var ox = 320 - lunge * 3, oy = fish ? 150 : 104;
    if (oslug) G.sprite(oslug, 0, ox, oy, { w: 44, h: 44, screen: true, color: G.color('enemy') });
    else { ctx.fillStyle = G.color('enemy', '#e8453c'); ctx.fillRect(ox + 8, oy + 4, 28, 40); }
    if (fish) { ctx.strokeStyle = 'rgba(255,255,255,0.7)'; ctx.beginPath(); ctx.moveTo(150, 106); ctx.lineTo(ox + 10, oy + 20); ctx.stroke(); }
    if (tell > 0) G.text('!', ox + 22, oy - 22, { align: 'center', size: 16, color: '#ff5050' });
    if (tell > 0 && tell <= GUARD) G.text((words.dodge || 'DODGE') + '!', ox + 22, oy - 38, { align: 'center', size: 10, color: '#ffb347' });
    if (w.flash && w.flash.t < 0.5) {
      var msg = { hit: (words.hit || 'HIT') + '!', miss: 'MISS', dodge: (words.dodged || 'DODGED'), struck: 'OUCH', round: 'ROUND ' + w.round }[w.flash.what];
      if (msg) G.text(msg, 240, 88 - 16 * w.flash.t, { align: 'center', size: 12, color: w.flash.what === 'miss' || w.flash.what === 'struck' ? '#ff7d7d' : '#ffe066' });
    }
    // the bar, the window and the marker
    var bx = 40, by = 214, bw = 400, lo = windowOf(w);
    panel(ctx, bx - 4, by - 4, bw + 8, 22);
    ctx.fillStyle = w.cool > 0 ? 'rgba(120,200,120,0.45)' : '#5cc43a'; ctx.fillRect(bx + bw * lo / BAR, by, Math.max(2, bw * w.width / BAR), 14);
    ctx.fillStyle = '#ffffff'; ctx.fillRect(bx + bw * w.pos / BAR - 1, by - 3, 3, 20);
    // the panels: stamina, the opponent's fight, the round
    panel(ctx, 6, 20, 196, 50);
    var name = (G.spec.player || {}).name || '';
    G.text(String(name).slice(0, 18), 12, 24, { size: 9, color: '#9dd7ff' });
    G.text('STAMINA ' + w.stamina, 12, 38, { size: 8 });
    meter(ctx, 80, 38, 116, w.stamina, STAMINA, w.stamina < 30 ? '#ff7d4d' : '#7ad04f');
    G.text('ROUND ' + Math.min(w.round, w.rounds) + ' / ' + w.rounds + '  ' + Math.ceil((w.round_frames - w.rf) / 60) + ' s', 12, 54, { size: 9, color: G.color('accent', '#ffd34d') });
    panel(ctx, 278, 20, 196, 50);
    G.text(String(foe).slice(0, 18), 284, 24, { size: 9, color: '#ff9d9d' });
    G.text((words.fight || 'FIGHT') + ' ' + w.fight, 284, 38, { size: 8 });
    meter(ctx, 352, 38, 116, w.fight, w.fight0, '#e8453c');
    G.text('HITS ' + w.hits + '  DODGED ' + w.dodged, 284, 54, { size: 8 });
  }
  function shadeWater(G) { return G.color('water', '#2b6cb0'); }

  function draw(G, w, ctx) { if (w.mode === 'timing') drawTiming(G, w, ctx); else drawTarget(G, w, ctx); }

  function player(w) { return w.mode === 'timing' ? { x: 110, y: 104 } : { x: X0 - 28, y: GROUND - 30 }; }

  function hud(G, w) {
    if (w.mode === 'timing') return 'Space inside the green window, Down when the opponent strikes';
    return 'SHOT ' + Math.min(w.shot + 1, w.shots.length) + '/' + w.shots.length + '  ' + w.score + '/' + w.goal + '   Up/Down aim, Left/Right power, Space shoots';
  }

  // QA hooks (maestro/genres/sports/qa.py): the level as plain JSON.
  var qa = {
    view: function (G, w) {
      if (w.mode === 'timing') {
        return { mode: w.mode, f: w.f, rf: w.rf, round: w.round, pos: w.pos, way: w.way, cool: w.cool, guard: w.guard,
                 stamina: w.stamina, fight: w.fight, hits: w.hits, misses: w.misses, dodged: w.dodged, taken: w.taken,
                 score: w.score, won: w.won, over: w.over };
      }
      return { mode: w.mode, aim: w.aim, power: w.power, shot: w.shot, score: w.score, hits: w.hits, last: w.last,
               won: w.won, over: w.over, results: w.results.slice() };
    }
  };

  Maestro.registerGenre('sports', {
    start: start, update: update, draw: draw, player: player, hud: hud, qa: qa,
    usesLives: false,  // a round is won by its score or lost when the shots run out
    help: function (G) {
      return G.spec.mode === 'timing' ? 'Space when the marker is in the window; Down when a strike comes'
        : 'Up / Down aim, Left / Right power, Space shoots: beat the score';
    }
  });
})();
