/* Maestro genre module: rpg (a top-down map and turn-based battles with a menu; mode "battles").
 *
 * The rules are exactly those of maestro/genres/rpg/rules.py (class World), whose solver proves
 * every level; there is no randomness in a battle and every number is an integer:
 *   - the map: each arrow press moves the hero one tile; walls block; potions and treasure are
 *     picked up by stepping on them; bumping a foe starts a battle (the hero stays put); the exit
 *     tile completes the level; on the last level the boss stands on the exit;
 *   - a battle round: the hero picks from the menu (Attack, Skill, Item, Defend, Flee), then everyone
 *     acts by speed, fastest first (the hero first on a tie). Attack: max(1, atk - df) to the target;
 *     Skill: costs skill_cost MP, max(1, atk + skill_power - df) to EVERY foe; Item: a potion heals
 *     potion_heal; Defend: the damage taken this round is halved (rounded down); Flee: leaves a normal
 *     battle at once (never the boss). Refused choices (no MP, no potion, fleeing the boss) cost no round;
 *   - foes follow a visible cycle: attack (max(1, atk - df)), heavy (max(1, 2 atk - df)), charge
 *     (nothing), heal (max_hp / 5, rounded down);
 *   - won when every foe is at 0 HP: XP and points; lvl * xp_step XP levels the hero up; the hero
 *     at 0 HP loses (G.hurt with lives, else G.gameOver).
 * Controls: arrows move on the map; in a battle up / down move the menu cursor (it wraps), left /
 * right switch the target, Space / Enter chooses. Mouse / touch: tap next to the hero to step that
 * way; in a battle tap a menu entry to choose it, tap a foe to aim at it (this module's own pointer
 * listener; the runtime's on-screen pad also works).
 */
