/* Maestro genre module: rhythm, mode "commands" (drum commands, Patapon-like). Shipped after rhythm.js,
 * which hands a level of mode "commands" to Maestro.rhythmModes.commands and lends it its music clock
 * (Maestro.rhythmClock: frameOf, songStart, hookMusic, musicPlaying).
 *
 * Four drums (arrows: left up down right; touch: four zones of the screen, left to right) and a
 * command book of four-beat patterns. A pattern drummed on one measure's beats is a command the units
 * carry out on the next measure: march, attack, defend, special (when the GDD asks). The rules are
 * exactly those of maestro/genres/rhythm/commands.py (CommandSim.step and Field.on_beat), integers only:
 *   1. f += 1;
 *   2. each drum pressed this frame, in drum order, is judged against the beat within cfg.good frames;
 *      no beat, a beat of the measure the units act in, a pattern not starting on a measure's first
 *      beat or a beat that is not the pattern's next one BREAKS it (pattern dropped, combo 0); else the
 *      drum joins it (PERFECT within cfg.perfect, else GOOD); a fourth drum completes it: a pattern of
 *      the book is a command (combo + 1 when it started on the chain beat, else 1; fever at
 *      cfg.fever_combo; the special needs fever and spends it), acted on the next measure; any other
 *      pattern breaks;
 *   3. a pattern whose next beat's window closed breaks; a chain beat whose window closed with no new
 *      pattern drops the combo to 0;
 *   4. each beat reached ticks the field: the units' action of the measure, then every living enemy in
 *      reach strikes on the last beat of its measures (m % every == at) unless the units defend;
 *   5. hp 0 loses, the units at the goal win, the song's end loses.
 * Beat k of the song is at level frame frameOf(s + 2 (k - k0), bpm) - p: s the music's eighth the song
 * (re)starts on, k0 the beat it starts from (0; a later measure when the music starts over in the middle
 * of a level, on resume or unmute: the rest of the song is re-anchored on the music's next bar line).
 * Drawing (the units' walk, pops, the pulsing beat marker) reads the rules and changes nothing.
 */
