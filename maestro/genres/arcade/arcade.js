/* Maestro genre module: arcade (modes "breakout", "pong", "flappy" and "pinball").
 *
 * breakout: a paddle at the bottom keeps a ball bouncing into a wall of bricks; a brick loses a hit
 * point each time the ball strikes it and breaks at zero; no brick left wins the level; a ball past
 * the bottom costs a life and is served again. pong: the player's paddle (left) against a rival AI
 * paddle (right); a ball past a side is a point to the other; first to cfg.points_to_win wins the
 * match (the level); the rival reaching it costs a life and the match starts again from 0-0.
 *
 * Controls: Left / Right (breakout) or Up / Down (pong) move the paddle, Space / Enter serves (the
 * ball also serves itself after a second). Mouse / touch: the paddle follows the pointer (drag), a
 * tap serves.
 *
 * The simulation is a fixed 60 Hz step in integers only (positions in 1/16 px), exactly the rules of
 * maestro/genres/arcade/rules.py (Sim.step), so the solver's proof (the keys held each frame)
 * replays here frame for frame:
 *   1. input: serve on action; the paddle moves cfg.paddle_speed while a key is held, clamped;
 *   2. pong: the AI paddle moves up to ai_speed towards the ball while it comes (past a third of the
 *      field), towards the middle otherwise, ignoring gaps of AI_DEAD or less;
 *   3. serving: the ball rests on the paddle / mid-field; the timer launches it at zero;
 *   4. the ball moves along x, then y: walls mirror it; the first brick overlapped (row-major) takes a
 *      hit and the axis move is undone with the velocity flipped; a paddle crossed bounces it with an
 *      angle from the zone it hit (TABLE), speeding up every cfg.speedup_every player hits;
 *   5. a ball out at the bottom costs a life, at a side is a point; the frame advances; the win or the
 *      lost match is judged.
 * Particles, flashes and trails are drawing only. module.player(world) is the paddle in pixels.
 *
 * flappy (one button): the flyer keeps its column while the course scrolls; Space / Up / a click or a
 * tap flaps. The rules of maestro/genres/arcade/flappy.py (FlappySim.step), see flappyTick below.
 *
 * pinball: a tilted table; Left / Right (or a finger on either half of the screen) hold the flippers,
 * Space / Enter / Down (or a press) pulls the plunger and its release launches the ball. The rules of
 * maestro/genres/arcade/pinball.py (PinballSim.step), see pinballTick below.
 *
 * jumper and jetpack: their own files (jumper.js, jetpack.js, shipped after this one) register in
 * Maestro.arcadeModes; each hook below hands a world of such a mode to its module.
 */
