/* Maestro genre module: visual_novel (mode "story").
 *
 * The rules are exactly those of maestro/genres/visual_novel/story.py, whose graph search proves
 * every chapter (every ending reachable, the good one too, no dead end); all integers:
 *  a chapter is level.nodes, started at level.start. "say" shows a line (who: -1 narrator, 0 the
 *  player, 1.. level.cast) over the backdrop of level `bg`, then goes to next; "choice" shows a prompt
 *  and options (an option may add to a character's affinity, aff [who, delta], or set a flag); "check"
 *  resolves on entering (a flag set, or affinity of who >= min: yes, else no); "end" is an ending,
 *  kind "good" (the chapter is won: G.win), "neutral" (in between: passed too, for fewer points) or
 *  "bad" (lost: a life and the chapter again, or the game).
 *  The text types out SPEED characters a frame. Action (Space / Enter, a click on the text box, a tap)
 *  while it types shows it whole (the skip); once whole it advances, picks the highlighted option or
 *  settles the ending. Up / Down move the highlight (wrapping); 1-4 or a click on an option pick it.
 * module.player(world) is the speaker's portrait position.
 */
(function () {
  'use strict';

  var SPEED = 1, AFF_POINTS = 10, GOOD_POINTS = 100, NEUTRAL_POINTS = 40;
  var KEYS = ['up', 'down', 'action'];
  var W = 480, H = 270, BOX = { x: 12, y: 186, w: 456, h: 76 }, OPT = { x: 150, y: 40, w: 318, h: 22, gap: 4 };
  var images = {};
  var ENDINGS = { good: ['GOOD ENDING', '#ffd34d', '#ffd34d'], neutral: ['NEUTRAL ENDING', '#9dd7ff', '#bfe4ff'],
                  bad: ['BAD ENDING', '#ff7d7d', '#ff9d9d'] };  // the ending box: its words, frame and title colour

  // ---- the rule book (story.py: Story) ---------------------------------------------------------------
  function node(w) { return w.nodes[w.node]; }
  function text(w) { return String(node(w).text || ''); }
  function full(w) { return w.shown >= text(w).length; }
  function passes(w) { return w.ended === 'good' || w.ended === 'neutral'; }  // the chapter goes on
  function holds(w, n) { return n.flag ? w.flags.indexOf(n.flag) >= 0 : w.aff[n.who - 1] >= n.min; }
  function settle(w, i) {
    for (var guard = 0; guard <= w.nodes.length; guard++) {
      var n = w.nodes[i];
      if (n.k !== 'check') return i;
      i = holds(w, n) ? n.yes : n.no;
    }
    throw new Error('visual_novel: a cycle of checks');
  }
  function goto(w, i) {
    var before = node(w).bg;
    w.node = settle(w, i); w.shown = 0; w.cursor = 0; w.seen++;
    return node(w).bg !== before ? 'door' : 'blip';
  }
  function pick(G, w, k) {
    var opts = node(w).options;
    if (k < 0 || k >= opts.length) return '';
    var o = opts[k], what = 'select';
    if (o.aff) {
      var c = o.aff[0], d = o.aff[1];
      w.aff[c - 1] += d;
      if (d > 0) { w.score += AFF_POINTS * d; G.addScore(AFF_POINTS * d); }
      what = d > 0 ? 'coin' : 'undo';
      w.moved = { who: c, d: d, t: 1.2 };
    }
    if (o.flag && w.flags.indexOf(o.flag) < 0) { w.flags.push(o.flag); what = 'key'; }
    goto(w, o.next);
    return what;
  }
  function act(G, w, key) {
    if (w.ended) return '';
    var n = node(w);
    if (!full(w)) {
      if (key === 'action') { w.shown = text(w).length; return 'step'; }
      return '';
    }
    if (n.k === 'choice') {
      var m = n.options.length;
      if (key === 'up') { w.cursor = (w.cursor + m - 1) % m; return 'step'; }
      if (key === 'down') { w.cursor = (w.cursor + 1) % m; return 'step'; }
      if (key === 'action') return pick(G, w, w.cursor);
      if (key.indexOf('pick') === 0) return pick(G, w, parseInt(key.slice(4), 10));
      return '';
    }
    if (key !== 'action') return '';
    if (n.k === 'end') {
      w.ended = n.kind;
      var pts = w.ended === 'good' ? GOOD_POINTS : w.ended === 'neutral' ? NEUTRAL_POINTS : 0;
      if (pts) { w.score += pts; G.addScore(pts); }
      return passes(w) ? 'win' : 'lose';
    }
    return goto(w, n.next);
  }

  function start(G, level) {
    attachInput(G);
    var cast = level.cast || [];
    var w = { nodes: level.nodes || [{ k: 'end', kind: 'good', text: '', bg: 0 }], cast: cast, player: level.player || {},
              item: level.item || {},
              node: 0, shown: 0, cursor: 0, flags: [], aff: cast.map(function () { return 0; }), score: 0, ended: '',
              seen: 1, f: 0, taps: [], done: false, moved: null, level: level };
    w.node = settle(w, level.start || 0);
    return w;
  }

  // An ending settled: the runtime's win (good or neutral), a lost life (the chapter again) or the game lost.
  function finish(G, w) {
    w.done = true;
    var why = 'ending: ' + (node(w).title || 'bad');
    if (passes(w)) G.win();
    else if (G.lives !== null) G.hurt(why);
    else G.gameOver(why);
  }

  // What each outcome sounds like (literal names: QA reads which sounds the code plays).
  function sound(G, what) {
    if (what === 'step') G.sfx('step');
    else if (what === 'blip') G.sfx('blip');
    else if (what === 'door') G.sfx('door');
    else if (what === 'select') G.sfx('select');
    else if (what === 'coin') G.sfx('coin');
    else if (what === 'undo') G.sfx('undo');
    else if (what === 'key') G.sfx('key');
  }

  function input(G, w, key) {
    var what = act(G, w, key);
    if (!what) return;
    sound(G, what);
    if (w.ended) finish(G, w);
  }

  function update(G, w, dt) {
    w.f++;
    if (w.moved) { w.moved.t -= dt; if (w.moved.t <= 0) w.moved = null; }
    if (w.done) return;
    var tap = w.taps.length ? w.taps.shift() : null;
    if (tap) input(G, w, tap.pick !== undefined ? 'pick' + tap.pick : pointerKey(w, tap.x, tap.y));
    for (var i = 0; i < KEYS.length && !w.done; i++) if (G.pressed[KEYS[i]]) input(G, w, KEYS[i]);
    if (!w.ended && !full(w)) w.shown = Math.min(text(w).length, w.shown + SPEED);
  }

  // ---- input beyond the runtime's keys: 1-4 pick, the pointer picks or advances -------------------------
  function optionRect(w, k) {
    var n = node(w), m = n.options.length;
    var y0 = Math.min(OPT.y, BOX.y - 8 - m * (OPT.h + OPT.gap));
    return { x: OPT.x, y: y0 + k * (OPT.h + OPT.gap), w: OPT.w, h: OPT.h };
  }
  // A click at game pixels (x, y): on a shown option it picks it, anywhere else it is Action.
  function pointerKey(w, x, y) {
    var n = node(w);
    if (n.k === 'choice' && full(w)) {
      for (var k = 0; k < n.options.length; k++) {
        var r = optionRect(w, k);
        if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) return 'pick' + k;
      }
    }
    return 'action';
  }
  function queue(G, tap) { if (G.status === 'playing' && G.world && !G.world.done) G.world.taps.push(tap); }
  function attachInput(G) {
    if (G.headless || G.novelInput || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas) return;
    G.novelInput = true;
    window.addEventListener('keydown', function (e) {
      var m = /^(?:Digit|Numpad)([1-4])$/.exec(e.code);
      if (m && !e.repeat) { e.preventDefault(); queue(G, { pick: parseInt(m[1], 10) - 1 }); }
    });
    canvas.addEventListener('pointerup', function (e) {
      if (G.status !== 'playing') return;
      var r = canvas.getBoundingClientRect();
      var s = Math.min(r.width / G.W, r.height / G.H) || 1;
      var ox = (r.width - G.W * s) / 2, oy = (r.height - G.H * s) / 2;
      queue(G, { x: (e.clientX - r.left - ox) / s, y: (e.clientY - r.top - oy) / s });
    });
  }

  // ---- drawing ------------------------------------------------------------------------------------------
  function backdrop(G, w, ctx) {
    var bg = node(w).bg, key = 'level' + bg;
    if (bg === G.levelIndex || G.headless || typeof Image === 'undefined') return;  // the runtime drew this one
    var src = (G.data.backgrounds || {})[key];
    if (!src) return;
    if (!images[key]) { images[key] = new Image(); images[key].src = src; }
    if (images[key].complete && images[key].width) ctx.drawImage(images[key], 0, 0);
  }
  function wrap(str, max) {
    var words = String(str || '').split(/\s+/), out = [], line = '';
    words.forEach(function (x) {
      if ((line + ' ' + x).trim().length > max) { if (line) out.push(line); line = x; } else { line = (line + ' ' + x).trim(); }
    });
    if (line) out.push(line);
    return out;
  }
  function speaker(w, who) {
    if (who === 0) return { name: w.player.name || 'You', slug: w.player.slug || '', role: 'player' };
    if (who > 0) { var c = w.cast[who - 1] || {}; return { name: c.name || '?', slug: c.slug || '', role: 'enemy' }; }
    return null;
  }
  function portrait(G, ctx, who, s, x, y, size, dim) {
    ctx.fillStyle = 'rgba(0,0,0,0.35)'; ctx.fillRect(x - 4, y + size - 10, size + 8, 12);
    if (s.slug) G.sprite(s.slug, G.anim(s.slug, 'idle', G.frame / 60), x, y, { w: size, h: size, screen: true, color: G.color(s.role), alpha: dim ? 0.45 : 1 });
    else { ctx.fillStyle = G.color(s.role, '#8090a0'); ctx.beginPath(); ctx.arc(x + size / 2, y + size / 3, size / 5, 0, Math.PI * 2); ctx.fill(); ctx.fillRect(x + size / 4, y + size / 2, size / 2, size / 2); }
  }
  function meter(G, w, ctx) {
    var x = W - 8;
    for (var i = w.cast.length - 1; i >= 0; i--) {
      var label = String(w.cast[i].name).slice(0, 10) + ' ' + (w.aff[i] > 0 ? '+' : '') + w.aff[i];
      var width = label.length * 6 + 18;
      x -= width;
      ctx.fillStyle = 'rgba(0,0,0,0.5)'; ctx.fillRect(x, 17, width - 4, 13);
      ctx.fillStyle = w.aff[i] > 0 ? '#ff6a8a' : w.aff[i] < 0 ? '#6a7aff' : '#b0b0b0';
      ctx.beginPath(); ctx.arc(x + 7, 21, 3, 0, Math.PI * 2); ctx.arc(x + 12, 21, 3, 0, Math.PI * 2);
      ctx.moveTo(x + 4, 22); ctx.lineTo(x + 9.5, 28); ctx.lineTo(x + 15, 22); ctx.fill();
      G.text(label, x + 18, 19, { size: 8 });
    }
  }
  function draw(G, w, ctx) {
    var n = node(w), shownText = text(w).slice(0, w.shown);
    backdrop(G, w, ctx);
    ctx.fillStyle = 'rgba(0,0,0,0.18)'; ctx.fillRect(0, 14, W, H - 14);
    var who = speaker(w, n.k === 'end' ? -1 : n.who);
    if (who) portrait(G, ctx, n.who, who, n.who === 0 ? W - 128 : 20, 66, 112, false);
    meter(G, w, ctx);
    // The chapter's item: shown while its choice is asked, then in the corner once it is taken.
    var itemChoice = n.k === 'choice' && (n.options || []).some(function (o) { return o.flag === 'item'; });
    if (w.item.slug && itemChoice) G.sprite(w.item.slug, 0, 40, 96, { w: 64, h: 64, screen: true, color: G.color('item') });
    if (w.item.slug && w.flags.indexOf('item') >= 0) G.sprite(w.item.slug, 0, 6, 18, { w: 16, h: 16, screen: true, color: G.color('item') });
    if (n.k === 'end') {
      var look = ENDINGS[n.kind] || ENDINGS.bad;
      ctx.fillStyle = 'rgba(0,0,0,0.7)'; ctx.fillRect(60, 60, W - 120, 110);
      ctx.strokeStyle = look[1]; ctx.strokeRect(60.5, 60.5, W - 121, 109);
      G.text(look[0] + ': ' + (n.title || ''), W / 2, 72, { align: 'center', size: 12, color: look[2] });
      wrap(shownText, 56).forEach(function (l, i) { G.text(l, W / 2, 96 + i * 13, { align: 'center', size: 9 }); });
      if (full(w)) G.text('Space to go on', W / 2, 152, { align: 'center', size: 8, color: '#cfd8ff' });
      return;
    }
    ctx.fillStyle = 'rgba(10,10,24,0.82)'; ctx.fillRect(BOX.x, BOX.y, BOX.w, BOX.h);
    ctx.strokeStyle = G.color('accent', '#ffd34d'); ctx.strokeRect(BOX.x + 0.5, BOX.y + 0.5, BOX.w - 1, BOX.h - 1);
    if (who) {
      var plate = String(who.name).slice(0, 20);
      ctx.fillStyle = G.color(who.role, '#556'); ctx.fillRect(BOX.x + 6, BOX.y - 12, plate.length * 6 + 12, 13);
      G.text(plate, BOX.x + 12, BOX.y - 10, { size: 9 });
    }
    wrap(shownText, 72).slice(0, 4).forEach(function (l, i) {
      G.text(l, BOX.x + 10, BOX.y + 10 + i * 14, { size: 10, color: n.who < 0 ? '#d8d8ff' : undefined });
    });
    if (full(w) && n.k === 'say' && Math.floor(w.f / 20) % 2 === 0) G.text('>', BOX.x + BOX.w - 14, BOX.y + BOX.h - 14, { size: 10 });
    if (n.k === 'choice' && full(w)) {
      n.options.forEach(function (o, k) {
        var r = optionRect(w, k), on = k === w.cursor;
        ctx.fillStyle = on ? 'rgba(255,211,77,0.9)' : 'rgba(0,0,0,0.72)'; ctx.fillRect(r.x, r.y, r.w, r.h);
        ctx.strokeStyle = on ? '#ffffff' : 'rgba(255,255,255,0.35)'; ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
        G.text((k + 1) + '. ' + String(o.text).slice(0, 48), r.x + 8, r.y + 6, { size: 9, color: on ? '#1a1a1a' : '#ffffff', shadow: !on });
      });
    }
    if (w.moved) {
      var c = w.cast[w.moved.who - 1] || {};
      G.text(String(c.name || '') + (w.moved.d > 0 ? ' will remember that.' : ' did not like that.'), W / 2, 34, { align: 'center', size: 9, color: w.moved.d > 0 ? '#ffb0c8' : '#b0b8ff' });
    }
  }

  function player(w) {
    var n = node(w);
    return { x: n.who === 0 ? W - 128 : 20, y: 66 };
  }

  function hud(G, w) { return ''; }

  // QA hooks (maestro/genres/visual_novel/qa.py): the chapter as plain JSON, picks, clicks, the option boxes.
  var qa = {
    view: function (G, w) { return [w.node, w.shown, w.cursor, w.flags.slice().sort(), w.aff.slice(), w.score, w.ended]; },
    pick: function (G, n) { queue(G, { pick: n }); return G.world ? G.world.taps.length : 0; },
    click: function (G, x, y) { queue(G, { x: x, y: y }); return G.world ? G.world.taps.length : 0; },
    rect: function (G, w, k) { return optionRect(w, k); },
    box: function () { return { x: BOX.x, y: BOX.y, w: BOX.w, h: BOX.h }; },
    scene: function (G, w) { var n = node(w); return { node: w.node, k: n.k, who: n.who, text: text(w), bg: n.bg, kind: n.kind || null, title: n.title || null, options: (n.options || []).map(function (o) { return o.text; }) }; }
  };

  Maestro.registerGenre('visual_novel', {
    start: start, update: update, draw: draw, player: player, hud: hud, qa: qa,
    // Lives only when the GDD gives some (then a bad ending costs one and the chapter starts again).
    usesLives: function (spec) {
      return (spec.mechanics || []).some(function (m) { return m.id === 'lives'; });
    },
    help: 'Space / Enter / click: next line (skips the typing). Up / Down + Enter, 1-4 or a click: choose',
    // The title screen's words: the characters are won over (their affinity), the items found.
    cast: { enemies: 'win over', items: 'find' }
  });
})();