(function () {
  'use strict';

  var KEYS = ['left', 'up', 'down', 'right'];
  var GLYPH = ['<', '^', 'v', '>'];
  var GROUND_Y = 176, UNIT_X = 96, PAD_Y = 222;
  var taps = [];
  var pointerBound = false;

  function clock() { return Maestro.rhythmClock; }
  function hasFrame(G, name) {
    var a = G.data.atlas;
    return !!(name && a && a.frames && a.frames[name] && a.frames[name].length);
  }

  // ---- pointer: four zones, left to right, are the four drums -----------------------------------------
  function zoneAt(G, x) { var z = Math.floor(x * 4 / G.W); return z >= 0 && z < 4 ? z : -1; }
  function bindPointer(G) {
    if (pointerBound || G.headless || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas || !canvas.addEventListener) return;
    pointerBound = true;
    canvas.addEventListener('pointerdown', function (e) {
      if (G.status !== 'playing' || !G.world || G.world.mode !== 'commands') return;
      var r = canvas.getBoundingClientRect();
      if (!r.width) return;
      var z = zoneAt(G, (e.clientX - r.left) * G.W / r.width);
      if (z >= 0) taps.push(z);
      if (taps.length > 8) taps.shift();
    });
  }

  // ---- the level -------------------------------------------------------------------------------------
  function start(G, level) {
    var cfg = G.cfg || {};
    clock().hookMusic(G);
    bindPointer(G);
    taps.length = 0;
    var es = (level.enemies || []).map(function (e) {
      return { x: e.x | 0, hp: e.hp | 0, hp0: e.hp | 0, power: e.power | 0, every: Math.max(1, e.every | 0), at: e.at | 0,
               kind: e.kind | 0, boss: !!e.boss, flash: 0 };
    }).sort(function (a, b) { return a.x - b.x; });
    var book = {};
    (cfg.book || []).forEach(function (c) { book[c.pattern.join(',')] = c.id; });
    return {
      mode: 'commands', level: level, bpm: +level.bpm || 120, p: null, s: 0, k0: 0, t0: null,
      beats: 4 * (level.measures | 0), end: 0, f: 0, next: 0, goal: level.goal | 0, enemies: es,
      hp: cfg.hp | 0, hp0: cfg.hp | 0, x: 0, drawX: 0, kills: 0, hurt: 0, blocked: 0, fieldScore: 0,
      combo: 0, best: 0, score: 0, counts: [0, 0, 0], commands: 0, pattern: [], pstart: -1, action: '', actM: -1,
      actFever: false, chain: -1, status: 'playing', done: false, book: book,
      lit: [0, 0, 0, 0], pops: [], shown: null, beatFlash: 0, lastCommand: '', hurtFlash: 0
    };
  }

  function beatFrame(w, k) { return clock().frameOf(w.s + 2 * (k - w.k0), w.bpm) - w.p; }
  function anchor(G, w, p, k0) {
    w.p = p; w.k0 = k0; w.t0 = G.rhythmT0;
    // the first bar line at least the lead-in ahead (the song's start), or right after now (a re-anchor)
    w.s = k0 === 0 ? clock().songStart(w.level, p) : clock().songStart({ bpm: w.bpm, travel: 1 }, p + w.f);
    w.end = beatFrame(w, w.beats);
  }
  // The music started over in the middle of the level: the rest of the song from the music's next bar
  // line; the measure under way ends there (its pattern and action are dropped; the combo stays).
  function resync(G, w) {
    var k0 = Math.min(w.beats, 4 * Math.ceil(w.next / 4));
    if (w.actM >= 0 && w.actM < k0 / 4) { w.action = ''; w.actM = -1; }
    w.pattern = []; w.pstart = -1; w.chain = -1; w.next = k0;
    anchor(G, w, G.frame - G.rhythmT0 - (w.f + 1), k0);
  }
  function fever(G, w) { return w.combo >= (G.cfg.fever_combo | 0); }

  function pop(w, text, color) { w.pops.push({ text: text, t: 40, color: color }); if (w.pops.length > 6) w.pops.shift(); }

  function brk(G, w) {
    w.combo = 0; w.pattern = []; w.pstart = -1; w.chain = -1; w.counts[2]++;
    pop(w, 'BROKEN', '#ff7d7d'); G.sfx('undo');
  }

  function beatNear(G, w) {
    var good = G.cfg.good | 0;
    for (var k = w.next - 1; k <= w.next; k++) {
      if (k >= 0 && k < w.beats && Math.abs(beatFrame(w, k) - w.f) <= good) return k;
    }
    return -1;
  }

  function drum(G, w, d) {
    var k = beatNear(G, w);
    w.lit[d] = 10;
    if (k < 0 || Math.floor(k / 4) === w.actM) { brk(G, w); return; }
    if (!w.pattern.length) {
      if (k % 4) { brk(G, w); return; }
      w.pstart = k;
      if (k !== w.chain) w.combo = 0;
      w.chain = -1;
    } else if (k !== w.pstart + w.pattern.length) { brk(G, w); return; }
    w.pattern.push(d);
    var kind = Math.abs(beatFrame(w, k) - w.f) <= (G.cfg.perfect | 0) ? 0 : 1;
    w.counts[kind]++;
    G.sfx(d === 0 ? 'step' : d === 1 ? 'blip' : d === 2 ? 'push' : 'hit');  // each drum its own sound
    if (w.pattern.length === 4) complete(G, w);
  }

  function complete(G, w) {
    var cfg = G.cfg, cmd = w.book[w.pattern.join(',')], m = Math.floor(w.pstart / 4);
    if (cmd === undefined || (cmd === 'special' && w.combo + 1 < (cfg.fever_combo | 0))) { brk(G, w); return; }
    w.shown = w.pattern.slice();
    w.pattern = []; w.pstart = -1;
    w.combo++; w.best = Math.max(w.best, w.combo);
    w.action = cmd; w.actM = m + 1; w.actFever = fever(G, w);
    w.chain = 4 * (m + 2);
    w.commands++;
    var pts = (cfg.points_command | 0) * (w.actFever ? 2 : 1);
    w.score += pts; G.addScore(pts);
    if (cmd === 'special') w.combo = 0;
    w.lastCommand = cmd;
    pop(w, nameOf(G, cmd).toUpperCase() + (w.actFever ? '  FEVER!' : ''), w.actFever ? '#ffd34d' : '#7dffb0');
    G.sfx(w.actFever ? 'powerup' : 'select');
  }

  function nameOf(G, id) {
    var c = (G.cfg.book || []).filter(function (b) { return b.id === id; })[0];
    return c ? c.name : id;
  }

  // ---- the field (Field.on_beat) -------------------------------------------------------------------
  function front(w) { for (var i = 0; i < w.enemies.length; i++) if (w.enemies[i].hp > 0) return w.enemies[i]; return null; }
  function damage(G, w, e, dmg) {
    e.hp = Math.max(0, e.hp - dmg); e.flash = 12;
    if (e.hp === 0) {
      w.kills++; w.fieldScore += G.cfg.points_enemy | 0; G.addScore(G.cfg.points_enemy | 0);
      pop(w, 'DEFEATED', '#ffd34d'); G.sfx('explode');
    }
  }
  function onBeat(G, w, m, b, action, fev) {
    var cfg = G.cfg, t = front(w), i, e;
    if (action && b === 0) {
      if (action === 'march') G.sfx('jump');
      else if (action === 'attack') G.sfx('shoot');
      else if (action === 'defend') G.sfx('door');
      else G.sfx('explode');
    }
    if (action === 'march') {
      var limit = t === null ? w.goal : Math.min(w.goal, t.x - (cfg.gap | 0));
      w.x = Math.max(w.x, Math.min(w.x + (fev ? cfg.march_fever | 0 : cfg.march_step | 0), limit));
    } else if (action === 'attack' && t !== null && t.x - w.x <= (cfg.reach | 0)) {
      damage(G, w, t, fev ? cfg.attack_fever | 0 : cfg.attack_dmg | 0);
    } else if (action === 'special' && b === 0) {
      for (i = 0; i < w.enemies.length; i++) {
        e = w.enemies[i];
        if (e.hp > 0 && e.x - w.x <= (cfg.special_reach | 0)) damage(G, w, e, cfg.special_dmg | 0);
      }
    }
    if (b === 3) {
      for (i = 0; i < w.enemies.length; i++) {
        e = w.enemies[i];
        if (e.hp > 0 && m % e.every === e.at && e.x - w.x <= (cfg.reach | 0)) {
          if (action === 'defend') { w.blocked++; pop(w, 'BLOCKED', '#9dd7ff'); G.sfx('door'); }
          else { w.hp = Math.max(0, w.hp - e.power); w.hurt++; w.hurtFlash = 14; pop(w, '-' + e.power + ' HP', '#ff5050'); G.sfx('hurt'); }
        }
      }
    }
  }

  function pressedDrums(G) {
    var on = [false, false, false, false];
    KEYS.forEach(function (k, i) { if (G.pressed[k]) on[i] = true; });
    taps.forEach(function (z) { on[z] = true; });
    taps.length = 0;
    var out = [];
    for (var i = 0; i < 4; i++) if (on[i]) out.push(i);
    return out;
  }

  function update(G, w) {
    var C = clock();
    if (w.p === null) anchor(G, w, G.frame - G.rhythmT0 - 1, 0);  // the level began at music frame startFrame - T0
    if (G.pressed.mute && !G.muted) G.rhythmT0 = G.frame;  // unmuted: the music starts over
    if (!G.headless) {
      var on = C.musicPlaying(G);
      if (on && !G.rhythmMusic) G.rhythmT0 = G.frame;
      G.rhythmMusic = on;
    }
    if (w.t0 !== G.rhythmT0 && !w.done) resync(G, w);
    for (var i = 0; i < 4; i++) if (w.lit[i] > 0) w.lit[i]--;
    w.pops.forEach(function (p) { p.t--; });
    w.pops = w.pops.filter(function (p) { return p.t > 0; });
    w.enemies.forEach(function (e) { if (e.flash > 0) e.flash--; });
    if (w.beatFlash > 0) w.beatFlash--;
    if (w.hurtFlash > 0) w.hurtFlash--;
    w.drawX += Math.sign(w.x - w.drawX) * Math.min(Math.abs(w.x - w.drawX), 2);
    if (w.done) return;
    w.f++;
    pressedDrums(G).forEach(function (d) { drum(G, w, d); });
    var good = G.cfg.good | 0;
    if (w.pattern.length && w.f > beatFrame(w, w.pstart + w.pattern.length) + good) brk(G, w);
    if (w.chain >= 0 && !w.pattern.length && w.f > beatFrame(w, w.chain) + good) { w.combo = 0; w.chain = -1; }
    while (w.next < w.beats && beatFrame(w, w.next) <= w.f) {
      var m = Math.floor(w.next / 4), b = w.next % 4;
      onBeat(G, w, m, b, w.actM === m ? w.action : '', w.actFever);
      if (b === 3 && w.actM === m) { w.action = ''; w.actM = -1; }
      w.next++; w.beatFlash = 8;
    }
    if (w.hp <= 0) { w.status = 'lost'; w.done = true; G.gameOver('the units fell'); }
    else if (w.x >= w.goal) { w.status = 'won'; w.done = true; G.win(); }
    else if (w.f >= w.end) { w.status = 'lost'; w.done = true; G.gameOver('the song ran out before the goal'); }
  }

  // ---- drawing -----------------------------------------------------------------------------------------
  function camX(w) { return w.drawX - UNIT_X; }

  function drawField(G, w, ctx) {
    var cx = camX(w), cfg = G.cfg;
    ctx.fillStyle = 'rgba(0,0,0,0.35)'; ctx.fillRect(0, GROUND_Y, G.W, 28);
    ctx.fillStyle = G.color('accent', '#ffd34d');
    for (var gx = -((cx % 32) + 32) % 32; gx < G.W; gx += 32) ctx.fillRect(Math.round(gx), GROUND_Y, 12, 2);
    // the goal: a banner on a pole
    var goalX = Math.round(w.goal - cx + 24);
    if (goalX < G.W + 20) {
      ctx.fillStyle = '#ddd'; ctx.fillRect(goalX, GROUND_Y - 60, 3, 60);
      ctx.fillStyle = G.color('goal', '#5c5'); ctx.fillRect(goalX + 3, GROUND_Y - 60, 22, 14);
      G.text('GOAL', goalX + 2, GROUND_Y + 6, { align: 'center', size: 8 });
    }
    // the enemies, their health and a '!' over one about to strike (its strike measure is now or next)
    var m = Math.floor(Math.max(0, w.next - 1) / 4);
    w.enemies.forEach(function (e) {
      if (e.hp <= 0 && e.flash <= 0) return;
      var ex = Math.round(e.x - cx), size = e.boss ? 48 : 32;
      if (ex < -40 || ex > G.W + 40) return;
      var kind = (cfg.enemy_kinds || [])[e.kind] || {};
      if (hasFrame(G, kind.slug)) {
        G.sprite(kind.slug, G.anim(kind.slug, 'move', w.f / 60), ex - size / 2, GROUND_Y - size, { w: size, h: size, screen: true, flip: true,
          color: G.color('enemy') });
      } else {
        ctx.fillStyle = e.flash ? '#fff' : G.color('enemy', '#c44'); ctx.fillRect(ex - size / 2, GROUND_Y - size, size, size);
      }
      ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(ex - 16, GROUND_Y - size - 8, 32, 4);
      ctx.fillStyle = G.color('hazard', '#e33'); ctx.fillRect(ex - 16, GROUND_Y - size - 8, Math.round(32 * e.hp / Math.max(1, e.hp0)), 4);
      var soon = e.hp > 0 && (m % e.every === e.at || (m + 1) % e.every === e.at) && e.x - w.x <= (cfg.reach | 0) + (cfg.march_fever | 0) * 4;
      if (soon) G.text('!', ex, GROUND_Y - size - 22, { align: 'center', size: 12, color: '#ff5050' });
    });
    // the units: three of the player's sprite, bobbing on the beat, shields up when defending
    var beatF = 3600 / w.bpm, ph = w.p === null ? 0 : ((w.f + w.p) % beatF) / beatF;
    var bob = Math.round(3 * Math.abs(Math.cos(Math.PI * ph)));
    var slug = cfg.unit_slug || (G.roles && G.roles.player);
    for (var u = 0; u < 3; u++) {
      var ux = UNIT_X - u * 22 - 12, uy = GROUND_Y - 26 - (u === 1 ? bob : 3 - bob);
      if (slug) G.sprite(slug, G.anim(slug, 'walk', w.f / 60), ux, uy, { w: 26, h: 26, screen: true, color: G.color('player') });
      if (w.action === 'defend' && w.actM === m) { ctx.fillStyle = '#9dd7ff'; ctx.fillRect(ux + 22, uy + 4, 4, 18); }
      if (w.action === 'attack' && w.actM === m) { ctx.fillStyle = '#fff'; ctx.fillRect(ux + 20, uy + 10, 12, 2); }
    }
    if (w.hurtFlash) { ctx.fillStyle = 'rgba(255,0,0,0.18)'; ctx.fillRect(0, 14, G.W, GROUND_Y); }
  }

  function drawHud(G, w, ctx) {
    var cfg = G.cfg, drums = cfg.drums || ['Left', 'Up', 'Down', 'Right'];
    // units' health
    ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(8, 20, 104, 10);
    ctx.fillStyle = w.hp * 3 > w.hp0 ? G.color('goal', '#5c5') : G.color('hazard', '#e33');
    ctx.fillRect(10, 22, Math.round(100 * w.hp / Math.max(1, w.hp0)), 6);
    G.text((cfg.unit_name || 'Units').slice(0, 16) + ' HP ' + w.hp, 8, 32, { size: 8 });
    // combo and fever
    if (w.combo > 0) G.text('COMBO ' + w.combo + (fever(G, w) ? '  FEVER!' : ''), 8, 44, { size: 10, color: fever(G, w) ? '#ffd34d' : '#fff' });
    // the command book, top right
    (cfg.book || []).forEach(function (c, i) {
      var y = 20 + i * 11, glyphs = c.pattern.map(function (d) { return GLYPH[d]; }).join(' ');
      var live = w.action === c.id;
      G.text(c.name + '  ' + glyphs, G.W - 8, y, { align: 'right', size: 8, color: live ? '#ffd34d' : (c.id === 'special' && !fever(G, w) ? '#888' : '#fff') });
    });
    // the beat marker: pulses on every beat; brighter on a measure's first beat
    var k = Math.max(0, w.next - 1), bar = k % 4 === 0;
    var r = 6 + (w.beatFlash > 0 ? w.beatFlash : 0);
    ctx.fillStyle = w.beatFlash > 0 ? (bar ? G.color('accent', '#ffd34d') : '#fff') : 'rgba(255,255,255,0.35)';
    ctx.fillRect(Math.round(G.W / 2 - r), Math.round(40 - r), 2 * r, 2 * r);
    var acting = w.actM >= 0 && Math.floor(w.next / 4) >= w.actM;
    G.text(acting ? 'LISTEN: ' + nameOf(G, w.action) : 'DRUM', G.W / 2, 54, { align: 'center', size: 9, color: acting ? '#9dd7ff' : '#fff' });
    // the pattern being drummed: four slots
    var show = w.pattern.length ? w.pattern : [];
    for (var s = 0; s < 4; s++) {
      var sx = G.W / 2 - 44 + s * 22;
      ctx.strokeStyle = '#fff'; ctx.lineWidth = 1; ctx.strokeRect(sx, 64, 18, 14);
      if (s < show.length) G.text(GLYPH[show[s]], sx + 9, 66, { align: 'center', size: 10, color: G.color('accent', '#ffd34d') });
    }
    // the four drum pads (and touch zones)
    for (var d = 0; d < 4; d++) {
      var px = d * G.W / 4;
      ctx.fillStyle = w.lit[d] ? 'rgba(255,255,255,0.25)' : 'rgba(0,0,0,0.35)';
      ctx.fillRect(Math.round(px + 4), PAD_Y, Math.round(G.W / 4 - 8), 22);
      G.text(GLYPH[d] + ' ' + String(drums[d]).slice(0, 10), px + G.W / 8, PAD_Y + 6, { align: 'center', size: 9 });
    }
    w.pops.forEach(function (p, i) {
      G.text(p.text, G.W / 2, 120 - i * 12 - (40 - p.t) / 3, { align: 'center', size: 10, color: p.color });
    });
    if (w.p !== null && w.f < beatFrame(w, 0)) {
      var beats = Math.ceil((beatFrame(w, 0) - w.f) / (3600 / w.bpm));
      if (beats <= 4) G.text(String(beats), G.W / 2, 96, { align: 'center', size: 18, color: G.color('accent', '#ffd34d') });
    }
  }

  function draw(G, w, ctx) { drawField(G, w, ctx); drawHud(G, w, ctx); }

  function hud(G, w) {
    var left = Math.max(0, Math.ceil((w.beats - w.next) / 4));
    return 'PERFECT ' + w.counts[0] + '  GOOD ' + w.counts[1] + '  BROKEN ' + w.counts[2] + '  MEASURES LEFT ' + left +
      '  DEFEATED ' + w.kills + '/' + w.enemies.length;
  }

  // ---- QA hooks (maestro/genres/rhythm/commands_qa.py) ------------------------------------------------
  var qa = {
    view: function (G, w) {
      return {
        f: w.f, combo: w.combo, best: w.best, score: w.score + w.fieldScore, counts: w.counts.slice(), commands: w.commands,
        x: w.x, hp: w.hp, enemies: w.enemies.map(function (e) { return e.hp; }), action: w.action, actM: w.actM,
        status: w.status, end: w.end, p: w.p, s: w.s, k0: w.k0, next: w.next, pattern: w.pattern.slice(),
        goal: w.goal, kills: w.kills, hurt: w.hurt, blocked: w.blocked, fever: fever(G, w), beats: w.beats,
        bpm: w.bpm, unit: G.cfg.unit_slug || null
      };
    },
    beatFrame: function (G, w, k) { return beatFrame(w, k); },
    // a pointer tap at canvas pixel x (the drum of its zone), taken in on the next frame
    tap: function (G, w, x) { var z = zoneAt(G, x); if (z >= 0) taps.push(z); return z; }
  };

  Maestro.rhythmModes = Maestro.rhythmModes || {};
  Maestro.rhythmModes.commands = {
    start: start, update: update, draw: draw, hud: hud, qa: qa,
    player: function (w) { return { x: w.drawX, y: GROUND_Y - 13 }; },
    help: 'Drum four-beat commands on the beat: arrow keys (or tap the four zones)'
  };
})();