(function () {
  'use strict';

  var U = 16, W = 480 * U, H = 270 * U, TOP = 16 * U, BALL = 4 * U;
  var TABLE = [[1, 8], [2, 8], [4, 7], [5, 6], [6, 5]];
  var AI_DEAD = 2 * U, PADDLE_TOP = 254 * U, PADDLE_THICK = 5 * U;
  var PONG_LEFT = 14 * U, PONG_RIGHT = 460 * U, PONG_THICK = 6 * U;
  var ptr = { on: false, down: false, x: 0, y: 0, tap: false };  // the pointer, in canvas pixels (down: pressed)
  var pointerBound = false;
  var EXT = Maestro.arcadeModes = Maestro.arcadeModes || {};  // mode -> module (jumper.js, jetpack.js)

  function fdiv(a, b) { return Math.floor(a / b); }
  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
  function hasFrame(G, name) {
    var a = G.data.atlas;
    return !!(name && a && a.frames && a.frames[name] && a.frames[name].length);
  }

  // ---- pointer input (this module's own: the runtime's pointer only starts the game) -------------
  function bindPointer(G) {
    if (pointerBound || G.headless || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas || !canvas.addEventListener) return;
    pointerBound = true;
    function at(e) {
      var r = canvas.getBoundingClientRect();
      if (!r.width || !r.height) return false;
      ptr.x = (e.clientX - r.left) * G.W / r.width; ptr.y = (e.clientY - r.top) * G.H / r.height;
      return true;
    }
    canvas.addEventListener('pointerdown', function (e) {
      if (G.status !== 'playing' || !at(e)) return;
      ptr.on = true; ptr.down = true; ptr.tap = true;
    });
    canvas.addEventListener('pointermove', function (e) {
      if (G.status !== 'playing' || !at(e)) return;
      if (e.pointerType === 'mouse' || e.buttons) ptr.on = true;
    });
    canvas.addEventListener('pointerup', function (e) { ptr.down = false; if (e.pointerType !== 'mouse') ptr.on = false; });
    canvas.addEventListener('pointerleave', function () { ptr.on = false; ptr.down = false; });
    canvas.addEventListener('pointercancel', function () { ptr.on = false; ptr.down = false; });
  }

  // ---- the level -----------------------------------------------------------------------------
  function start(G, level) {
    if (EXT[level.mode]) return EXT[level.mode].start(G, level);
    if (level.mode === 'flappy') return flappyStart(G, level);
    if (level.mode === 'pinball') return pinballStart(G, level);
    var cfg = G.cfg || {}, pong = level.mode === 'pong';
    var w = {
      mode: pong ? 'pong' : 'breakout', f: 0, lives0: G.lives,
      base: level.speed | 0, speed: level.speed | 0, maxSpeed: (level.max_speed || level.speed) | 0,
      pspeed: (cfg.paddle_speed || 80) | 0, serveFrames: (level.serve || cfg.serve || 60) | 0,
      hits: 0, serves: 0, broken: 0, me: 0, ai: 0, bx: 0, by: 0, vx: 0, vy: 0, serve: 0,
      bricks: [], kinds: [], left: 0, done: false,
      // drawing only
      t: 0, sparks: [], flash: 0, trail: [], msg: '', msgT: 0
    };
    if (pong) {
      w.plen = level.paddle_h | 0; w.aiSpeed = level.ai_speed | 0; w.toWin = level.points_to_win | 0;
      w.py = w.ay = TOP + fdiv(H - TOP, 2); w.px = PONG_LEFT;
    } else {
      w.plen = level.paddle_w | 0; w.px = fdiv(W, 2);
      w.ox = level.ox | 0; w.oy = level.oy | 0; w.bw = level.bw | 0; w.bh = level.bh | 0;
      w.bricks = (level.bricks || []).map(function (row) { return row.map(function (v) { return v | 0; }); });
      w.kinds = (level.kinds || []).map(function (row) { return row.map(function (v) { return v | 0; }); });
      w.maxhp = w.bricks.map(function (row) { return row.slice(); });
      w.bricks.forEach(function (row) { row.forEach(function (hp) { if (hp > 0) w.left++; }); });
    }
    rest(w);
    bindPointer(G);
    ptr.tap = false;
    G.cam.x = 0; G.cam.y = 0;
    return w;
  }

  // ---- serving -------------------------------------------------------------------------------
  function rest(w) {
    w.serve = w.serveFrames; w.speed = w.base; w.vx = 0; w.vy = 0;
    place(w);
  }
  function place(w) {
    if (w.mode === 'pong') { w.bx = fdiv(W, 2) - BALL / 2; w.by = TOP + fdiv(H - TOP, 2) - BALL / 2; }
    else { w.bx = w.px - BALL / 2; w.by = PADDLE_TOP - BALL; }
  }
  function launch(G, w) {
    w.serve = 0;
    var d = TABLE[2 + w.serves % 2], sign = w.serves % 2 === 0 ? 1 : -1;
    var a = fdiv(w.speed * d[0], 8), b = fdiv(w.speed * d[1], 8);
    if (w.mode === 'pong') { w.vx = -b; w.vy = sign * a; } else { w.vx = sign * a; w.vy = -b; }
    w.serves++;
    G.sfx('select');
  }

  // ---- the paddles ----------------------------------------------------------------------------
  function movePaddle(w, held) {
    var half = w.plen >> 1, d;
    if (w.mode === 'pong') {
      d = (held.down ? 1 : 0) - (held.up ? 1 : 0);
      w.py = clamp(w.py + d * w.pspeed, TOP + half, H - half);
    } else {
      d = (held.right ? 1 : 0) - (held.left ? 1 : 0);
      w.px = clamp(w.px + d * w.pspeed, half, W - half);
    }
  }
  function moveAi(w) {
    var target = (w.vx > 0 && w.bx > fdiv(W, 3)) ? w.by + BALL / 2 : TOP + fdiv(H - TOP, 2);
    var gap = target - w.ay, half = w.plen >> 1;
    if (Math.abs(gap) > AI_DEAD) { var s = Math.min(w.aiSpeed, Math.abs(gap)); w.ay += gap > 0 ? s : -s; }
    w.ay = clamp(w.ay, TOP + half, H - half);
  }
  // [along, across] after a paddle hit `offset` units from its centre (rules.Sim._bounce).
  function bounce(G, w, offset, outSign, cross, mine) {
    var every = (G.cfg.speedup_every || 0) | 0;
    if (mine) {
      w.hits++;
      if (every && w.hits % every === 0 && w.speed < w.maxSpeed) {
        w.speed = Math.min(w.maxSpeed, w.speed + ((G.cfg.speedup || 4) | 0));
        G.sfx('powerup'); say(w, 'The ball speeds up!');
      }
    }
    var half = w.plen >> 1, zone = clamp(fdiv(offset * 5, half + 1), -4, 4);
    var sign = zone < 0 ? -1 : zone > 0 ? 1 : (cross < 0 ? -1 : 1), d = TABLE[Math.abs(zone)];
    G.sfx('hit');
    return [outSign * fdiv(w.speed * d[1], 8), sign * fdiv(w.speed * d[0], 8)];
  }

  // ---- the ball -----------------------------------------------------------------------------
  function brickAt(w) {
    var c0 = fdiv(w.bx - w.ox, w.bw), c1 = fdiv(w.bx + BALL - 1 - w.ox, w.bw);
    var r0 = fdiv(w.by - w.oy, w.bh), r1 = fdiv(w.by + BALL - 1 - w.oy, w.bh);
    for (var r = Math.max(0, r0); r <= Math.min(w.bricks.length - 1, r1); r++) {
      var row = w.bricks[r];
      for (var c = Math.max(0, c0); c <= Math.min(row.length - 1, c1); c++) if (row[c] > 0) return [r, c];
    }
    return null;
  }
  function hitBrick(G, w) {
    if (w.mode !== 'breakout') return false;
    var rc = brickAt(w);
    if (!rc) return false;
    var r = rc[0], c = rc[1], kinds = G.cfg.kinds || [], k = kinds[w.kinds[r][c]];
    w.bricks[r][c] -= 1;
    var cx = (w.ox + c * w.bw + w.bw / 2) / U, cy = (w.oy + r * w.bh + w.bh / 2) / U;
    if (w.bricks[r][c] === 0) {
      w.left--; w.broken++;
      G.addScore(k ? (k.points | 0) : 10);
      G.sfx('explode');
      spark(w, cx, cy, 10, G.color('item', '#ffd700'));
    } else {
      G.sfx('push');
      spark(w, cx, cy, 4, '#ffffff');
    }
    return true;
  }
  function moveX(G, w) {
    w.bx += w.vx;
    if (w.bx < 0 && w.mode === 'breakout') { w.bx = -w.bx; w.vx = -w.vx; G.sfx('blip'); }
    else if (w.bx + BALL > W && w.mode === 'breakout') { w.bx = 2 * (W - BALL) - w.bx; w.vx = -w.vx; G.sfx('blip'); }
    else if (hitBrick(G, w)) { w.bx -= w.vx; w.vx = -w.vx; }
    else if (w.mode === 'pong') pongPaddles(G, w);
  }
  function pongPaddles(G, w) {
    var half = w.plen >> 1, top = w.by, bot = w.by + BALL, v;
    if (w.vx < 0 && w.bx <= PONG_LEFT + PONG_THICK && PONG_LEFT + PONG_THICK < w.bx - w.vx &&
        top < w.py + half && bot > w.py - half) {
      w.bx = PONG_LEFT + PONG_THICK;
      v = bounce(G, w, w.by + BALL / 2 - w.py, 1, w.vy, true); w.vx = v[0]; w.vy = v[1];
      w.flash = 0.15;
    } else if (w.vx > 0 && w.bx + BALL >= PONG_RIGHT && PONG_RIGHT > w.bx + BALL - w.vx &&
        top < w.ay + half && bot > w.ay - half) {
      w.bx = PONG_RIGHT - BALL;
      v = bounce(G, w, w.by + BALL / 2 - w.ay, -1, w.vy, false); w.vx = v[0]; w.vy = v[1];
    }
  }
  function moveY(G, w) {
    w.by += w.vy;
    if (w.by < TOP) { w.by = 2 * TOP - w.by; w.vy = -w.vy; G.sfx('blip'); }
    else if (w.mode === 'pong' && w.by + BALL > H) { w.by = 2 * (H - BALL) - w.by; w.vy = -w.vy; G.sfx('blip'); }
    else if (hitBrick(G, w)) { w.by -= w.vy; w.vy = -w.vy; }
    else if (w.mode === 'breakout' && w.vy > 0) {
      var half = w.plen >> 1;
      if (w.by + BALL >= PADDLE_TOP && PADDLE_TOP > w.by + BALL - w.vy && w.bx < w.px + half && w.bx + BALL > w.px - half) {
        w.by = PADDLE_TOP - BALL;
        var v = bounce(G, w, w.bx + BALL / 2 - w.px, -1, w.vx, true); w.vy = v[0]; w.vx = v[1];
        w.flash = 0.15;
      }
    }
  }
  function outcome(G, w) {
    if (w.mode === 'breakout') {
      if (w.by >= H) {
        G.invuln = 0;                 // every ball lost costs its own life
        G.hurt((G.cfg.ball_name || 'The ball') + ' got past the paddle');
        G.invuln = 0;
      }
      return;
    }
    if (w.bx + BALL < 0) {
      w.ai++; G.sfx('hurt'); say(w, (G.cfg.rival_name || 'Rival') + ' scores'); rest(w);
    } else if (w.bx > W) {
      w.me++; G.addScore(100); G.sfx('coin'); say(w, 'Point!'); rest(w);
    }
  }

  // ---- one frame ---------------------------------------------------------------------------
  function tick(G, w, held, serveNow) {
    if (w.serve > 0 && serveNow) launch(G, w);
    movePaddle(w, held);
    if (w.mode === 'pong') moveAi(w);
    if (w.serve > 0) {
      place(w);
      w.serve -= 1;
      if (w.serve === 0) launch(G, w);
    } else {
      moveX(G, w); moveY(G, w);
      outcome(G, w);
      if (G.status !== 'playing' || G.world !== w) return;
    }
    w.f += 1;
    judge(G, w);
  }
  function judge(G, w) {
    if (w.done) return;
    if (w.mode === 'breakout' && w.left <= 0) { w.done = true; G.win(); }
    else if (w.mode === 'pong' && w.me >= w.toWin) { w.done = true; G.win(); }
    else if (w.mode === 'pong' && w.ai >= w.toWin) {
      G.invuln = 0;
      G.hurt((G.cfg.rival_name || 'The rival') + ' won the match');
      G.invuln = 0;
    }
  }

  // The keys held this frame: the keyboard / touch pad, or the pointer's way to the paddle.
  function heldKeys(G, w) {
    var h = { left: !!G.held.left, right: !!G.held.right, up: !!G.held.up, down: !!G.held.down };
    if (ptr.on && !h.left && !h.right && !h.up && !h.down) {
      if (w.mode === 'pong') {
        var ty = Math.round(ptr.y * U);
        if (ty - w.py >= w.pspeed) h.down = true; else if (w.py - ty >= w.pspeed) h.up = true;
      } else {
        var tx = Math.round(ptr.x * U);
        if (tx - w.px >= w.pspeed) h.right = true; else if (w.px - tx >= w.pspeed) h.left = true;
      }
    }
    return h;
  }

  function update(G, w, dt) {
    w.t += dt;
    if (w.msgT > 0) w.msgT = Math.max(0, w.msgT - dt);
    if (w.flash > 0) w.flash = Math.max(0, w.flash - dt);
    for (var i = 0; i < w.sparks.length; i++) {
      var s = w.sparks[i]; s.x += s.vx * dt; s.y += s.vy * dt; s.life -= dt * 2;
    }
    w.sparks = w.sparks.filter(function (p) { return p.life > 0; });
    if (w.done) return;
    if (EXT[w.mode]) { EXT[w.mode].update(G, w); return; }
    if (w.mode === 'flappy') { flappyUpdate(G, w); return; }
    if (w.mode === 'pinball') { pinballUpdate(G, w); return; }
    var serveNow = !!G.pressed.action || ptr.tap;
    ptr.tap = false;
    tick(G, w, heldKeys(G, w), serveNow);
    w.trail.push([w.bx, w.by]);
    if (w.trail.length > 5) w.trail.shift();
  }

  // A lost life (or a lost match) serves the ball again; a lost match starts again from 0-0.
  function respawn(G, w) {
    if (EXT[w.mode]) { EXT[w.mode].respawn(G, w); return; }
    if (w.mode === 'flappy') { flappyReset(w); say(w, 'Again from the start'); return; }
    if (w.mode === 'pinball') { pinballRest(w); say(w, 'Ball lost: next ball'); return; }
    if (w.mode === 'pong') { w.me = 0; w.ai = 0; say(w, 'Match lost: again from 0-0'); }
    rest(w);
  }

  function say(w, text) { w.msg = text; w.msgT = 1.4; }
  // what the modes in their own files borrow (ptr is shared: one pointer for the whole genre)
  Maestro.arcadeLib = { ptr: ptr, bindPointer: function (G) { bindPointer(G); }, say: function (w, t) { say(w, t); },
                        spark: function (w, x, y, n, c) { spark(w, x, y, n, c); }, hasFrame: function (G, n) { return hasFrame(G, n); } };
  function spark(w, x, y, n, color) {
    for (var i = 0; i < n && w.sparks.length < 80; i++) {
      var a = (i / n) * Math.PI * 2;
      w.sparks.push({ x: x, y: y, vx: Math.cos(a) * 60, vy: Math.sin(a) * 60, life: 1, color: color });
    }
  }

  // ---- drawing ------------------------------------------------------------------------------------
  function px(v) { return Math.round(v / U); }

  function drawField(G, w, ctx) {
    ctx.fillStyle = 'rgba(0,0,0,0.35)'; ctx.fillRect(0, TOP / U, G.W, G.H - TOP / U);
    ctx.fillStyle = G.color('wall', '#541388');
    ctx.fillRect(0, TOP / U, G.W, 2);
    if (w.mode === 'pong') {
      ctx.fillRect(0, G.H - 2, G.W, 2);
      ctx.fillStyle = G.color('ui_text', '#ffffff'); ctx.globalAlpha = 0.25;
      for (var y = TOP / U + 4; y < G.H; y += 12) ctx.fillRect(G.W / 2 - 1, y, 2, 6);
      ctx.globalAlpha = 1;
    } else {
      ctx.fillRect(0, TOP / U, 2, G.H); ctx.fillRect(G.W - 2, TOP / U, 2, G.H);
    }
  }

  function drawBricks(G, w, ctx) {
    var kinds = G.cfg.kinds || [], roles = ['enemy', 'item', 'item2', 'enemy2', 'hazard'];
    for (var r = 0; r < w.bricks.length; r++) {
      for (var c = 0; c < w.bricks[r].length; c++) {
        var hp = w.bricks[r][c];
        if (hp <= 0) continue;
        var k = w.kinds[r][c], kind = kinds[k] || {}, x = px(w.ox + c * w.bw), y = px(w.oy + r * w.bh);
        var bw = px(w.bw), bh = px(w.bh);
        ctx.fillStyle = G.color(roles[k % roles.length], '#f15bb5');
        ctx.fillRect(x + 1, y + 1, bw - 2, bh - 2);
        ctx.fillStyle = 'rgba(255,255,255,0.35)'; ctx.fillRect(x + 1, y + 1, bw - 2, 2);
        ctx.fillStyle = 'rgba(0,0,0,0.3)'; ctx.fillRect(x + 1, y + bh - 3, bw - 2, 2);
        var max = (w.maxhp[r] && w.maxhp[r][c]) || hp;
        if (hp < max) {  // cracks: a brick that has taken hits shows them
          ctx.strokeStyle = 'rgba(0,0,0,0.6)'; ctx.lineWidth = 1; ctx.beginPath();
          ctx.moveTo(x + 4, y + 2); ctx.lineTo(x + bw / 2, y + bh - 2); ctx.lineTo(x + bw - 6, y + 3); ctx.stroke();
        }
        if (hasFrame(G, kind.slug)) G.sprite(kind.slug, G.anim(kind.slug, 'idle', w.t), x + bw / 2 - 4, y + 1, { w: 8, h: bh - 2 });
        if (max > 1) for (var p = 0; p < hp; p++) { ctx.fillStyle = '#ffffff'; ctx.fillRect(x + 3 + p * 3, y + bh - 4, 2, 2); }
      }
    }
  }

  function drawPaddle(G, w, ctx, x, y, pw, ph, role, slug) {
    ctx.fillStyle = G.color(role, '#00bbf9');
    ctx.fillRect(x, y, pw, ph);
    ctx.fillStyle = 'rgba(255,255,255,0.45)'; ctx.fillRect(x, y, pw, 1);
    if (w.flash > 0 && role === 'player') { ctx.fillStyle = 'rgba(255,255,255,0.6)'; ctx.fillRect(x, y, pw, ph); }
    if (hasFrame(G, slug)) {
      var s = 12;
      if (pw > ph) G.sprite(slug, G.anim(slug, 'idle', w.t), x + pw / 2 - s / 2, y + ph / 2 - s / 2 + 1, { w: s, h: s });
      else G.sprite(slug, G.anim(slug, 'idle', w.t), role === 'player' ? x - s - 1 : x + pw + 1, y + ph / 2 - s / 2, { w: s, h: s });
    }
  }

  function drawBall(G, w, ctx) {
    var slug = G.cfg.ball_slug, b = BALL / U;
    for (var i = 0; i < w.trail.length; i++) {
      ctx.globalAlpha = 0.1 * (i + 1); ctx.fillStyle = G.color('accent', '#fee440');
      ctx.fillRect(px(w.trail[i][0]), px(w.trail[i][1]), b, b);
    }
    ctx.globalAlpha = 1;
    var x = px(w.bx), y = px(w.by);
    if (hasFrame(G, slug)) { G.sprite(slug, G.anim(slug, 'idle', w.t), x - 2, y - 2, { w: b + 4, h: b + 4 }); return; }
    ctx.fillStyle = G.color('accent', '#fee440');
    ctx.beginPath(); ctx.arc(x + b / 2, y + b / 2, b / 2 + 0.5, 0, Math.PI * 2); ctx.fill();
  }

  function draw(G, w, ctx) {
    G.cam.x = 0; G.cam.y = 0;
    if (EXT[w.mode]) { EXT[w.mode].draw(G, w, ctx); return; }
    if (w.mode === 'flappy') { flappyDraw(G, w, ctx); return; }
    if (w.mode === 'pinball') { pinballDraw(G, w, ctx); return; }
    drawField(G, w, ctx);
    var pslug = G.cfg.paddle_slug || (G.roles && G.roles.player);
    if (w.mode === 'pong') {
      var ph = px(w.plen);
      drawPaddle(G, w, ctx, PONG_LEFT / U, px(w.py) - ph / 2, PONG_THICK / U, ph, 'player', pslug);
      drawPaddle(G, w, ctx, PONG_RIGHT / U, px(w.ay) - ph / 2, PONG_THICK / U, ph, 'enemy', G.cfg.rival_slug);
      G.text(String(w.me), G.W / 2 - 30, 22, { size: 16, align: 'right' });
      G.text(String(w.ai), G.W / 2 + 30, 22, { size: 16 });
    } else {
      drawBricks(G, w, ctx);
      var pw = px(w.plen);
      drawPaddle(G, w, ctx, px(w.px) - pw / 2, PADDLE_TOP / U, pw, PADDLE_THICK / U, 'player', pslug);
    }
    drawBall(G, w, ctx);
    for (var i = 0; i < w.sparks.length; i++) {
      var s = w.sparks[i]; ctx.globalAlpha = Math.max(0, s.life); ctx.fillStyle = s.color;
      ctx.fillRect(Math.round(s.x), Math.round(s.y), 2, 2);
    }
    ctx.globalAlpha = 1;
    if (w.serve > 0 && !w.done) G.text('Space or tap to serve', G.W / 2, 150, { size: 8, align: 'center' });
    if (w.msgT > 0) G.text(w.msg, G.W / 2, 170, { size: 10, align: 'center', color: G.color('accent', '#fee440') });
  }

  function player(w) {
    if (EXT[w.mode]) return EXT[w.mode].player(w);
    if (w.mode === 'flappy') return { x: FL.BIRD_X / U, y: w.y / U };
    if (w.mode === 'pinball') return { x: w.ball[0] / PB.PU, y: w.ball[1] / PB.PU };
    if (w.mode === 'pong') return { x: PONG_LEFT / U, y: (w.py - (w.plen >> 1)) / U };
    return { x: (w.px - (w.plen >> 1)) / U, y: PADDLE_TOP / U };
  }

  function hud(G, w) {
    if (!w) return '';
    if (EXT[w.mode]) return EXT[w.mode].hud(G, w);
    if (w.mode === 'flappy') return 'Gaps ' + w.nxt + ' / ' + w.pipes.length;
    if (w.mode === 'pinball') return 'Table points ' + w.score + ' / ' + w.target;
    if (w.mode === 'pong') return 'You ' + w.me + ' - ' + w.ai + ' ' + (G.cfg.rival_name || 'Rival') + '  first to ' + w.toWin;
    return 'Bricks ' + w.left;
  }

  // ---- flappy (one button): the rules of maestro/genres/arcade/flappy.py --------------------------
  // Integer units (1/16 px). One frame: `ready` pauses until a flap or its end; a flap sets vy, else
  // gravity; the ceiling holds the flyer; the course scrolls; gaps reached are passed (and score);
  // the ground or a pipe outside its gap is a crash (a life, the course again); every gap passed wins.
  var FL = { GROUND: 250 * U, BIRD_X: 110 * U, BIRD: 12 * U, PIPE_W: 26 * U, GRAVITY: 5, FLAP_V: -84,
             MAX_FALL: 120, READY: 60 };
  FL.START_Y = TOP + fdiv(FL.GROUND - TOP, 2) - FL.BIRD / 2;

  function flappyStart(G, level) {
    var w = {
      mode: 'flappy', f: 0, speed: level.speed | 0, gap: level.gap | 0,
      pipes: (level.pipes || []).map(function (p) { return [p[0] | 0, p[1] | 0]; }),
      readyFrames: (level.ready === undefined ? FL.READY : level.ready) | 0,
      points: (level.points || (G.cfg && G.cfg.gap_points) || 1) | 0,
      // the sprite guarding each gap (drawing only): the config's obstacle kinds, by the level's turns
      slugs: (level.kinds || []).map(function (k) {
        var o = ((G.cfg && G.cfg.obstacles) || [])[k]; return o ? o.slug : '';
      }),
      y: 0, vy: 0, sx: 0, nxt: 0, ready: 0, done: false,
      // drawing only
      t: 0, sparks: [], flash: 0, trail: [], msg: '', msgT: 0, wing: 0
    };
    // the kinds on this course, for whoever reads the world (QA looks for the GDD's cast by slug)
    w.guards = w.slugs.filter(function (v, i, a) { return v && a.indexOf(v) === i; })
      .map(function (v) { return { slug: v }; });
    flappyReset(w);
    bindPointer(G);
    ptr.tap = false;
    G.cam.x = 0; G.cam.y = 0;
    return w;
  }
  function flappyReset(w) { w.y = FL.START_Y; w.vy = 0; w.sx = 0; w.nxt = 0; w.ready = w.readyFrames; }

  function flappyCrashed(w) {
    if (w.y + FL.BIRD > FL.GROUND) return true;
    var left = w.sx + FL.BIRD_X;
    for (var j = w.nxt; j < Math.min(w.pipes.length, w.nxt + 2); j++) {
      var p = w.pipes[j];
      if (left < p[0] + FL.PIPE_W && left + FL.BIRD > p[0] && (w.y < p[1] || w.y + FL.BIRD > p[1] + w.gap)) return true;
    }
    return false;
  }

  function flappyTick(G, w, flap) {
    if (w.ready > 0 && !flap) { w.ready -= 1; w.f += 1; return; }
    if (w.ready > 0) G.sfx('select');
    w.ready = 0;
    if (flap) { w.vy = FL.FLAP_V; G.sfx('blip'); w.wing = 0.2; }
    else w.vy = Math.min(w.vy + FL.GRAVITY, FL.MAX_FALL);
    w.y += w.vy;
    if (w.y < TOP) { w.y = TOP; w.vy = 0; }
    w.sx += w.speed;
    var n0 = w.nxt;
    while (w.nxt < w.pipes.length && w.sx + FL.BIRD_X >= w.pipes[w.nxt][0] + FL.PIPE_W) w.nxt++;
    if (w.nxt > n0) {
      G.addScore(w.points * (w.nxt - n0)); G.sfx('coin');
      spark(w, (FL.BIRD_X + FL.BIRD / 2) / U, (w.y + FL.BIRD / 2) / U, 6, G.color('accent', '#fee440'));
    }
    if (flappyCrashed(w)) {
      spark(w, (FL.BIRD_X + FL.BIRD / 2) / U, (w.y + FL.BIRD / 2) / U, 12, G.color('enemy', '#f15bb5'));
      G.sfx('explode');
      G.invuln = 0;                 // every crash costs its own life
      G.hurt((G.cfg.flyer_name || 'The flyer') + ' crashed into ' +
             (w.y + FL.BIRD > FL.GROUND ? 'the ground' : 'the ' + (G.cfg.obstacle_name || 'pipe')));
      G.invuln = 0;
      if (G.status !== 'playing' || G.world !== w) return;
    }
    w.f += 1;
    if (!w.done && w.nxt >= w.pipes.length) { w.done = true; G.win(); }
  }

  function flappyUpdate(G, w) {
    if (w.wing > 0) w.wing = Math.max(0, w.wing - G.DT);
    var flap = !!G.pressed.action || !!G.pressed.up || ptr.tap;
    ptr.tap = false;
    flappyTick(G, w, flap);
  }

  function flappyView(w) {
    return { f: w.f, mode: w.mode, y: w.y, vy: w.vy, sx: w.sx, nxt: w.nxt, ready: w.ready, speed: w.speed,
             gap: w.gap, pipes: w.pipes.length, done: w.done };
  }

  function flappyDrawPipe(G, w, ctx, x, y0, y1, capAt, slug) {
    var pw = FL.PIPE_W / U;
    if (y1 <= y0) return;
    ctx.fillStyle = G.color('wall', '#541388'); ctx.fillRect(x, y0, pw, y1 - y0);
    ctx.fillStyle = 'rgba(255,255,255,0.25)'; ctx.fillRect(x + 3, y0, 3, y1 - y0);
    ctx.fillStyle = 'rgba(0,0,0,0.3)'; ctx.fillRect(x + pw - 4, y0, 4, y1 - y0);
    var cy = capAt === 'bottom' ? y1 - 8 : y0;
    ctx.fillStyle = G.color('enemy', '#f15bb5'); ctx.fillRect(x - 2, cy, pw + 4, 8);
    ctx.fillStyle = 'rgba(255,255,255,0.35)'; ctx.fillRect(x - 2, cy, pw + 4, 1);
    if (hasFrame(G, slug)) {  // the GDD's obstacle guards each lip of the gap
      var sy = capAt === 'bottom' ? y1 - 16 - 8 : y0 + 8;
      G.sprite(slug, G.anim(slug, 'idle', w.t), x + pw / 2 - 8, sy, { w: 16, h: 16 });
    }
  }

  function flappyDraw(G, w, ctx) {
    var ground = FL.GROUND / U, top = TOP / U, gap = w.gap / U;
    for (var j = 0; j < w.pipes.length; j++) {
      var x = px(w.pipes[j][0] - w.sx);
      if (x > G.W + 4 || x + FL.PIPE_W / U < -4) continue;
      var gy = px(w.pipes[j][1]);
      flappyDrawPipe(G, w, ctx, x, top, gy, 'bottom', w.slugs[j]);
      flappyDrawPipe(G, w, ctx, x, gy + gap, ground, 'top', w.slugs[j]);
    }
    // the ground, its stripes scrolling with the course
    ctx.fillStyle = G.color('item', '#00f5d4'); ctx.fillRect(0, ground, G.W, G.H - ground);
    ctx.fillStyle = 'rgba(0,0,0,0.25)';
    var off = px(w.sx) % 16;
    for (var gx = -off; gx < G.W; gx += 16) ctx.fillRect(gx, ground + 3, 8, 3);
    ctx.fillStyle = 'rgba(255,255,255,0.4)'; ctx.fillRect(0, ground, G.W, 1);
    // the flyer, tilted by its speed
    var slug = G.cfg.paddle_slug || (G.roles && G.roles.player), bx = FL.BIRD_X / U, by = px(w.y), b = FL.BIRD / U;
    var bob = w.ready > 0 ? Math.round(Math.sin(w.t * 6) * 2) : 0;
    ctx.save();
    ctx.translate(bx + b / 2, by + b / 2 + bob);
    ctx.rotate(clamp(w.vy / 240, -0.4, 0.6));
    if (hasFrame(G, slug)) G.sprite(slug, G.anim(slug, w.wing > 0 ? 'jump' : 'idle', w.t), -9, -9, { w: 18, h: 18 });
    else {
      ctx.fillStyle = G.color('player', '#00bbf9');
      ctx.beginPath(); ctx.arc(0, 0, b / 2 + 1, 0, Math.PI * 2); ctx.fill();
      ctx.fillStyle = '#ffffff'; ctx.fillRect(2, -3, 3, 3);
      ctx.fillStyle = G.color('accent', '#fee440'); ctx.fillRect(b / 2 - 1, 0, 4, 2);
    }
    ctx.restore();
    for (var i = 0; i < w.sparks.length; i++) {
      var s = w.sparks[i]; ctx.globalAlpha = Math.max(0, s.life); ctx.fillStyle = s.color;
      ctx.fillRect(Math.round(s.x), Math.round(s.y), 2, 2);
    }
    ctx.globalAlpha = 1;
    G.text(String(w.nxt), G.W / 2, 24, { size: 16, align: 'center' });
    if (w.ready > 0 && !w.done) G.text('Space, Up or tap to flap', G.W / 2, 150, { size: 8, align: 'center' });
    if (w.msgT > 0) G.text(w.msg, G.W / 2, 170, { size: 10, align: 'center', color: G.color('accent', '#fee440') });
  }

  // ---- pinball: the rules of maestro/genres/arcade/pinball.py (PinballSim.step) ------------------
  // Integer units (1/1024 px), SUB sub-steps a frame, every collider from the level. One frame: the
  // flippers aim, the plunger pulls / launches; SUB times the flippers turn a step, the ball falls,
  // is capped, moves, rests on the plunger at the lane's foot or is pushed out of walls, slingshots,
  // bumpers, standing targets and flippers in that order; below DRAIN_Y it drains (a ball); a cleared
  // bank stands up again; the level's points at its target win.
  var PB = { PU: 1024, SUB: 4, BALL_R: 4096, VMAX: 3072, NQ: 1024, TQ: 4096, E_DEN: 16, E_WALL: 9, E_FLIP: 5,
             E_TARGET: 8, WALL_R: 1024, SLING_R: 2048, TARGET_R: 2048, FLIP_R: 4096, FLIP_STEPS: 16,
             PULL_MAX: 30, RESET_FRAMES: 60, DRAIN_Y: 274 * 1024 };

  function isqrt(n) {
    var r = Math.floor(Math.sqrt(n));
    while (r * r > n) r--;
    while ((r + 1) * (r + 1) <= n) r++;
    return r;
  }
  function ints(a) { return a.map(function (v) { return v | 0; }); }

  // pinball.collide: 0 no contact, 1 touching and moving away, 2 a hit (reflected, kicked)
  function pbCollide(b, ax, ay, bx, by, r, e, kick, svx, svy) {
    var x = b[0], y = b[1], rr = PB.BALL_R + r;
    if (x < Math.min(ax, bx) - rr || x > Math.max(ax, bx) + rr || y < Math.min(ay, by) - rr || y > Math.max(ay, by) + rr) return 0;
    var dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, dot = (x - ax) * dx + (y - ay) * dy;
    var tq = (l2 === 0 || dot <= 0) ? 0 : dot >= l2 ? PB.TQ : fdiv(dot * PB.TQ, l2);
    var cx = ax + fdiv(dx * tq, PB.TQ), cy = ay + fdiv(dy * tq, PB.TQ);
    var ex = x - cx, ey = y - cy, d2 = ex * ex + ey * ey, d;
    if (d2 >= rr * rr) return 0;
    if (d2 === 0) {
      if (l2) { ex = dy; ey = -dx; } else { ex = 0; ey = -1; }
      d = isqrt(ex * ex + ey * ey);
    } else d = isqrt(d2);
    var nx = fdiv(ex * PB.NQ, d), ny = fdiv(ey * PB.NQ, d);
    b[0] = cx + fdiv(nx * rr, PB.NQ); b[1] = cy + fdiv(ny * rr, PB.NQ);
    var vn = fdiv((b[2] - svx) * nx + (b[3] - svy) * ny, PB.NQ);
    if (vn >= 0) return 1;
    var j = fdiv(-vn * (PB.E_DEN + e), PB.E_DEN) + kick;
    b[2] += fdiv(nx * j, PB.NQ); b[3] += fdiv(ny * j, PB.NQ);
    return 2;
  }
  function pbCap(b) {
    var s2 = b[2] * b[2] + b[3] * b[3];
    if (s2 > PB.VMAX * PB.VMAX) { var s = isqrt(s2); b[2] = fdiv(b[2] * PB.VMAX, s); b[3] = fdiv(b[3] * PB.VMAX, s); }
  }

  function pinballStart(G, level) {
    var pts = level.points || {};
    var w = {
      mode: 'pinball', f: 0, score: 0, target: level.target | 0, gravity: level.gravity | 0,
      walls: (level.walls || []).map(ints), slings: (level.slings || []).map(ints),
      bumpers: (level.bumpers || []).map(ints), targets: (level.targets || []).map(ints),
      flips: (level.flippers || []).map(function (fl) { return { x: fl.x | 0, y: fl.y | 0, tips: fl.tips.map(ints) }; }),
      laneX: level.lane[0] | 0, plungerY: level.lane[1] | 0, laneWall: level.lane[2] | 0,
      launch: level.launch | 0, launchStep: level.launch_step | 0, kick: level.kick | 0, slingKick: level.sling_kick | 0,
      pBumper: pts.bumper | 0, pSling: pts.sling | 0, pTarget: pts.target | 0, pBonus: pts.bonus | 0,
      up: [], resetIn: 0, ang: [0, 0], pull: 0, ball: [0, 0, 0, 0], ready: true, done: false,
      hits: { bumper: 0, sling: 0, target: 0, bonus: 0, flipper: 0 },
      // the sprites the bumpers and targets wear (drawing only): the config's kinds, by the level's turns
      bumperSlugs: (level.bumper_kinds || []).map(function (k) { var o = (G.cfg.bumper_kinds || [])[k]; return o ? o.slug : ''; }),
      targetSlugs: (level.target_kinds || []).map(function (k) { var o = (G.cfg.target_kinds || [])[k]; return o ? o.slug : ''; }),
      // drawing only
      t: 0, sparks: [], flash: 0, trail: [], msg: '', msgT: 0, lit: [], slingLit: [0, 0]
    };
    w.up = w.targets.map(function () { return 1; });
    w.lit = w.bumpers.map(function () { return 0; });
    // the kinds on this table, for whoever reads the world (QA looks for the GDD's cast by slug)
    w.guards = w.bumperSlugs.concat(w.targetSlugs).filter(function (v, i, a) { return v && a.indexOf(v) === i; })
      .map(function (v) { return { slug: v }; });
    pinballRest(w);
    bindPointer(G);
    ptr.tap = false; ptr.down = false;
    G.cam.x = 0; G.cam.y = 0;
    return w;
  }
  function pinballRest(w) { w.ball = [w.laneX, w.plungerY, 0, 0]; w.ready = true; w.pull = 0; }

  function pinballScore(G, w, n) { w.score += n; G.addScore(n); }

  function pinballSub(G, w, aim) {
    var turned = [], i, k, s;
    for (i = 0; i < 2; i++) {
      turned.push(w.ang[i]);
      w.ang[i] = aim[i] ? Math.min(PB.FLIP_STEPS, w.ang[i] + 1) : Math.max(0, w.ang[i] - 1);
    }
    if (w.ready) return;
    var b = w.ball;
    b[3] += w.gravity;
    pbCap(b);
    b[0] += b[2]; b[1] += b[3];
    if (b[0] > w.laneWall && b[1] >= w.plungerY && b[3] >= 0) { pinballRest(w); return; }
    for (k = 0; k < w.walls.length; k++) { s = w.walls[k]; pbCollide(b, s[0], s[1], s[2], s[3], PB.WALL_R, PB.E_WALL, 0, 0, 0); }
    for (k = 0; k < w.slings.length; k++) {
      s = w.slings[k];
      if (pbCollide(b, s[0], s[1], s[2], s[3], PB.SLING_R, PB.E_WALL, w.slingKick, 0, 0) === 2) {
        pinballScore(G, w, w.pSling); w.hits.sling++; w.slingLit[k] = 0.15; G.sfx('push');
      }
    }
    for (k = 0; k < w.bumpers.length; k++) {
      s = w.bumpers[k];
      if (pbCollide(b, s[0], s[1], s[0], s[1], s[2], PB.E_WALL, w.kick, 0, 0) === 2) {
        pinballScore(G, w, w.pBumper); w.hits.bumper++; w.lit[k] = 0.2; G.sfx('hit');
        spark(w, s[0] / PB.PU, s[1] / PB.PU, 6, G.color('accent', '#fee440'));
      }
    }
    for (k = 0; k < w.targets.length; k++) {
      s = w.targets[k];
      if (w.up[k] && pbCollide(b, s[0], s[1], s[2], s[3], PB.TARGET_R, PB.E_TARGET, 0, 0, 0) === 2) {
        w.up[k] = 0; pinballScore(G, w, w.pTarget); w.hits.target++; G.sfx('coin');
        if (w.up.indexOf(1) < 0) {
          pinballScore(G, w, w.pBonus); w.hits.bonus++; w.resetIn = PB.RESET_FRAMES; G.sfx('powerup');
          say(w, 'Bank cleared: bonus ' + w.pBonus + '!');
        }
      }
    }
    for (i = 0; i < w.flips.length; i++) {
      var fl = w.flips[i], t0 = fl.tips[turned[i]], t1 = fl.tips[w.ang[i]];
      var l2 = t1[0] * t1[0] + t1[1] * t1[1], dot = (b[0] - fl.x) * t1[0] + (b[1] - fl.y) * t1[1];
      var tq = (l2 === 0 || dot <= 0) ? 0 : dot >= l2 ? PB.TQ : fdiv(dot * PB.TQ, l2);
      var svx = fdiv((t1[0] - t0[0]) * tq, PB.TQ), svy = fdiv((t1[1] - t0[1]) * tq, PB.TQ);
      if (pbCollide(b, fl.x, fl.y, fl.x + t1[0], fl.y + t1[1], PB.FLIP_R, PB.E_FLIP, 0, svx, svy) === 2) w.hits.flipper++;
    }
  }

  function pinballTick(G, w, held) {
    var aim = [!!held.left, !!held.right], i;
    for (i = 0; i < 2; i++) if (aim[i] && w.ang[i] === 0) G.sfx('blip');
    if (w.ready) {
      if (held.action) w.pull = Math.min(PB.PULL_MAX, w.pull + 1);
      else if (w.pull > 0) {
        w.ball[3] = -(w.launch + w.pull * w.launchStep); w.ready = false; w.pull = 0; G.sfx('select');
      }
    }
    for (i = 0; i < PB.SUB; i++) pinballSub(G, w, aim);
    if (!w.ready && w.ball[1] > PB.DRAIN_Y) {
      G.invuln = 0;                 // every ball drained costs its own ball
      G.hurt((G.cfg.ball_name || 'The ball') + ' drained');
      G.invuln = 0;
      if (G.status !== 'playing' || G.world !== w) return;
    }
    if (w.resetIn > 0) {
      w.resetIn -= 1;
      if (w.resetIn === 0) w.up = w.targets.map(function () { return 1; });
    }
    w.f += 1;
    if (!w.done && w.score >= w.target) { w.done = true; G.win(); }
  }

  // The keys this frame: the keyboard (Down pulls the plunger too), or a finger / the mouse button:
  // on the plunger any press pulls it; in play the left or right half of the screen holds that flipper.
  function pinballHeld(G, w) {
    var h = { left: !!G.held.left, right: !!G.held.right, action: !!G.held.action || !!G.held.down };
    if (ptr.down || ptr.tap) {
      if (w.ready) h.action = true;
      else if (ptr.x < G.W / 2) h.left = true; else h.right = true;
    }
    return h;
  }

  function pinballUpdate(G, w) {
    for (var k = 0; k < w.lit.length; k++) w.lit[k] = Math.max(0, w.lit[k] - G.DT);
    w.slingLit = w.slingLit.map(function (v) { return Math.max(0, v - G.DT); });
    var held = pinballHeld(G, w);
    ptr.tap = false;
    pinballTick(G, w, held);
    w.trail.push([w.ball[0], w.ball[1]]);
    if (w.trail.length > 4) w.trail.shift();
  }

  function pinballView(w) {
    return { f: w.f, mode: w.mode, x: w.ball[0], y: w.ball[1], vx: w.ball[2], vy: w.ball[3], ready: w.ready,
             pull: w.pull, ang: w.ang.slice(), up: w.up.slice(), score: w.score, target: w.target,
             resetIn: w.resetIn, hits: { bumper: w.hits.bumper, sling: w.hits.sling, target: w.hits.target,
             bonus: w.hits.bonus, flipper: w.hits.flipper }, done: w.done };
  }
  function pinballSet(w, o) {
    ['x', 'y', 'vx', 'vy'].forEach(function (k, i) { if (typeof o[k] === 'number') w.ball[i] = o[k] | 0; });
    ['pull', 'score', 'resetIn'].forEach(function (k) { if (typeof o[k] === 'number') w[k] = o[k] | 0; });
    if (typeof o.ready === 'boolean') w.ready = o.ready;
    if (o.up) w.up = ints(o.up);
    if (o.ang) w.ang = ints(o.ang);
    return pinballView(w);
  }

  function pbLine(ctx, s, width) {
    ctx.lineWidth = width; ctx.beginPath();
    ctx.moveTo(s[0] / PB.PU, s[1] / PB.PU); ctx.lineTo(s[2] / PB.PU, s[3] / PB.PU); ctx.stroke();
  }

  function pinballDraw(G, w, ctx) {
    var i, s, PU = PB.PU;
    ctx.lineCap = 'round';
    // the playfield: the glass over the table, then its rails
    ctx.fillStyle = 'rgba(0,0,0,0.45)';
    ctx.beginPath(); ctx.moveTo(134, 270);
    for (i = 0; i < 12; i++) ctx.lineTo(w.walls[i][0] / PU, w.walls[i][1] / PU);
    ctx.lineTo(w.walls[11][2] / PU, w.walls[11][3] / PU); ctx.lineTo(346, 270); ctx.closePath(); ctx.fill();
    ctx.strokeStyle = G.color('wall', '#541388');
    for (i = 0; i < w.walls.length; i++) pbLine(ctx, w.walls[i], 3);
    for (i = 0; i < w.slings.length; i++) {
      ctx.strokeStyle = w.slingLit[i] > 0 ? '#ffffff' : G.color('accent', '#fee440'); pbLine(ctx, w.slings[i], 4);
    }
    // the plunger: its spring squeezed by the pull
    var py = w.plungerY / PU + 4 + w.pull / 6;
    ctx.fillStyle = G.color('accent', '#fee440'); ctx.fillRect(w.laneX / PU - 6, py, 12, 3);
    ctx.strokeStyle = 'rgba(255,255,255,0.5)'; ctx.lineWidth = 1; ctx.beginPath();
    for (var z = 0; z < 4; z++) { ctx.moveTo(w.laneX / PU - 5, py + 3 + z * 1.5); ctx.lineTo(w.laneX / PU + 5, py + 4 + z * 1.5); }
    ctx.stroke();
    // bumpers (the GDD's enemies wear them), drop targets (its items)
    for (i = 0; i < w.bumpers.length; i++) {
      s = w.bumpers[i];
      var bx = s[0] / PU, by = s[1] / PU, br = s[2] / PU;
      ctx.fillStyle = w.lit[i] > 0 ? '#ffffff' : G.color('enemy', '#f15bb5');
      ctx.beginPath(); ctx.arc(bx, by, br, 0, Math.PI * 2); ctx.fill();
      ctx.strokeStyle = G.color('accent', '#fee440'); ctx.lineWidth = 2;
      ctx.beginPath(); ctx.arc(bx, by, br - 2, 0, Math.PI * 2); ctx.stroke();
      if (hasFrame(G, w.bumperSlugs[i])) G.sprite(w.bumperSlugs[i], G.anim(w.bumperSlugs[i], 'idle', w.t), bx - 7, by - 7, { w: 14, h: 14 });
    }
    for (i = 0; i < w.targets.length; i++) {
      s = w.targets[i];
      ctx.strokeStyle = w.up[i] ? G.color('item', '#00f5d4') : 'rgba(255,255,255,0.15)';
      pbLine(ctx, s, w.up[i] ? 4 : 2);
      var slug = w.targetSlugs[i];
      if (w.up[i] && hasFrame(G, slug)) G.sprite(slug, G.anim(slug, 'idle', w.t), (s[0] + s[2]) / 2 / PU - 5, s[1] / PU - 12, { w: 10, h: 10 });
    }
    // flippers
    ctx.strokeStyle = G.color('player', '#00bbf9');
    for (i = 0; i < w.flips.length; i++) {
      var fl = w.flips[i], tip = fl.tips[w.ang[i]];
      pbLine(ctx, [fl.x, fl.y, fl.x + tip[0], fl.y + tip[1]], 8);
      ctx.fillStyle = '#ffffff'; ctx.beginPath(); ctx.arc(fl.x / PU, fl.y / PU, 2, 0, Math.PI * 2); ctx.fill();
    }
    // the ball
    for (i = 0; i < w.trail.length; i++) {
      ctx.globalAlpha = 0.12 * (i + 1); ctx.fillStyle = G.color('accent', '#fee440');
      ctx.beginPath(); ctx.arc(w.trail[i][0] / PU, w.trail[i][1] / PU, 3, 0, Math.PI * 2); ctx.fill();
    }
    ctx.globalAlpha = 1;
    var ballSlug = G.cfg.ball_slug, x = w.ball[0] / PU, y = w.ball[1] / PU;
    if (hasFrame(G, ballSlug)) G.sprite(ballSlug, G.anim(ballSlug, 'idle', w.t), x - 5, y - 5, { w: 10, h: 10 });
    else {
      ctx.fillStyle = '#e8e8f0'; ctx.beginPath(); ctx.arc(x, y, 4, 0, Math.PI * 2); ctx.fill();
      ctx.fillStyle = '#ffffff'; ctx.fillRect(Math.round(x - 2), Math.round(y - 2), 2, 2);
    }
    for (i = 0; i < w.sparks.length; i++) {
      var p = w.sparks[i]; ctx.globalAlpha = Math.max(0, p.life); ctx.fillStyle = p.color;
      ctx.fillRect(Math.round(p.x), Math.round(p.y), 2, 2);
    }
    ctx.globalAlpha = 1;
    ctx.lineCap = 'butt';
    // the side panels: the table's points against its target, the bank, the balls
    G.text('POINTS', 66, 40, { size: 8, align: 'center' });
    G.text(String(w.score), 66, 52, { size: 14, align: 'center', color: G.color('accent', '#fee440') });
    G.text('TARGET ' + w.target, 66, 72, { size: 8, align: 'center' });
    var frac = Math.min(1, w.score / Math.max(1, w.target));
    ctx.fillStyle = 'rgba(255,255,255,0.15)'; ctx.fillRect(26, 84, 80, 5);
    ctx.fillStyle = G.color('item', '#00f5d4'); ctx.fillRect(26, 84, Math.round(80 * frac), 5);
    G.text('BALLS ' + (G.lives === null ? '-' : G.lives), 414, 40, { size: 8, align: 'center' });
    G.text('BANK', 414, 60, { size: 8, align: 'center' });
    for (i = 0; i < w.up.length; i++) {
      ctx.fillStyle = w.up[i] ? 'rgba(255,255,255,0.2)' : G.color('item', '#00f5d4');
      ctx.fillRect(414 - w.up.length * 6 + i * 12, 72, 9, 5);
    }
    if (w.ready && !w.done) G.text('Hold Space, release to launch', 414, 200, { size: 8, align: 'center' });
    G.text('< > flippers', 66, 200, { size: 8, align: 'center' });
    if (w.msgT > 0) G.text(w.msg, 240, 140, { size: 10, align: 'center', color: G.color('accent', '#fee440') });
  }

  // QA hooks (maestro/genres/arcade/qa.py): the world as plain JSON, and a way to set the ball.
  var qa = {
    view: function (G, w) {
      if (EXT[w.mode]) return EXT[w.mode].view(w);
      if (w.mode === 'flappy') return flappyView(w);
      if (w.mode === 'pinball') return pinballView(w);
      return {
        f: w.f, mode: w.mode, bx: w.bx, by: w.by, vx: w.vx, vy: w.vy, px: w.px, py: w.py || 0, ay: w.ay || 0,
        speed: w.speed, serve: w.serve, serves: w.serves, hits: w.hits, me: w.me, ai: w.ai,
        left: w.left, broken: w.broken, bricks: w.bricks, done: w.done
      };
    },
    // Put the ball (and the paddle) somewhere, moving some way: the rules then play on from there.
    set: function (G, w, o) {
      if (EXT[w.mode]) return EXT[w.mode].set(w, o);
      if (w.mode === 'flappy') {
        ['y', 'vy', 'sx', 'nxt', 'ready'].forEach(function (k) { if (typeof o[k] === 'number') w[k] = o[k] | 0; });
        return flappyView(w);
      }
      if (w.mode === 'pinball') return pinballSet(w, o);
      ['bx', 'by', 'vx', 'vy', 'px', 'py', 'ay', 'speed', 'serve', 'me', 'ai', 'hits'].forEach(function (k) {
        if (typeof o[k] === 'number') w[k] = o[k] | 0;
      });
      return qa.view(G, w);
    },
    pointer: function (G, w, x, y, tap) { ptr.on = true; ptr.down = true; ptr.x = x; ptr.y = y; if (tap) ptr.tap = true; },
    release: function () { ptr.on = false; ptr.down = false; ptr.tap = false; }
  };

  Maestro.registerGenre('arcade', {
    start: start, update: update, draw: draw, player: player, hud: hud, respawn: respawn, qa: qa,
    usesLives: true,
    help: function (G) {
      if (G.spec && EXT[G.spec.mode]) return EXT[G.spec.mode].help;
      if (G.spec && G.spec.mode === 'pinball') {
        return 'Left / Right (or either half of the screen) flip, hold and release Space to launch: reach the target';
      }
      if (G.spec && G.spec.mode === 'flappy') {
        return 'Space, Up, a click or a tap flaps: fly through every gap of the course';
      }
      return (G.spec && G.spec.mode === 'pong')
        ? 'Up / Down or drag move your paddle, Space serves: first to ' + ((G.cfg && G.cfg.points_to_win) || 5)
        : 'Left / Right or drag move the paddle, Space serves: break every brick';
    }
  });
})();
