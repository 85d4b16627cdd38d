/* Maestro genre module: idle (mode "milestones").
 *
 * The rules are exactly those of maestro/genres/idle/rules.py (Economy), whose greedy strategy proves
 * every level; all integers, so both agree bit for bit. One step a frame, in this order:
 *  1. Up / Down move the shop's cursor one row (wrapping);
 *  2. Right buys the cursor's row, then each queued buy (number keys 1-9, a tapped row) buys its row and
 *     puts the cursor there. A generator costs w.cost[i], then max(cost + 1, (cost * GROWTH + 50) / 100
 *     floored); an upgrade is bought once, only with its generator owned (the click's always), and
 *     multiplies that generator's rate (or the click) by its factor; a buy the bank can't pay is refused;
 *  3. Space (and each tap on the big thing) clicks: click * click_mult;
 *  4. income: acc += (clicks * click * click_mult * 60 + rate) * boost (rate: owned * rate * mult summed;
 *     boost: 100 + prestige.bonus per point), acc / 6000 floored is paid, acc % 6000 kept;
 *  5. the bank reaching level.goal wins the milestone; frame level.frames without it loses.
 *  Prestige (level.prestige, when the GDD asks): the shop's last row, bought once this run has earned
 *  prestige.need: run / need points (floored), then the bank, generators, prices, upgrades, click anew.
 * Number keys and pointer taps are this module's own listeners (the runtime maps neither): they queue
 * into w.queue, read at step 2 / 3 of the next frame.
 */
