/* Maestro genre: shooter.
 *
 * Two modes (data.config.mode, from spec.mode):
 *   fixed      the ship moves in a band at the bottom and fires up; waves come down from the top
 *   scrolling  the player flies in the left part of the screen and fires right; waves come from the right
 * Without shooting (config.can_shoot false) it is dodge-only: survive the timeline to win.
 * config.focus (a bullet hell's, or a GDD's focus mode): while the runtime's "focus" action is held (Shift),
 * the ship moves at that share of its speed and its hitbox is drawn. config.timed_run: one stage against
 * the runtime's clock (spec.time_ends_as): the waves never end the level, the clock does.
 *
 * The level is a finite wave script made by maestro/genres/shooter/rules.py. Every enemy's position is a
 * closed-form function of time and enemy fire is scheduled (not aimed), with the same formulas as the
 * Python solver, so "solvable in Python" means "survivable here". Coordinates: the world is the
 * screen (480x270); the camera only scrolls the background. player() returns the ship's TOP-LEFT
 * corner (16x16 sprite), like every entity here.
 *
 * Motion in a mode-free frame: `along` = distance travelled from the spawn edge (-16 = just off
 * screen), `across` = position across the direction of travel.
 */
(function () {
  'use strict';

  var MAX_EBULLETS = 160, MAX_PARTICLES = 220, MAX_STARS = 48;

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }

  function conf(G) {
    var c = G.cfg || {};
    var mode = c.mode === 'scrolling' ? 'scrolling' : 'fixed';
    return {
      mode: mode,
      canShoot: c.can_shoot !== false,
      W: num(c.W, 480), H: num(c.H, 270),
      across: c.across || (mode === 'fixed' ? [0, 464] : [16, 254]),
      alongLen: num(c.along_len, mode === 'fixed' ? 270 : 480),
      zone: c.zone || (mode === 'fixed' ? [0, 198, 464, 246] : [0, 16, 200, 248]),
      playerSpeed: num(c.player_speed, 150),
      fireRate: num(c.fire_rate, 6),
      damage: num(c.bullet_damage, 1),
      bulletSpeed: num(c.bullet_speed, 360),
      maxBullets: Math.max(4, Math.min(96, num(c.max_player_bullets, 32))),
      phb: num(c.player_hitbox, 8),
      ehb: num(c.enemy_hitbox, 12),
      ebSpeed: num(c.enemy_bullet_speed, 130),
      ebSize: num(c.enemy_bullet_size, 4),
      fireInterval: num(c.enemy_fire_interval, 1.6),
      fireZone: num(c.enemy_fire_zone, 0.7),
      itemSpeed: num(c.item_speed, 45),
      itemPoints: num(c.item_points, 25),
      killPoints: num(c.kill_points, 10),
      passPoints: num(c.pass_points, 10),
      powerupSeconds: num(c.powerup_seconds, 0),
      scrollSpeed: num(c.scroll_speed, 40),
      bombs: Math.max(0, Math.min(9, num(c.bombs, 0) | 0)),   // 0: the GDD asks for no bombs
      focus: num(c.focus, 0),                                 // 0: no focus movement
      timedRun: !!c.timed_run,
      drifts: spreadDrifts(num(c.enemy_spread, 1) | 0, num(c.enemy_spread_slope, 0.3) * num(c.enemy_bullet_speed, 130))
    };
  }

  // Across speeds of the bullets of one enemy shot (rules.py spread_drifts): one straight bullet, or a
  // symmetric fan of n (a bullet-hell GDD's spread), `step` px/s apart.
  function spreadDrifts(n, step) {
    if (n <= 1) return [0];
    var out = [];
    for (var k = 0; k < n; k++) out.push((k - (n - 1) / 2) * step);
    return out;
  }

  // ---- the motion model (mirrors maestro/genres/shooter/rules.py) --------------------------------
  function memberDelay(w, i) { return (w.pattern === 'line' || w.pattern === 'v') ? 0 : i * num(w.delay, 0.4); }
  function memberAlong0(w, i) {
    if (w.pattern === 'v') return -16 - Math.abs(i - (w.count - 1) / 2) * num(w.spacing, 24) * 0.75;
    return -16;
  }
  function memberAcross(C, w, i, s) {
    var lo = C.across[0], hi = C.across[1];
    var c = lo + num(w.a, 0.5) * (hi - lo);
    var p = w.pattern;
    if (p === 'line' || p === 'v') return c + (i - (w.count - 1) / 2) * num(w.spacing, 24);
    if (p === 'sine') return c + num(w.amp, 0) * Math.sin(2 * Math.PI * num(w.freq, 0.5) * s);
    if (p === 'rain') { var xs = w.xs || []; return lo + (i < xs.length ? xs[i] : 0.5) * (hi - lo); }
    return c;
  }
  function firePhase(i, interval) { return interval * (0.3 + 0.7 * ((i * 0.618) % 1)); }
  // top-left of a 16 px sprite from (along, across)
  function toX(C, al, ac) { return C.mode === 'fixed' ? ac : C.W - 16 - al; }
  function toY(C, al, ac) { return C.mode === 'fixed' ? al : ac; }
  // centre of a small thing from the (along, across) of its centre
  function cToX(C, al, ac) { return C.mode === 'fixed' ? ac : C.W - al; }
  function cToY(C, al, ac) { return C.mode === 'fixed' ? al : ac; }

  function overlap(ax, ay, aw, ah, bx, by, bw, bh) {
    return ax < bx + bw && ax + aw > bx && ay < by + bh && ay + ah > by;
  }
  function roleSlug(G, kind, idx) {
    var list = (G.roles && G.roles[kind]) || [];
    return list[idx] || list[0] || (kind === 'hazards' ? 'hazard' : kind === 'items' ? 'item' : 'enemy');
  }
  function entityName(G, kind, idx) {
    var list = (G.spec && G.spec[kind]) || [];
    var e = list[idx] || list[0];
    return (e && e.name) || (kind === 'hazards' ? 'an obstacle' : 'an enemy');
  }

  function memberPoints(G, C, w) {
    var sp = ((G.spec && G.spec.enemies) || [])[w.enemy];
    return (sp && sp.points) || C.killPoints * num(w.hp, 1);
  }

  function distinctStarts(waves) {
    var n = 0, last = null;
    for (var i = 0; i < waves.length; i++) { var t = num(waves[i].t, 0); if (t !== last) { n++; last = t; } }
    return n;
  }

  function start(G, level) {
    var C = conf(G);
    var waves = level.waves || [];
    var members = [], i, j;
    for (i = 0; i < waves.length; i++) {
      var w = waves[i];
      var hazard = w.kind === 'hazard';
      w._left = w.count; w._passed = false;
      for (j = 0; j < w.count; j++) {
        var t0 = num(w.t, 0) + memberDelay(w, j), a0 = memberAlong0(w, j);
        members.push({
          w: w, i: j, t0: t0, a0: a0, t1: t0 + (C.alongLen - a0) / Math.max(1, w.speed),
          state: 0,           // 0 pending, 1 alive, 2 dead, 3 gone
          hp: num(w.hp, 1), hazard: hazard, x: -99, y: -99, flash: 0,
          nextFire: firePhase(j, C.fireInterval),
          slug: hazard ? roleSlug(G, 'hazards', w.enemy) : roleSlug(G, 'enemies', w.enemy),
          points: hazard ? 0 : memberPoints(G, C, w)
        });
      }
    }
    members.sort(function (a, b) { return a.t0 - b.t0; });
    var items = (level.items || []).map(function (it) {
      return { t: num(it.t, 0), a: num(it.a, 0.5), slug: roleSlug(G, 'items', it.item || 0),
        points: num(it.points, C.itemPoints), state: 0, x: -99, y: -99 };
    });
    var pb = [], eb = [], parts = [], stars = [];
    for (i = 0; i < C.maxBullets; i++) pb.push({ on: false, x: 0, y: 0, vx: 0, vy: 0 });
    for (i = 0; i < MAX_EBULLETS; i++) eb.push({ on: false, tf: 0, al: 0, ac: 0, x: 0, y: 0 });
    for (i = 0; i < MAX_PARTICLES; i++) parts.push({ life: 0, x: 0, y: 0, vx: 0, vy: 0, c: '#fff', max: 1 });
    for (i = 0; i < MAX_STARS; i++) stars.push({ x: G.rng() * C.W, y: 14 + G.rng() * (C.H - 14), z: 0.3 + G.rng() * 0.7 });
    var st = level.start || [C.mode === 'fixed' ? 232 : 32, C.mode === 'fixed' ? C.zone[3] : 128];
    var lastSpawn = num(level.last_spawn, 0);
    for (i = 0; i < members.length; i++) lastSpawn = Math.max(lastSpawn, members[i].t0);
    return {
      C: C, level: level, t: 0, members: members, items: items, pb: pb, eb: eb, parts: parts, stars: stars,
      px: st[0], py: st[1], startX: st[0], startY: st[1], moving: false, fireCd: 0, power: 0,
      kills: 0, killable: members.filter(function (m) { return !m.hazard; }).length,
      caught: 0, lastSpawn: lastSpawn, duration: num(level.duration, lastSpawn + 10),
      remaining: members.length, wavesTotal: distinctStarts(waves), waves: waves, won: false, shake: 0,
      bombs: C.bombs, blast: 0, focused: false
    };
  }

  function spawnParticles(W, x, y, n, color, speed) {
    var p = W.parts, k = 0;
    for (var i = 0; i < p.length && k < n; i++) {
      if (p[i].life > 0) continue;
      var a = (k / n) * Math.PI * 2 + W.t * 3.1, v = speed * (0.4 + 0.6 * (((i * 0.37) + k * 0.61) % 1));
      p[i].x = x; p[i].y = y; p[i].vx = Math.cos(a) * v; p[i].vy = Math.sin(a) * v;
      p[i].life = p[i].max = 0.35 + 0.3 * ((k * 0.29) % 1); p[i].c = color; k++;
    }
  }

  function fire(G, W) {
    var C = W.C, shots = W.power > 0 ? 3 : 1, fired = 0;
    for (var i = 0; i < W.pb.length && fired < shots; i++) {
      var b = W.pb[i];
      if (b.on) continue;
      var spread = shots === 1 ? 0 : (fired - 1) * 0.22;
      b.on = true;
      if (C.mode === 'fixed') { b.x = W.px + 8; b.y = W.py; b.vx = spread * C.bulletSpeed; b.vy = -C.bulletSpeed; }
      else { b.x = W.px + 16; b.y = W.py + 8; b.vx = C.bulletSpeed; b.vy = spread * C.bulletSpeed; }
      fired++;
    }
    if (fired) G.sfx('shoot');
  }

  function killMember(G, W, m, scored) {
    m.state = 2; m.w._left--;
    W.remaining--;
    spawnParticles(W, m.x + 8, m.y + 8, 14, G.color(m.hazard ? 'hazard' : 'enemy', '#f84'), 90);
    spawnParticles(W, m.x + 8, m.y + 8, 6, G.color('accent', '#ffd34d'), 50);
    if (scored) { W.kills++; G.addScore(m.points); }
    G.sfx('explode');
  }

  // A bomb (Z / the touch pad's round arrow): every enemy on screen is destroyed for its points and every
  // enemy bullet vanishes; obstacles stay. W.bombs counts down from config.bombs (the GDD's number).
  function bomb(G, W) {
    var C = W.C;
    W.bombs--; W.blast = 0.3; W.shake = 0.3;
    for (var i = 0; i < W.members.length; i++) {
      var m = W.members[i];
      if (m.t0 > W.t) break;
      if (m.state === 1 && !m.hazard && m.x > -16 && m.x < C.W && m.y > -16 && m.y < C.H) killMember(G, W, m, true);
    }
    for (var k = 0; k < W.eb.length; k++) W.eb[k].on = false;
    G.sfx('explode');
  }

  function update(G, W, dt) {
    var C = W.C, i, m, b;
    if (W.blast > 0) W.blast = Math.max(0, W.blast - dt);
    if (W.bombs > 0 && G.pressed.undo) bomb(G, W);
    W.t += dt;
    var t = W.t;
    if (W.power > 0) W.power = Math.max(0, W.power - dt);
    if (W.shake > 0) W.shake = Math.max(0, W.shake - dt);
    G.cam.x = C.mode === 'scrolling' ? t * C.scrollSpeed : 0;

    // player
    var dx = (G.held.right ? 1 : 0) - (G.held.left ? 1 : 0);
    var dy = (G.held.down ? 1 : 0) - (G.held.up ? 1 : 0);
    W.focused = C.focus > 0 && !!G.held.focus;
    var speed = C.playerSpeed * (W.focused ? C.focus : 1);   // rules.py move_speed
    W.px = Math.max(C.zone[0], Math.min(C.zone[2], W.px + dx * speed * dt));
    W.py = Math.max(C.zone[1], Math.min(C.zone[3], W.py + dy * speed * dt));
    W.moving = dx !== 0 || dy !== 0;
    if (C.canShoot) {
      if (W.fireCd > 0) W.fireCd -= dt;
      if (G.held.action && W.fireCd <= 0) { fire(G, W); W.fireCd += 1 / C.fireRate; }
      if (W.fireCd < 0) W.fireCd = 0;
    }
    var pOff = (16 - C.phb) / 2, hx = W.px + pOff, hy = W.py + pOff;
    var eOff = (16 - C.ehb) / 2;

    // enemies and hazards
    var fireLimit = C.alongLen * C.fireZone;
    for (i = 0; i < W.members.length; i++) {
      m = W.members[i];
      if (m.t0 > t) break;                  // sorted by spawn time
      if (m.state === 0) m.state = 1;
      if (m.state !== 1) continue;
      var w = m.w, s = t - m.t0, al = m.a0 + w.speed * s;
      if (al > C.alongLen) {
        m.state = 3; w._left--; W.remaining--;
        if (!C.canShoot && w._left === 0 && !w._passed) { w._passed = true; G.addScore(C.passPoints); }
        continue;
      }
      var ac = memberAcross(C, w, m.i, s);
      m.x = toX(C, al, ac); m.y = toY(C, al, ac);
      if (m.flash > 0) m.flash -= dt;
      // scheduled fire (same schedule as the solver)
      if (w.fire && !m.hazard) {
        while (s >= m.nextFire) {
          var fs = m.nextFire, fal = m.a0 + w.speed * fs;
          if (fal >= 0 && fal <= fireLimit) {
            for (var d = 0; d < C.drifts.length; d++) {
              for (var k = 0; k < W.eb.length; k++) {
                if (W.eb[k].on) continue;
                var e = W.eb[k]; e.on = true; e.tf = m.t0 + fs; e.al = fal + 8; e.ac = memberAcross(C, w, m.i, fs) + 8;
                e.vac = C.drifts[d];
                break;
              }
            }
          }
          m.nextFire += C.fireInterval;
        }
      }
      if (G.invuln <= 0 && overlap(hx, hy, C.phb, C.phb, m.x + eOff, m.y + eOff, C.ehb, C.ehb)) {
        var name = m.hazard ? entityName(G, 'hazards', w.enemy) : entityName(G, 'enemies', w.enemy);
        if (G.hurt('hit by ' + name)) {
          if (!m.hazard && G.world === W) killMember(G, W, m, false);
          if (G.world !== W || G.status !== 'playing') return;
        }
      }
    }

    // player bullets
    for (i = 0; i < W.pb.length; i++) {
      b = W.pb[i];
      if (!b.on) continue;
      b.x += b.vx * dt; b.y += b.vy * dt;
      if (b.x < -8 || b.x > C.W + 8 || b.y < 6 || b.y > C.H + 8) { b.on = false; continue; }
      for (var j = 0; j < W.members.length; j++) {
        m = W.members[j];
        if (m.t0 > t) break;
        if (m.state !== 1) continue;
        if (b.x >= m.x + 1 && b.x <= m.x + 15 && b.y >= m.y + 1 && b.y <= m.y + 15) {
          b.on = false;
          if (m.hazard) { spawnParticles(W, b.x, b.y, 3, G.color('ui_text', '#fff'), 40); break; }
          m.hp -= C.damage; m.flash = 0.08;
          if (m.hp <= 0.0001) killMember(G, W, m, true);
          else { G.sfx('hit'); spawnParticles(W, b.x, b.y, 3, G.color('accent', '#ffd34d'), 40); }
          break;
        }
      }
    }

    // enemy bullets (closed-form positions)
    for (i = 0; i < W.eb.length; i++) {
      b = W.eb[i];
      if (!b.on) continue;
      var bal = b.al + C.ebSpeed * (t - b.tf);
      if (bal - C.ebSize / 2 > C.alongLen) { b.on = false; continue; }
      var bac = b.ac + (b.vac || 0) * (t - b.tf);
      b.x = cToX(C, bal, bac); b.y = cToY(C, bal, bac);
      if (G.invuln <= 0 && overlap(hx, hy, C.phb, C.phb, b.x - C.ebSize / 2, b.y - C.ebSize / 2, C.ebSize, C.ebSize)) {
        if (G.hurt('shot down')) { b.on = false; if (G.world !== W || G.status !== 'playing') return; }
      }
    }

    // items drift with the flow; caught by touching them
    for (i = 0; i < W.items.length; i++) {
      var it = W.items[i];
      if (it.t > t || it.state > 1) continue;
      it.state = 1;
      var ial = -16 + C.itemSpeed * (t - it.t);
      if (ial > C.alongLen) { it.state = 3; continue; }
      var iac = C.across[0] + it.a * (C.across[1] - C.across[0]);
      it.x = toX(C, ial, iac); it.y = toY(C, ial, iac);
      if (overlap(W.px + 2, W.py + 2, 12, 12, it.x + 2, it.y + 2, 12, 12)) {
        it.state = 2; W.caught++; G.addScore(it.points);
        spawnParticles(W, it.x + 8, it.y + 8, 8, G.color('item', '#ffe066'), 60);
        if (C.powerupSeconds > 0 && C.canShoot) { W.power = C.powerupSeconds; G.sfx('powerup'); } else G.sfx('coin');
      }
    }

    // particles and stars
    for (i = 0; i < W.parts.length; i++) {
      var p = W.parts[i];
      if (p.life <= 0) continue;
      p.life -= dt; p.x += p.vx * dt; p.y += p.vy * dt; p.vx *= 0.96; p.vy *= 0.96;
    }
    for (i = 0; i < W.stars.length; i++) {
      var sr = W.stars[i];
      if (C.mode === 'fixed') { sr.y += sr.z * 30 * dt; if (sr.y > C.H) sr.y -= C.H - 14; }
      else { sr.x -= sr.z * C.scrollSpeed * 1.5 * dt; if (sr.x < 0) sr.x += C.W; }
    }

    // the level is won once every wave has spawned and every enemy is destroyed or gone (in a timed run
    // the runtime's clock ends it instead)
    if (!W.won && !C.timedRun && t >= W.lastSpawn && W.remaining <= 0 && (C.canShoot || t >= W.duration - 0.5)) {
      W.won = true; G.win();
    }
  }

  function respawn(G, W) {
    // Keep the timeline running (it is the level); clear the shots in flight and flash.
    for (var i = 0; i < W.eb.length; i++) W.eb[i].on = false;
    spawnParticles(W, W.px + 8, W.py + 8, 18, G.color('player', '#4cf'), 100);
    W.shake = 0.3; W.power = 0;
  }

  function draw(G, W, ctx) {
    var C = W.C, i, t = W.t;
    var ox = W.shake > 0 ? Math.round(Math.sin(t * 90) * 2) : 0;
    // parallax stars
    for (i = 0; i < W.stars.length; i++) {
      var s = W.stars[i];
      ctx.fillStyle = s.z > 0.7 ? G.color('ui_text', '#fff') : G.color('sky2', '#556');
      ctx.fillRect(Math.round(s.x) + ox, Math.round(s.y), s.z > 0.8 ? 2 : 1, s.z > 0.8 ? 2 : 1);
    }
    if (C.mode === 'fixed') {   // the band the ship moves in
      ctx.fillStyle = 'rgba(255,255,255,0.05)';
      ctx.fillRect(0, C.zone[1], C.W, C.zone[3] - C.zone[1] + 16);
    }
    // items
    for (i = 0; i < W.items.length; i++) {
      var it = W.items[i];
      if (it.state !== 1) continue;
      G.sprite(it.slug, G.anim(it.slug, 'idle', t), it.x + ox, it.y, { screen: true, color: G.color('item', '#ffe066') });
    }
    // enemies and hazards
    for (i = 0; i < W.members.length; i++) {
      var m = W.members[i];
      if (m.t0 > t) break;
      if (m.state !== 1) continue;
      G.sprite(m.slug, G.anim(m.slug, m.hazard ? 'idle' : 'move', t + i * 0.13), m.x + ox, m.y,
        { screen: true, flip: C.mode === 'scrolling', color: G.color(m.hazard ? 'hazard' : 'enemy', '#e44') });
      if (m.flash > 0) { ctx.fillStyle = 'rgba(255,255,255,0.7)'; ctx.fillRect(Math.round(m.x) + ox, Math.round(m.y), 16, 16); }
      if (!m.hazard && m.w.hp > 1 && m.hp < m.w.hp) {
        ctx.fillStyle = G.color('shadow', '#000'); ctx.fillRect(Math.round(m.x) + ox, Math.round(m.y) - 4, 16, 2);
        ctx.fillStyle = G.color('accent', '#ffd34d'); ctx.fillRect(Math.round(m.x) + ox, Math.round(m.y) - 4, Math.ceil(16 * m.hp / m.w.hp), 2);
      }
    }
    // bullets
    ctx.fillStyle = G.color('accent', '#ffd34d');
    for (i = 0; i < W.pb.length; i++) {
      var b = W.pb[i];
      if (!b.on) continue;
      if (C.mode === 'fixed') ctx.fillRect(Math.round(b.x) - 1 + ox, Math.round(b.y) - 4, 2, 7);
      else ctx.fillRect(Math.round(b.x) - 4 + ox, Math.round(b.y) - 1, 7, 2);
    }
    var ebc = G.color('hazard', '#ff5050'), half = C.ebSize / 2;
    for (i = 0; i < W.eb.length; i++) {
      var e = W.eb[i];
      if (!e.on) continue;
      ctx.fillStyle = ebc; ctx.fillRect(Math.round(e.x - half) + ox, Math.round(e.y - half), C.ebSize, C.ebSize);
      ctx.fillStyle = 'rgba(255,255,255,0.8)'; ctx.fillRect(Math.round(e.x) - 1 + ox, Math.round(e.y) - 1, 2, 2);
    }
    // player (blinks while invulnerable)
    if (G.status !== 'lost' && !(G.invuln > 0 && Math.floor(G.invuln * 12) % 2 === 0)) {
      var slug = (G.roles && G.roles.player) || 'player';
      var anim = W.moving ? (C.mode === 'scrolling' ? 'jump' : 'walk') : 'idle';
      if (C.canShoot && G.held.action) {   // engine / muzzle flash
        ctx.fillStyle = G.color('accent', '#ffd34d');
        if (C.mode === 'fixed') ctx.fillRect(Math.round(W.px) + 6 + ox, Math.round(W.py) - 3, 4, 3);
        else ctx.fillRect(Math.round(W.px) + 16 + ox, Math.round(W.py) + 6, 3, 4);
      }
      G.sprite(slug, G.anim(slug, anim, t), W.px + ox, W.py, { screen: true, color: G.color('player', '#4cf') });
      if (W.power > 0) {
        ctx.strokeStyle = G.color('item', '#ffe066'); ctx.globalAlpha = 0.5 + 0.3 * Math.sin(t * 12);
        ctx.strokeRect(Math.round(W.px) - 2.5 + ox, Math.round(W.py) - 2.5, 21, 21); ctx.globalAlpha = 1;
      }
    }
    if (W.focused && G.status !== 'lost') {   // focus: the ship's real hitbox, bright (blinking or not), ringed
      var ho = (16 - C.phb) / 2;
      ctx.strokeStyle = G.color('ui_text', '#fff'); ctx.globalAlpha = 0.6;
      ctx.strokeRect(Math.round(W.px) + 1.5 + ox, Math.round(W.py) + 1.5, 13, 13); ctx.globalAlpha = 1;
      ctx.fillStyle = G.color('hazard', '#ff5050'); ctx.fillRect(Math.round(W.px + ho) + ox, Math.round(W.py + ho), C.phb, C.phb);
      ctx.fillStyle = G.color('ui_text', '#fff'); ctx.fillRect(Math.round(W.px + ho) + 1 + ox, Math.round(W.py + ho) + 1, C.phb - 2, C.phb - 2);
    }
    // particles
    for (i = 0; i < W.parts.length; i++) {
      var p = W.parts[i];
      if (p.life <= 0) continue;
      ctx.globalAlpha = Math.max(0, p.life / p.max); ctx.fillStyle = p.c;
      ctx.fillRect(Math.round(p.x) - 1 + ox, Math.round(p.y) - 1, 3, 3);
    }
    if (W.blast > 0) {   // a bomb's flash over the whole screen, fading out
      ctx.globalAlpha = W.blast; ctx.fillStyle = G.color('ui_text', '#fff'); ctx.fillRect(0, 0, C.W, C.H);
    }
    ctx.globalAlpha = 1;
  }

  function hud(G, W) {
    if (!W) return '';
    var C = W.C, wave = 0, last = null;
    // waves that start together (a pair of walls) count as one
    for (var i = 0; i < W.waves.length; i++) {
      var wt = num(W.waves[i].t, 0);
      if (wt <= W.t && wt !== last) { wave++; last = wt; }
    }
    var txt = 'Wave ' + wave + '/' + W.wavesTotal;
    if (C.canShoot) txt += '  Kills ' + W.kills + '/' + W.killable;
    else txt += '  Survive ' + Math.max(0, Math.ceil(W.duration - W.t)) + 's';
    if (W.items.length) {
      var it = (G.spec && G.spec.items && G.spec.items[0] && G.spec.items[0].name) || 'Items';
      txt += '  ' + it + ' ' + W.caught + '/' + W.items.length;
    }
    if (W.power > 0) txt += '  POWER ' + Math.ceil(W.power);
    if (C.bombs > 0) txt += '  Bombs ' + W.bombs;
    if (W.focused) txt += '  FOCUS';
    return txt;
  }

  // ---- QA hooks: put the world in a known state, then let the real update() play it --------
  // Screen top-left (x, y) of a 16 px sprite <-> (along, across) of the motion model.
  function toAlong(C, x, y) { return C.mode === 'fixed' ? y : C.W - 16 - x; }
  function toAcross(C, x, y) { return C.mode === 'fixed' ? x : y; }
  function qaEnemyAt(G, W, x, y, opts) {
    // A single enemy of the level's first enemy kind, standing still at (x, y) until shot or touched.
    opts = opts || {};
    var C = W.C, lo = C.across[0], hi = C.across[1];
    var ref = 0;
    for (var i = 0; i < W.waves.length; i++) if (W.waves[i].kind !== 'hazard') { ref = W.waves[i].enemy || 0; break; }
    var hp = num(opts.hp, 1);
    var w = { t: W.t, pattern: 'column', kind: 'enemy', enemy: ref, count: 1, speed: 0, hp: hp, fire: false,
      a: (toAcross(C, x, y) - lo) / Math.max(1, hi - lo), _left: 1, _passed: false, qa: true };
    var m = { w: w, i: 0, t0: W.t, a0: toAlong(C, x, y), t1: Infinity, state: 1, hp: hp, hazard: false,
      x: x, y: y, flash: 0, nextFire: Infinity, slug: roleSlug(G, 'enemies', ref), points: memberPoints(G, C, w) };
    W.members.unshift(m);   // t0 = now: never ends the sorted-by-spawn scan early
    W.remaining++; W.killable++;
    return m;
  }
  var qa = {
    movePlayerTo: function (G, W, x, y) { W.px = x; W.py = y; return { x: W.px, y: W.py }; },
    placeEnemyAt: function (G, W, x, y, opts) { return qaEnemyAt(G, W, x, y, opts); },
    placeEnemyAtPlayer: function (G, W, opts) { return qaEnemyAt(G, W, W.px, W.py, opts); },
    // `dist` px straight down the ship's line of fire
    placeEnemyAhead: function (G, W, dist, opts) {
      return W.C.mode === 'fixed' ? qaEnemyAt(G, W, W.px, W.py - dist, opts) : qaEnemyAt(G, W, W.px + dist, W.py, opts);
    },
    // an enemy bullet centred on the ship, as if fired this frame
    placeBulletAtPlayer: function (G, W) {
      var C = W.C, cx = W.px + 8, cy = W.py + 8;
      for (var k = 0; k < W.eb.length; k++) {
        var b = W.eb[k];
        if (b.on) continue;
        b.on = true; b.tf = W.t; b.vac = 0;
        b.al = C.mode === 'fixed' ? cy : C.W - cx; b.ac = C.mode === 'fixed' ? cx : cy;
        b.x = cx; b.y = cy;
        return b;
      }
      return null;
    },
    // item k of the level (a new one past the end) drifting through (x, y) on the next frame
    placeItemAt: function (G, W, k, x, y) {
      var C = W.C, lo = C.across[0], hi = C.across[1];
      var it = W.items[k];
      if (!it) { it = { t: 0, a: 0.5, slug: roleSlug(G, 'items', 0), points: C.itemPoints, state: 0, x: -99, y: -99 }; W.items.push(it); }
      it.state = 0;
      it.t = W.t + G.DT - (toAlong(C, x, y) + 16) / C.itemSpeed;
      it.a = (toAcross(C, x, y) - lo) / Math.max(1, hi - lo);
      return it;
    },
    placeItemAtPlayer: function (G, W, k) { return qa.placeItemAt(G, W, k, W.px, W.py); }
  };

  var mod = {
    start: start, update: update, draw: draw, respawn: respawn, hud: hud,
    player: function (W) { return { x: W.px, y: W.py }; },   // top-left of the ship sprite
    usesLives: true, qa: qa,
    focus: function (G) { return num(G.cfg.focus, 0) > 0; }   // the runtime's touch button for "focus"
  };
  mod.help = function (G) {
    var extra = (num(G.cfg.bombs, 0) > 0 ? ', Z bomb' : '') + (num(G.cfg.focus, 0) > 0 ? ', Shift focus' : '');
    return G.cfg.can_shoot === false ? 'Arrows/WASD move, dodge' + extra : 'Arrows/WASD move, Space fire' + extra;
  };
  Maestro.registerGenre('shooter', mod);
})();
