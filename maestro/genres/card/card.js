/* Maestro genre module: card (deck-building fights, turn-based; mode "deckbuilder").
 *
 * One level is one fight: the hero and a deck of cards against a group of foes who show their next
 * move (intent). The rules are exactly those of maestro/genres/card/rules.py (class Fight), whose
 * solver proves every fight; every number is an integer so both agree bit for bit:
 *   - a turn: the hero's block drops to 0, energy refills to config.energy, config.hand_size cards
 *     are drawn (at most config.max_hand in hand); an empty draw pile first shuffles the discard
 *     pile into it (Fisher-Yates on a MINSTD generator seeded by level.shuffle_seed);
 *   - a card costs its energy, leaves the hand, applies damage, block, strength, weak, vulnerable,
 *     heal, energy and draw (in that order) and goes to the discard pile;
 *   - a hit deals base + strength, x3/4 when the attacker is weak, x3/2 when the defender is
 *     vulnerable (rounded down); block absorbs first;
 *   - END TURN discards the hand; each living foe drops its block, does its intent, moves to the
 *     next one and its weak / vulnerable wear off by one; then the hero's do; a new turn starts;
 *   - won when every foe's HP is 0 (G.win), lost when the hero's is (G.hurt with lives, else G.gameOver).
 * Spoils (this module only, see rules.py): after a fight won, before the last, a spoils screen offers
 * level.spoils; the card taken (G.cardSpoils, for the rest of the run) waits beside the hand in every
 * later fight, outside the piles, and is used up when played, so the draws stay the solver's.
 * Controls: left / right select a card (the hand's, then the spoils) or, past the last one, END TURN;
 * up / down switch the target; action (Space / Enter) plays the card or ends the turn; on the spoils
 * screen left / right pick a card or SKIP and action takes it. Mouse / touch: tap a card to select
 * it, tap it again to play it, tap a foe to aim at it, tap END TURN, tap a spoil (a pointer listener
 * of this module's own: the runtime's canvas tap only starts and restarts the game).
 * module.player(world) is the player's cursor (the selected card or END TURN), in screen pixels:
 * the hero never moves, the cursor is what the keys move.
 */