(function () {
  'use strict';

  var FPS = 60, GROWTH = 115;
  var HEART_X = 120, HEART_Y = 146, HEART_R = 52;          // the big thing, on the 480x270 screen
  var SHOP_X = 252, SHOP_Y = 40, SHOP_W = 222, ROW_H = 24;  // the shop's rows

  // ---- the rule book (rules.py: Economy) --------------------------------------------------------------
  function nextCost(cost) { return Math.max(cost + 1, Math.floor((cost * GROWTH + 50) / 100)); }
  function economy(level) {
    var gens = (level.gens || []).map(function (g) { return { cost: g.cost, rate: g.rate, name: g.name, slug: g.slug || '' }; });
    var ups = (level.upgrades || []).map(function (u) { return { cost: u.cost, target: u.target, factor: u.factor, name: u.name }; });
    var pre = level.prestige ? { need: level.prestige.need, bonus: level.prestige.bonus, name: level.prestige.name } : null;
    return { mode: 'milestones', gens: gens, upgrades: ups, click: level.click, goal: level.goal, frames: level.frames,
             prestige: pre, run: 0, points: 0, bank: level.start || 0, earned: 0, f: 0, acc: 0, cursor: 0, clicks: 0, click_mult: 1,
             owned: gens.map(function () { return 0; }), cost: gens.map(function (g) { return g.cost; }),
             mult: gens.map(function () { return 1; }), bought: ups.map(function () { return false; }),
             won: false, over: false };
  }
  function rows(m) { return m.gens.length + m.upgrades.length + (m.prestige ? 1 : 0); }
  function boost(m) { return 100 + (m.prestige ? m.prestige.bonus * m.points : 0); }
  function rate(m) { var r = 0; for (var i = 0; i < m.gens.length; i++) r += m.owned[i] * m.gens[i].rate * m.mult[i]; return r; }
  function clickValue(m) { return m.click * m.click_mult; }
  function price(m, row) {
    var n = m.gens.length;
    if (row < n) return m.cost[row];
    var u = row - n;
    if (u === m.upgrades.length && m.prestige) return m.run >= m.prestige.need ? 0 : null;
    if (u >= m.upgrades.length || m.bought[u]) return null;
    var t = m.upgrades[u].target;
    if (t >= 0 && m.owned[t] === 0) return null;
    return m.upgrades[u].cost;
  }
  function buy(m, row) {
    var p = (row >= 0 && row < rows(m)) ? price(m, row) : null;
    if (p === null || m.bank < p) return 'refused';
    var n = m.gens.length;
    if (row === n + m.upgrades.length) return beginAnew(m);
    m.bank -= p;
    if (row < n) { m.owned[row]++; m.cost[row] = nextCost(m.cost[row]); return 'buy'; }
    var u = m.upgrades[row - n];
    m.bought[row - n] = true;
    if (u.target < 0) m.click_mult *= u.factor; else m.mult[u.target] *= u.factor;
    return 'upgrade';
  }
  function beginAnew(m) {
    m.points += Math.floor(m.run / m.prestige.need);
    m.bank = 0; m.run = 0; m.acc = 0; m.click_mult = 1;
    m.owned = m.gens.map(function () { return 0; }); m.cost = m.gens.map(function (g) { return g.cost; });
    m.mult = m.gens.map(function () { return 1; }); m.bought = m.upgrades.map(function () { return false; });
    return 'prestige';
  }
  // One frame: p = {up, down, right, clicks, buys: [row, ...]}; what happened last.
  function econStep(m, p, G) {
    if (m.won || m.over) return '';
    var what = '', n = rows(m);
    m.f++;
    if (p.up) { m.cursor = (m.cursor - 1 + n) % n; what = 'cursor'; }
    if (p.down) { m.cursor = (m.cursor + 1) % n; what = 'cursor'; }
    if (p.right) what = buy(m, m.cursor);
    for (var b = 0; b < p.buys.length; b++) {
      if (p.buys[b] >= 0 && p.buys[b] < n) { m.cursor = p.buys[b]; what = buy(m, p.buys[b]); }
    }
    if (p.clicks) { m.clicks += p.clicks; what = what || 'click'; }
    m.acc += (p.clicks * clickValue(m) * FPS + rate(m)) * boost(m);
    var paid = Math.floor(m.acc / (FPS * 100));
    m.acc = m.acc % (FPS * 100);
    m.bank += paid; m.earned += paid; m.run += paid; if (paid) G.addScore(paid);
    if (m.bank >= m.goal) { m.won = true; return 'won'; }
    if (m.f >= m.frames) { m.over = true; return 'lost'; }
    return what;
  }

  // ---- the module's own input: number keys and pointer taps ------------------------------------------
  function rowAt(w, x, y) {
    if (x < SHOP_X || x > SHOP_X + SHOP_W || y < SHOP_Y) return -1;
    var r = Math.floor((y - SHOP_Y) / ROW_H);
    return r < rows(w) ? r : -1;
  }
  function onHeart(x, y) { var dx = x - HEART_X, dy = y - HEART_Y; return dx * dx + dy * dy <= HEART_R * HEART_R; }
  // A tap at game pixel (x, y): the big thing clicks, a shop row buys (queued for the next frame).
  function tapAt(w, x, y) {
    if (onHeart(x, y)) { w.queue.push({ click: 1 }); return 'click'; }
    var r = rowAt(w, x, y);
    if (r >= 0) { w.queue.push({ buy: r }); return 'buy'; }
    return '';
  }
  function attachInput(G) {
    if (G.headless || G.idleInput || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas || !canvas.addEventListener) return;
    G.idleInput = true;
    window.addEventListener('keydown', function (e) {
      var d = /^(?:Digit|Numpad)([1-9])$/.exec(e.code || '');
      if (!d || e.repeat || G.status !== 'playing' || !G.world || !G.world.queue) return;
      e.preventDefault();
      G.world.queue.push({ buy: parseInt(d[1], 10) - 1 });
    });
    canvas.addEventListener('pointerdown', function (e) {
      if (G.status !== 'playing' || !G.world || !G.world.queue) return;
      var r = canvas.getBoundingClientRect();
      var s = Math.min(r.width / 480, r.height / 270) || 1;
      var ox = (r.width - 480 * s) / 2, oy = (r.height - 270 * s) / 2;
      tapAt(G.world, (e.clientX - r.left - ox) / s, (e.clientY - r.top - oy) / s);
    });
  }

  // ---- the game module -------------------------------------------------------------------------------
  function start(G, level) {
    attachInput(G);
    var w = economy(level);
    w.t = 0; w.done = false; w.last_what = ''; w.queue = []; w.pulse = 0; w.pops = []; w.refusedRow = -1;
    w.currency = G.cfg.currency || 'Coins';
    return w;
  }

  // What each outcome sounds like (literal names: QA reads which sounds the code plays).
  function sound(G, what) {
    if (what === 'click') G.sfx('blip');
    else if (what === 'buy') G.sfx('coin');
    else if (what === 'upgrade') G.sfx('powerup');
    else if (what === 'refused') G.sfx('undo');
    else if (what === 'cursor') G.sfx('step');
    else if (what === 'prestige') G.sfx('levelup');
  }

  function update(G, w, dt) {
    w.t += dt;
    w.pulse = Math.max(0, w.pulse - dt * 4);
    for (var k = w.pops.length - 1; k >= 0; k--) { w.pops[k].t += dt; if (w.pops[k].t > 0.8) w.pops.splice(k, 1); }
    if (w.done) return;
    var p = { up: !!G.pressed.up, down: !!G.pressed.down, right: !!G.pressed.right, clicks: G.pressed.action ? 1 : 0, buys: [] };
    var q = w.queue; w.queue = [];
    for (var i = 0; i < q.length; i++) { if (q[i].click) p.clicks++; else p.buys.push(q[i].buy); }
    var before = w.bank;
    var what = econStep(w, p, G);
    if (p.clicks) {
      w.pulse = 1;
      if (w.pops.length < 12) w.pops.push({ t: 0, text: '+' + clickValue(w) * p.clicks, x: HEART_X + ((w.clicks * 37) % 60) - 30 });
    }
    if (what) w.last_what = what;
    if (what === 'refused') w.refusedRow = w.cursor;
    sound(G, what === 'won' || what === 'lost' ? (p.clicks ? 'click' : '') : what);
    w.gained = w.bank - before;
    if (w.won) { w.done = true; G.win(); }
    else if (w.over) { w.done = true; G.gameOver('time ran out short of ' + w.goal + ' ' + w.currency); }
  }

  // ---- drawing ---------------------------------------------------------------------------------------
  function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function panel(ctx, x, y, w, h, hi) {
    ctx.fillStyle = hi ? 'rgba(255,255,255,0.18)' : 'rgba(0,0,0,0.72)'; ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = hi ? 'rgba(255,230,120,0.9)' : 'rgba(255,255,255,0.22)'; ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  }
  function draw(G, w, ctx) {
    // the currency, its rate and the milestone
    panel(ctx, 6, 18, 236, 50);
    G.text(fmt(w.bank) + ' ' + String(w.currency).slice(0, 14), 12, 22, { size: 14, color: G.color('accent', '#ffd34d') });
    G.text('+' + fmt(Math.floor(rate(w) * boost(w) / 100)) + ' per second   click +' + fmt(Math.floor(clickValue(w) * boost(w) / 100)) +
      (w.prestige && w.points ? '   +' + (boost(w) - 100) + '% ' + String(w.prestige.name).slice(0, 10) : ''), 12, 40, { size: 8 });
    var left = Math.max(0, Math.ceil((w.frames - w.f) / FPS));
    G.text('GOAL ' + fmt(w.goal) + '   ' + left + ' s left', 12, 52, { size: 8, color: left < 10 ? '#ff7d7d' : '#a6ff9d' });
    ctx.fillStyle = 'rgba(255,255,255,0.15)'; ctx.fillRect(12, 62, 224, 3);
    ctx.fillStyle = '#7ad04f'; ctx.fillRect(12, 62, Math.round(224 * Math.min(1, w.bank / Math.max(1, w.goal))), 3);
    // the big thing: the GDD's own sprite when it has one, else a glowing disc
    var s = 1 + 0.08 * w.pulse, r = Math.round(HEART_R * s);
    ctx.fillStyle = 'rgba(255,255,255,0.08)'; ctx.beginPath(); ctx.arc(HEART_X, HEART_Y, r + 8, 0, Math.PI * 2); ctx.fill();
    var slug = G.cfg.clicked_slug;
    if (slug) G.sprite(slug, 0, HEART_X - r, HEART_Y - r, { w: 2 * r, h: 2 * r, screen: true, color: G.color('item') });
    else { ctx.fillStyle = G.color('item', '#ff6fa8'); ctx.beginPath(); ctx.arc(HEART_X, HEART_Y, r, 0, Math.PI * 2); ctx.fill(); }
    G.text(String(G.cfg.clicked || '').slice(0, 22), HEART_X, HEART_Y + HEART_R + 10, { align: 'center', size: 9 });
    // who clicks: the GDD's player, at the big thing's side
    var ps = G.roles.player;
    if (ps) G.sprite(ps, G.anim(ps, w.pulse > 0 ? 'walk' : 'idle', w.t), 10, 206, { w: 32, h: 32, screen: true, color: G.color('player') });
    G.text(String((G.spec.player || {}).name || '').slice(0, 16), 26, 240, { align: 'center', size: 7, color: '#9dd7ff' });
    w.pops.forEach(function (pp) { G.text(pp.text, pp.x, HEART_Y - HEART_R - 4 - 30 * pp.t, { align: 'center', size: 10, color: '#ffe066' }); });
    // the shop: generators (owned, price) then upgrades
    var n = w.gens.length;
    G.text('SHOP   1-9 or Up/Down + Right', SHOP_X, SHOP_Y - 14, { size: 8, color: '#9dd7ff' });
    for (var row = 0; row < rows(w); row++) {
      var y = SHOP_Y + row * ROW_H, p = price(w, row), afford = p !== null && w.bank >= p;
      panel(ctx, SHOP_X, y, SHOP_W, ROW_H - 2, row === w.cursor);
      var name, right;
      if (row < n) {
        var g = w.gens[row];
        if (g.slug) G.sprite(g.slug, 0, SHOP_X + 16, y + 2, { w: 18, h: 18, screen: true, color: G.color('player') });
        name = g.name; right = 'x' + w.owned[row];
        G.text('+' + g.rate * w.mult[row] + '/s', SHOP_X + 150, y + 12, { size: 7, color: '#cfe' });
      } else if (row === n + w.upgrades.length) {
        name = w.prestige.name + ' (+' + w.prestige.bonus + '% a point)';
        right = w.points + ' pts';
        p = p === null ? null : Math.floor(w.run / w.prestige.need);  // shown: the points it would give
      } else {
        var u = w.upgrades[row - n];
        name = u.name + ' x' + u.factor; right = w.bought[row - n] ? 'bought' : (p === null ? 'locked' : '');
      }
      G.text(String(row + 1), SHOP_X + 4, y + 6, { size: 8, color: '#ffe066' });
      G.text(String(name).slice(0, 24), SHOP_X + 38, y + 2, { size: 8 });
      var priceText = p === null ? (row === n + w.upgrades.length ? 'at ' + fmt(w.prestige.need) + ' this run' : '')
        : (row === n + w.upgrades.length ? '+' + p + ' pts, begin anew' : fmt(p));
      G.text(priceText, SHOP_X + 38, y + 12, { size: 7, color: afford ? '#a6ff9d' : '#ff9d9d' });
      if (right) G.text(right, SHOP_X + SHOP_W - 6, y + 6, { align: 'right', size: 8, color: '#ffffff' });
    }
  }

  function player(w) { return { x: HEART_X, y: HEART_Y }; }

  function hud(G, w) {
    return 'Space / tap the ' + String(G.cfg.clicked || 'big thing').slice(0, 18) + ' to earn ' + w.currency + ', 1-9 buy';
  }

  // QA hooks (maestro/genres/idle/qa.py): the level as plain JSON, a number key, a tap.
  var qa = {
    view: function (G, w) {
      return { mode: w.mode, f: w.f, bank: w.bank, earned: w.earned, run: w.run, points: w.points, acc: w.acc, cursor: w.cursor, clicks: w.clicks,
               click_mult: w.click_mult, owned: w.owned.slice(), cost: w.cost.slice(), mult: w.mult.slice(),
               bought: w.bought.slice(), rate: rate(w), won: w.won, over: w.over };
    },
    digit: function (G, w, d) { w.queue.push({ buy: d - 1 }); },
    tap: function (G, w, x, y) { return tapAt(w, x, y); },
    layout: { heart: [HEART_X, HEART_Y, HEART_R], shop: [SHOP_X, SHOP_Y, SHOP_W, ROW_H] }
  };

  Maestro.registerGenre('idle', {
    start: start, update: update, draw: draw, player: player, hud: hud, qa: qa,
    usesLives: false,  // a milestone is reached or the clock runs out
    cast: { you: 'you', enemies: '', items: 'click' },
    help: function (G) {
      return 'Space or tap: ' + String(G.cfg.clicked || 'click') + ' earns ' + String(G.cfg.currency || 'coins') +
        '. 1-9 or Up/Down + Right buy what earns per second';
    }
  });
})();
