/* Maestro genre module: arcade, mode "jetpack" (Jetpack-Joyride-like). Shipped after arcade.js, which
 * hands a level of mode "jetpack" to Maestro.arcadeModes.jetpack and lends it its pointer and sparks
 * (Maestro.arcadeLib).
 *
 * The hero runs right by itself; holding Space / Up (or a press) fires the jetpack, letting go falls.
 * The rules are exactly those of maestro/genres/arcade/jetpack.py (JetpackSim.step), integers only:
 *   1. ready: holding the button ends the pause and plays this frame; else it runs down, nothing moves;
 *   2. thrust: vy = max(vy - THRUST, -MAX_UP), else vy = min(vy + GRAVITY, MAX_FALL); y += vy, held
 *      between the ceiling and the floor (vy = 0 there);
 *   3. sx += speed;
 *   4. coins touched are taken (and score);
 *   5. a zapper, a missile (on screen at x - 2 sx) or a firing laser (on <= sx < off) touched is a hit:
 *      a life, the run again from the start;
 *   6. f += 1; sx >= length wins.
 * Drawing reads the rules and changes nothing.
 */
(function () {
  'use strict';

  var U = 16, W = 480 * U, TOP = 16 * U;
  var K = { FLOOR: 250 * U, HERO_X: 100 * U, HERO_W: 12 * U, HERO_H: 16 * U, COIN: 8 * U, MISSILE_W: 16 * U,
            MISSILE_H: 6 * U, GRAVITY: 5, THRUST: 8, MAX_UP: 64, MAX_FALL: 80, READY: 60, LASER_WARN: 120 * U };
  K.START_Y = K.FLOOR - K.HERO_H;
  var ZAPPER = 0, MISSILE = 1, LASER = 2;
  var L = Maestro.arcadeLib;

  function ints(a) { return a.map(function (v) { return v | 0; }); }

  function start(G, level) {
    var kinds = (G.cfg && G.cfg.obstacle_kinds) || [];
    var w = {
      mode: 'jetpack', f: 0, speed: level.speed | 0, length: level.length | 0,
      obstacles: (level.obstacles || []).map(ints), coins: (level.coins || []).map(ints),
      readyFrames: (level.ready === undefined ? K.READY : level.ready) | 0,
      points: ((G.cfg && G.cfg.coin_points) || 1) | 0,
      y: 0, vy: 0, sx: 0, ready: 0, taken: {}, nTaken: 0, thrusting: false, done: false,
      // drawing only
      t: 0, sparks: [], flash: 0, trail: [], msg: '', msgT: 0, flame: 0
    };
    w.slugs = w.obstacles.map(function (o) { var k = kinds[o[5]]; return k ? k.slug : ''; });
    // the kinds on this course, for whoever reads the world (QA looks for the GDD's cast by slug)
    w.guards = w.slugs.filter(function (v, i, a) { return v && a.indexOf(v) === i; }).map(function (v) { return { slug: v }; });
    reset(w);
    L.bindPointer(G);
    L.ptr.tap = false; L.ptr.down = false;
    G.cam.x = 0; G.cam.y = 0;
    return w;
  }
  function reset(w) { w.y = K.START_Y; w.vy = 0; w.sx = 0; w.ready = w.readyFrames; w.taken = {}; w.nTaken = 0; }

  function box(o, sx) {
    if (o[0] === MISSILE) return [o[1] - 2 * sx, o[2], K.MISSILE_W, K.MISSILE_H];
    return [o[1] - sx, o[2], o[3], o[4]];
  }
  function hit(w) {
    for (var i = 0; i < w.obstacles.length; i++) {
      var o = w.obstacles[i];
      if (o[0] === LASER) {
        if (o[1] <= w.sx && w.sx < o[2] && w.y < o[3] + o[4] && w.y + K.HERO_H > o[3]) return o;
        continue;
      }
      var b = box(o, w.sx);
      if (b[0] < K.HERO_X + K.HERO_W && b[0] + b[2] > K.HERO_X && w.y < b[1] + b[3] && w.y + K.HERO_H > b[1]) return o;
    }
    return null;
  }

  function tick(G, w, thrust) {
    if (w.ready > 0 && !thrust) { w.ready -= 1; w.f += 1; return; }
    if (w.ready > 0) G.sfx('select');
    w.ready = 0;
    if (thrust && !w.thrusting) G.sfx('blip');
    w.thrusting = thrust;
    if (thrust) { w.vy = Math.max(w.vy - K.THRUST, -K.MAX_UP); w.flame = 0.1; }
    else w.vy = Math.min(w.vy + K.GRAVITY, K.MAX_FALL);
    w.y += w.vy;
    if (w.y < TOP) { w.y = TOP; w.vy = 0; } else if (w.y > K.START_Y) { w.y = K.START_Y; w.vy = 0; }
    w.sx += w.speed;
    var got = 0;
    for (var i = 0; i < w.coins.length; i++) {
      var c = w.coins[i];
      if (w.taken[i] || !(c[0] - w.sx < K.HERO_X + K.HERO_W && c[0] - w.sx + K.COIN > K.HERO_X &&
          w.y < c[1] + K.COIN && w.y + K.HERO_H > c[1])) continue;
      w.taken[i] = true; w.nTaken++; got++;
    }
    if (got) {
      G.addScore(w.points * got); G.sfx('coin');
      L.spark(w, (K.HERO_X + K.HERO_W) / U, (w.y + K.HERO_H / 2) / U, 4, G.color('accent', '#fee440'));
    }
    var o = hit(w);
    if (o) {
      var kinds = G.cfg.obstacle_kinds || [], k = kinds[o[5]];
      L.spark(w, (K.HERO_X + K.HERO_W / 2) / U, (w.y + K.HERO_H / 2) / U, 12, G.color('enemy', '#f15bb5'));
      G.sfx('explode');
      G.invuln = 0;                 // every hit costs its own life
      G.hurt((G.cfg.hero_name || 'The hero') + ' was hit by ' + (k ? 'the ' + k.name : 'an obstacle'));
      G.invuln = 0;
      if (G.status !== 'playing' || G.world !== w) return;
    }
    w.f += 1;
    if (!w.done && w.sx >= w.length) { w.done = true; G.win(); }
  }

  function update(G, w) {
    if (w.flame > 0) w.flame = Math.max(0, w.flame - G.DT);
    var thrust = !!G.held.action || !!G.held.up || L.ptr.down || L.ptr.tap;
    L.ptr.tap = false;
    tick(G, w, thrust);
  }

  function respawn(G, w) { reset(w); L.say(w, 'Again from the start'); }

  function slugFrame(G, slug) { return L.hasFrame(G, slug); }

  function draw(G, w, ctx) {
    var i, floor = K.FLOOR / U, top = TOP / U;
    ctx.fillStyle = 'rgba(0,0,0,0.3)'; ctx.fillRect(0, top, G.W, floor - top);
    // the lab's wall panels scrolling by, the floor and the ceiling
    ctx.fillStyle = 'rgba(255,255,255,0.06)';
    var off = Math.round(w.sx / U) % 64;
    for (var x = -off; x < G.W; x += 64) ctx.fillRect(x, top, 2, floor - top);
    ctx.fillStyle = G.color('wall', '#541388'); ctx.fillRect(0, floor, G.W, G.H - floor); ctx.fillRect(0, top, G.W, 2);
    for (i = 0; i < w.coins.length; i++) {
      if (w.taken[i]) continue;
      var c = w.coins[i], cx = (c[0] - w.sx) / U;
      if (cx < -10 || cx > G.W + 10) continue;
      if (slugFrame(G, G.cfg.coin_slug)) G.sprite(G.cfg.coin_slug, G.anim(G.cfg.coin_slug, 'idle', w.t), Math.round(cx), c[1] / U, { w: 8, h: 8 });
      else { ctx.fillStyle = G.color('accent', '#fee440'); ctx.beginPath(); ctx.arc(cx + 4, c[1] / U + 4, 4, 0, Math.PI * 2); ctx.fill(); }
    }
    for (i = 0; i < w.obstacles.length; i++) {
      var o = w.obstacles[i];
      if (o[0] === LASER) {
        var ly = o[3] / U, lh = o[4] / U;
        if (o[1] <= w.sx && w.sx < o[2]) {
          ctx.fillStyle = 'rgba(255,60,60,0.75)'; ctx.fillRect(0, ly, G.W, lh);
          ctx.fillStyle = '#ffffff'; ctx.fillRect(0, ly + lh / 2 - 1, G.W, 2);
        } else if (o[1] - K.LASER_WARN <= w.sx && w.sx < o[1]) {
          ctx.strokeStyle = 'rgba(255,60,60,' + (0.4 + 0.3 * Math.sin(w.t * 20)) + ')'; ctx.lineWidth = 1;
          ctx.strokeRect(1, ly, G.W - 2, lh);
          G.text('!', G.W - 12, ly + lh / 2 + 4, { size: 12, color: '#ff4040' });
        }
        continue;
      }
      var b = box(o, w.sx), bx = b[0] / U;
      if (o[0] === MISSILE && bx > G.W && bx < G.W + 160) {  // its warning at the right edge
        G.text('!', G.W - 10, b[1] / U + 6, { size: 10, color: '#ff4040' });
        continue;
      }
      if (bx > G.W + 4 || bx + b[2] / U < -4) continue;
      if (o[0] === MISSILE) {
        ctx.fillStyle = G.color('enemy', '#f15bb5'); ctx.fillRect(bx, b[1] / U, b[2] / U, b[3] / U);
        ctx.fillStyle = G.color('accent', '#fee440'); ctx.fillRect(bx + b[2] / U, b[1] / U + 1, 4, b[3] / U - 2);
      } else {
        ctx.fillStyle = G.color('enemy', '#f15bb5'); ctx.fillRect(bx, b[1] / U, b[2] / U, b[3] / U);
        ctx.fillStyle = 'rgba(255,255,255,' + (0.5 + 0.4 * Math.sin(w.t * 30 + i)) + ')';
        if (b[2] > b[3]) ctx.fillRect(bx, b[1] / U + b[3] / U / 2 - 1, b[2] / U, 2); else ctx.fillRect(bx + b[2] / U / 2 - 1, b[1] / U, 2, b[3] / U);
      }
      if (slugFrame(G, w.slugs[i])) G.sprite(w.slugs[i], G.anim(w.slugs[i], 'idle', w.t), bx + b[2] / U / 2 - 6, b[1] / U - 12, { w: 12, h: 12 });
    }
    // the hero, its jetpack's flame while the button is held
    var slug = G.cfg.paddle_slug || (G.roles && G.roles.player), hx = K.HERO_X / U, hy = Math.round(w.y / U);
    if (w.flame > 0) { ctx.fillStyle = G.color('accent', '#fee440'); ctx.fillRect(hx - 1, hy + 12, 4, 8); }
    if (L.hasFrame(G, slug)) G.sprite(slug, G.anim(slug, w.vy < 0 ? 'jump' : 'idle', w.t), hx - 3, hy - 2, { w: 18, h: 18 });
    else {
      ctx.fillStyle = G.color('player', '#00bbf9'); ctx.fillRect(hx, hy, K.HERO_W / U, K.HERO_H / U);
      ctx.fillStyle = '#888888'; ctx.fillRect(hx - 3, hy + 4, 3, 8);
    }
    for (i = 0; i < w.sparks.length; i++) {
      var p = w.sparks[i]; ctx.globalAlpha = Math.max(0, p.life); ctx.fillStyle = p.color;
      ctx.fillRect(Math.round(p.x), Math.round(p.y), 2, 2);
    }
    ctx.globalAlpha = 1;
    var frac = Math.min(1, w.sx / Math.max(1, w.length));
    ctx.fillStyle = 'rgba(255,255,255,0.15)'; ctx.fillRect(140, 22, 200, 4);
    ctx.fillStyle = G.color('item', '#00f5d4'); ctx.fillRect(140, 22, Math.round(200 * frac), 4);
    if (w.ready > 0 && !w.done) G.text('Hold Space, Up or a press to fly, let go to fall', G.W / 2, 150, { size: 8, align: 'center' });
    if (w.msgT > 0) G.text(w.msg, G.W / 2, 170, { size: 10, align: 'center', color: G.color('accent', '#fee440') });
  }

  function view(w) {
    return { f: w.f, mode: w.mode, y: w.y, vy: w.vy, sx: w.sx, ready: w.ready, speed: w.speed, length: w.length,
             taken: w.nTaken, done: w.done };
  }
  function set(w, o) {
    ['y', 'vy', 'sx', 'ready'].forEach(function (k) { if (typeof o[k] === 'number') w[k] = o[k] | 0; });
    return view(w);
  }

  Maestro.arcadeModes.jetpack = {
    start: start, update: update, draw: draw, respawn: respawn, view: view, set: set,
    player: function (w) { return { x: K.HERO_X / U, y: w.y / U }; },
    hud: function (G, w) { return 'Distance ' + Math.floor(w.sx / U / 10) + ' / ' + Math.floor(w.length / U / 10) + ' m'; },
    help: 'Hold Space, Up or a press to fly, let go to fall: dodge to the end of the course'
  };
})();