(function () {
  'use strict';

  var MOD = 2147483647, MUL = 48271;
  var KEYS = ['left', 'right', 'up', 'down', 'action'];
  var CARD_W = 60, CARD_H = 84, HAND_Y = 182;
  var END_BTN = { x: 408, y: 236, w: 66, h: 24 };

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }
  function hasFrame(G, name) {
    var a = G.data.atlas;
    return !!(name && a && a.frames && a.frames[name] && a.frames[name].length);
  }

  // ---- the rule book (rules.py: Fight) -------------------------------------------------------
  function shuffle(list, s) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      s = (s * MUL) % MOD;
      var j = s % (i + 1), t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return [a, s];
  }
  function seedOf(level) { return (num(level.shuffle_seed, 1) || 1) % (MOD - 1) + 1; }
  function body(hp) { return { hp: hp, max: hp, block: 0, str: 0, weak: 0, vuln: 0, step: 0 }; }

  function attackDamage(base, a, d) {
    var dmg = Math.max(0, base + a.str);
    if (a.weak > 0) dmg = Math.floor(dmg * 3 / 4);
    if (d.vuln > 0) dmg = Math.floor(dmg * 3 / 2);
    return dmg;
  }
  function hit(d, dmg) {
    var absorbed = Math.min(d.block, dmg);
    d.block -= absorbed;
    var lost = Math.min(d.hp, dmg - absorbed);
    d.hp -= lost;
    return [absorbed, lost];
  }
  function alive(world) {
    var out = [];
    for (var i = 0; i < world.foes.length; i++) if (world.foes[i].hp > 0) out.push(i);
    return out;
  }
  function intentOf(world, i) {
    var f = world.foes[i], cyc = f.intents;
    return cyc[f.step % cyc.length];
  }
  function shownDamage(world, i) {
    var it = intentOf(world, i);
    return it.kind === 'attack' ? attackDamage(num(it.value, 0), world.foes[i], world.hero) : 0;
  }

  function drawCards(G, world, n) {
    for (var k = 0; k < n; k++) {
      if (world.hand.length >= world.maxHand) return;
      if (!world.draw.length) {
        if (!world.discard.length) return;
        var r = shuffle(world.discard, world.rng);
        world.draw = r[0]; world.rng = r[1]; world.discard = [];
        world.shuffles++; G.sfx('push');
        fx(world, 'Shuffled', 30, 226, '#ffffff');
      }
      world.hand.push(world.draw.shift());
    }
  }
  function startTurn(G, world) {
    world.turn++;
    world.hero.block = 0;
    world.energy = world.energyMax;
    drawCards(G, world, world.handSize);
    world.sel = 0;
  }

  function canPlay(world, i) {
    return i >= 0 && i < world.hand.length && num(world.cards[world.hand[i]].cost, 0) <= world.energy;
  }

  function play(G, world, i, target) {
    if (world.won || world.lost || !canPlay(world, i)) return false;
    var cid = world.hand.splice(i, 1)[0];
    apply(G, world, cid, target);
    world.discard.push(cid);
    if (!alive(world).length) world.won = true;
    return true;
  }

  // A spoil (a card won after an earlier fight): it waits beside the hand, never enters the piles,
  // and is gone for this fight once played. Ignoring it leaves the fight exactly as the solver
  // proved it, so spoils can only help.
  function playSpoil(G, world, j, target) {
    var cid = world.bonus[j];
    if (world.won || world.lost || cid === undefined || num(world.cards[cid].cost, 0) > world.energy) return false;
    world.bonus.splice(j, 1);
    apply(G, world, cid, target);
    fx(world, 'Spoil used', 240, 150, '#ffd34d');
    if (!alive(world).length) world.won = true;
    return true;
  }

  // A card's cost and effects, in the rule book's order (damage, block, strength, weak, vulnerable,
  // heal, energy, draw); the caller moves the card where it goes.
  function apply(G, world, cid, target) {
    var card = world.cards[cid], hero = world.hero;
    world.energy -= num(card.cost, 0);
    var living = alive(world);
    if (living.indexOf(target) < 0) target = living[0];
    var aims = card.target === 'all' ? living : (card.target === 'enemy' ? [target] : []);
    var hits = card.damage ? num(card.hits, 1) : 0, h, k;
    for (h = 0; h < hits; h++) {
      for (k = 0; k < aims.length; k++) {
        var foe = world.foes[aims[k]];
        if (foe.hp <= 0) continue;
        var r = hit(foe, attackDamage(num(card.damage, 0), hero, foe));
        foe.flash = 0.25;
        fx(world, r[1] ? '-' + r[1] : 'blocked', foeCentre(world, aims[k]).x, foeCentre(world, aims[k]).y - 8 + h * 10,
          r[1] ? '#ff6b6b' : '#9dd7ff');
        if (foe.hp <= 0) { G.addScore(num(foe.points, 25)); G.sfx('explode'); }
      }
    }
    hero.block += num(card.block, 0);
    hero.str += num(card.strength, 0);
    for (k = 0; k < aims.length; k++) {
      world.foes[aims[k]].weak += num(card.weak, 0);
      world.foes[aims[k]].vuln += num(card.vuln, 0);
    }
    hero.hp = Math.min(hero.max, hero.hp + num(card.heal, 0));
    world.energy += num(card.energy, 0);
    drawCards(G, world, num(card.draw, 0));
    world.played = { id: cid, t: 0.35 };
    G.sfx(card.damage ? 'hit' : (card.block ? 'door' : 'powerup'));
    if (card.block) fx(world, '+' + card.block + ' block', 70, 44, '#9dd7ff');
    if (card.strength) fx(world, '+' + card.strength + ' Str', 70, 34, '#ffd34d');
    if (card.heal) fx(world, '+' + card.heal + ' HP', 70, 24, '#7dff7d');
  }

  function foeActs(G, world, i) {
    var foe = world.foes[i], it = intentOf(world, i), hero = world.hero, v = num(it.value, 0);
    foe.block = 0;
    foe.lunge = 0.35;  // presentation only: the foe steps towards the hero as it acts
    if (it.kind === 'attack') {
      var hits = num(it.hits, 1), lostAll = 0;
      for (var h = 0; h < hits; h++) {
        lostAll += hit(hero, attackDamage(v, foe, hero))[1];
        if (hero.hp <= 0) break;
      }
      world.heroFlash = 0.3;
      fx(world, lostAll ? '-' + lostAll : 'blocked', 70, 60, lostAll ? '#ff6b6b' : '#9dd7ff');
      G.sfx(lostAll ? 'hurt' : 'door');
    } else if (it.kind === 'block') {
      foe.block += v;
    } else if (it.kind === 'buff') {
      foe.str += v;
    } else if (it.kind === 'debuff') {
      if (it.status === 'vuln') hero.vuln += v; else hero.weak += v;
    }
    foe.step++;
    foe.weak = Math.max(0, foe.weak - 1);
    foe.vuln = Math.max(0, foe.vuln - 1);
  }

  function endTurn(G, world) {
    if (world.won || world.lost) return;
    world.discard = world.discard.concat(world.hand);
    world.hand = [];
    G.sfx('step');
    var living = alive(world);
    for (var k = 0; k < living.length; k++) {
      world.killer = world.foes[living[k]].name;
      foeActs(G, world, living[k]);
      if (world.hero.hp <= 0) { world.lost = true; return; }
    }
    world.hero.weak = Math.max(0, world.hero.weak - 1);
    world.hero.vuln = Math.max(0, world.hero.vuln - 1);
    startTurn(G, world);
    world.enemyFlash = 0.8;
  }

  function retarget(world) {
    var living = alive(world);
    if (living.length && living.indexOf(world.target) < 0) world.target = living[0];
  }

  // One key press (rules.py: Fight.press), then what the game does around it (win, loss, sound).
  function slots(world) { return world.hand.length + world.bonus.length; }  // END TURN is slot slots(world)

  function press(G, world, a) {
    if (world.reward) return rewardPress(G, world, a);
    if (world.won || world.lost) return '';
    var what = '';
    if (a === 'left') { world.sel = Math.max(0, world.sel - 1); G.sfx('select'); }
    else if (a === 'right') { world.sel = Math.min(slots(world), world.sel + 1); G.sfx('select'); }
    else if (a === 'up' || a === 'down') {
      var living = alive(world);
      if (living.length) {
        var at = Math.max(0, living.indexOf(world.target));
        world.target = living[(at + (a === 'up' ? -1 : 1) + living.length) % living.length];
        G.sfx('select');
      }
    } else if (a === 'action') {
      var n = world.hand.length;
      if (world.sel >= slots(world)) { endTurn(G, world); what = 'end'; }
      else if (!(world.sel < n ? play(G, world, world.sel, world.target) : playSpoil(G, world, world.sel - n, world.target))) {
        what = 'refused'; world.refused = 0.4; G.sfx('undo');
      } else { world.sel = Math.min(world.sel, slots(world)); retarget(world); what = 'play'; }
    }
    if (world.won) {
      // a fight before the last: choose a spoil first (rewardPress ends the fight)
      var offers = (world.level.spoils || []).filter(function (c) { return !!world.cards[c]; });
      if (G.levelIndex + 1 < G.levels.length && offers.length) {
        world.reward = { offers: offers.slice(0, 3), sel: 0 }; G.sfx('powerup');
      } else {
        finishWin(G, world);
      }
    } else if (world.lost) {
      world.done = true;
      var why = 'defeated by ' + (world.killer || 'a foe');
      if (G.lives !== null) G.hurt(why); else G.gameOver(why);
    }
    return what;
  }

  function finishWin(G, world) {
    world.done = true; world.reward = null;
    G.addScore(num(G.cfg.fight_points, 100) + world.hero.hp);
    G.win();
  }

  // The spoils screen: left / right pick one of the offered cards or SKIP (the last slot); action takes it.
  function rewardPress(G, world, a) {
    var r = world.reward, n = r.offers.length;
    if (a === 'left') { r.sel = Math.max(0, r.sel - 1); G.sfx('select'); }
    else if (a === 'right') { r.sel = Math.min(n, r.sel + 1); G.sfx('select'); }
    else if (a === 'action') {
      if (r.sel < n) {
        G.cardSpoils = (G.cardSpoils || []).concat([r.offers[r.sel]]);
        G.sfx('powerup');
      }
      finishWin(G, world);
      return 'reward';
    }
    return '';
  }

  // ---- the module --------------------------------------------------------------------------------
  function foeName(G, slug) {
    var list = (G.spec && G.spec.enemies) || [];
    for (var i = 0; i < list.length; i++) if (list[i].slug === slug) return list[i].name;
    return String(slug || 'Foe').replace(/_/g, ' ').replace(/^\w/, function (c) { return c.toUpperCase(); });
  }

  function attachPointer(G) {
    if (G.headless || G.cardPointer || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas) return;
    G.cardPointer = true;
    canvas.addEventListener('pointerdown', function (e) {
      if (G.status !== 'playing' || !G.world) return;
      var r = canvas.getBoundingClientRect();
      var s = Math.min(r.width / G.W, r.height / G.H) || 1;
      var ox = (r.width - G.W * s) / 2, oy = (r.height - G.H * s) / 2;
      G.world.taps.push([(e.clientX - r.left - ox) / s, (e.clientY - r.top - oy) / s]);
    });
  }

  function start(G, level) {
    var cfg = G.cfg || {};
    var hp = num(level.hero_hp, num(cfg.hero_hp, 50));
    var world = {
      cards: cfg.cards || {}, energyMax: num(cfg.energy, 3), handSize: num(cfg.hand_size, 5),
      maxHand: num(cfg.max_hand, 10), hero: body(hp), foes: [], draw: [], hand: [], discard: [],
      energy: 0, rng: seedOf(level), turn: 0, won: false, lost: false, done: false, sel: 0, target: 0,
      shuffles: 0, killer: '', taps: [], level: level, bonus: [], reward: null,
      // presentation
      t: 0, fx: [], heroFlash: 0, enemyFlash: 0, refused: 0, played: null,
      notice: (level.new_cards || []).length ? { text: 'New card: ' + (level.new_cards || []).map(function (c) {
        return ((cfg.cards || {})[c] || {}).name || c; }).join(', '), t: 3.5 } : null
    };
    (level.enemies || []).slice(0, 4).forEach(function (e) {
      var b = body(Math.max(1, num(e.hp, 10)));
      b.slug = e.slug; b.name = foeName(G, e.slug); b.intents = (e.intents && e.intents.length) ? e.intents : [{ kind: 'attack', value: 5, hits: 1 }];
      b.points = num(e.points, 25); b.boss = !!e.boss; b.flash = 0;
      world.foes.push(b);
    });
    if (!world.foes.length) { var d = body(10); d.slug = 'enemy'; d.name = 'Foe'; d.intents = [{ kind: 'attack', value: 5, hits: 1 }]; d.points = 25; world.foes.push(d); }
    // The run's spoils: a new game (level 1, or a level jumped to) starts without any; a fight
    // reached by winning the one before, or started again, gets every spoil won so far.
    if (G.levelIndex === 0 || G.cleared < G.levelIndex) G.cardSpoils = [];
    world.bonus = (G.cardSpoils || []).filter(function (c) { return !!world.cards[c]; });
    var r = shuffle((level.deck || []).filter(function (c) { return !!world.cards[c]; }), world.rng);
    world.draw = r[0]; world.rng = r[1];
    startTurn(G, world);
    // Score earned in a fight is given back when it restarts (R, a lost life): no farming.
    if (G.cardBase && G.cardBase.level === G.levelIndex && G.cardBase.game === G.cleared) {
      G.score = Math.min(G.score, G.cardBase.score);
    }
    G.cardBase = { level: G.levelIndex, score: G.score, game: G.cleared };
    attachPointer(G);
    return world;
  }

  function tap(G, world, x, y) {
    if (world.reward) { rewardTap(G, world, x, y); return; }
    var n = slots(world), i;
    if (x >= END_BTN.x && x <= END_BTN.x + END_BTN.w && y >= END_BTN.y && y <= END_BTN.y + END_BTN.h) {
      world.sel = n; press(G, world, 'action'); return;
    }
    for (i = n - 1; i >= 0; i--) {
      var c = cardRect(world, i);
      if (x >= c.x && x <= c.x + c.w && y >= c.y && y <= c.y + c.h) {
        if (world.sel === i) press(G, world, 'action'); else { world.sel = i; G.sfx('select'); }
        return;
      }
    }
    for (i = 0; i < world.foes.length; i++) {
      var f = foeCentre(world, i);
      if (world.foes[i].hp > 0 && Math.abs(x - f.x) < f.size / 2 + 8 && y > 24 && y < 150) { world.target = i; G.sfx('select'); return; }
    }
  }

  function rewardTap(G, world, x, y) {
    var r = world.reward;
    for (var i = 0; i <= r.offers.length; i++) {
      var b = rewardRect(world, i);
      if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) { r.sel = i; rewardPress(G, world, 'action'); return; }
    }
  }

  function update(G, world, dt) {
    world.t += dt;
    world.fx = world.fx.filter(function (f) { f.t += dt; return f.t < 1.0; });
    ['heroFlash', 'enemyFlash', 'refused'].forEach(function (k) { if (world[k] > 0) world[k] = Math.max(0, world[k] - dt); });
    world.foes.forEach(function (f) {
      if (f.flash > 0) f.flash = Math.max(0, f.flash - dt);
      if (f.lunge > 0) f.lunge = Math.max(0, f.lunge - dt);
    });
    if (world.played) { world.played.t -= dt; if (world.played.t <= 0) world.played = null; }
    if (world.notice) { world.notice.t -= dt; if (world.notice.t <= 0) world.notice = null; }
    if (world.done) return;
    while (world.taps.length && !world.done) { var p = world.taps.shift(); tap(G, world, p[0], p[1]); }
    for (var k = 0; k < KEYS.length && !world.done; k++) if (G.pressed[KEYS[k]]) press(G, world, KEYS[k]);
  }

  function fx(world, text, x, y, color) { world.fx.push({ text: text, x: x, y: y, color: color, t: 0 }); }

  // ---- layout ------------------------------------------------------------------------------------
  function cardRect(world, i) {
    var n = Math.max(1, slots(world)), span = 320;
    var gap = Math.min(CARD_W + 4, (span - CARD_W) / Math.max(1, n - 1));
    var total = gap * (n - 1) + CARD_W, x0 = 72 + Math.max(0, (span - total) / 2);
    return { x: Math.round(x0 + i * gap), y: HAND_Y - (world.sel === i ? 10 : 0), w: CARD_W, h: CARD_H };
  }
  // The spoils screen: the offered cards in a row, SKIP (slot n) under them.
  function rewardRect(world, i) {
    var n = world.reward.offers.length;
    if (i >= n) return { x: 200, y: 208, w: 80, h: 20 };
    return { x: Math.round(240 - (n * 72 - 12) / 2 + i * 72), y: 92 - (world.reward.sel === i ? 8 : 0), w: CARD_W, h: CARD_H };
  }
  function foeCentre(world, i) {
    var n = Math.max(1, world.foes.length), f = world.foes[i] || {};
    var size = f.boss ? 60 : 44, slot = 240 / n;
    return { x: Math.round(228 + slot * (i + 0.5)), y: 90, size: size };
  }

  // ---- drawing -----------------------------------------------------------------------------------
  function rounded(ctx, x, y, w, h, r) {
    ctx.beginPath();
    ctx.moveTo(x + r, y); ctx.lineTo(x + w - r, y); ctx.quadraticCurveTo(x + w, y, x + w, y + r);
    ctx.lineTo(x + w, y + h - r); ctx.quadraticCurveTo(x + w, y + h, x + w - r, y + h);
    ctx.lineTo(x + r, y + h); ctx.quadraticCurveTo(x, y + h, x, y + h - r);
    ctx.lineTo(x, y + r); ctx.quadraticCurveTo(x, y, x + r, y); ctx.closePath();
  }
  function icon(ctx, kind, cx, cy, s, color) {
    ctx.fillStyle = color; ctx.strokeStyle = color; ctx.lineWidth = Math.max(1, s / 6);
    if (kind === 'attack') {  // a sword, point up-right
      ctx.beginPath(); ctx.moveTo(cx - s / 2, cy + s / 2); ctx.lineTo(cx + s / 2, cy - s / 2); ctx.stroke();
      ctx.beginPath(); ctx.moveTo(cx - s / 2, cy - s / 8); ctx.lineTo(cx + s / 8, cy + s / 2); ctx.stroke();
    } else if (kind === 'block') {  // a shield
      ctx.beginPath(); ctx.moveTo(cx - s / 2, cy - s / 2); ctx.lineTo(cx + s / 2, cy - s / 2);
      ctx.lineTo(cx + s / 2, cy); ctx.lineTo(cx, cy + s / 2); ctx.lineTo(cx - s / 2, cy); ctx.closePath(); ctx.fill();
    } else if (kind === 'buff') {  // an arrow up
      ctx.beginPath(); ctx.moveTo(cx, cy - s / 2); ctx.lineTo(cx + s / 2, cy); ctx.lineTo(cx + s / 5, cy);
      ctx.lineTo(cx + s / 5, cy + s / 2); ctx.lineTo(cx - s / 5, cy + s / 2); ctx.lineTo(cx - s / 5, cy);
      ctx.lineTo(cx - s / 2, cy); ctx.closePath(); ctx.fill();
    } else {  // a debuff: a drop
      ctx.beginPath(); ctx.moveTo(cx, cy - s / 2); ctx.quadraticCurveTo(cx + s / 2, cy + s / 6, cx, cy + s / 2);
      ctx.quadraticCurveTo(cx - s / 2, cy + s / 6, cx, cy - s / 2); ctx.fill();
    }
  }
  function typeColor(G, type) {
    return type === 'attack' ? G.color('hazard', '#c3423f') : type === 'power' ? G.color('accent', '#f4a259') : G.color('player', '#5bc0eb');
  }

  // A name in at most `maxW` pixels: the font shrinks to 6 px, then the name is cut with an ellipsis.
  function fitText(G, ctx, text, cx, y, maxW, color) {
    var size = 8;
    for (; size > 6; size--) { ctx.font = size + 'px monospace'; if (ctx.measureText(text).width <= maxW) break; }
    ctx.font = size + 'px monospace';
    while (text.length > 3 && ctx.measureText(text).width > maxW) text = text.slice(0, -2) + '\u2026';
    G.text(text, cx, y + (8 - size), { align: 'center', size: size, color: color });
  }

  function drawCard(G, ctx, card, x, y, opts) {
    var w = CARD_W, h = CARD_H;
    ctx.fillStyle = 'rgba(0,0,0,0.45)'; rounded(ctx, x + 2, y + 3, w, h, 5); ctx.fill();
    ctx.fillStyle = G.color('ui', '#1a1c2c'); rounded(ctx, x, y, w, h, 5); ctx.fill();
    ctx.fillStyle = typeColor(G, card.type); rounded(ctx, x + 2, y + 2, w - 4, h - 4, 4); ctx.fill();
    ctx.fillStyle = 'rgba(0,0,0,0.35)'; ctx.fillRect(x + 4, y + 15, w - 8, 26);  // the art window
    ctx.fillStyle = 'rgba(255,255,255,0.85)'; ctx.fillRect(x + 4, y + 44, w - 8, h - 48);  // the text box
    fitText(G, ctx, String(card.name || ''), x + w / 2 + 4, y + 4, w - 18, '#ffffff');
    if (card.slug && hasFrame(G, card.slug)) G.sprite(card.slug, 0, x + w / 2 - 11, y + 17, { w: 22, h: 22, screen: true });
    else icon(ctx, card.type === 'attack' ? 'attack' : card.type === 'power' ? 'buff' : (card.block ? 'block' : (card.weak || card.vuln ? 'debuff' : 'buff')),
      x + w / 2, y + 28, 16, '#ffffff');
    (card.lines || []).forEach(function (l, i) {
      G.text(l, x + w / 2, y + 47 + i * 10, { align: 'center', size: 8, color: '#1a1c2c', shadow: false });
    });
    G.text(opts.spoil ? 'SPOIL' : String(card.type || '').toUpperCase(), x + w / 2, y + h - 10, { align: 'center', size: 6, color: '#555555', shadow: false });
    // the cost, in an energy gem at the top-left corner
    ctx.fillStyle = G.color('goal', '#fde74c'); ctx.beginPath(); ctx.arc(x + 6, y + 6, 7, 0, Math.PI * 2); ctx.fill();
    ctx.strokeStyle = G.color('ui', '#1a1c2c'); ctx.lineWidth = 1.5; ctx.stroke();
    G.text(String(card.cost), x + 6, y + 1, { align: 'center', size: 9, color: '#1a1c2c', shadow: false });
    if (opts.spoil) {  // a spoil wears a gold rim and says so
      ctx.strokeStyle = '#ffd34d'; ctx.lineWidth = 2; rounded(ctx, x + 1, y + 1, w - 2, h - 2, 5); ctx.stroke();
    }
    if (opts.selected) { ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 2; rounded(ctx, x - 1, y - 1, w + 2, h + 2, 6); ctx.stroke(); }
    if (opts.dim) { ctx.fillStyle = 'rgba(0,0,0,0.45)'; rounded(ctx, x, y, w, h, 5); ctx.fill(); }
  }

  function bar(G, ctx, x, y, w, b) {
    ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(x, y, w, 8);
    ctx.fillStyle = G.color('hazard', '#d7263d'); ctx.fillRect(x + 1, y + 1, Math.round((w - 2) * Math.max(0, b.hp) / Math.max(1, b.max)), 6);
    G.text(b.hp + '/' + b.max, x + w / 2, y - 1, { align: 'center', size: 8 });
    if (b.block > 0) {
      icon(ctx, 'block', x - 7, y + 4, 12, G.color('player', '#5bc0eb'));
      G.text(String(b.block), x - 7, y - 1, { align: 'center', size: 8, color: '#ffffff' });
    }
    var tags = [];
    if (b.str) tags.push(['Str ' + b.str, '#ffd34d']);
    if (b.weak) tags.push(['Weak ' + b.weak, '#c9a0ff']);
    if (b.vuln) tags.push(['Vuln ' + b.vuln, '#ff9d5c']);
    tags.forEach(function (t, i) { G.text(t[0], x + i * (w / Math.max(1, tags.length)), y + 10, { size: 7, color: t[1] }); });
  }

  function drawHero(G, world, ctx) {
    var slug = (G.roles || {}).player || 'player', x = 42, y = 50, s = 56;
    var shake = world.heroFlash > 0 ? Math.round(Math.sin(world.t * 60) * 3) : 0;
    ctx.fillStyle = 'rgba(0,0,0,0.3)'; ctx.beginPath(); ctx.ellipse(x + s / 2, y + s + 2, s / 2.4, 5, 0, 0, Math.PI * 2); ctx.fill();
    var blink = world.heroFlash > 0 && Math.floor(world.t * 20) % 2 === 0;  // hit: the hero shakes and blinks
    G.sprite(slug, G.anim(slug, 'idle', world.t), x + shake, y, { w: s, h: s, screen: true, alpha: blink ? 0.35 : 1,
      color: G.color('player', '#5bc0eb') });
    fitText(G, ctx, String((G.spec.player || {}).name || 'Hero'), x + s / 2, y + s + 2, 76, '#9dd7ff');
    bar(G, ctx, x - 2, y + s + 14, s + 4, world.hero);
  }

  function drawFoes(G, world, ctx) {
    var card = slotCard(world, world.sel), aiming = card && card.target === 'enemy';
    for (var i = 0; i < world.foes.length; i++) {
      var f = world.foes[i], c = foeCentre(world, i), s = c.size, x = c.x - s / 2, y = c.y - s / 2;
      if (f.hp <= 0) {
        G.sprite(f.slug, 0, x, y + s / 3, { w: s, h: s, screen: true, alpha: 0.25, color: G.color('enemy', '#c3423f') });
        continue;
      }
      ctx.fillStyle = 'rgba(0,0,0,0.3)'; ctx.beginPath(); ctx.ellipse(c.x, y + s + 2, s / 2.4, 4, 0, 0, Math.PI * 2); ctx.fill();
      var bob = Math.round(Math.sin(world.t * 2 + i) * 2);
      x -= Math.round(Math.sin(Math.min(1, (0.35 - (f.lunge || 0)) / 0.35) * Math.PI) * (f.lunge > 0 ? 18 : 0));
      var hitBlink = f.flash > 0 && Math.floor(world.t * 20) % 2 === 0;
      G.sprite(f.slug, G.anim(f.slug, 'move', world.t), x, y + bob, { w: s, h: s, screen: true, flip: true,
        alpha: hitBlink ? 0.35 : 1, color: G.color('enemy', '#c3423f') });
      fitText(G, ctx, String(f.name), c.x, y + s + 2, 76, '#ffffff');
      bar(G, ctx, c.x - 28, y + s + 14, 56, f);
      // the intent: what this foe does when the turn ends
      var it = intentOf(world, i), label = '', kind = it.kind;
      if (kind === 'attack') label = shownDamage(world, i) + (num(it.hits, 1) > 1 ? 'x' + it.hits : '');
      else if (kind === 'block') label = String(it.value);
      else if (kind === 'buff') label = '+' + it.value + ' Str';
      else label = (it.status === 'vuln' ? 'Vuln ' : 'Weak ') + it.value;
      var iy = y - 14, col = kind === 'attack' ? '#ff6b6b' : kind === 'block' ? '#9dd7ff' : kind === 'buff' ? '#ffd34d' : '#c9a0ff';
      ctx.fillStyle = 'rgba(0,0,0,0.55)'; rounded(ctx, c.x - 24, iy - 7, 48, 14, 4); ctx.fill();
      icon(ctx, kind, c.x - 15, iy, 9, col);
      G.text(label, c.x + 4, iy - 5, { align: 'center', size: 8, color: col });
      if (i === world.target) {  // the target: a bouncing arrow, bright while the selected card aims
        var ay = iy - 14 + Math.round(Math.sin(world.t * 6) * 2);
        ctx.fillStyle = aiming ? '#ffffff' : 'rgba(255,255,255,0.35)';
        ctx.beginPath(); ctx.moveTo(c.x - 5, ay); ctx.lineTo(c.x + 5, ay); ctx.lineTo(c.x, ay + 6); ctx.closePath(); ctx.fill();
      }
    }
  }

  function drawTable(G, world, ctx) {
    ctx.fillStyle = 'rgba(0,0,0,0.45)'; ctx.fillRect(0, 160, G.W, G.H - 160);
    // energy
    ctx.fillStyle = G.color('goal', '#fde74c'); ctx.beginPath(); ctx.arc(32, 200, 17, 0, Math.PI * 2); ctx.fill();
    ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 2; ctx.stroke();
    G.text(world.energy + '/' + world.energyMax, 32, 194, { align: 'center', size: 11, color: '#1a1c2c', shadow: false });
    G.text('ENERGY', 32, 220, { align: 'center', size: 7 });
    // piles
    G.text('Draw ' + world.draw.length, 8, 240, { size: 8 });
    G.text('Discard ' + world.discard.length, 8, 252, { size: 8 });
    G.text('Turn ' + world.turn, 8, 18, { size: 8 });
    // END TURN
    var on = world.sel >= slots(world) && !world.reward;
    ctx.fillStyle = on ? G.color('accent', '#f4a259') : 'rgba(255,255,255,0.18)';
    rounded(ctx, END_BTN.x, END_BTN.y, END_BTN.w, END_BTN.h, 5); ctx.fill();
    if (on) { ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 2; ctx.stroke(); }
    G.text('END TURN', END_BTN.x + END_BTN.w / 2, END_BTN.y + 7, { align: 'center', size: 9, color: on ? '#1a1c2c' : '#ffffff', shadow: !on });
  }

  // The card in hand slot i (a spoil after the hand's cards), or null for END TURN.
  function slotCard(world, i) {
    var n = world.hand.length, id = i < n ? world.hand[i] : world.bonus[i - n];
    return id === undefined ? null : world.cards[id];
  }

  function drawHand(G, world, ctx) {
    var i, total = slots(world), n = world.hand.length;
    for (i = 0; i < total; i++) {
      if (i === world.sel) continue;
      var r = cardRect(world, i), c = slotCard(world, i);
      drawCard(G, ctx, c, r.x, r.y, { dim: num(c.cost, 0) > world.energy, spoil: i >= n });
    }
    var cs = slotCard(world, world.sel);
    if (cs) {
      var rs = cardRect(world, world.sel);
      var shake = world.refused > 0 ? Math.round(Math.sin(world.t * 70) * 2) : 0;
      drawCard(G, ctx, cs, rs.x + shake, rs.y, { selected: true, dim: num(cs.cost, 0) > world.energy, spoil: world.sel >= n });
    }
    // the selected card's whole rules, or what END TURN does, on one line above the hand
    var line = cs
      ? cs.name + ' (' + cs.cost + '): ' + cs.text + (world.sel >= n ? ' Spoil: once per fight.' : '') +
        (cs.cost > world.energy ? '  Not enough energy!' : '')
      : 'End the turn: each foe does what its intent shows.';
    ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(0, 158, G.W, 12);
    G.text(line.slice(0, 78), G.W / 2, 159, { align: 'center', size: 9, color: world.refused > 0 ? '#ff9d9d' : '#ffffff' });
  }

  // After a fight won (not the last): the spoils on offer, one to take for the rest of the run.
  function drawReward(G, world, ctx) {
    var r = world.reward, i;
    ctx.fillStyle = 'rgba(0,0,0,0.88)'; ctx.fillRect(0, 14, G.W, G.H - 14);
    G.text('Victory!', G.W / 2, 30, { align: 'center', size: 16, color: '#7dff7d' });
    G.text('Take a spoil: a card ready beside your hand in every fight to come', G.W / 2, 52, { align: 'center', size: 9 });
    for (i = 0; i < r.offers.length; i++) {
      var b = rewardRect(world, i);
      drawCard(G, ctx, world.cards[r.offers[i]], b.x, b.y, { selected: r.sel === i, spoil: true });
    }
    var sk = rewardRect(world, r.offers.length), on = r.sel >= r.offers.length;
    ctx.fillStyle = on ? G.color('accent', '#f4a259') : 'rgba(255,255,255,0.18)';
    rounded(ctx, sk.x, sk.y, sk.w, sk.h, 5); ctx.fill();
    G.text('SKIP', sk.x + sk.w / 2, sk.y + 5, { align: 'center', size: 9, color: on ? '#1a1c2c' : '#ffffff', shadow: !on });
    var c = on ? null : world.cards[r.offers[r.sel]];
    G.text(c ? c.name + ' (' + c.cost + '): ' + c.text : 'Leave the spoils behind.', G.W / 2, 190, { align: 'center', size: 9, color: '#ffd34d' });
  }

  function draw(G, world, ctx) {
    G.cam.x = 0; G.cam.y = 0;
    drawHero(G, world, ctx);
    drawFoes(G, world, ctx);
    drawTable(G, world, ctx);
    drawHand(G, world, ctx);
    world.fx.forEach(function (f) {
      ctx.globalAlpha = Math.max(0, 1 - f.t);
      G.text(f.text, f.x, f.y - f.t * 18, { align: 'center', size: 10, color: f.color });
      ctx.globalAlpha = 1;
    });
    if (world.played) {
      var c = world.cards[world.played.id];
      if (c) { ctx.globalAlpha = Math.min(1, world.played.t * 3); drawCard(G, ctx, c, 210, 70 - (0.35 - world.played.t) * 60, {}); ctx.globalAlpha = 1; }
    }
    if (world.enemyFlash > 0 && !G.banner) {  // the foes have acted: a new turn begins
      ctx.globalAlpha = Math.min(1, world.enemyFlash * 2);
      G.text('Turn ' + world.turn, G.W / 2, 24, { align: 'center', size: 14, color: '#ffd34d' });
      ctx.globalAlpha = 1;
    }
    if (world.notice && !G.banner) {
      ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(120, 132, 240, 16);
      G.text(world.notice.text.slice(0, 40), G.W / 2, 135, { align: 'center', size: 9, color: '#ffd34d' });
    }
    if (world.reward) drawReward(G, world, ctx);
  }

  // The hero stands still, so "where the player is" (window.maestro.state().player) is the
  // player's cursor: the top-left corner of the selected card, or of END TURN, in screen pixels.
  function player(world) {
    if (world.reward) { var b = rewardRect(world, world.reward.sel); return { x: b.x, y: b.y }; }
    if (world.sel >= slots(world)) return { x: END_BTN.x, y: END_BTN.y };
    var r = cardRect(world, world.sel);
    return { x: r.x, y: r.y };
  }

  // QA hooks (maestro/genres/card/qa.py): the fight as plain JSON.
  var qa = {
    view: function (G, world) {
      function b(x) { return { hp: x.hp, max: x.max, block: x.block, str: x.str, weak: x.weak, vuln: x.vuln, step: x.step }; }
      return {
        hero: b(world.hero), energy: world.energy, hand: world.hand.slice(), draw: world.draw.slice(),
        discard: world.discard.slice(), sel: world.sel, target: world.target, turn: world.turn, rng: world.rng,
        won: world.won, lost: world.lost, shuffles: world.shuffles, bonus: world.bonus.slice(),
        reward: world.reward ? { offers: world.reward.offers.slice(), sel: world.reward.sel } : null,
        foes: world.foes.map(function (f, i) {
          var v = b(f); v.slug = f.slug; v.intent = intentOf(world, i); v.shown = shownDamage(world, i); return v;
        })
      };
    }
  };

  Maestro.registerGenre('card', {
    start: start, update: update, draw: draw, player: player, qa: qa,
    // Lives only when the GDD gives some (then a lost fight costs one and starts again); else losing
    // all HP ends the run.
    usesLives: function (spec) {
      return (spec.mechanics || []).some(function (m) { return m.id === 'lives'; });
    },
    help: 'Left/Right pick a card, Up/Down aim, Space plays it; END TURN and the foes act',
    cast: { enemies: 'defeat', items: 'play' }  // the title screen's words: the foes and the cards
  });
})();
