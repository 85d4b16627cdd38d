/* Maestro genre module: simulation (modes "farm", "pet" and "shop").
 *
 * The rules are exactly those of maestro/genres/simulation/farm.py and pet.py, whose strategies prove
 * every level; all integers, so both agree bit for bit:
 *  farm: w x h plots and, right of them, a column of buildings: the seed shop (row 0), the market bin
 *    (row 1), the bed (row 2). Arrows / WASD move the cursor; Space / Enter acts under it: grass is
 *    tilled; a tilled empty plot is sown with the selected crop, its seed bought for crop.cost coins
 *    (refused when short); a growing crop not watered today is watered; a ripe one (grown crop.days
 *    nights) is harvested into the basket. The shop selects the next crop; the bin sells the basket for
 *    the crops' prices (coins and score); the bed ends the day. Every act but selecting (and a refusal)
 *    spends one of the day's level.ticks tasks; when they run out the day ends as if slept. At night each
 *    watered crop grows a stage and the soil dries. Coins reaching level.goal (on a sale) win; the night
 *    of the last day (level.days) passing short of it loses.
 *  pet: needs 0..100 (level.needs: hunger / happy / energy / clean), one care button each. Per frame:
 *    Left / Right move the button cursor (round); Space cares unless the pet is busy (BUSY frames after an
 *    action): the need rises by RESTORE (to 100), playing tires (energy -PLAY_TIRES), eating soils (clean
 *    -FEED_SOILS). Every level.tick frames an hour passes: needs fall by their rate; an hour with a need
 *    at 0 counts toward neglect (level.zero_hours in a row lose), an hour with every need >= level.low is
 *    healthy and level.grow healthy hours grow the pet a stage; stage level.target wins.
 *  shop: level.goods on a counter and, right of them, the door. Left / Right move the cursor; Space on a
 *    good buys one for the shelf for good.cost (refused when short, or when level.shelf of it are there);
 *    Space on the door opens for the day: level.orders[day - 1]'s customers each buy their good when it is
 *    on the shelf (good.price: coins and score) or leave; the day ends. Coins reaching level.goal after a
 *    day win; the last day (level.days) closing short of it loses. Stock keeps overnight.
 * module.player(world) is the cursor in screen pixels: the plot (farm), care button (pet) or good (shop) it is on.
 */
