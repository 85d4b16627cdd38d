/* Maestro genre module: rhythm (mode "lanes"; mode "commands" is commands.js, shipped after this file,
 * which registers itself in Maestro.rhythmModes and borrows this file's music clock, Maestro.rhythmClock).
 *
 * Notes fall down 3 or 4 lanes toward the hit line; the player hits each as it crosses the line.
 * The chart is the melody of the game's own music (the level holds the loop's onsets as eighth
 * notes, one lane per pitch, higher to the right), so every note lands on a note the music plays.
 *
 * Controls: arrows / WASD are the lanes (4 lanes: left down up right; 3 lanes: left, down or up,
 * right); mouse / touch: tap a lane (this module's own pointer input). The runtime gives P pause,
 * R restart, M mute.
 *
 * The music clock. The runtime starts its looping music when a game starts (and again on resume and
 * unmute); this module records the step it did (the 'start' / 'pause' sounds, and in a browser the
 * moment window.maestro.audio() reports the music playing) and charts a level for the music frame p
 * it starts at: the song begins on the first bar line at least `travel` frames ahead, the music's
 * eighth E sounding at music frame floor(E * 1800 / bpm + 0.5). When the music starts over in the
 * middle of a song (the runtime restarts it on resume and unmute), the rest of the song is charted
 * again from the music's next bar line (resync): the notes keep falling on what plays.
 *
 * The rules are exactly those of maestro/genres/rhythm/rules.py (Sim.step), integers only:
 *   1. f += 1;
 *   2. each lane pressed this frame hits the earliest unjudged note of the lane within cfg.good
 *      frames: PERFECT within cfg.perfect, else GOOD; points times min(mult_max, 1 + combo //
 *      combo_step), combo + 1, the meter fills a little. With no note in reach, a mine (the GDD's
 *      hazard or enemy) of the lane within cfg.good frames goes off: combo 0, meter - meter_miss;
 *   3. a note more than cfg.good frames old is a MISS: combo 0, the meter drains by meter_miss;
 *   4. meter 0: the game is lost ("the groove ran dry"); f >= the song's end: the level is won.
 * Pop-ups, flashes and the performer's dance are drawing only.
 */
