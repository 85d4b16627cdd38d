/* Maestro genre module: fighting (modes "duel" and "platform").
 *
 * The rules are exactly those of maestro/genres/fighting/rules.py (Match), whose scripted strategy proves
 * every level; all integers (1/16 px), so both agree bit for bit. Per frame: the clocks (a break after a
 * knock-out, then both fighters back), the CPU's keys from the state at the frame's start (re-decided every
 * level.think frames: aggressive, defensive, ranged; "still" presses nothing), each fighter reads its keys
 * (player first: hitstun, a running attack, else Down blocks, Left / Right walk, Up jumps (air jumps in the
 * air), Space a light attack, Z or Shift a heavy; a press is a key down now and not the frame before), each
 * moves (gravity, landing, walls or the stage's edges, drag), each faces the other unless busy, attacks on
 * their active frame hit or are blocked (player's first), the CPU's shot flies, then the round is judged:
 * a knock-out (duel: health 0; platform: past the blast zone), else the round clock (more health, or less
 * percent, takes it; a tie goes to the opponent). First to level.need rounds (stocks) takes the match.
 * module.player(world) is the player's fighter on the screen.
 */
(function () {
  'use strict';

  var SUB = 16, ARENA = 480 * SUB, WALL_L = 24 * SUB, WALL_R = 456 * SUB, STAGE_L = 96 * SUB, STAGE_R = 384 * SUB;
  var BLAST_X = 48 * SUB, BLAST_Y = 160 * SUB, HALF = 10 * SUB, WALK = 2 * SUB, JUMP = 6 * SUB, AIR_JUMP = 5 * SUB;
  var GRAVITY = 5, MAX_FALL = 8 * SUB, GROUND_DRAG = 4, AIR_DRAG = 1, HEIGHT = 40 * SUB, BREAK = 60, HEALTH = 100;
  var SPAWN_L = 180 * SUB, SPAWN_R = 300 * SUB;
  var MOVES = { light: [5, 14, 36, 6, 24, 40], heavy: [12, 30, 46, 14, 40, 110] };
  var SHOT_SPEED = 4 * SUB, SHOT_DAMAGE = 8, SHOT_KNOCK = 20, SHOT_COOL = 70, BLOCK_STUN = 8, BLOCK_PUSH = SUB;
  var HIT_POINTS = 10, KO_POINTS = 100;
  var KEYS = ['left', 'right', 'up', 'down', 'action', 'undo'];

  function fighter(x, face) {
    return { x: x, face: face, y: 0, vx: 0, vy: 0, ground: true, jumps: 0, act: '', at: 0, stun: 0, block: false,
             hp: HEALTH, pct: 0, wins: 0, prev: {} };
  }
  function matchStart(level) {
    var m = { mode: level.mode, style: level.style, think: level.think, need: level.need, round_frames: level.round,
              air_jumps: level.air_jumps, weight: level.weight, cpu_hp: level.cpu_hp, pct0: level.pct0 || 0, p: fighter(SPAWN_L, 1),
              c: fighter(SPAWN_R, -1), f: 0, rf: 0, round: 1, pause: 0, plan: {}, shot_x: -1, shot_y: 0, shot_dir: 0,
              shot_cool: SHOT_COOL, hits: 0, taken: 0, blocked: 0, score: 0, last: '', won: false, over: false };
    m.c.hp = m.cpu_hp; m.c.pct = m.pct0;
    m.p.jumps = m.c.jumps = m.air_jumps;
    return m;
  }
  function has(set, k) { return !!set[k]; }
  function onStage(x) { return STAGE_L <= x && x <= STAGE_R; }
  function fdiv(a, b) { return Math.floor(a / b); }

  // ---- the CPU ---------------------------------------------------------------------------------------
  function cpuKeys(m) {
    if (m.style === 'still') return {};
    var c = m.c, p = m.p, keys = {};
    if (m.mode === 'platform' && !onStage(c.x)) {
      keys[c.x < STAGE_L ? 'right' : 'left'] = true;
      if (c.vy < 0 && c.jumps > 0 && !c.prev.up) keys.up = true;
      return keys;
    }
    if (m.f % m.think !== 0) return m.plan;
    var dist = Math.abs(p.x - c.x), toward = p.x > c.x ? 'right' : 'left', away = toward === 'right' ? 'left' : 'right';
    var coming = p.act !== '' && p.at < MOVES[p.act][0] && dist <= (MOVES[p.act][2] + 8) * SUB;
    if (m.style === 'aggressive') {
      if (dist > (MOVES.light[2] - 4) * SUB) keys[toward] = true;
      else keys[fdiv(m.f, m.think) % 3 === 2 ? 'undo' : 'action'] = true;
    } else if (m.style === 'defensive') {
      if (coming) keys.down = true;
      else if (p.stun > 0 || (p.act !== '' && p.at >= MOVES[p.act][0])) {
        if (dist <= MOVES.light[2] * SUB) keys.action = true; else keys[toward] = true;
      } else if (dist > (MOVES.light[2] - 4) * SUB) keys[toward] = true;
      else if (fdiv(m.f, m.think) % 2 === 0) keys.action = true;
      else keys.down = true;
    } else {
      var lo = m.mode === 'duel' ? WALL_L : STAGE_L, hi = m.mode === 'duel' ? WALL_R : STAGE_R;
      var wall = c.x <= lo + 40 * SUB || c.x >= hi - 40 * SUB;
      if (dist < 110 * SUB && !wall) keys[away] = true;
      else if (dist < MOVES.light[2] * SUB) keys.action = true;
      else if (dist > 220 * SUB) keys[toward] = true;
      else if (m.shot_x < 0 && m.shot_cool === 0) keys.undo = true;
    }
    var plan = {};
    Object.keys(keys).forEach(function (k) { if (!c.prev[k] || k === 'left' || k === 'right' || k === 'down') plan[k] = true; });
    m.plan = plan;
    return plan;
  }

  // ---- one fighter -----------------------------------------------------------------------------------
  function control(m, me, keys, cpu) {
    var pressed = {};
    KEYS.forEach(function (k) { if (keys[k] && !me.prev[k]) pressed[k] = true; });
    me.prev = keys;
    me.block = false;
    if (me.stun > 0) { me.stun--; return; }
    if (me.act) {
      me.at++;
      if (me.at >= MOVES[me.act][1]) { me.act = ''; me.at = 0; }
      return;
    }
    if (keys.down && me.ground) { me.block = true; me.vx = 0; return; }
    me.vx = WALK * ((keys.right ? 1 : 0) - (keys.left ? 1 : 0));
    if (pressed.up) {
      if (me.ground) { me.vy = JUMP; me.ground = false; }
      else if (me.jumps > 0) { me.vy = AIR_JUMP; me.jumps--; }
    }
    if (pressed.action) { me.act = 'light'; me.at = 0; }
    else if (pressed.undo) {
      if (cpu && m.style === 'ranged') {
        if (m.shot_x < 0 && m.shot_cool === 0) {
          m.shot_x = me.x + me.face * HALF; m.shot_y = me.y; m.shot_dir = me.face; m.shot_cool = SHOT_COOL;
        }
      } else { me.act = 'heavy'; me.at = 0; }
    }
    if (me.act && me.ground) me.vx = 0;
  }
  function move(m, me) {
    if (!me.ground) me.vy = Math.max(-MAX_FALL, me.vy - GRAVITY);
    me.x += me.vx;
    var ny = me.y + me.vy;
    if (!me.ground) {
      if (ny <= 0 && 0 <= me.y && me.vy <= 0 && (m.mode === 'duel' || onStage(me.x))) {
        me.y = 0; me.vy = 0; me.ground = true; me.jumps = m.air_jumps;
      } else me.y = ny;
    } else if (m.mode === 'platform' && !onStage(me.x)) me.ground = false;
    if (m.mode === 'duel') me.x = Math.min(WALL_R - HALF, Math.max(WALL_L + HALF, me.x));
    var drag = me.ground ? GROUND_DRAG : AIR_DRAG;
    if (me.stun > 0 || me.block || me.act) me.vx = me.vx > drag ? me.vx - drag : me.vx < -drag ? me.vx + drag : 0;
  }
  function hurt(m, me, damage, bkb, skb, side) {
    var kb;
    if (m.mode === 'duel') {
      me.hp = Math.max(0, me.hp - damage); kb = bkb;
      me.vx = side * kb; me.vy = fdiv(kb, 3);
    } else {
      me.pct = Math.min(999, me.pct + damage);
      kb = fdiv((bkb + fdiv(skb * me.pct, 100)) * 100, m.weight);
      me.vx = side * kb; me.vy = fdiv(kb, 2);
    }
    me.ground = me.vy <= 0 && me.ground;
    me.stun = 8 + fdiv(kb, 4);
    me.act = ''; me.at = 0; me.block = false;
  }
  function strike(m, a, d, byPlayer) {
    if (!a.act || a.at !== MOVES[a.act][0]) return;
    var mv = MOVES[a.act], dx = d.x - a.x;
    if (Math.abs(dx) > mv[2] * SUB || dx * a.face < 0 || Math.abs(d.y - a.y) > HEIGHT) return;
    var side = dx >= 0 ? 1 : -1;
    if (d.block && d.face === -side) {
      d.stun = BLOCK_STUN; d.vx = side * BLOCK_PUSH; d.block = true;
      if (!byPlayer) m.blocked++;
      m.last = 'block';
      return;
    }
    hurt(m, d, mv[3], mv[4], mv[5], side);
    if (byPlayer) { m.hits++; m.score += HIT_POINTS; } else m.taken++;
    m.last = byPlayer ? 'hit' : 'hurt';
  }
  function flyShot(m) {
    if (m.shot_cool > 0) m.shot_cool--;
    if (m.shot_x < 0) return;
    m.shot_x += m.shot_dir * SHOT_SPEED;
    var p = m.p;
    if (Math.abs(m.shot_x - p.x) <= 12 * SUB && Math.abs(m.shot_y - p.y) <= 30 * SUB) {
      if (p.block && p.face === -m.shot_dir) {
        p.stun = BLOCK_STUN; p.vx = m.shot_dir * BLOCK_PUSH; p.block = true; m.blocked++; m.last = 'block';
      } else { hurt(m, p, SHOT_DAMAGE, SHOT_KNOCK, SHOT_KNOCK, m.shot_dir); m.taken++; m.last = 'hurt'; }
      m.shot_x = -1;
    } else if (m.shot_x < 0 || m.shot_x > ARENA) m.shot_x = -1;
  }
  function out(m, me) {
    if (m.mode === 'duel') return me.hp <= 0;
    return me.x < -BLAST_X || me.x > ARENA + BLAST_X || me.y < -BLAST_Y;
  }
  function reset(m) {
    [[m.p, SPAWN_L, 1], [m.c, SPAWN_R, -1]].forEach(function (r) {
      var me = r[0];
      me.x = r[1]; me.y = 0; me.vx = 0; me.vy = 0; me.face = r[2]; me.ground = true; me.jumps = m.air_jumps;
      me.act = ''; me.at = 0; me.stun = 0; me.block = false;
    });
    if (m.mode === 'duel') { m.p.hp = HEALTH; m.c.hp = m.cpu_hp; }
    m.shot_x = -1; m.shot_cool = SHOT_COOL; m.rf = 0; m.plan = {};
  }
  function takeRound(m, player, why) {
    var winner = player ? m.p : m.c, loser = player ? m.c : m.p;
    winner.wins++;
    if (m.mode === 'platform') loser.pct = player ? m.pct0 : 0;
    if (player) m.score += KO_POINTS;
    m.last = why;
    if (winner.wins >= m.need) { m.won = player; m.over = !player; return player ? 'won' : 'lost'; }
    m.round++; m.pause = BREAK;
    return 'round';
  }
  function matchStep(m, keys) {
    if (m.won || m.over) return '';
    m.f++; m.last = '';
    var mine = {};
    KEYS.forEach(function (k) { if (keys[k]) mine[k] = true; });
    if (m.pause > 0) {
      m.pause--; m.p.prev = mine;
      if (m.pause === 0) reset(m);
      return '';
    }
    m.rf++;
    var cpu = cpuKeys(m);
    control(m, m.p, mine, false);
    control(m, m.c, cpu, true);
    move(m, m.p); move(m, m.c);
    [[m.p, m.c], [m.c, m.p]].forEach(function (r) { if (!r[0].act && r[0].stun === 0) r[0].face = r[1].x >= r[0].x ? 1 : -1; });
    strike(m, m.p, m.c, true);
    strike(m, m.c, m.p, false);
    flyShot(m);
    var what = m.last;
    if (out(m, m.c) && !out(m, m.p)) return takeRound(m, true, 'ko');
    if (out(m, m.p)) return takeRound(m, false, 'ko');
    if (m.rf >= m.round_frames) {
      var ahead = m.mode === 'duel' ? m.p.hp > m.c.hp : m.p.pct < m.c.pct;
      return takeRound(m, ahead, 'time');
    }
    return what;
  }

  // ---- the game module -------------------------------------------------------------------------------
  function start(G, level) {
    var w = matchStart(level);
    w.t = 0; w.done = false; w.level = level; w.flash = null; w.last_what = '';
    w.foe = level.opponent || 'Rival';
    w.foeSlug = level.opponent_slug || (G.roles.enemies || [])[0] || '';
    return w;
  }
  function sound(G, what, w) {
    if (what === 'hit') { G.sfx('hit'); G.sfx('coin'); }
    else if (what === 'hurt') G.sfx('hurt');
    else if (what === 'block') G.sfx('step');
    else if (what === 'round') G.sfx('blip');
    else if (what === 'shot') G.sfx('shoot');
    else if (what === 'ko') G.sfx('powerup');
  }
  function update(G, w, dt) {
    w.t += dt;
    if (w.flash) w.flash.t += dt;
    if (w.done) return;
    var keys = {};
    KEYS.forEach(function (k) { if (G.held[k] || G.pressed[k]) keys[k] = true; });
    if (G.held.focus || G.pressed.focus) keys.undo = true;  // Shift (touch F) is a heavy attack too
    var shotBefore = w.shot_x, scoreBefore = w.score;
    var what = matchStep(w, keys);
    // The GDD's time limit is each round's clock here (rules.py: round_seconds): the runtime's level clock
    // starts again with every round and stands still between them.
    if (w.pause > 0 || w.rf === 0) G.time = 0;
    if (w.score > scoreBefore) G.addScore(w.score - scoreBefore);
    if (shotBefore < 0 && w.shot_x >= 0) sound(G, 'shot', w);
    if (what === 'round' || what === 'won' || what === 'lost') {
      sound(G, w.last === 'ko' ? 'ko' : 'round', w);
      w.flash = { what: w.last === 'ko' ? 'KO!' : 'TIME!', t: 0 };
    } else if (what) { sound(G, what, w); w.last_what = what; }
    if (w.won) { w.done = true; G.win(); }
    else if (w.over) { w.done = true; G.gameOver(w.last === 'ko' ? (w.mode === 'platform' ? 'knocked off the stage' : 'knocked out') : 'time ran out behind'); }
  }

  // ---- drawing ---------------------------------------------------------------------------------------
  var GROUND = 222;
  function panel(ctx, x, y, w, h) {
    ctx.fillStyle = 'rgba(0,0,0,0.55)'; ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = 'rgba(255,255,255,0.25)'; ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  }
  function bar(ctx, x, y, w, v, max, col, rtl) {
    ctx.fillStyle = 'rgba(255,255,255,0.15)'; ctx.fillRect(x, y, w, 8);
    var n = Math.round(w * Math.max(0, v) / max);
    ctx.fillStyle = col; ctx.fillRect(rtl ? x + w - n : x, y, n, 8);
  }
  function drawFighter(G, ctx, w, me, slug, role, t) {
    var sx = me.x / SUB, sy = GROUND - me.y / SUB, size = 40;
    if (me.stun > 0 && Math.floor(t * 20) % 2) ctx.globalAlpha = 0.6;
    var anim = me.act ? 'walk' : me.vx ? 'walk' : 'idle';
    if (slug) G.sprite(slug, G.anim(slug, anim, t), sx - size / 2, sy - size, { w: size, h: size, screen: true, color: G.color(role), flip: me.face < 0 });
    else { ctx.fillStyle = G.color(role, '#e8453c'); ctx.fillRect(sx - 10, sy - 36, 20, 36); }
    ctx.globalAlpha = 1;
    if (me.act) {  // the attack's reach, bright on its active frame
      var mv = MOVES[me.act], active = me.at === mv[0] || me.at === mv[0] + 1;
      ctx.fillStyle = active ? 'rgba(255,230,90,0.85)' : 'rgba(255,255,255,0.25)';
      var reach = mv[2];
      ctx.fillRect(me.face > 0 ? sx + 4 : sx - reach, sy - (me.act === 'heavy' ? 26 : 22), reach - 4, me.act === 'heavy' ? 8 : 5);
    }
    if (me.block) { ctx.strokeStyle = 'rgba(120,200,255,0.9)'; ctx.beginPath(); ctx.arc(sx, sy - 20, 22, 0, Math.PI * 2); ctx.stroke(); }
  }
  function draw(G, w, ctx) {
    if (w.mode === 'platform') {
      ctx.fillStyle = G.color('ground', '#5a6d8c'); ctx.fillRect(STAGE_L / SUB, GROUND, (STAGE_R - STAGE_L) / SUB, 12);
      ctx.fillStyle = 'rgba(0,0,0,0.3)'; ctx.fillRect(STAGE_L / SUB + 10, GROUND + 12, (STAGE_R - STAGE_L) / SUB - 20, 10);
    } else {
      ctx.fillStyle = G.color('ground', '#6b4a2b'); ctx.fillRect(0, GROUND, 480, 270 - GROUND);
      ctx.fillStyle = 'rgba(255,255,255,0.35)'; ctx.fillRect(WALL_L / SUB - 3, GROUND - 90, 3, 90); ctx.fillRect(WALL_R / SUB, GROUND - 90, 3, 90);
    }
    drawFighter(G, ctx, w, w.c, w.foeSlug, 'enemy', w.t);
    drawFighter(G, ctx, w, w.p, G.roles.player, 'player', w.t);
    if (w.shot_x >= 0) {
      ctx.fillStyle = '#ffb347'; ctx.beginPath(); ctx.arc(w.shot_x / SUB, GROUND - w.shot_y / SUB - 20, 5, 0, Math.PI * 2); ctx.fill();
    }
    // the bars: health (duel) or percent (platform), the rounds (stocks) taken, the round clock
    var name = String((G.spec.player || {}).name || 'You').slice(0, 16), foe = String(w.foe).slice(0, 16);
    panel(ctx, 6, 20, 190, 34); panel(ctx, 284, 20, 190, 34);
    G.text(name, 12, 23, { size: 9, color: '#9dd7ff' });
    G.text(foe, 468, 23, { size: 9, color: '#ff9d9d', align: 'right' });
    if (w.mode === 'duel') {
      bar(ctx, 12, 36, 178, w.p.hp, HEALTH, w.p.hp < 30 ? '#ff7d4d' : '#7ad04f', false);
      bar(ctx, 290, 36, 178, w.c.hp, w.cpu_hp, '#e8453c', true);
    } else {
      G.text(w.p.pct + '%', 12, 34, { size: 12, color: w.p.pct > 80 ? '#ff7d4d' : '#ffffff' });
      G.text(w.c.pct + '%', 468, 34, { size: 12, color: w.c.pct > 80 ? '#ff7d4d' : '#ffffff', align: 'right' });
    }
    for (var i = 0; i < w.need; i++) {
      ctx.fillStyle = i < w.p.wins ? '#ffe066' : 'rgba(255,255,255,0.25)'; ctx.fillRect(120 + i * 12, 24, 8, 8);
      ctx.fillStyle = i < w.c.wins ? '#ffe066' : 'rgba(255,255,255,0.25)'; ctx.fillRect(352 - i * 12, 24, 8, 8);
    }
    var secs = Math.max(0, Math.ceil((w.round_frames - w.rf) / 60));
    panel(ctx, 214, 20, 52, 30);
    G.text(String(secs), 240, 24, { align: 'center', size: 14, color: G.color('accent', '#ffd34d') });
    G.text((w.mode === 'platform' ? 'STOCK ' : 'ROUND ') + w.round, 240, 40, { align: 'center', size: 7 });
    if (w.flash && w.flash.t < 1) G.text(w.flash.what, 240, 100, { align: 'center', size: 20, color: '#ffe066' });
    if (w.pause > 0 && !w.done) G.text((w.mode === 'platform' ? 'STOCK ' : 'ROUND ') + w.round, 240, 130, { align: 'center', size: 12 });
  }
  function player(w) { return { x: w.p.x / SUB, y: GROUND - w.p.y / SUB }; }
  function hud(G, w) { return 'Arrows move, Up jumps, Down blocks, Space light, Z heavy'; }

  // QA hooks (maestro/genres/fighting/qa.py): the match as plain JSON, the rule book to replay.
  function fview(me) {
    return [me.x, me.y, me.vx, me.vy, me.face, me.ground, me.jumps, me.act, me.at, me.stun, me.block, me.hp, me.pct, me.wins];
  }
  var qa = {
    view: function (G, w) {
      return { f: w.f, rf: w.rf, round: w.round, pause: w.pause, p: fview(w.p), c: fview(w.c), shot: [w.shot_x, w.shot_y, w.shot_dir, w.shot_cool],
               hits: w.hits, taken: w.taken, blocked: w.blocked, score: w.score, won: w.won, over: w.over, last: w.last };
    }
  };

  Maestro.registerGenre('fighting', {
    start: start, update: update, draw: draw, player: player, hud: hud, qa: qa, focus: true,
    usesLives: false,  // a match is won by rounds (or stocks), not lives
    cast: function (G) { return { you: 'you', enemies: 'fight', items: '' }; },
    help: function (G) {
      return G.spec.mode === 'platform' ? 'Knock your rival off the stage: Space light, Z heavy, Up jumps, Down blocks'
        : 'Best of three rounds: Space light, Z heavy, Up jumps, Down blocks';
    }
  });
})();
