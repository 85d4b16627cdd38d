/* Maestro runtime: the part of every bundle that is the same whatever the genre.
 *
 * Classic script (no ES modules: file:// forbids them). It owns the game loop (fixed 60 Hz
 * steps), input (keyboard + touch), the title / play / pause / won / lost states, lives, score,
 * time, the HUD, sprites from the atlas, sounds, and the public contract every bundle answers:
 *
 *   index.html?autostart=1          skip the title screen, start level 1 (?level=N starts level N)
 *   window.maestro.ready            true once assets are loaded and the first frame is drawn
 *   window.maestro.state()          {status, level, levels, player:{x,y}, score, lives, time, ...}
 *   window.maestro.step(n)          advance n fixed frames now (QA, tests)
 *   window.maestro.manual(true)     stop the real-time loop (then only step() advances)
 *   window.maestro.press(a, down)   hold/release an action: left right up down action pause restart undo focus
 *
 * "focus" (Shift held; a small F button on touch) is there for any genre to read as G.held.focus; only a
 * genre that declares module.focus (true, or a function of G) gets the touch button, and only a genre
 * that reads it changes: for the others the key does nothing.
 *
 * The clock: spec.time_limit (seconds) counts down on the HUD. By default the clock reaching 0 costs a
 * life (a per-level limit). With spec.time_ends_as "win" (survive the clock) or "score" (score attack),
 * the clock reaching 0 ends the stage as won instead: a timed run, the final score on the end screen.
 *
 * A genre module registers itself with Maestro.registerGenre(name, module):
 *   module.start(G, level)          -> world   (build the level; level = data.levels[i])
 *   module.update(G, world, dt)     one fixed step; read G.held / G.pressed
 *   module.draw(G, world, ctx)      draw the world (the runtime draws background + HUD)
 *   module.player(world)            -> {x, y} in world pixels
 *   module.usesLives                false for genres without lives, or a function of the spec
 *   module.help                     one line shown on the title screen (or a function of G); a long one wraps
 *   module.cast                     optional: the words under the title screen's cast, {you, enemies, items}
 *                                   (or a function of G); unset: 'you', 'avoid', 'collect'; '' leaves a group off
 *   module.respawn(G, world)        optional: after a lost life (default: restart the level)
 *   module.undo(G, world)           optional: undo one move
 *   module.hud(G, world)            optional: extra HUD text
 *   module.focus                    optional: true (or a function of G) when the genre reads "focus"
 * and calls back into the runtime: G.win(), G.hurt(reason), G.addScore(n), G.sfx(name),
 * G.sprite(slug, frame, x, y, opts), G.anim(slug, anim, t), G.tile(name, x, y), G.rng().
 */