(function () {
  'use strict';

  var LANE_KEYS = { 3: { left: 0, down: 1, up: 1, right: 2 }, 4: { left: 0, down: 1, up: 2, right: 3 } };
  var KEY_ORDER = ['left', 'down', 'up', 'right'];
  var GLYPH = { 3: ['<', 'v', '>'], 4: ['<', 'v', '^', '>'] };
  var LANE_COLORS = ['player', 'item', 'enemy', 'goal'];
  var BAR = 8, LANE_W = 44, TOP = 18, HIT_Y = 226;
  var taps = [];            // pointer taps waiting for the next frame: lane indices
  var pointerBound = false;

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }
  function hasFrame(G, name) {
    var a = G.data.atlas;
    return !!(name && a && a.frames && a.frames[name] && a.frames[name].length);
  }

  // ---- the chart (rules.chart) ------------------------------------------------------------------
  function frameOf(e, bpm) { return Math.floor(e * 1800 / bpm + 0.5); }
  function songStart(level, p) {
    var bpm = +level.bpm, travel = level.travel | 0, b = 0;
    while (frameOf(BAR * b, bpm) < p + travel) b++;
    return BAR * b;
  }
  // `count` eighths of the song from the music's eighth `s`, in level frames for music frame p at level frame 0
  function chartFrom(level, p, s, count) {
    var bpm = +level.bpm, loop = level.loop | 0, laneAt = {}, mineAt = {}, notes = [], mines = [];
    (level.notes || []).forEach(function (n) { laneAt[n[0] | 0] = n[1] | 0; });
    (level.mines || []).forEach(function (m) { mineAt[m[0] | 0] = m[1] | 0; });
    for (var e = s; e < s + count; e++) {
      var k = e % loop;
      if (laneAt.hasOwnProperty(k)) notes.push([frameOf(e, bpm) - p, laneAt[k]]);
      if (mineAt.hasOwnProperty(k)) mines.push([frameOf(e, bpm) - p, mineAt[k]]);
    }
    return { start: frameOf(s, bpm) - p, end: frameOf(s + count, bpm) - p, notes: notes, mines: mines, s: s, count: count };
  }
  function chart(level, p) { return chartFrom(level, p, songStart(level, p), (level.loop | 0) * (level.reps | 0)); }

  // ---- the music clock ----------------------------------------------------------------------------
  // G.rhythmT0: the step the runtime's music last started from its loop's beginning.
  function hookMusic(G) {
    if (G.rhythmHooked) return;
    G.rhythmHooked = true; G.rhythmT0 = G.frame; G.rhythmMusic = false;
    var play = G.sfx;
    G.sfx = function (name) {
      var out = play.apply(G, arguments);
      if ((name === 'start' || name === 'pause') && G.status === 'playing') G.rhythmT0 = G.frame;
      return out;
    };
  }
  function musicPlaying(G) {
    if (G.headless || typeof window === 'undefined' || !window.maestro || !window.maestro.audio) return false;
    try { return !!window.maestro.audio().music; } catch (e) { return false; }
  }

  // ---- pointer input (the runtime's pointer only starts the game) -----------------------------------
  function laneAtX(G, w, x) {
    var i = Math.floor((x - w.x0) / LANE_W);
    return (i >= 0 && i < w.lanes) ? i : -1;
  }
  function bindPointer(G) {
    if (pointerBound || G.headless || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas || !canvas.addEventListener) return;
    pointerBound = true;
    canvas.addEventListener('pointerdown', function (e) {
      var w = G.world;
      if (G.status !== 'playing' || !w) return;
      var r = canvas.getBoundingClientRect();
      if (!r.width) return;
      var lane = laneAtX(G, w, (e.clientX - r.left) * G.W / r.width);
      if (lane >= 0) { taps.push(lane); w.lit[lane] = 8; }
      if (taps.length > 8) taps.shift();
    });
  }

  // ---- the level ------------------------------------------------------------------------------------
  function start(G, level) {
    var other = level.mode && level.mode !== 'lanes' && Maestro.rhythmModes && Maestro.rhythmModes[level.mode];
    if (other) return other.start(G, level);
    var cfg = G.cfg || {};
    var lanes = (level.lanes | 0) === 3 ? 3 : 4;
    hookMusic(G);
    bindPointer(G);
    taps.length = 0;
    return {
      level: level, lanes: lanes, x0: Math.floor((G.W - lanes * LANE_W) / 2), travel: Math.max(1, level.travel | 0),
      bpm: num(+level.bpm, 120), startFrame: G.frame, p: null, t0: null, chart: null, notes: [], head: 0,
      f: 0, end: 0, songStart: 0, mines: [], minesHit: 0, mineSlug: cfg.mine_slug || null, meter: cfg.meter_start | 0, combo: 0, best: 0, score: 0, counts: [0, 0, 0],
      status: 'playing', done: false, lit: [0, 0, 0, 0], pops: [], lastJudge: null, lean: 0,
      performer: cfg.performer || (G.roles && G.roles.player), noteSlug: cfg.note_slug || null
    };
  }

  function useChart(G, w, p, ch) {
    ch = ch || chart(w.level, p);
    w.p = p; w.t0 = G.rhythmT0; w.chart = ch; w.end = ch.end; w.songStart = ch.start; w.head = 0;
    w.notes = ch.notes.map(function (n) { return { t: n[0], lane: n[1], j: -1 }; });
    w.mines = ch.mines.map(function (m) { return { t: m[0], lane: m[1], hit: 0 }; });
  }

  // The music started over from its loop's beginning in the middle of a level (a resume, an unmute,
  // or in a browser a WAV that decoded after the game began): the rest of the song is charted anew
  // from the music's next bar line at least `travel` frames ahead, so what falls is what plays. The
  // notes not yet hit are dropped with the old clock; the score, combo and meter stay.
  function resync(G, w) {
    var p = G.frame - G.rhythmT0 - (w.f + 1);  // this update's frame w.f + 1 is music frame G.frame - T0
    var old = w.chart, e = old.s;
    while (e < old.s + old.count && frameOf(e, w.bpm) - w.p <= w.f) e++;
    var left = old.s + old.count - e;
    if (left <= 0) { w.t0 = G.rhythmT0; return; }  // the song has no note left to move
    useChart(G, w, p, chartFrom(w.level, p, songStart(w.level, p + w.f), left));
  }
  function followMusic(G) {
    var on = musicPlaying(G);
    if (on && !G.rhythmMusic) G.rhythmT0 = G.frame;
    G.rhythmMusic = on;
  }

  function judge(G, w, n, kind) {
    var cfg = G.cfg;
    n.j = kind;
    w.counts[kind]++;
    w.pops.push({ lane: n.lane, kind: kind, t: 30 });
    if (w.pops.length > 8) w.pops.shift();
    w.lastJudge = kind;
    if (kind === 2) {
      w.combo = 0;
      w.meter = Math.max(0, w.meter - (cfg.meter_miss | 0));
      G.sfx('undo');
      return;
    }
    var mult = Math.min(cfg.mult_max | 0, 1 + Math.floor(w.combo / (cfg.combo_step | 0)));
    var pts = (kind === 0 ? cfg.points_perfect | 0 : cfg.points_good | 0) * mult;
    w.score += pts; G.addScore(pts);
    w.combo++; w.best = Math.max(w.best, w.combo);
    w.meter = Math.min(cfg.meter_max | 0, w.meter + (kind === 0 ? cfg.meter_perfect | 0 : cfg.meter_good | 0));
    if (w.combo % (cfg.combo_step | 0) === 0 && mult < (cfg.mult_max | 0)) G.sfx('powerup');
    else G.sfx(kind === 0 ? 'hit' : 'select');
  }

  function hit(G, w, lane) {
    var good = G.cfg.good | 0, perfect = G.cfg.perfect | 0;
    for (var i = w.head; i < w.notes.length && w.notes[i].t <= w.f + good; i++) {
      var n = w.notes[i];
      if (n.j < 0 && n.lane === lane && Math.abs(n.t - w.f) <= good) {
        judge(G, w, n, Math.abs(n.t - w.f) <= perfect ? 0 : 1);
        return;
      }
    }
    for (i = 0; i < w.mines.length; i++) {
      var m = w.mines[i];
      if (!m.hit && m.lane === lane && Math.abs(m.t - w.f) <= good) {
        m.hit = 1; w.minesHit++; w.combo = 0;
        w.meter = Math.max(0, w.meter - (G.cfg.meter_miss | 0));
        w.pops.push({ lane: lane, kind: 3, t: 30 });
        G.sfx('hurt');
        return;
      }
    }
    G.sfx('step');  // a press with no note (or mine) in reach: heard, nothing else
  }

  function pressedLanes(G, w) {
    var table = LANE_KEYS[w.lanes], on = {};
    KEY_ORDER.forEach(function (k) { if (G.pressed[k]) on[table[k]] = true; });
    taps.forEach(function (lane) { on[lane] = true; });
    taps.length = 0;
    var out = [];
    for (var l = 0; l < w.lanes; l++) if (on[l]) { out.push(l); w.lit[l] = 8; }
    // the performer turns toward the last lane played (drawing, and module.player: no rule reads it)
    if (out.length) w.lean = (2 * out[out.length - 1] - (w.lanes - 1)) * 3;
    return out;
  }

  function update(G, w) {
    if (w.mode) { Maestro.rhythmModes[w.mode].update(G, w); return; }
    if (w.chart === null) useChart(G, w, G.frame - G.rhythmT0 - 1);  // the level began at music frame startFrame - T0
    if (G.pressed.mute && !G.muted) G.rhythmT0 = G.frame;  // unmuted: the music starts over
    if (!G.headless) followMusic(G);
    if (w.t0 !== G.rhythmT0 && !w.done) resync(G, w);
    for (var i = 0; i < w.lit.length; i++) if (w.lit[i] > 0) w.lit[i]--;
    w.pops.forEach(function (p) { p.t--; });
    w.pops = w.pops.filter(function (p) { return p.t > 0; });
    if (w.done) return;
    w.f++;
    var good = G.cfg.good | 0;
    pressedLanes(G, w).forEach(function (lane) { hit(G, w, lane); });
    while (w.head < w.notes.length && (w.notes[w.head].j >= 0 || w.notes[w.head].t < w.f - good)) {
      var n = w.notes[w.head];
      if (n.j < 0) judge(G, w, n, 2);
      w.head++;
    }
    if (w.meter <= 0) {
      w.status = 'lost'; w.done = true; G.gameOver('the groove ran dry');
    } else if (w.f >= w.end) {
      w.status = 'won'; w.done = true; G.win();
    }
  }

  // ---- drawing ------------------------------------------------------------------------------------
  function noteY(w, t) { return HIT_Y - (t - w.f) * (HIT_Y - TOP) / w.travel; }

  function drawField(G, w, ctx) {
    var fw = w.lanes * LANE_W;
    ctx.fillStyle = 'rgba(0,0,0,0.5)'; ctx.fillRect(w.x0 - 2, TOP, fw + 4, G.H - TOP - 14);
    for (var l = 0; l < w.lanes; l++) {
      var x = w.x0 + l * LANE_W;
      ctx.fillStyle = w.lit[l] ? 'rgba(255,255,255,0.16)' : (l % 2 ? 'rgba(255,255,255,0.04)' : 'rgba(255,255,255,0.08)');
      ctx.fillRect(x, TOP, LANE_W, G.H - TOP - 14);
    }
    // beat lines scroll with the music: one per beat, the bar lines brighter
    var bpm = w.bpm, p = w.p || 0;
    for (var e = 0; ; e += 2) {
      var ft = frameOf(e, bpm) - p;
      if (ft > w.f + w.travel) break;
      if (ft < w.f - 4) continue;
      ctx.fillStyle = e % BAR === 0 ? 'rgba(255,255,255,0.22)' : 'rgba(255,255,255,0.08)';
      ctx.fillRect(w.x0, Math.round(noteY(w, ft)), fw, 1);
    }
    ctx.fillStyle = G.color('accent', '#ffd34d'); ctx.fillRect(w.x0 - 4, HIT_Y - 1, fw + 8, 3);
    for (l = 0; l < w.lanes; l++) {
      var cx = w.x0 + l * LANE_W + LANE_W / 2;
      ctx.strokeStyle = G.color(LANE_COLORS[l], '#fff'); ctx.lineWidth = w.lit[l] ? 3 : 1;
      ctx.strokeRect(cx - 15, HIT_Y - 10, 30, 20);
      G.text(GLYPH[w.lanes][l], cx, HIT_Y + 14, { align: 'center', size: 10 });
    }
  }

  function drawNotes(G, w, ctx) {
    for (var i = w.head; i < w.notes.length; i++) {
      var n = w.notes[i];
      if (n.t > w.f + w.travel) break;
      if (n.j >= 0) continue;
      var cx = w.x0 + n.lane * LANE_W + LANE_W / 2, y = noteY(w, n.t);
      var col = G.color(LANE_COLORS[n.lane], '#fff');
      ctx.fillStyle = col; ctx.fillRect(Math.round(cx - 16), Math.round(y - 6), 32, 12);
      ctx.fillStyle = 'rgba(255,255,255,0.5)'; ctx.fillRect(Math.round(cx - 14), Math.round(y - 5), 28, 3);
      if (hasFrame(G, w.noteSlug)) G.sprite(w.noteSlug, 0, cx - 8, y - 8, { w: 16, h: 16, screen: true });
    }
  }

  function performerX(w) { return Math.max(8, w.x0 - 110) + w.lean; }

  function drawMines(G, w, ctx) {
    w.mines.forEach(function (m) {
      if (m.hit || m.t > w.f + w.travel || m.t < w.f - 20) return;
      var cx = w.x0 + m.lane * LANE_W + LANE_W / 2, y = noteY(w, m.t);
      if (hasFrame(G, w.mineSlug)) {
        G.sprite(w.mineSlug, 0, cx - 10, y - 10, { w: 20, h: 20, screen: true });
      } else {
        ctx.fillStyle = G.color('hazard', '#e33'); ctx.fillRect(Math.round(cx - 8), Math.round(y - 8), 16, 16);
        G.text('x', cx, y - 6, { align: 'center', size: 10 });
      }
    });
  }

  function drawSide(G, w, ctx) {
    var cfg = G.cfg, fw = w.lanes * LANE_W;
    // the groove meter, right of the lanes
    var mx = w.x0 + fw + 14, mh = 150, my = TOP + 40, frac = Math.max(0, w.meter) / Math.max(1, cfg.meter_max | 0);
    ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(mx - 2, my - 2, 14, mh + 4);
    ctx.fillStyle = frac > 0.3 ? G.color('goal', '#5c5') : G.color('hazard', '#e33');
    ctx.fillRect(mx, my + Math.round(mh * (1 - frac)), 10, Math.round(mh * frac));
    G.text('GROOVE', mx + 5, my + mh + 6, { align: 'center', size: 8 });
    // the performer dances on the beat, left of the lanes
    var beatF = 3600 / w.bpm, phase = ((w.f + (w.p || 0)) % beatF) / beatF;
    var bob = Math.round(6 * Math.abs(Math.cos(Math.PI * phase)));
    var px = performerX(w), py = 110 - bob;
    if (w.performer) {
      G.sprite(w.performer, G.anim(w.performer, 'walk', w.f / 60), px, py, { w: 64, h: 64, screen: true,
        color: G.color('player'), flip: Math.floor((w.f + (w.p || 0)) / beatF) % 2 === 1 });
    }
    G.text((cfg.performer_name || '').slice(0, 14), px - w.lean + 32, 180, { align: 'center', size: 9 });
    // combo and the multiplier under the performer
    if (w.combo > 1) {
      G.text(w.combo + ' COMBO', px - w.lean + 32, 196, { align: 'center', size: 12, color: G.color('accent', '#ffd34d') });
      var mult = Math.min(cfg.mult_max | 0, 1 + Math.floor(w.combo / (cfg.combo_step | 0)));
      if (mult > 1) G.text('x' + mult, px - w.lean + 32, 212, { align: 'center', size: 10 });
    }
    // the song's progress over the lanes
    var span = Math.max(1, w.end), done = Math.min(1, w.f / span);
    ctx.fillStyle = 'rgba(255,255,255,0.2)'; ctx.fillRect(w.x0, TOP - 3, fw, 2);
    ctx.fillStyle = G.color('accent', '#ffd34d'); ctx.fillRect(w.x0, TOP - 3, Math.round(fw * done), 2);
  }

  function drawPops(G, w) {
    var words = ['PERFECT', 'GOOD', 'MISS', 'OUCH'], colors = ['#7dffb0', '#9dd7ff', '#ff7d7d', '#ff5050'];
    w.pops.forEach(function (p) {
      var cx = w.x0 + p.lane * LANE_W + LANE_W / 2;
      G.text(words[p.kind], cx, HIT_Y - 30 - (30 - p.t) / 2, { align: 'center', size: 9, color: colors[p.kind] });
    });
  }

  function draw(G, w, ctx) {
    if (w.mode) { Maestro.rhythmModes[w.mode].draw(G, w, ctx); return; }
    drawField(G, w, ctx);
    drawNotes(G, w, ctx);
    drawMines(G, w, ctx);
    drawSide(G, w, ctx);
    drawPops(G, w);
    if (w.chart && w.f < w.songStart) {
      var beats = Math.ceil((w.songStart - w.f) / (3600 / w.bpm));
      if (beats <= 4) G.text(String(beats), G.W / 2, 100, { align: 'center', size: 18, color: G.color('accent', '#ffd34d') });
    }
  }

  function hud(G, w) {
    if (w.mode) return Maestro.rhythmModes[w.mode].hud(G, w);
    return 'PERFECT ' + w.counts[0] + '  GOOD ' + w.counts[1] + '  MISS ' + w.counts[2] + '  BEST COMBO ' + w.best;
  }

  // ---- QA hooks (maestro/genres/rhythm/qa.py) ---------------------------------------------------------
  var qa = {
    view: function (G, w) {
      return {
        f: w.f, meter: w.meter, combo: w.combo, best: w.best, score: w.score, counts: w.counts.slice(),
        status: w.status, end: w.end, start: w.songStart, p: w.p, lanes: w.lanes, head: w.head,
        notes: w.notes.map(function (n) { return [n.t, n.lane, n.j]; }), bpm: w.bpm,
        mines: w.mines.map(function (m) { return [m.t, m.lane, m.hit]; }), minesHit: w.minesHit, mineSlug: w.mineSlug,
        performer: w.performer, noteSlug: w.noteSlug
      };
    },
    chart: chart,
    frameOf: frameOf,
    // a pointer tap at canvas pixel x (the lane under it), taken in on the next frame
    click: function (G, w, x) { var lane = laneAtX(G, w, x); if (lane >= 0) taps.push(lane); return lane; },
    laneCenter: function (G, w, lane) { return w.x0 + lane * LANE_W + LANE_W / 2; }
  };

  // the music clock, lent to the family's other modes (commands.js)
  Maestro.rhythmClock = { frameOf: frameOf, songStart: songStart, hookMusic: hookMusic, musicPlaying: musicPlaying };

  Maestro.registerGenre('rhythm', {
    start: start,
    update: update,
    draw: draw,
    player: function (w) { return w.mode ? Maestro.rhythmModes[w.mode].player(w) : { x: performerX(w) + 32, y: 142 }; },
    usesLives: false,
    help: function (G) {
      var other = Maestro.rhythmModes && Maestro.rhythmModes[(G.spec && G.spec.mode) || ''];
      return other ? other.help : 'Arrow keys (or tap a lane) as each note hits the line';
    },
    // The title screen's words: notes are hit and mines avoided; drum commands defeat the foes.
    cast: function (G) {
      return (G.spec && G.spec.mode) === 'commands' ? { enemies: 'defeat', items: '' } : { enemies: 'avoid', items: 'hit' };
    },
    hud: hud,
    qa: qa
  });
})();