(function () {
  'use strict';

  var MENU = ['Attack', 'Skill', 'Item', 'Defend', 'Flee'];
  var DIRS = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };
  var T = 16, OX = 40, OY = 24;          // the map's tile size and its top-left corner on screen
  var MENU_BOX = { x: 8, y: 176, w: 110, h: 78 };

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }
  function hasFrame(G, name) {
    var a = G.data.atlas;
    return !!(name && a && a.frames && a.frames[name] && a.frames[name].length);
  }
  function nameOf(G, slug) {
    var groups = [(G.spec && G.spec.enemies) || [], (G.spec && G.spec.items) || []];
    for (var g = 0; g < groups.length; g++) {
      for (var i = 0; i < groups[g].length; i++) if (groups[g][i].slug === slug) return groups[g][i].name;
    }
    return String(slug || 'Foe').replace(/_/g, ' ').replace(/^\w/, function (c) { return c.toUpperCase(); });
  }

  // ---- the rule book (rules.py: World) --------------------------------------------------------
  function heroDamage(power, df) { return Math.max(1, power - df); }
  function foeDamage(power, df, defending) {
    var d = Math.max(1, power - df);
    return defending ? Math.floor(d / 2) : d;
  }
  function intent(f) { return f.pattern.length ? f.pattern[f.step % f.pattern.length] : 'attack'; }
  function alive(b) {
    var out = [];
    for (var i = 0; i < b.foes.length; i++) if (b.foes[i].hp > 0) out.push(i);
    return out;
  }
  function wall(world, x, y) {
    var row = world.grid[y];
    return !row || x < 0 || x >= row.length || row.charAt(x) === '#';
  }
  function foeAt(world, x, y) {
    for (var i = 0; i < world.encounters.length; i++) {
      var e = world.encounters[i];
      if (!world.beaten[i] && e.x === x && e.y === y) return i;
    }
    return -1;
  }

  function move(G, world, dx, dy) {
    var nx = world.x + dx, ny = world.y + dy;
    if (wall(world, nx, ny)) return '';
    var i = foeAt(world, nx, ny);
    if (i >= 0) { begin(G, world, i); return 'battle'; }
    world.x = nx; world.y = ny; world.tween = 1;
    G.sfx('step');
    for (var k = 0; k < world.pickups.length; k++) {
      var p = world.pickups[k];
      if (world.taken[k] || p.x !== nx || p.y !== ny) continue;
      world.taken[k] = true;
      if (p.kind === 'potion') { world.hero.potions++; G.sfx('key'); toast(world, '+1 ' + world.potionName, '#7dff7d'); }
      else { var pts = num(p.points, 10); world.score += pts; G.addScore(pts); G.sfx('coin'); toast(world, nameOf(G, p.slug) + ' +' + pts, '#ffd34d'); }
    }
    if (nx === world.exit[0] && ny === world.exit[1]) {
      world.won = true; world.score += num(G.cfg.exit_points, 100); G.addScore(num(G.cfg.exit_points, 100));
      return 'exit';
    }
    return 'step';
  }

  function begin(G, world, i) {
    var e = world.encounters[i];
    world.battle = {
      enc: i, boss: !!e.boss, sel: 0, target: 0, round: 0,
      foes: (e.party || []).map(function (f) {
        return { slug: f.slug, hp: f.hp, max: f.hp, atk: f.atk, df: f.df, spd: f.spd, xp: f.xp, points: f.points,
                 pattern: (f.pattern || []).slice(), step: 0, flash: 0, lunge: 0 };
      })
    };
    world.toasts = [];  // the map's news would cover the foes
    world.log = [(e.boss ? 'The boss ' : '') + nameOf(G, e.party[0].slug) + (e.party.length > 1 ? ' and company' : '') + ' attack!'];
    G.sfx(e.boss ? 'explode' : 'select');
  }

  function choose(G, world) {
    var b = world.battle, h = world.hero, what = MENU[b.sel];
    if (what === 'Skill' && h.mp < num(G.cfg.skill_cost, 4)) return refuse(G, world, 'Not enough MP');
    if (what === 'Item' && h.potions <= 0) return refuse(G, world, 'No ' + world.potionName + ' left');
    if (what === 'Flee') {
      if (b.boss) return refuse(G, world, 'You cannot flee from the boss!');
      world.battle = null; G.sfx('step'); toast(world, 'Got away safely', '#9dd7ff');
      return 'fled';
    }
    playRound(G, world, what);
    return 'round';
  }
  function refuse(G, world, why) { world.refused = 0.4; world.log = [why]; G.sfx('undo'); return 'refused'; }

  function heroActs(G, world, what) {
    var b = world.battle, h = world.hero, i, f;
    if (what === 'Attack') {
      var living = alive(b), t = living.indexOf(b.target) >= 0 ? b.target : living[0];
      f = b.foes[t];
      var d = heroDamage(h.atk, f.df);
      f.hp = Math.max(0, f.hp - d); f.flash = 0.3;
      world.log.push('You hit ' + nameOf(G, f.slug) + ' for ' + d); G.sfx('hit');
      if (f.hp <= 0) G.sfx('explode');
    } else if (what === 'Skill') {
      h.mp -= num(G.cfg.skill_cost, 4);
      var living2 = alive(b);
      for (i = 0; i < living2.length; i++) {
        f = b.foes[living2[i]];
        f.hp = Math.max(0, f.hp - heroDamage(h.atk + num(G.cfg.skill_power, 3), f.df)); f.flash = 0.3;
      }
      world.log.push((G.cfg.skill_name || 'Skill') + ' strikes every foe!'); G.sfx('powerup');
    } else if (what === 'Item') {
      h.potions -= 1;
      var before = h.hp;
      h.hp = Math.min(h.max_hp, h.hp + num(G.cfg.potion_heal, 15));
      world.log.push(world.potionName + ': +' + (h.hp - before) + ' HP'); G.sfx('key');
    } else if (what === 'Defend') {
      world.log.push('You brace yourself'); G.sfx('door');
    }
  }

  function foeActs(G, world, f, defending) {
    var kind = intent(f), h = world.hero, name = nameOf(G, f.slug), d;
    f.lunge = 0.3;
    if (kind === 'attack' || kind === 'heavy') {
      d = foeDamage(kind === 'heavy' ? 2 * f.atk : f.atk, h.df, defending);
      h.hp = Math.max(0, h.hp - d); world.heroFlash = 0.3;
      world.log.push(name + (kind === 'heavy' ? ' smashes' : ' hits') + ' you for ' + d + (defending ? ' (defended)' : ''));
      G.sfx('hurt');
    } else if (kind === 'heal') {
      f.hp = Math.min(f.max, f.hp + Math.floor(f.max / 5)); world.log.push(name + ' recovers');
    } else {
      world.log.push(name + ' gathers strength...');
    }
    f.step++;
  }

  function order(world) {
    var who = [[-world.hero.spd, -1]];
    world.battle.foes.forEach(function (f, i) { who.push([-f.spd, i]); });
    who.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return who.map(function (w) { return w[1]; });
  }

  function playRound(G, world, what) {
    var b = world.battle, defending = what === 'Defend', seq = order(world);
    world.log = [];
    for (var k = 0; k < seq.length; k++) {
      var i = seq[k];
      if (i < 0) { heroActs(G, world, what); if (!alive(b).length) break; }
      else if (b.foes[i].hp > 0) {
        foeActs(G, world, b.foes[i], defending);
        if (world.hero.hp <= 0) { world.lost = true; return; }
      }
    }
    b.round++;
    var living = alive(b);
    if (!living.length) endBattle(G, world);
    else if (living.indexOf(b.target) < 0) b.target = living[0];
  }

  function endBattle(G, world) {
    var b = world.battle, h = world.hero, xp = 0, pts = 0, step = num(G.cfg.xp_step, 10);
    world.beaten[b.enc] = true; world.battle = null;
    b.foes.forEach(function (f) { xp += f.xp; pts += f.points; });
    h.xp += xp; world.score += pts; G.addScore(pts);
    toast(world, 'Victory! +' + xp + ' XP', '#7dff7d');
    var up = false;
    while (h.xp >= h.lvl * step) {
      h.xp -= h.lvl * step; h.lvl++; up = true;
      h.max_hp += num(G.cfg.hp_gain, 6); h.hp += num(G.cfg.hp_gain, 6);
      h.max_mp += num(G.cfg.mp_gain, 2); h.mp += num(G.cfg.mp_gain, 2);
      h.atk += num(G.cfg.atk_gain, 2);
    }
    if (up) { toast(world, 'Level up! Lv ' + h.lvl, '#ffd34d'); G.sfx('levelup'); }
    if (b.boss) world.won = true;
  }

  // One key press (rules.py: World.press), then what the game does around it.
  function press(G, world, a) {
    if (world.won || world.lost) return '';
    var b = world.battle, what = '';
    if (!b) { if (DIRS[a]) what = move(G, world, DIRS[a][0], DIRS[a][1]); }
    else if (a === 'up' || a === 'down') { b.sel = (b.sel + (a === 'down' ? 1 : MENU.length - 1)) % MENU.length; G.sfx('select'); }
    else if (a === 'left' || a === 'right') {
      var living = alive(b), at = Math.max(0, living.indexOf(b.target));
      b.target = living[(at + (a === 'right' ? 1 : living.length - 1)) % living.length]; G.sfx('select');
    } else if (a === 'action') what = choose(G, world);
    if (world.won) { world.done = true; G.win(); }
    else if (world.lost) {
      world.done = true;
      var why = 'defeated in battle';
      if (G.lives !== null) G.hurt(why); else G.gameOver(why);
    }
    return what;
  }

  function toast(world, text, color) { world.toasts.push({ text: text, color: color, t: 0 }); }

  // ---- the module --------------------------------------------------------------------------------
  function attachPointer(G) {
    if (G.headless || G.rpgPointer || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas) return;
    G.rpgPointer = true;
    canvas.addEventListener('pointerdown', function (e) {
      if (G.status !== 'playing' || !G.world) return;
      var r = canvas.getBoundingClientRect();
      var s = Math.min(r.width / G.W, r.height / G.H) || 1;
      var ox = (r.width - G.W * s) / 2, oy = (r.height - G.H * s) / 2;
      G.world.taps.push([(e.clientX - r.left - ox) / s, (e.clientY - r.top - oy) / s]);
    });
  }

  function start(G, level) {
    var cfg = G.cfg || {}, hero = {};
    var src = level.hero || {};
    ['hp', 'max_hp', 'mp', 'max_mp', 'atk', 'df', 'spd', 'lvl', 'xp', 'potions'].forEach(function (k) { hero[k] = num(src[k], 1); });
    var world = {
      grid: level.grid || ['###', '#.#', '###'], x: (level.start || [1, 1])[0], y: (level.start || [1, 1])[1],
      exit: level.exit || [1, 1], hero: hero, encounters: level.encounters || [], beaten: [], pickups: level.pickups || [],
      taken: [], battle: null, won: false, lost: false, done: false, score: 0, log: [], toasts: [], taps: [],
      potionName: cfg.potion_name || 'Potion', t: 0, tween: 0, heroFlash: 0, refused: 0, facing: 1
    };
    world.encounters.forEach(function () { world.beaten.push(false); });
    world.pickups.forEach(function () { world.taken.push(false); });
    // Score earned in a level is given back when it starts again (R, a lost life): no farming.
    if (G.rpgBase && G.rpgBase.level === G.levelIndex && G.rpgBase.game === G.cleared) G.score = Math.min(G.score, G.rpgBase.score);
    G.rpgBase = { level: G.levelIndex, score: G.score, game: G.cleared };
    attachPointer(G);
    return world;
  }

  function tap(G, world, x, y) {
    var b = world.battle;
    if (!b) {
      var hx = OX + world.x * T + T / 2, hy = OY + world.y * T + T / 2, dx = x - hx, dy = y - hy;
      if (Math.abs(dx) < T / 2 && Math.abs(dy) < T / 2) return;
      press(G, world, Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 'right' : 'left') : (dy > 0 ? 'down' : 'up'));
      return;
    }
    for (var i = 0; i < MENU.length; i++) {
      var r = menuRect(i);
      if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) {
        if (b.sel === i) press(G, world, 'action'); else { b.sel = i; G.sfx('select'); }
        return;
      }
    }
    b.foes.forEach(function (f, k) {
      var c = foeSpot(b, k);
      if (f.hp > 0 && Math.abs(x - c.x) < c.s / 2 && Math.abs(y - c.y) < c.s / 2) { b.target = k; G.sfx('select'); }
    });
  }

  function update(G, world, dt) {
    world.t += dt;
    world.tween = Math.max(0, world.tween - dt * 8);
    world.heroFlash = Math.max(0, world.heroFlash - dt);
    world.refused = Math.max(0, world.refused - dt);
    world.toasts.forEach(function (f) { f.t += dt / 2; });
    world.toasts = world.toasts.filter(function (f) { return f.t < 1; });
    if (world.battle) world.battle.foes.forEach(function (f) { f.flash = Math.max(0, f.flash - dt); f.lunge = Math.max(0, f.lunge - dt); });
    if (world.done) return;
    var keys = ['up', 'down', 'left', 'right', 'action'];
    for (var k = 0; k < keys.length && !world.done; k++) {
      if (G.pressed[keys[k]]) {
        if (keys[k] === 'left') world.facing = -1; else if (keys[k] === 'right') world.facing = 1;
        press(G, world, keys[k]);
      }
    }
    while (world.taps.length && !world.done) { var p = world.taps.shift(); tap(G, world, p[0], p[1]); }
  }

  // ---- drawing ---------------------------------------------------------------------------------
  function bar(G, ctx, x, y, w, v, max, color, label) {
    ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(x, y, w, 7);
    ctx.fillStyle = color; ctx.fillRect(x + 1, y + 1, Math.round((w - 2) * Math.max(0, v) / Math.max(1, max)), 5);
    G.text(label + ' ' + v + '/' + max, x, y - 9, { size: 8 });
  }
  function flask(ctx, x, y, s, color) {
    ctx.fillStyle = color; ctx.beginPath(); ctx.arc(x + s / 2, y + s * 0.62, s * 0.32, 0, Math.PI * 2); ctx.fill();
    ctx.fillRect(x + s * 0.4, y + s * 0.15, s * 0.2, s * 0.3);
  }

  function drawMap(G, world, ctx) {
    var g = world.grid, x, y;
    for (y = 0; y < g.length; y++) {
      for (x = 0; x < g[y].length; x++) {
        var wallTile = g[y].charAt(x) === '#';
        ctx.fillStyle = wallTile ? G.color('terrain', '#3b3355') : G.color('sky', '#1d1b2a');
        ctx.fillRect(OX + x * T, OY + y * T, T, T);
        G.tile(wallTile ? 'wall' : 'floor', OX + x * T, OY + y * T, { screen: true, color: wallTile ? G.color('terrain', '#3b3355') : G.color('sky', '#1d1b2a') });
      }
    }
    G.tile('exit', OX + world.exit[0] * T, OY + world.exit[1] * T, { screen: true, color: G.color('goal', '#fde74c') });
    world.pickups.forEach(function (p, k) {
      if (world.taken[k]) return;
      var px = OX + p.x * T, py = OY + p.y * T + Math.round(Math.sin(world.t * 3 + k) * 1);
      if (p.slug && hasFrame(G, p.slug)) G.sprite(p.slug, G.anim(p.slug, 'idle', world.t), px + 2, py + 2, { w: 12, h: 12, screen: true });
      else if (p.kind === 'potion') flask(ctx, px + 2, py + 2, 12, '#e04f7a');
      else G.sprite(p.slug, 0, px + 3, py + 3, { w: 10, h: 10, screen: true, color: G.color('item', '#ffd34d') });
    });
    world.encounters.forEach(function (e, k) {
      if (world.beaten[k]) return;
      var slug = e.party[0].slug, s = e.boss ? 20 : 16, ex = OX + e.x * T - (s - T) / 2, ey = OY + e.y * T - (s - T);
      G.sprite(slug, G.anim(slug, 'move', world.t + k), ex, ey + Math.round(Math.sin(world.t * 4 + k)), { w: s, h: s, screen: true, flip: true, color: G.color('enemy', '#c3423f') });
      if (e.party.length > 1) G.text('x' + e.party.length, ex + s - 2, ey - 4, { size: 7, color: '#ff9d9d' });
      if (e.boss) G.text('BOSS', OX + e.x * T + T / 2, ey - 9, { align: 'center', size: 7, color: '#ff6b6b' });
    });
    var slug = (G.roles || {}).player || 'player';
    G.sprite(slug, G.anim(slug, world.tween > 0 ? 'move' : 'idle', world.t), OX + world.x * T, OY + world.y * T - Math.round(world.tween * 3),
      { screen: true, flip: world.facing < 0, color: G.color('player', '#5bc0eb') });
  }

  function foeSpot(b, k) {
    var n = b.foes.length, s = b.boss ? 72 : 48;
    return { x: 330 + (n > 1 ? (k - (n - 1) / 2) * 80 : 0), y: 92, s: s };
  }
  function menuRect(i) { return { x: MENU_BOX.x + 6, y: MENU_BOX.y + 4 + i * 14, w: MENU_BOX.w - 12, h: 13 }; }

  // What the foe does next, with the damage it would deal the hero (undefended).
  function intentLabel(G, world, f) {
    var k = intent(f), df = world.hero.df;
    return k === 'attack' ? ['Attack ' + foeDamage(f.atk, df, false), '#ff6b6b'] : k === 'heavy' ? ['HEAVY ' + foeDamage(2 * f.atk, df, false), '#ff3b3b']
      : k === 'heal' ? ['Heal', '#7dff7d'] : ['Charging...', '#ffd34d'];
  }

  function drawBattle(G, world, ctx) {
    var b = world.battle, h = world.hero, i;
    ctx.fillStyle = 'rgba(10,8,20,0.92)'; ctx.fillRect(0, 14, G.W, G.H - 14);
    ctx.fillStyle = G.color('terrain', '#3b3355'); ctx.fillRect(0, 140, G.W, 30);
    G.text(b.boss ? 'BOSS BATTLE' : 'BATTLE', G.W / 2, 18, { align: 'center', size: 10, color: b.boss ? '#ff6b6b' : '#ffd34d' });
    G.text('Round ' + (b.round + 1), G.W - 8, 18, { align: 'right', size: 8 });
    // the hero
    var slug = (G.roles || {}).player || 'player', shake = world.heroFlash > 0 ? Math.round(Math.sin(world.t * 60) * 3) : 0;
    G.sprite(slug, G.anim(slug, 'idle', world.t), 60 + shake, 70, { w: 56, h: 56, screen: true, color: G.color('player', '#5bc0eb'),
      alpha: world.heroFlash > 0 && Math.floor(world.t * 20) % 2 === 0 ? 0.4 : 1 });
    G.text(String((G.spec.player || {}).name || 'Hero') + '  Lv ' + h.lvl, 30, 36, { size: 9, color: '#9dd7ff' });
    bar(G, ctx, 30, 140, 110, h.hp, h.max_hp, '#e0484f', 'HP');
    bar(G, ctx, 30, 160, 110, h.mp, h.max_mp, '#4f7cff', 'MP');
    // the foes, their HP and what each will do next
    for (i = 0; i < b.foes.length; i++) {
      var f = b.foes[i], c = foeSpot(b, i), s = c.s;
      if (f.hp <= 0) { G.sprite(f.slug, 0, c.x - s / 2, c.y - s / 2 + 10, { w: s, h: s, screen: true, alpha: 0.2, flip: true }); continue; }
      var lunge = f.lunge > 0 ? Math.round(Math.sin(f.lunge / 0.3 * Math.PI) * 16) : 0;
      G.sprite(f.slug, G.anim(f.slug, 'move', world.t + i), c.x - s / 2 - lunge, c.y - s / 2 + Math.round(Math.sin(world.t * 2 + i) * 2),
        { w: s, h: s, screen: true, flip: true, color: G.color('enemy', '#c3423f'), alpha: f.flash > 0 && Math.floor(world.t * 20) % 2 === 0 ? 0.35 : 1 });
      G.text(nameOf(G, f.slug), c.x, c.y + s / 2 + 2, { align: 'center', size: 8 });
      bar(G, ctx, c.x - 30, c.y + s / 2 + 22, 60, f.hp, f.max, '#e0484f', 'HP');
      var it = intentLabel(G, world, f);
      ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(c.x - 34, c.y - s / 2 - 18, 68, 12);
      G.text(it[0], c.x, c.y - s / 2 - 17, { align: 'center', size: 8, color: it[1] });
      if (i === b.target) {
        var ay = c.y - s / 2 - 28 + Math.round(Math.sin(world.t * 6) * 2);
        ctx.fillStyle = '#ffffff'; ctx.beginPath(); ctx.moveTo(c.x - 5, ay); ctx.lineTo(c.x + 5, ay); ctx.lineTo(c.x, ay + 6); ctx.closePath(); ctx.fill();
      }
    }
    // the menu
    ctx.fillStyle = G.color('ui', '#1a1c2c'); ctx.fillRect(MENU_BOX.x, MENU_BOX.y, MENU_BOX.w, MENU_BOX.h);
    ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 1; ctx.strokeRect(MENU_BOX.x + 0.5, MENU_BOX.y + 0.5, MENU_BOX.w - 1, MENU_BOX.h - 1);
    var labels = ['Attack', (G.cfg.skill_name || 'Skill') + ' ' + num(G.cfg.skill_cost, 4) + 'MP', world.potionName + ' x' + h.potions, 'Defend', 'Flee'];
    for (i = 0; i < MENU.length; i++) {
      var r = menuRect(i), off = (i === 1 && h.mp < num(G.cfg.skill_cost, 4)) || (i === 2 && h.potions <= 0) || (i === 4 && b.boss);
      if (i === b.sel) { ctx.fillStyle = world.refused > 0 ? '#7a2a2a' : G.color('accent', '#f4a259'); ctx.fillRect(r.x, r.y, r.w, r.h); }
      G.text((i === b.sel ? '> ' : '  ') + labels[i], r.x + 2, r.y + 2, { size: 9, color: off ? '#777777' : (i === b.sel ? '#1a1c2c' : '#ffffff'), shadow: i !== b.sel });
    }
    // what happened this round
    ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(126, 176, G.W - 134, 78);
    var help = ['Attack: hit the target (Left/Right to aim)', (G.cfg.skill_name || 'Skill') + ': hit ALL foes, costs MP',
      world.potionName + ': heal ' + num(G.cfg.potion_heal, 15) + ' HP', 'Defend: halve the damage this round', b.boss ? 'No escape from the boss!' : 'Flee: leave the battle'];
    G.text(help[b.sel], 132, 180, { size: 8, color: '#9dd7ff' });
    (world.log || []).slice(-5).forEach(function (l, k) { G.text(l.slice(0, 54), 132, 192 + k * 12, { size: 8, color: world.refused > 0 && k === 0 ? '#ff9d9d' : '#ffffff' }); });
  }

  function draw(G, world, ctx) {
    G.cam.x = 0; G.cam.y = 0;
    if (world.battle) drawBattle(G, world, ctx); else drawMap(G, world, ctx);
    world.toasts.forEach(function (f, k) {
      ctx.globalAlpha = Math.max(0, 1 - f.t);
      G.text(f.text, G.W / 2, 120 - k * 14 - f.t * 20, { align: 'center', size: 11, color: f.color });
      ctx.globalAlpha = 1;
    });
  }

  function player(world) { return { x: OX + world.x * T, y: OY + world.y * T }; }

  function hud(G, world) {
    var h = world.hero;
    return 'Lv ' + h.lvl + '  HP ' + h.hp + '/' + h.max_hp + '  MP ' + h.mp + '/' + h.max_mp + '  ' + world.potionName + ' x' + h.potions +
      '  XP ' + h.xp + '/' + (h.lvl * num(G.cfg.xp_step, 10));
  }

  // QA hooks (maestro/genres/rpg/qa.py): the level in play as plain JSON.
  var qa = {
    view: function (G, world) {
      var b = world.battle;
      return {
        x: world.x, y: world.y, hero: JSON.parse(JSON.stringify(world.hero)), beaten: world.beaten.slice(),
        taken: world.taken.slice(), won: world.won, lost: world.lost, score: world.score, log: (world.log || []).slice(),
        battle: b ? { enc: b.enc, boss: b.boss, sel: b.sel, target: b.target, round: b.round,
          foes: b.foes.map(function (f) { return { slug: f.slug, hp: f.hp, max: f.max, step: f.step, intent: intent(f) }; }) } : null
      };
    }
  };

  Maestro.registerGenre('rpg', {
    start: start, update: update, draw: draw, player: player, hud: hud, qa: qa,
    // Lives only when the GDD gives some (then a lost battle costs one and the level starts again).
    usesLives: function (spec) {
      return (spec.mechanics || []).some(function (m) { return m.id === 'lives'; });
    },
    help: 'Arrows walk the map; bump a foe to fight. In battle Up/Down pick, Left/Right aim, Space acts',
    cast: { enemies: 'fight', items: 'collect' }  // the title screen's words: foes are fought, not avoided
  });
})();