(function () {
  'use strict';

  var DIRS = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };
  var KEYS = ['left', 'right', 'up', 'down', 'action'];
  var SHOP = 0, BIN = 1, BED = 2, GRASS = 0, TILLED = 1;
  var NEEDS = ['hunger', 'happy', 'energy', 'clean'];
  var RESTORE = { hunger: 35, happy: 30, energy: 40, clean: 40 };
  var ACTS = { hunger: 'feed', happy: 'play', energy: 'sleep', clean: 'clean' };
  var PLAY_TIRES = 8, FEED_SOILS = 6, BUSY = 12, FULL = 100;

  function grid(w, h, v) {
    var g = [];
    for (var y = 0; y < h; y++) { var r = []; for (var x = 0; x < w; x++) r.push(v); g.push(r); }
    return g;
  }
  function copyGrid(b) { return b.map(function (r) { return r.slice(); }); }

  // ---- farm: the rule book (farm.py: Farm) -----------------------------------------------------------
  function farmStart(level) {
    var w = level.w, h = level.h, crops = (level.crops || []).map(function (c) { return { name: c.name, cost: c.cost, price: c.price, days: c.days, slug: c.slug || '' }; });
    return { mode: 'farm', w: w, h: h, crops: crops, coins: level.coins, goal: level.goal, days: level.days, ticks: level.ticks,
             soil: level.soil ? copyGrid(level.soil) : grid(w, h, GRASS), crop: grid(w, h, -1), growth: grid(w, h, 0),
             wet: grid(w, h, 0), basket: crops.map(function () { return 0; }), cx: 0, cy: 0, sel: 0, day: 1, tick: 0,
             score: 0, won: false, over: false };
  }
  function ripe(m, x, y) { var c = m.crop[y][x]; return c >= 0 && m.growth[y][x] >= m.crops[c].days; }
  function night(m) {
    for (var y = 0; y < m.h; y++) for (var x = 0; x < m.w; x++) {
      var c = m.crop[y][x];
      if (c >= 0 && m.wet[y][x]) m.growth[y][x] = Math.min(m.crops[c].days, m.growth[y][x] + 1);
      m.wet[y][x] = 0;
    }
    m.day++; m.tick = 0;
    if (m.day > m.days && !m.won) m.over = true;
  }
  function spend(m) { m.tick++; if (m.tick >= m.ticks && !m.won) night(m); }
  function farmAct(m, G) {
    if (m.won || m.over) return '';
    var x = m.cx, y = m.cy;
    if (x === m.w) {
      if (y === SHOP) { m.sel = (m.sel + 1) % m.crops.length; return 'select'; }
      if (y === BIN) {
        var earned = 0;
        m.basket.forEach(function (n, i) { earned += n * m.crops[i].price; });
        if (!earned) return 'empty';
        m.coins += earned; m.score += earned; G.addScore(earned);
        m.basket = m.crops.map(function () { return 0; });
        if (m.coins >= m.goal) m.won = true;
        spend(m);
        return 'sell';
      }
      if (y === BED) { night(m); return 'sleep'; }
      return '';
    }
    var c = m.crop[y][x], what;
    if (m.soil[y][x] === GRASS) { m.soil[y][x] = TILLED; what = 'till'; }
    else if (c < 0) {
      var cost = m.crops[m.sel].cost;
      if (m.coins < cost) return 'broke';
      m.coins -= cost; m.crop[y][x] = m.sel; m.growth[y][x] = 0; m.wet[y][x] = 0; what = 'sow';
    } else if (ripe(m, x, y)) {
      m.basket[c]++; m.crop[y][x] = -1; m.growth[y][x] = 0; m.wet[y][x] = 0; what = 'harvest';
    } else if (!m.wet[y][x]) { m.wet[y][x] = 1; what = 'water'; }
    else return '';
    spend(m);
    return what;
  }
  function farmKey(m, k, G) {
    if (m.won || m.over) return '';
    var d = DIRS[k];
    if (d) {
      m.cx = Math.min(m.w, Math.max(0, m.cx + d[0]));
      m.cy = Math.min(m.h - 1, Math.max(0, m.cy + d[1]));
      return 'cursor';
    }
    if (k === 'action') return farmAct(m, G);
    return '';
  }

  // ---- pet: the rule book (pet.py: Pet) ---------------------------------------------------------------
  function petStart(level) {
    var needs = level.needs || [];
    return { mode: 'pet', kinds: needs.map(function (n) { return n.kind; }), rates: needs.map(function (n) { return n.rate; }),
             vals: needs.map(function (n) { return n.start; }), tick: level.tick, grow: level.grow, low: level.low,
             zero_hours: level.zero_hours, target: level.target, cursor: 0, busy: 0, f: 0, hour: 0, age: 0, stage: 1,
             zero: 0, won: false, over: false };
  }
  function lower(m, kind, by) {
    var i = m.kinds.indexOf(kind);
    if (i >= 0) m.vals[i] = Math.max(0, m.vals[i] - by);
  }
  function care(m, i) {
    var kind = m.kinds[i];
    m.vals[i] = Math.min(FULL, m.vals[i] + RESTORE[kind]);
    if (kind === 'happy') lower(m, 'energy', PLAY_TIRES);
    else if (kind === 'hunger') lower(m, 'clean', FEED_SOILS);
    m.busy = BUSY;
    return ACTS[kind];
  }
  function hourPasses(m) {
    m.hour++;
    m.vals = m.vals.map(function (v, i) { return Math.max(0, v - m.rates[i]); });
    var least = Math.min.apply(null, m.vals);
    if (least === 0) {
      m.zero++;
      if (m.zero >= m.zero_hours) { m.over = true; return 'neglect'; }
      return 'starving';
    }
    m.zero = 0;
    if (least >= m.low) {
      m.age++;
      if (m.age >= m.grow) {
        m.age = 0; m.stage++;
        if (m.stage >= m.target) { m.won = true; return 'grown'; }
        return 'grow';
      }
    }
    return 'hour';
  }
  function petStep(m, p) {
    if (m.won || m.over) return '';
    m.f++;
    var what = '', n = m.kinds.length;
    if (p.left) { m.cursor = (m.cursor + n - 1) % n; what = 'cursor'; }
    if (p.right) { m.cursor = (m.cursor + 1) % n; what = 'cursor'; }
    if (m.busy > 0) m.busy--;
    else if (p.action) what = care(m, m.cursor);
    if (m.f % m.tick === 0) {
      var passed = hourPasses(m);
      if (passed !== 'hour' || what === '' || what === 'cursor') what = passed;
    }
    return what;
  }

  // ---- shop: the rule book (shop.py: Shop) -----------------------------------------------------------
  function shopStart(level) {
    var goods = (level.goods || []).map(function (g) { return { name: g.name, cost: g.cost, price: g.price, slug: g.slug || '' }; });
    return { mode: 'shop', goods: goods, shelf: level.shelf, orders: (level.orders || []).map(function (o) { return o.slice(); }),
             coins: level.coins, goal: level.goal, days: level.days, stock: goods.map(function () { return 0; }), cursor: 0,
             day: 1, sold: 0, missed: 0, score: 0, won: false, over: false };
  }
  function today(m) { return (m.day > 0 && m.day <= m.orders.length) ? m.orders[m.day - 1] : []; }
  function openShop(m, G) {
    today(m).forEach(function (want) {
      if (m.stock[want] > 0) {
        m.stock[want]--; var price = m.goods[want].price;
        m.coins += price; m.score += price; m.sold++; G.addScore(price);
      } else m.missed++;
    });
    if (m.coins >= m.goal) m.won = true;
    m.day++;
    if (m.day > m.days && !m.won) m.over = true;
    return 'open';
  }
  function shopKey(m, k, G) {
    if (m.won || m.over) return '';
    var n = m.goods.length;
    if (k === 'left' || k === 'right') { m.cursor = Math.min(n, Math.max(0, m.cursor + (k === 'right' ? 1 : -1))); return 'cursor'; }
    if (k !== 'action') return '';
    if (m.cursor === n) return openShop(m, G);
    var good = m.goods[m.cursor];
    if (m.coins < good.cost) return 'broke';
    if (m.stock[m.cursor] >= m.shelf) return 'full';
    m.coins -= good.cost; m.stock[m.cursor]++;
    return 'buy';
  }

  // ---- the game module -------------------------------------------------------------------------------
  function start(G, level) {
    var w = level.mode === 'pet' ? petStart(level) : level.mode === 'shop' ? shopStart(level) : farmStart(level);
    // the GDD's own things, drawn where the game has them: a seed at the shop, the pet's food on Feed
    if (w.mode === 'pet') w.foodSlug = G.cfg.food_slug || ''; else w.seedSlug = G.cfg.seed_slug || '';
    w.t = 0; w.done = false; w.last = ''; w.fx = []; w.level = level;
    return w;
  }

  // What each outcome sounds like (literal names: QA reads which sounds the code plays).
  function sound(G, what) {
    if (what === 'cursor') G.sfx('step');
    else if (what === 'till' || what === 'water' || what === 'select' || what === 'feed' || what === 'play' ||
             what === 'sleep' || what === 'clean') G.sfx('blip');
    else if (what === 'sow' || what === 'buy') G.sfx('push');
    else if (what === 'open') G.sfx('door');
    else if (what === 'harvest' || what === 'sell') G.sfx('coin');
    else if (what === 'grow') G.sfx('powerup');
    else if (what === 'broke' || what === 'empty' || what === 'full') G.sfx('undo');
    else if (what === 'starving') G.sfx('hurt');
  }

  function finish(G, w) {
    if (w.done) return;
    if (w.won) { w.done = true; G.win(); return; }
    if (w.over) { w.done = true; G.gameOver(w.mode === 'pet' ? 'neglected' : 'the days ran out'); }
  }

  function update(G, w, dt) {
    w.t += dt;
    w.fx = w.fx.filter(function (e) { e.t += dt; return e.t < 0.5; });
    if (w.done) return;
    if (w.mode === 'pet') {
      var what = petStep(w, { left: G.pressed.left, right: G.pressed.right, action: G.pressed.action });
      if (what) { w.last = what; sound(G, what); if (what !== 'cursor' && what !== 'hour') w.fx.push({ what: what, t: 0 }); }
      finish(G, w);
      return;
    }
    for (var i = 0; i < KEYS.length && !w.done; i++) {
      if (!G.pressed[KEYS[i]]) continue;
      if (w.mode === 'shop') {
        var sold = w.sold, done = shopKey(w, KEYS[i], G);
        if (done) { w.last = done; sound(G, done); if (done === 'open') w.fx.push({ what: done, sold: w.sold - sold, t: 0 }); }
        finish(G, w);
        continue;
      }
      var day = w.day, did = farmKey(w, KEYS[i], G);
      if (did) { w.last = did; sound(G, did); if (did !== 'cursor') w.fx.push({ what: did, x: w.cx, y: w.cy, t: 0 }); }
      if (w.day !== day && !w.over) G.sfx('door');
      finish(G, w);
    }
  }

  // ---- drawing ---------------------------------------------------------------------------------------
  var G_W = 480, PANEL = 150;
  function shade(hex, k) {
    var n = parseInt(String(hex || '#888888').slice(1), 16);
    var r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    function c(v) { return Math.max(0, Math.min(255, Math.round(k > 0 ? v + (255 - v) * k : v * (1 + k)))); }
    return 'rgb(' + c(r) + ',' + c(g) + ',' + c(b) + ')';
  }
  function panel(ctx, x, y, w, h) {
    ctx.fillStyle = 'rgba(0,0,0,0.55)'; ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = 'rgba(255,255,255,0.25)'; ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  }
  function farmRect(m) {
    var c = Math.min(Math.floor(232 / m.h), Math.floor((G_W - PANEL - 10) / (m.w + 1)), 44);
    return { x: PANEL + Math.round((G_W - PANEL - 10 - (m.w + 1) * c) / 2), y: 20 + Math.round((232 - m.h * c) / 2), c: c };
  }
  // A crop drawn by its growth: a sprout, a leafy stem, then the ripe head in the crop's colour.
  var CROP_COLORS = ['#ff8a3d', '#ffd447', '#e8453c', '#c05fd6', '#7ad04f', '#ffffff'];
  function drawCrop(G, ctx, m, x, y, px, py, s) {
    var c = m.crop[y][x], days = m.crops[c].days, g = m.growth[y][x], cx = px + s / 2;
    var hgt = Math.round(s * (0.2 + 0.5 * Math.min(g, days) / days));
    ctx.fillStyle = '#3f8f2a'; ctx.fillRect(cx - 1, py + s - 5 - hgt, 3, hgt);
    ctx.fillStyle = '#5cc43a';
    ctx.fillRect(cx - 5, py + s - 5 - Math.round(hgt * 0.6), 4, 3); ctx.fillRect(cx + 2, py + s - 5 - Math.round(hgt * 0.8), 4, 3);
    var slug = m.crops[c].slug;
    if (ripe(m, x, y) && slug) {  // the GDD's own item for this crop
      G.sprite(slug, 0, cx - s * 0.22, py + s - 10 - hgt - s * 0.22, { w: Math.round(s * 0.44), h: Math.round(s * 0.44), screen: true, color: G.color('item') });
    } else if (ripe(m, x, y)) {
      ctx.fillStyle = CROP_COLORS[c % CROP_COLORS.length];
      ctx.beginPath(); ctx.arc(cx, py + s - 6 - hgt, Math.max(3, s * 0.16), 0, Math.PI * 2); ctx.fill();
      ctx.fillStyle = 'rgba(255,255,255,0.8)'; ctx.fillRect(cx - 2, py + s - 9 - hgt, 2, 2);
    }
  }
  function building(G, ctx, label, color, px, py, s, on) {
    ctx.fillStyle = shade(color, -0.35); ctx.fillRect(px + 2, py + 2, s - 4, s - 4);
    ctx.fillStyle = color; ctx.fillRect(px + 4, py + 4, s - 8, s - 10);
    ctx.fillStyle = shade(color, 0.4); ctx.fillRect(px + 4, py + 4, s - 8, 3);
    G.text(label, px + s / 2, py + s / 2 - 4, { align: 'center', size: 8, color: on ? '#ffffff' : '#202020', shadow: on });
  }
  function clock(m) {
    var minutes = 6 * 60 + Math.floor(m.tick * 16 * 60 / m.ticks);  // the working day runs 6:00 to 22:00
    var hh = Math.floor(minutes / 60), mm = minutes % 60;
    return (hh < 10 ? '0' : '') + hh + ':' + (mm < 10 ? '0' : '') + mm;
  }
  function drawFarm(G, m, ctx) {
    var r = farmRect(m), s = r.c, soilCol = G.color('ground2', '#8b5a2b'), grass = G.color('ground', '#5aa83c');
    ctx.fillStyle = 'rgba(0,0,0,0.35)'; ctx.fillRect(r.x - 4, r.y - 4, (m.w + 1) * s + 8, m.h * s + 8);
    for (var y = 0; y < m.h; y++) for (var x = 0; x < m.w; x++) {
      var px = r.x + x * s, py = r.y + y * s;
      if (m.soil[y][x] === GRASS) {
        ctx.fillStyle = grass; ctx.fillRect(px, py, s - 1, s - 1);
        ctx.fillStyle = shade(grass, 0.25);
        for (var k = 0; k < 4; k++) ctx.fillRect(px + 4 + ((k * 13 + x * 7) % (s - 8)), py + 5 + ((k * 9 + y * 5) % (s - 10)), 2, 3);
      } else {
        ctx.fillStyle = m.wet[y][x] ? shade(soilCol, -0.4) : soilCol; ctx.fillRect(px, py, s - 1, s - 1);
        ctx.fillStyle = shade(soilCol, -0.2);
        for (var row = 1; row < 4; row++) ctx.fillRect(px + 3, py + Math.round(row * s / 4), s - 7, 1);
        if (m.crop[y][x] >= 0) drawCrop(G, ctx, m, x, y, px, py, s);
      }
    }
    var bx = r.x + m.w * s;
    building(G, ctx, 'SEEDS', G.color('item', '#ffd447'), bx, r.y + SHOP * s, s, false);
    if (m.seedSlug) G.sprite(m.seedSlug, 0, bx + 5, r.y + SHOP * s + 5, { w: 12, h: 12, screen: true });
    building(G, ctx, 'SELL', G.color('accent', '#ffd447'), bx, r.y + BIN * s, s, false);
    building(G, ctx, 'BED', G.color('player2', '#2b59c3'), bx, r.y + BED * s, s, true);
    m.fx.forEach(function (e) {
      if (e.x === undefined) return;
      ctx.fillStyle = 'rgba(255,255,255,' + (0.5 * (1 - e.t / 0.5)).toFixed(2) + ')';
      ctx.fillRect(r.x + e.x * s, r.y + e.y * s, s - 1, s - 1);
      if (e.what === 'sell' || e.what === 'harvest') G.text(e.what === 'sell' ? '+$' : '+1', r.x + e.x * s + s / 2, r.y + e.y * s - 8 * e.t / 0.5, { align: 'center', size: 9, color: '#ffe066' });
    });
    // the farmer stands on the cursor's cell
    var pulse = 1 + Math.round(Math.abs(Math.sin(m.t * 6)));
    ctx.strokeStyle = G.color('accent', '#ffd34d'); ctx.lineWidth = pulse + 1;
    ctx.strokeRect(r.x + m.cx * s + 1, r.y + m.cy * s + 1, s - 3, s - 3); ctx.lineWidth = 1;
    var slug = G.roles.player, ps = Math.round(s * 0.55);
    G.sprite(slug, G.anim(slug, 'idle', m.t), r.x + m.cx * s + s - ps, r.y + m.cy * s + s - ps - 2, { w: ps, h: ps, screen: true, color: G.color('player') });

    panel(ctx, 6, 20, PANEL - 12, 232);
    var name = (G.spec.player || {}).name || '';
    G.text(String(name).slice(0, 16), 12, 26, { size: 9, color: '#9dd7ff' });
    G.text('DAY ' + Math.min(m.day, m.days) + ' / ' + m.days + '  ' + clock(m), 12, 40, { size: 10, color: G.color('accent', '#ffd34d') });
    G.text('TASKS LEFT ' + (m.ticks - m.tick), 12, 54, { size: 9 });
    G.text('COINS ' + m.coins + ' / ' + m.goal, 12, 68, { size: 10, color: '#ffe066' });
    var c = m.crops[m.sel];
    G.text('SEED ' + String(c.name).slice(0, 11), 12, 86, { size: 9, color: '#a6ff9d' });
    G.text(' cost ' + c.cost + ' sells ' + c.price + ' in ' + c.days + 'd', 12, 98, { size: 8 });
    G.text('BASKET', 12, 114, { size: 9 });
    var line = 0;
    m.basket.forEach(function (n, i) {
      if (!n) return;
      G.text(' ' + n + ' x ' + String(m.crops[i].name).slice(0, 12), 12, 126 + line * 11, { size: 8 }); line++;
    });
    if (!line) G.text(' (empty)', 12, 126, { size: 8 });
    G.text('Space: till, sow, water,', 12, 196, { size: 8 });
    G.text(' harvest. SEEDS picks a', 12, 207, { size: 8 });
    G.text(' crop, SELL sells the', 12, 218, { size: 8 });
    G.text(' basket, BED ends the day', 12, 229, { size: 8 });
  }

  function meterColor(v, low) { return v === 0 ? '#ff4d4d' : v < low ? '#ffb347' : '#7ad04f'; }
  function drawPet(G, m, ctx) {
    var names = G.cfg.need_names || {}, acts = G.cfg.action_names || {}, stages = G.cfg.stages || [];
    panel(ctx, 6, 20, 168, 168);
    G.text('DAY ' + (Math.floor(m.hour / 24) + 1) + '  ' + ((m.hour % 24) < 10 ? '0' : '') + (m.hour % 24) + ':00', 12, 26, { size: 10, color: G.color('accent', '#ffd34d') });
    G.text('STAGE ' + (stages[m.stage] || m.stage) + ' -> ' + (stages[m.target] || m.target), 12, 40, { size: 9, color: '#a6ff9d' });
    G.text('GROWING ' + m.age + ' / ' + m.grow + ' h', 12, 52, { size: 8 });
    m.kinds.forEach(function (k, i) {
      var y = 68 + i * 26, v = m.vals[i];
      G.text(String(names[k] || k).slice(0, 14), 12, y, { size: 9 });
      ctx.fillStyle = 'rgba(255,255,255,0.15)'; ctx.fillRect(12, y + 12, 150, 7);
      ctx.fillStyle = meterColor(v, m.low); ctx.fillRect(12, y + 12, Math.round(150 * v / FULL), 7);
      ctx.fillStyle = 'rgba(255,255,255,0.5)'; ctx.fillRect(12 + Math.round(150 * m.low / FULL), y + 11, 1, 9);
    });
    if (m.zero) G.text('NEGLECTED ' + m.zero + ' / ' + m.zero_hours + ' h!', 12, 174, { size: 9, color: '#ff7d7d' });
    // the pet in its room: bigger each stage, bouncing, busy when caring
    var room = { x: 190, y: 24, w: 280, h: 170 };
    ctx.fillStyle = shade(G.color('ground', '#5aa83c'), -0.2); ctx.fillRect(room.x, room.y + room.h - 40, room.w, 40);
    ctx.strokeStyle = 'rgba(255,255,255,0.3)'; ctx.strokeRect(room.x + 0.5, room.y + 0.5, room.w - 1, room.h - 1);
    var size = 24 + 12 * Math.min(m.stage, 5), bounce = m.busy > 0 ? 0 : Math.round(Math.abs(Math.sin(m.t * 4)) * 6);
    var px = room.x + room.w / 2 - size / 2, py = room.y + room.h - 40 - size - bounce + 8;
    var slug = G.roles.player;
    G.sprite(slug, G.anim(slug, m.busy > 0 ? 'walk' : 'idle', m.t), px, py, { w: size, h: size, screen: true, color: G.color('player') });
    var sad = Math.min.apply(null, m.vals) < m.low;
    G.text(sad ? ':(' : ':)', px + size / 2, py - 14, { align: 'center', size: 10, color: sad ? '#ff9d9d' : '#a6ff9d' });
    m.fx.forEach(function (e) {
      G.text(e.what === 'grow' ? 'GREW!' : e.what === 'starving' ? '!' : '+', px + size + 6, py - 10 * e.t / 0.5, { size: 10, color: '#ffe066' });
    });
    // the care buttons
    m.kinds.forEach(function (k, i) {
      var bw = Math.floor(460 / m.kinds.length), bx = 10 + i * bw, by = 200, on = i === m.cursor;
      ctx.fillStyle = on ? G.color('accent', '#ffd34d') : 'rgba(0,0,0,0.55)'; ctx.fillRect(bx, by, bw - 8, 40);
      ctx.strokeStyle = 'rgba(255,255,255,0.4)'; ctx.strokeRect(bx + 0.5, by + 0.5, bw - 9, 39);
      if (k === 'hunger' && m.foodSlug) G.sprite(m.foodSlug, 0, bx + 4, by + 4, { w: 16, h: 16, screen: true });
      G.text(String(acts[k] || ACTS[k]).slice(0, 12), bx + (bw - 8) / 2, by + 8, { align: 'center', size: 10, color: on ? '#202020' : '#ffffff', shadow: !on });
      G.text('+' + RESTORE[k] + ' ' + String(names[k] || k).slice(0, 10), bx + (bw - 8) / 2, by + 24, { align: 'center', size: 8, color: on ? '#202020' : '#cccccc', shadow: !on });
    });
  }

  function drawShop(G, m, ctx) {
    var n = m.goods.length, bw = Math.min(84, Math.floor(440 / (n + 1))), x0 = Math.round((G_W - (n + 1) * bw) / 2), y0 = 128;
    panel(ctx, 6, 20, 468, 96);
    var name = (G.spec.player || {}).name || '';
    G.text(String(name).slice(0, 16), 12, 26, { size: 9, color: '#9dd7ff' });
    G.text('DAY ' + Math.min(m.day, m.days) + ' / ' + m.days, 12, 40, { size: 10, color: G.color('accent', '#ffd34d') });
    G.text('COINS ' + m.coins + ' / ' + m.goal, 12, 54, { size: 10, color: '#ffe066' });
    G.text('SOLD ' + m.sold + '   LEFT EMPTY-HANDED ' + m.missed, 12, 68, { size: 8 });
    var orders = today(m);
    G.text("TODAY'S CUSTOMERS WANT:", 190, 26, { size: 8 });
    orders.slice(0, 14).forEach(function (want, i) {
      var cx = 190 + (i % 7) * 40, cy = 40 + Math.floor(i / 7) * 34, g = m.goods[want];
      ctx.fillStyle = G.color('enemy2', '#c05fd6'); ctx.fillRect(cx + 4, cy + 8, 10, 14);
      ctx.fillStyle = '#f0c8a0'; ctx.fillRect(cx + 5, cy + 1, 8, 7);
      if (g.slug) G.sprite(g.slug, 0, cx + 16, cy + 6, { w: 14, h: 14, screen: true, color: G.color('item') });
      else G.text(String(g.name).slice(0, 3), cx + 16, cy + 10, { size: 8, color: '#ffe066' });
    });
    for (var i = 0; i <= n; i++) {
      var bx = x0 + i * bw, on = i === m.cursor;
      ctx.fillStyle = on ? G.color('accent', '#ffd34d') : 'rgba(0,0,0,0.55)'; ctx.fillRect(bx + 2, y0, bw - 4, 96);
      ctx.strokeStyle = 'rgba(255,255,255,0.4)'; ctx.strokeRect(bx + 2.5, y0 + 0.5, bw - 5, 95);
      var ink = on ? '#202020' : '#ffffff';
      if (i === n) {
        ctx.fillStyle = G.color('wall', '#6b4a2b'); ctx.fillRect(bx + bw / 2 - 14, y0 + 12, 28, 46);
        ctx.fillStyle = '#ffd447'; ctx.fillRect(bx + bw / 2 + 8, y0 + 34, 3, 3);
        G.text('OPEN', bx + bw / 2, y0 + 64, { align: 'center', size: 10, color: ink, shadow: !on });
        G.text('serve the day', bx + bw / 2, y0 + 78, { align: 'center', size: 7, color: ink, shadow: !on });
        continue;
      }
      var g = m.goods[i];
      for (var k = 0; k < m.stock[i]; k++) {
        if (g.slug) G.sprite(g.slug, 0, bx + 8 + (k % 3) * 20, y0 + 8 + Math.floor(k / 3) * 20, { w: 18, h: 18, screen: true, color: G.color('item') });
        else { ctx.fillStyle = CROP_COLORS[i % CROP_COLORS.length]; ctx.fillRect(bx + 10 + (k % 3) * 20, y0 + 10 + Math.floor(k / 3) * 20, 14, 14); }
      }
      G.text(String(g.name).slice(0, 11), bx + bw / 2, y0 + 52, { align: 'center', size: 8, color: ink, shadow: !on });
      G.text(m.stock[i] + ' / ' + m.shelf, bx + bw / 2, y0 + 64, { align: 'center', size: 8, color: ink, shadow: !on });
      G.text('buy ' + g.cost + ' sell ' + g.price, bx + bw / 2, y0 + 78, { align: 'center', size: 7, color: ink, shadow: !on });
    }
    m.fx.forEach(function (e) {
      if (e.what === 'open') G.text('+' + e.sold + ' sold', G_W / 2, y0 - 10 - 10 * e.t / 0.5, { align: 'center', size: 10, color: '#ffe066' });
    });
  }

  function draw(G, w, ctx) { if (w.mode === 'pet') drawPet(G, w, ctx); else if (w.mode === 'shop') drawShop(G, w, ctx); else drawFarm(G, w, ctx); }

  function player(w) {
    if (w.mode === 'pet') return { x: 10 + w.cursor * Math.floor(460 / w.kinds.length), y: 200 };  // the care button chosen
    if (w.mode === 'shop') return { x: w.cursor * Math.min(84, Math.floor(440 / (w.goods.length + 1))), y: 128 };
    var r = farmRect(w);
    return { x: r.x + w.cx * r.c, y: r.y + w.cy * r.c };
  }

  function hud(G, w) {
    if (w.mode === 'pet') return 'Left / Right pick, Space cares (or tap the pad)';
    if (w.mode === 'shop') return 'DAY ' + Math.min(w.day, w.days) + '/' + w.days + '  COINS ' + w.coins + '/' + w.goal + '   Space buys stock, OPEN serves';
    return 'DAY ' + Math.min(w.day, w.days) + '/' + w.days + '  COINS ' + w.coins + '/' + w.goal + '   Arrows move, Space acts';
  }

  // QA hooks (maestro/genres/simulation/qa.py): the level as plain JSON.
  var qa = {
    view: function (G, w) {
      if (w.mode === 'shop') {
        return { mode: w.mode, stock: w.stock.slice(), coins: w.coins, cursor: w.cursor, day: w.day, sold: w.sold,
                 missed: w.missed, score: w.score, won: w.won, over: w.over };
      }
      if (w.mode === 'pet') {
        return { mode: w.mode, vals: w.vals.slice(), cursor: w.cursor, busy: w.busy, f: w.f, hour: w.hour, age: w.age,
                 stage: w.stage, zero: w.zero, won: w.won, over: w.over };
      }
      return { mode: w.mode, soil: copyGrid(w.soil), crop: copyGrid(w.crop), growth: copyGrid(w.growth), wet: copyGrid(w.wet),
               basket: w.basket.slice(), coins: w.coins, cx: w.cx, cy: w.cy, sel: w.sel, day: w.day, tick: w.tick,
               score: w.score, won: w.won, over: w.over };
    }
  };

  Maestro.registerGenre('simulation', {
    start: start, update: update, draw: draw, player: player, hud: hud, qa: qa,
    usesLives: false,  // a season runs out, a pet is neglected: either ends the game
    help: function (G) {
      if (G.spec.mode === 'shop') return 'Left / Right pick a good, Space buys it; OPEN serves the customers';
      return G.spec.mode === 'pet' ? 'Left / Right pick a care action, Space does it; keep every need up'
        : 'Arrows move, Space tills, sows, waters, harvests; sell, then sleep';
    },
    // The title screen's words: a pet is looked after (not played), a farm's items grown, a shop's sold.
    cast: function (G) {
      var m = G.spec.mode;
      return { you: m === 'pet' ? 'your pet' : 'you', enemies: '', items: m === 'pet' ? 'feed it' : m === 'shop' ? 'sell' : 'grow' };
    }
  });
})();
