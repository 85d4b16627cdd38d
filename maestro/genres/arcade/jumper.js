/* Maestro genre module: arcade, mode "jumper" (a vertical jumper, Doodle-Jump-like). Shipped after
 * arcade.js, which hands a level of mode "jumper" to Maestro.arcadeModes.jumper and lends it its pointer
 * and sparks (Maestro.arcadeLib).
 *
 * The hero bounces by itself on the platforms; Left / Right (or a finger on either half of the screen)
 * steer, the sides wrap; the view rises with the climb and never falls back. The rules are exactly those
 * of maestro/genres/arcade/jumper.py (JumperSim.step), integers only (1/16 px, heights up from the floor):
 *   1. ready: the pause runs down, nothing moves;
 *   2. x (the hero's centre) moves RUN while Left or Right is held, mod W;
 *   3. vy = max(vy - GRAVITY, -MAX_FALL); h += vy;
 *   4. falling: the highest platform whose top was crossed this frame, overlapped (moving ones where they
 *      are on this frame), catches the hero: a breaking one breaks, any other bounces it (JUMP_V, a
 *      spring SPRING_V);
 *   5. an enemy touched costs a life (the climb again from the floor);
 *   6. the view rises to keep the hero within CAM_LINE of its bottom; the best height scores;
 *   7. the hero wholly below the view costs a life; f += 1; h >= finish wins.
 * Drawing reads the rules and changes nothing.
 */