(function (root) {
  'use strict';
  var M = root.Maestro = root.Maestro || {};
  M.genres = M.genres || {};
  M.registerGenre = function (name, mod) { M.genres[name] = mod; };

  var W = 480, H = 270, TILE = 16, DT = 1 / 60;
  var ACTIONS = ['left', 'right', 'up', 'down', 'action', 'pause', 'restart', 'undo', 'mute', 'focus'];
  var KEYMAP = {
    ArrowLeft: 'left', KeyA: 'left', ArrowRight: 'right', KeyD: 'right',
    ArrowUp: 'up', KeyW: 'up', ArrowDown: 'down', KeyS: 'down',
    Space: 'action', Enter: 'action', NumpadEnter: 'action', KeyJ: 'action', KeyX: 'action',
    KeyP: 'pause', Escape: 'pause', KeyR: 'restart', KeyZ: 'undo', KeyU: 'undo', Backspace: 'undo',
    KeyM: 'mute', ShiftLeft: 'focus', ShiftRight: 'focus'
  };

  function mulberry32(a) {
    return function () {
      a |= 0; a = a + 0x6D2B79F5 | 0;
      var t = Math.imul(a ^ a >>> 15, 1 | a);
      t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
  }

  function b64ToBuffer(uri) {
    var b64 = uri.slice(uri.indexOf(',') + 1);
    var bin = root.atob(b64), n = bin.length, out = new Uint8Array(n);
    for (var i = 0; i < n; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }

  function createGame(data, opts) {
    opts = opts || {};
    var headless = !!opts.headless;
    var spec = data.spec || {};
    var genre = M.genres[spec.genre];
    if (!genre) throw new Error('Maestro: no genre module for "' + spec.genre + '"');
    var palette = (data.palette || {});
    // A timed run: the clock reaching 0 wins the stage (survival / score attack) instead of costing a life.
    var clockWins = !!spec.time_limit && (spec.time_ends_as === 'win' || spec.time_ends_as === 'score');
    // A genre may decide from the spec (a puzzle has lives only when its GDD gives it some).
    var usesLives = typeof genre.usesLives === 'function' ? !!genre.usesLives(spec) : genre.usesLives !== false;

    var G = {
      data: data, spec: spec, cfg: data.config || {}, levels: data.levels || [],
      roles: data.roles || {}, palette: palette, W: W, H: H, TILE: TILE, DT: DT,
      status: 'title', levelIndex: 0, score: 0, lives: usesLives ? (spec.lives || 3) : null,
      time: 0, frame: 0, cleared: 0, world: null, cam: { x: 0, y: 0 },
      held: {}, pressed: {}, invuln: 0, transition: 0, banner: null, muted: !!opts.muted,
      lastLoss: '', errors: [], headless: headless, ctx: null
    };
    ACTIONS.forEach(function (a) { G.held[a] = false; G.pressed[a] = false; });
    var queued = {};   // presses seen since the last step (edge detection across frames)
    var levelRng = mulberry32(1);

    // ---- assets -------------------------------------------------------------------------
    var atlasImg = null, bgImgs = {}, audio = null, buffers = {}, musicNode = null;
    var frames = (data.atlas && data.atlas.frames) || {};
    var anims = (data.atlas && data.atlas.anims) || {};

    function loadImages(done) {
      if (headless || typeof Image === 'undefined') { done(); return; }
      var pending = 1;
      function one() { if (--pending === 0) done(); }
      if (data.atlas && data.atlas.image) {
        pending++; atlasImg = new Image(); atlasImg.onload = one;
        atlasImg.onerror = function () { G.errors.push('atlas failed to load'); one(); };
        atlasImg.src = data.atlas.image;
      }
      Object.keys(data.backgrounds || {}).forEach(function (k) {
        pending++; var im = new Image(); bgImgs[k] = im; im.onload = one;
        im.onerror = function () { G.errors.push('background ' + k + ' failed to load'); one(); };
        im.src = data.backgrounds[k];
      });
      one();
    }

    // Audio starts at the first user gesture (browsers refuse it before), decoded lazily.
    function unlockAudio() {
      if (audio || headless) return;
      var AC = root.AudioContext || root.webkitAudioContext;
      if (!AC) return;
      try { audio = new AC(); } catch (e) { return; }
      var sounds = data.sounds || {};
      Object.keys(sounds).forEach(function (name) {
        try {
          audio.decodeAudioData(b64ToBuffer(sounds[name]), function (buf) { buffers[name] = buf; },
            function () { G.errors.push('sound ' + name + ' failed to decode'); });
        } catch (e) { G.errors.push('sound ' + name + ': ' + e.message); }
      });
      if (data.music) {
        try {
          audio.decodeAudioData(b64ToBuffer(data.music), function (buf) { buffers.__music = buf; syncMusic(); },
            function () { G.errors.push('music failed to decode'); });
        } catch (e) { G.errors.push('music: ' + e.message); }
      }
    }
    function syncMusic() {
      if (!audio) return;
      var want = !G.muted && G.status === 'playing' && buffers.__music;
      if (want && !musicNode) {
        musicNode = audio.createBufferSource(); musicNode.buffer = buffers.__music; musicNode.loop = true;
        var gain = audio.createGain(); gain.gain.value = 0.35;
        musicNode.connect(gain); gain.connect(audio.destination); musicNode.start();
      } else if (!want && musicNode) {
        try { musicNode.stop(); } catch (e) { /* already stopped */ }
        musicNode = null;
      }
    }
    G.sfx = function (name) {
      G.lastSfx = name;
      if (!audio || G.muted || !buffers[name]) return;
      var src = audio.createBufferSource(); src.buffer = buffers[name];
      var gain = audio.createGain(); gain.gain.value = 0.6;
      src.connect(gain); gain.connect(audio.destination); src.start();
    };

    // ---- drawing helpers for genre modules ----------------------------------------------
    G.rng = function () { return levelRng(); };
    G.anim = function (slug, name, t) {
      var a = anims[slug] && anims[slug][name];
      if (!a || !a.length) return 0;
      return a[Math.floor((t || 0) * 8) % a.length];
    };
    G.color = function (role, fallback) { return palette[role] || fallback || '#ff00ff'; };
    // Draw frame `frame` of sprite `slug` with its top-left at world (x, y).
    G.sprite = function (slug, frame, x, y, o) {
      var ctx = G.ctx; if (!ctx) return;
      o = o || {};
      var w = o.w || TILE, h = o.h || TILE;
      var sx = Math.round(x - (o.screen ? 0 : G.cam.x)), sy = Math.round(y - (o.screen ? 0 : G.cam.y));
      if (sx > W || sy > H || sx + w < 0 || sy + h < 0) return;
      var f = frames[slug] && frames[slug][frame % frames[slug].length];
      if (o.alpha !== undefined) ctx.globalAlpha = o.alpha;
      if (f && atlasImg) {
        if (o.flip) {
          ctx.save(); ctx.translate(sx + w, sy); ctx.scale(-1, 1);
          ctx.drawImage(atlasImg, f.x, f.y, f.w, f.h, 0, 0, w, h); ctx.restore();
        } else {
          ctx.drawImage(atlasImg, f.x, f.y, f.w, f.h, sx, sy, w, h);
        }
      } else {
        ctx.fillStyle = o.color || G.color('accent'); ctx.fillRect(sx, sy, w, h);
      }
      ctx.globalAlpha = 1;
    };
    G.tile = function (name, x, y, o) { G.sprite('tile_' + name, 0, x, y, o); };
    G.text = function (str, x, y, o) {
      var ctx = G.ctx; if (!ctx) return;
      o = o || {};
      ctx.font = (o.size || 10) + 'px monospace';
      ctx.textAlign = o.align || 'left'; ctx.textBaseline = 'top';
      if (o.shadow !== false) { ctx.fillStyle = 'rgba(0,0,0,0.7)'; ctx.fillText(str, x + 1, y + 1); }
      ctx.fillStyle = o.color || G.color('ui_text', '#ffffff'); ctx.fillText(str, x, y);
    };

    // ---- game flow ------------------------------------------------------------------------
    function startLevel(i) {
      G.levelIndex = Math.max(0, Math.min(i, G.levels.length - 1));
      var level = G.levels[G.levelIndex] || {};
      levelRng = mulberry32((level.seed || 1) + G.levelIndex * 7919);
      G.time = 0; G.invuln = 0; G.transition = 0; G.cam.x = 0; G.cam.y = 0; G.timeUp = false;
      G.world = genre.start(G, level);
      G.banner = { text: (level.name || ('Level ' + (G.levelIndex + 1))), t: 1.5 };
    }
    function newGame(level) {
      G.score = 0; G.lives = usesLives ? (spec.lives || 3) : null; G.cleared = 0; G.lastLoss = '';
      G.status = 'playing';
      startLevel(level || 0);
      G.sfx('start'); syncMusic();
    }
    G.addScore = function (n) { G.score += n; };
    G.win = function () {
      if (G.status !== 'playing' || G.transition > 0) return;
      G.cleared = Math.max(G.cleared, G.levelIndex + 1);
      if (G.levelIndex + 1 >= G.levels.length) {
        G.status = 'won'; G.banner = null; G.sfx('win'); syncMusic();
      } else {
        G.transition = 1.5; G.banner = { text: 'Level complete!', t: 1.5 }; G.sfx('levelup');
      }
    };
    // Lose a life (or the game). Ignored while invulnerable after a previous hit.
    G.hurt = function (reason) {
      if (G.status !== 'playing' || G.invuln > 0 || G.transition > 0) return false;
      G.lastLoss = reason || 'hit';
      if (!usesLives) { G.sfx('hurt'); startLevel(G.levelIndex); return true; }
      G.lives -= 1;
      if (G.lives <= 0) {
        G.lives = 0; G.status = 'lost'; G.sfx('lose'); syncMusic();
      } else {
        G.sfx('hurt');
        if (genre.respawn) genre.respawn(G, G.world); else startLevel(G.levelIndex);
        if (G.lastLoss === 'time') G.time = 0;  // a new life gets the whole time limit again
        G.invuln = genre.respawn ? 1.5 : 0;  // a restarted level puts the player back in safety
      }
      return true;
    };
    G.gameOver = function (reason) {
      if (G.status !== 'playing') return;
      G.lastLoss = reason || 'game over'; G.status = 'lost'; G.sfx('lose'); syncMusic();
    };

    function step() {
      ACTIONS.forEach(function (a) { G.pressed[a] = !!queued[a]; queued[a] = false; });
      G.frame++;
      if (G.pressed.mute) { G.muted = !G.muted; syncMusic(); }
      if (G.status === 'title') {
        if (G.pressed.action || G.pressed.up) newGame(0);
        return;
      }
      if (G.status === 'won' || G.status === 'lost') {
        G.endTimer = (G.endTimer || 0) + DT;
        if (G.endTimer > 0.5 && (G.pressed.action || G.pressed.restart)) { G.endTimer = 0; newGame(0); }
        return;
      }
      if (G.pressed.pause) {
        G.status = G.status === 'paused' ? 'playing' : 'paused'; G.sfx('pause'); syncMusic(); return;
      }
      if (G.status === 'paused') return;
      // playing
      if (G.banner) { G.banner.t -= DT; if (G.banner.t <= 0) G.banner = null; }
      if (G.transition > 0) {
        G.transition -= DT;
        if (G.transition <= 0) { G.transition = 0; startLevel(G.levelIndex + 1); }
        return;
      }
      if (G.pressed.restart) { startLevel(G.levelIndex); return; }
      if (G.pressed.undo && genre.undo) genre.undo(G, G.world);
      G.time += DT;
      if (G.invuln > 0) G.invuln = Math.max(0, G.invuln - DT);
      if (spec.time_limit && G.time >= spec.time_limit) {
        if (clockWins) { G.timeUp = true; G.win(); return; }
        if (G.hurt('time')) return;
      }
      genre.update(G, G.world, DT);
    }

    // ---- rendering -------------------------------------------------------------------------
    function drawBackground(ctx) {
      var key = 'level' + G.levelIndex;
      var im = bgImgs[key] || bgImgs.level0 || bgImgs.title;
      ctx.fillStyle = G.color('sky', '#223'); ctx.fillRect(0, 0, W, H);
      if (im && im.width) {
        // Parallax: the background scrolls at 30% of the camera, wrapping in both directions.
        var off = ((Math.floor(G.cam.x * 0.3) % im.width) + im.width) % im.width;
        for (var x = -off; x < W; x += im.width) ctx.drawImage(im, x, 0);
      }
    }
    function drawHud(ctx) {
      ctx.fillStyle = 'rgba(0,0,0,0.45)'; ctx.fillRect(0, 0, W, 14);
      var lvl = G.levels[G.levelIndex] || {};
      G.text((G.levelIndex + 1) + '/' + G.levels.length + ' ' + (lvl.name || ''), 4, 2);
      G.text('SCORE ' + G.score, W / 2, 2, { align: 'center' });
      var right = W - 4;
      if (spec.time_limit) {
        G.text('TIME ' + Math.max(0, Math.ceil(spec.time_limit - G.time)), right, 2, { align: 'right' }); right -= 64;
      } else {
        G.text(Math.floor(G.time) + 's', right, 2, { align: 'right' }); right -= 36;
      }
      if (G.lives !== null) {
        for (var i = 0; i < Math.min(G.lives, 10); i++) {
          G.sprite('icon_heart', 0, right - 10 - i * 10, 3, { w: 8, h: 8, screen: true, color: '#e33' });
        }
      }
      var extra = genre.hud && genre.hud(G, G.world);
      if (extra) G.text(extra, 4, H - 12);
    }
    // A box of centred lines, each [text, size, colour]; line height follows the font size.
    function centered(ctx, lines, boxColor) {
      var heights = lines.map(function (l) { return (l[1] || 10) + 5; });
      var total = heights.reduce(function (a, b) { return a + b; }, 0);
      var y = Math.round(H / 2 - total / 2);
      ctx.fillStyle = boxColor || 'rgba(0,0,0,0.6)'; ctx.fillRect(40, y - 8, W - 80, total + 12);
      lines.forEach(function (l, i) {
        G.text(l[0], W / 2, y, { align: 'center', size: l[1] || 10, color: l[2] });
        y += heights[i];
      });
    }
    function wrap(text, max) {
      var words = String(text || '').split(/\s+/), out = [], line = '';
      words.forEach(function (w) {
        if ((line + ' ' + w).trim().length > max) { if (line) out.push(line); line = w; } else { line = (line + ' ' + w).trim(); }
      });
      if (line) out.push(line);
      return out;
    }
    // The title screen: the game's name, its pitch, who you are and what the others are to you (by
    // default what to avoid and collect; a genre says its own words: module.cast), and the controls.
    function drawTitle(ctx) {
      ctx.fillStyle = 'rgba(0,0,0,0.55)'; ctx.fillRect(24, 18, W - 48, H - 36);
      G.text(spec.title || 'Maestro game', W / 2, 30, { align: 'center', size: 20, color: G.color('accent', '#ffd34d') });
      var pitch = wrap(spec.summary, 70);
      if (pitch.length > 2) { pitch = pitch.slice(0, 2); pitch[1] = pitch[1].replace(/[\s,;:.]*\S*$/, '') + '…'; }
      pitch.forEach(function (l, i) {
        G.text(l, W / 2, 60 + i * 12, { align: 'center', size: 9 });
      });
      var words = (typeof genre.cast === 'function' ? genre.cast(G) : genre.cast) || {};
      var word = function (k, d) { return words[k] === undefined ? d : words[k]; };
      var foe = word('enemies', 'avoid'), loot = word('items', 'collect');
      var cast = [[G.roles.player, (spec.player || {}).name, word('you', 'you'), 'player']];
      if (foe) (G.roles.enemies || []).slice(0, 2).forEach(function (s, i) { cast.push([s, ((spec.enemies || [])[i] || {}).name, foe, 'enemy']); });
      if (loot) (G.roles.items || []).slice(0, 2).forEach(function (s, i) { cast.push([s, ((spec.items || [])[i] || {}).name, loot, 'item']); });
      var gap = Math.min(90, (W - 80) / cast.length), x0 = W / 2 - gap * (cast.length - 1) / 2;
      var labels = { player: '#9dd7ff', enemy: '#ff9d9d', item: '#a6ff9d' };
      cast.forEach(function (c, i) {
        var cx = x0 + i * gap, t = G.frame / 60;
        var anim = i === 0 ? 'walk' : (c[3] === 'enemy' ? 'move' : 'idle');
        G.sprite(c[0], G.anim(c[0], anim, t), cx - 12, 100, { w: 24, h: 24, screen: true, color: G.color(c[3]) });
        G.text(String(c[1] || '').slice(0, 14), cx, 128, { align: 'center', size: 8 });
        G.text(c[2], cx, 139, { align: 'center', size: 8, color: labels[c[3]] });
      });
      var help = (typeof genre.help === 'function' ? genre.help(G) : genre.help) || 'Arrows / WASD to move, Space to act';
      var lines = help.length > 72 ? wrap(help, 70).slice(0, 2) : [help];  // one line fits 72 characters
      lines.forEach(function (l, i) { G.text(l, W / 2, 166 - 6 * (lines.length - 1) + 13 * i, { align: 'center', size: 10 }); });
      G.text('P pause   R restart   M mute' + (G.levels.length > 1 ? '   ' + G.levels.length + ' levels' : ''), W / 2, 182 + 7 * (lines.length - 1), { align: 'center', size: 9 });
      if (Math.floor(G.frame / 30) % 2 === 0 || G.headless) {
        G.text(isTouch ? 'Tap to start' : 'Press Space or Enter to start', W / 2, 214, { align: 'center', size: 11, color: '#ffffff' });
      }
    }
    function render() {
      var ctx = G.ctx; if (!ctx) return;
      ctx.imageSmoothingEnabled = false;
      drawBackground(ctx);
      if (G.status === 'title') { drawTitle(ctx); return; }
      if (G.world) genre.draw(G, G.world, ctx);
      drawHud(ctx);
      if (G.banner) centered(ctx, [[G.banner.text, 14]]);
      if (G.status === 'paused') centered(ctx, [['Paused', 16], ['Press P or Esc to resume']]);
      if (G.status === 'won' && G.timeUp && spec.time_ends_as === 'score') centered(ctx, [["Time's up!", 18, '#7dff7d'], ['Final score ' + G.score], ['Press Space to play again']]);
      else if (G.status === 'won' && G.timeUp) centered(ctx, [['You survived!', 18, '#7dff7d'], ['Score ' + G.score], ['Press Space to play again']]);
      else if (G.status === 'won') centered(ctx, [['You win!', 18, '#7dff7d'], ['Score ' + G.score], ['Press Space to play again']]);
      if (G.status === 'lost') centered(ctx, [['Game over', 18, '#ff7d7d'], ['Score ' + G.score + (G.lastLoss ? '  (' + G.lastLoss + ')' : '')], ['Press Space to try again']]);
    }

    // ---- input -------------------------------------------------------------------------------
    function setAction(a, down) {
      if (ACTIONS.indexOf(a) < 0) return;
      if (down && !G.held[a]) queued[a] = true;
      G.held[a] = !!down;
    }
    var isTouch = false;

    // ---- public API -----------------------------------------------------------------------------
    var api = {
      ready: false, errors: G.errors, game: G,
      state: function () {
        var p = (G.world && genre.player) ? genre.player(G.world) : null;
        return {
          status: G.status, level: G.levelIndex + 1, levels: G.levels.length,
          player: p ? { x: Math.round(p.x * 100) / 100, y: Math.round(p.y * 100) / 100 } : null,
          score: G.score, lives: G.lives, time: Math.round(G.time * 1000) / 1000,
          genre: spec.genre, mode: spec.mode || null, cleared: G.cleared,
          level_name: (G.levels[G.levelIndex] || {}).name || null, frame: G.frame,
          last_loss: G.lastLoss || null
        };
      },
      step: function (n) { for (var i = 0; i < (n || 1); i++) step(); render(); return api.state(); },
      manual: function (on) { manual = on !== false; },
      press: function (a, down) { setAction(a, down !== false); },
      tap: function (a) { setAction(a, true); step(); setAction(a, false); render(); return api.state(); },
      start: function (level) { newGame((level || 1) - 1); render(); return api.state(); },
      world: function () { return G.world; },
      // What the player hears: whether audio started (after the first key press), how many sounds
      // decoded, whether the music is playing, and the last sound effect the game asked for.
      audio: function () {
        return { started: !!audio, decoded: Object.keys(buffers).length, music: !!musicNode, last_sfx: G.lastSfx || null };
      },
      restart: function () { newGame(0); render(); return api.state(); }
    };
    var manual = !!opts.manual;

    function attachDom(canvas) {
      G.ctx = canvas.getContext('2d');
      isTouch = /[?&]touch=1/.test(root.location.search) ||
        (root.matchMedia && root.matchMedia('(pointer: coarse)').matches);
      root.addEventListener('keydown', function (e) {
        unlockAudio();
        var a = KEYMAP[e.code];
        if (!a) return;
        e.preventDefault();
        if (!e.repeat) setAction(a, true);
      });
      root.addEventListener('keyup', function (e) { var a = KEYMAP[e.code]; if (a) setAction(a, false); });
      root.addEventListener('blur', function () { ACTIONS.forEach(function (a) { G.held[a] = false; }); });
      canvas.addEventListener('pointerdown', function () {
        unlockAudio();
        if (G.status !== 'playing') { setAction('action', true); setTimeout(function () { setAction('action', false); }, 50); }
      });
      var pad = document.getElementById('touch');
      var wantsFocus = typeof genre.focus === 'function' ? !!genre.focus(G) : !!genre.focus;
      var acts = pad && pad.querySelector('.acts');
      if (acts && wantsFocus) {   // only a genre that reads "focus" gets its button (hold to focus)
        var fb = document.createElement('button');
        fb.setAttribute('data-action', 'focus'); fb.textContent = 'F';
        acts.insertBefore(fb, acts.firstChild);
      }
      if (pad) {
        if (isTouch) pad.style.display = 'flex';
        Array.prototype.forEach.call(pad.querySelectorAll('[data-action]'), function (btn) {
          var a = btn.getAttribute('data-action');
          function down(e) { e.preventDefault(); unlockAudio(); setAction(a, true); btn.classList.add('on'); }
          function up(e) { e.preventDefault(); setAction(a, false); btn.classList.remove('on'); }
          btn.addEventListener('pointerdown', down); btn.addEventListener('pointerup', up);
          btn.addEventListener('pointerleave', up); btn.addEventListener('pointercancel', up);
          btn.addEventListener('touchstart', down, { passive: false }); btn.addEventListener('touchend', up, { passive: false });
        });
      }
    }

    api.boot = function (canvas, params) {
      params = params || {};
      if (canvas) attachDom(canvas);
      if (params.mute) G.muted = true;
      loadImages(function () {
        if (params.autostart) newGame((params.level || 1) - 1);
        render();
        api.ready = true;
        if (!headless && root.requestAnimationFrame) {
          var last = null, acc = 0;
          var loop = function (ts) {
            if (last === null) last = ts;
            acc = Math.min(acc + (ts - last) / 1000, 5 * DT); last = ts;
            if (!manual) { while (acc >= DT) { step(); acc -= DT; } } else { acc = 0; }
            render();
            root.requestAnimationFrame(loop);
          };
          root.requestAnimationFrame(loop);
        }
      });
      return api;
    };
    return api;
  }
  M.createGame = createGame;

  // Boot in a browser page: index.html has <canvas id="game"> and data.js set MAESTRO_DATA.
  // Called once at the very end of game.js, after every genre module has registered.
  M.autoBoot = function () {
    if (typeof document === 'undefined' || !root.MAESTRO_DATA) return;
    var go = function () {
      var q = root.location.search;
      var params = {
        autostart: /[?&]autostart=1/.test(q), mute: /[?&]mute=1/.test(q),
        level: parseInt((q.match(/[?&]level=(\d+)/) || [0, 1])[1], 10)
      };
      root.addEventListener('error', function (e) { if (root.maestro) root.maestro.errors.push(String(e.message)); });
      var game = createGame(root.MAESTRO_DATA, {});
      root.maestro = game;
      game.boot(document.getElementById('game'), params);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go); else go();
  };
})(typeof window !== 'undefined' ? window : this);