(function () {
  'use strict';

  var U = 16, W = 480 * U, BOTTOM = 262;
  var J = { HERO_W: 14 * U, HERO_H: 16 * U, PLAT_W: 44 * U, ENEMY: 16 * U, GRAVITY: 4, JUMP_V: 112, SPRING_V: 184,
            MAX_FALL: 160, RUN: 48, MOVE: 16, CAM_LINE: 130 * U, READY: 45, SCORE_STEP: 10 * U };
  var MOVING = 1, BREAKING = 2, SPRING = 3, FLOOR = 4;
  var L = Maestro.arcadeLib;

  function fdiv(a, b) { return Math.floor(a / b); }
  function mod(a, b) { return ((a % b) + b) % b; }
  function tri(t, r) { if (r <= 0) return 0; t = mod(t, 2 * r); return t <= r ? t : 2 * r - t; }
  function platX(p, f) { return p[2] === MOVING ? p[0] + tri(f * J.MOVE, p[3]) : p[0]; }
  function across(x, left, width) { var d = mod(x - (left + fdiv(width, 2)), W); return d > W / 2 ? d - W : d; }
  function overlaps(x, left, width) { return Math.abs(across(x, left, width)) < fdiv(width + J.HERO_W, 2); }
  function ints(a) { return a.map(function (v) { return v | 0; }); }

  function start(G, level) {
    var kinds = (G.cfg && G.cfg.enemy_kinds) || [];
    var w = {
      mode: 'jumper', f: 0, finish: level.finish | 0,
      plats: (level.platforms || []).map(ints), enemies: (level.enemies || []).map(ints),
      readyFrames: (level.ready === undefined ? J.READY : level.ready) | 0,
      x: 0, h: 0, vy: 0, cam: 0, ready: 0, best: 0, broken: {}, done: false,
      // drawing only
      t: 0, sparks: [], flash: 0, trail: [], msg: '', msgT: 0, squash: 0
    };
    w.slugs = w.enemies.map(function (e) { var k = kinds[e[2]]; return k ? k.slug : ''; });
    // the kinds on this course, for whoever reads the world (QA looks for the GDD's cast by slug)
    w.guards = w.slugs.filter(function (v, i, a) { return v && a.indexOf(v) === i; }).map(function (v) { return { slug: v }; });
    reset(w);
    L.bindPointer(G);
    L.ptr.tap = false; L.ptr.down = false;
    G.cam.x = 0; G.cam.y = 0;
    return w;
  }
  function reset(w) { w.x = W / 2; w.h = 0; w.vy = 0; w.cam = 0; w.ready = w.readyFrames; w.broken = {}; }

  function land(G, w, h0) {
    var best = -1, i, p;
    for (i = 0; i < w.plats.length; i++) {
      p = w.plats[i];
      if (w.broken[i] || !(w.h <= p[1] && p[1] <= h0) || (best >= 0 && p[1] <= w.plats[best][1])) continue;
      if (p[2] === FLOOR || overlaps(w.x, platX(p, w.f), J.PLAT_W)) best = i;
    }
    if (best < 0) return;
    p = w.plats[best];
    if (p[2] === BREAKING) { w.broken[best] = true; G.sfx('push'); L.spark(w, w.x / U, BOTTOM - (p[1] - w.cam) / U, 6, '#b08050'); return; }
    w.h = p[1];
    w.vy = p[2] === SPRING ? J.SPRING_V : J.JUMP_V;
    w.squash = 0.12;
    G.sfx(p[2] === SPRING ? 'powerup' : 'blip');
  }

  function touchesEnemy(w) {
    for (var i = 0; i < w.enemies.length; i++) {
      var e = w.enemies[i];
      if (overlaps(w.x, e[0], J.ENEMY) && w.h < e[1] + J.ENEMY && w.h + J.HERO_H > e[1]) return true;
    }
    return false;
  }

  function hurt(G, w, why) {
    L.spark(w, w.x / U, BOTTOM - (w.h - w.cam) / U - 8, 12, G.color('enemy', '#f15bb5'));
    G.sfx('explode');
    G.invuln = 0;                 // every hit or fall costs its own life
    G.hurt(why);
    G.invuln = 0;
  }

  function tick(G, w, held) {
    if (w.ready > 0) { w.ready -= 1; w.f += 1; if (w.ready === 0) G.sfx('select'); return; }
    var d = (held.right ? 1 : 0) - (held.left ? 1 : 0);
    w.x = mod(w.x + d * J.RUN, W);
    w.vy = Math.max(w.vy - J.GRAVITY, -J.MAX_FALL);
    var h0 = w.h;
    w.h += w.vy;
    if (w.vy < 0) land(G, w, h0);
    if (touchesEnemy(w)) {
      hurt(G, w, (G.cfg.hero_name || 'The hero') + ' ran into ' + (G.cfg.enemy_name || 'a monster'));
      if (G.status !== 'playing' || G.world !== w) return;
    } else {
      w.cam = Math.max(w.cam, w.h - J.CAM_LINE);
      if (w.h > w.best) { G.addScore(fdiv(w.h, J.SCORE_STEP) - fdiv(w.best, J.SCORE_STEP)); w.best = w.h; }
      if (w.h + J.HERO_H < w.cam) {
        hurt(G, w, (G.cfg.hero_name || 'The hero') + ' fell off the bottom');
        if (G.status !== 'playing' || G.world !== w) return;
      }
    }
    w.f += 1;
    if (!w.done && w.h >= w.finish) { w.done = true; G.win(); }
  }

  // Left / Right held, or a finger / the mouse button on either half of the screen.
  function heldKeys(G) {
    var h = { left: !!G.held.left, right: !!G.held.right };
    if ((L.ptr.down || L.ptr.tap) && !h.left && !h.right) { if (L.ptr.x < G.W / 2) h.left = true; else h.right = true; }
    return h;
  }

  function update(G, w) {
    if (w.squash > 0) w.squash = Math.max(0, w.squash - G.DT);
    var held = heldKeys(G);
    L.ptr.tap = false;
    tick(G, w, held);
  }

  function respawn(G, w) { reset(w); L.say(w, 'Again from the floor'); }

  function sy(w, h) { return BOTTOM - (h - w.cam) / U; }

  function drawPlat(G, w, ctx, p, i) {
    if (w.broken[i]) return;
    var y = Math.round(sy(w, p[1]));
    if (y < 14 || y > G.H + 6) return;
    if (p[2] === FLOOR) { ctx.fillStyle = G.color('wall', '#541388'); ctx.fillRect(0, y, G.W, G.H - y); return; }
    var x = Math.round(mod(platX(p, w.f), W) / U), pw = J.PLAT_W / U;
    var color = p[2] === MOVING ? G.color('item', '#00f5d4') : p[2] === BREAKING ? '#a0703c' : G.color('wall', '#7bd389');
    for (var k = 0; k < 2; k++) {  // a platform over a side shows on both
      var xx = x - k * G.W;
      ctx.fillStyle = color; ctx.fillRect(xx, y, pw, 5);
      ctx.fillStyle = 'rgba(255,255,255,0.4)'; ctx.fillRect(xx, y, pw, 1);
      if (p[2] === BREAKING) { ctx.fillStyle = 'rgba(0,0,0,0.5)'; ctx.fillRect(xx + pw / 2, y, 1, 5); ctx.fillRect(xx + 10, y + 2, 6, 1); }
      if (p[2] === SPRING) {
        ctx.strokeStyle = G.color('accent', '#fee440'); ctx.lineWidth = 2; ctx.beginPath();
        for (var z = 0; z < 3; z++) { ctx.moveTo(xx + pw / 2 - 4, y - 1 - z * 3); ctx.lineTo(xx + pw / 2 + 4, y - 2 - z * 3); }
        ctx.stroke();
      }
    }
  }

  function draw(G, w, ctx) {
    var i;
    ctx.fillStyle = 'rgba(0,0,0,0.25)'; ctx.fillRect(0, 16, G.W, G.H - 16);
    // the height marks every 100 px (10 m), scrolling with the view
    ctx.fillStyle = 'rgba(255,255,255,0.12)';
    for (var m = Math.floor(w.cam / (100 * U)) * 100 * U; m < w.cam + 260 * U; m += 100 * U) {
      var my = Math.round(sy(w, m)); if (my > 16) { ctx.fillRect(0, my, 8, 1); G.text(String(m / U / 10) + ' m', 10, my - 2, { size: 6 }); }
    }
    var fy = Math.round(sy(w, w.finish));
    if (fy > 16 && fy < G.H) {
      for (i = 0; i < G.W; i += 16) { ctx.fillStyle = (i / 16) % 2 ? '#ffffff' : '#000000'; ctx.fillRect(i, fy - 4, 16, 4); }
      G.text('FINISH', G.W / 2, fy - 8, { size: 8, align: 'center', color: G.color('accent', '#fee440') });
    }
    for (i = 0; i < w.plats.length; i++) drawPlat(G, w, ctx, w.plats[i], i);
    for (i = 0; i < w.enemies.length; i++) {
      var e = w.enemies[i], ex = Math.round(mod(e[0], W) / U), ey = Math.round(sy(w, e[1])) - J.ENEMY / U;
      if (ey < 0 || ey > G.H) continue;
      var bob = Math.round(Math.sin(w.t * 4 + i) * 2);
      for (var k = 0; k < 2; k++) {
        var xx = ex - k * G.W;
        if (L.hasFrame(G, w.slugs[i])) G.sprite(w.slugs[i], G.anim(w.slugs[i], 'idle', w.t), xx, ey + bob, { w: 16, h: 16 });
        else {
          ctx.fillStyle = G.color('enemy', '#f15bb5'); ctx.beginPath(); ctx.arc(xx + 8, ey + 8 + bob, 8, 0, Math.PI * 2); ctx.fill();
          ctx.fillStyle = '#ffffff'; ctx.fillRect(xx + 4, ey + 5 + bob, 3, 3); ctx.fillRect(xx + 10, ey + 5 + bob, 3, 3);
        }
      }
    }
    // the hero (on both sides while it wraps)
    var slug = G.cfg.paddle_slug || (G.roles && G.roles.player), hx = w.x / U - J.HERO_W / U / 2, hy = sy(w, w.h) - J.HERO_H / U;
    var sq = w.squash > 0 ? 2 : 0;
    for (var s = -1; s <= 1; s++) {
      var x0 = Math.round(hx + s * G.W);
      if (x0 < -20 || x0 > G.W + 4) continue;
      if (L.hasFrame(G, slug)) G.sprite(slug, G.anim(slug, w.vy > 0 ? 'jump' : 'idle', w.t), x0 - 2, Math.round(hy) - 2 + sq, { w: 18, h: 18 - sq });
      else {
        ctx.fillStyle = G.color('player', '#00bbf9'); ctx.fillRect(x0, Math.round(hy) + sq, J.HERO_W / U, J.HERO_H / U - sq);
        ctx.fillStyle = '#ffffff'; ctx.fillRect(x0 + 8, Math.round(hy) + 4 + sq, 3, 3);
      }
    }
    for (i = 0; i < w.sparks.length; i++) {
      var p = w.sparks[i]; ctx.globalAlpha = Math.max(0, p.life); ctx.fillStyle = p.color;
      ctx.fillRect(Math.round(p.x), Math.round(p.y), 2, 2);
    }
    ctx.globalAlpha = 1;
    G.text(String(fdiv(w.best, J.SCORE_STEP)) + ' m', G.W / 2, 26, { size: 12, align: 'center' });
    if (w.ready > 0 && !w.done) G.text('Left / Right (or either half of the screen) steer: climb to the finish', G.W / 2, 150, { size: 8, align: 'center' });
    if (w.msgT > 0) G.text(w.msg, G.W / 2, 170, { size: 10, align: 'center', color: G.color('accent', '#fee440') });
  }

  function view(w) {
    var broken = Object.keys(w.broken).map(Number).sort(function (a, b) { return a - b; });
    return { f: w.f, mode: w.mode, x: w.x, h: w.h, vy: w.vy, cam: w.cam, ready: w.ready, best: w.best, finish: w.finish,
             broken: broken, done: w.done };
  }
  function set(w, o) {
    ['x', 'h', 'vy', 'cam', 'ready', 'best', 'f'].forEach(function (k) { if (typeof o[k] === 'number') w[k] = o[k] | 0; });
    return view(w);
  }

  Maestro.arcadeModes.jumper = {
    start: start, update: update, draw: draw, respawn: respawn, view: view, set: set,
    player: function (w) { return { x: w.x / U - J.HERO_W / U / 2, y: (w.finish - w.h) / U }; },
    hud: function (G, w) { return 'Height ' + fdiv(w.best, J.SCORE_STEP) + ' / ' + fdiv(w.finish, J.SCORE_STEP) + ' m'; },
    help: 'Left / Right or either half of the screen steer the bouncing hero: climb to the finish'
  };
})();
