/* Maestro genre module: board (classic board games against an AI opponent, turn-based; modes
 * "connect_four", "tic_tac_toe", "othello", "checkers").
 *
 * One level is one game against the computer. The rules and the AI are exactly those of
 * maestro/genres/board/rules.py (class Rules, negamax, ai_move), whose solver proves every level
 * winnable; everything is integer arithmetic over a flat array of cells (y * cols + x, y = 0 on top;
 * 0 empty, 1 the player, 2 the AI), so both agree move for move:
 *   - connect four: a move is a column, the piece drops to the lowest free cell, four in a row wins;
 *   - tic-tac-toe: a move is an empty cell, three in a row wins; a full board is a draw;
 *   - othello: a move must bracket a line of the opponent's discs, which flip; a side with no move
 *     passes; when neither can move, most discs wins;
 *   - checkers: men (1 / 2) step diagonally forward, kings (3 / 4) both ways; a capture jumps onto the
 *     empty square beyond and goes on jumping; captures are compulsory; a man reaching the far row is
 *     crowned (its move ends); a side with no move loses. A move is from * 64 + to.
 * The AI: depth-limited negamax with alpha-beta over a fixed integer evaluation, trying its moves in
 * level.order (the level's tie-break) and keeping the first best; it replies config.think_frames
 * frames after the player's move (never before: the player's turn waits for the player).
 * Won: G.win(). Lost: the final board stays up for config.end_frames, then G.hurt (a life, when the
 * GDD gives lives; else the game starts again). Drawn: the board resets and the game is replayed.
 * Controls: connect four, Left / Right choose a column; the grid games, the arrows move a cursor;
 * Space / Enter places (checkers: Space picks the piece up, then puts it down where it goes). Mouse / touch: tap a cell (or a column) to place there (a pointer listener of
 * this module's own: the runtime's canvas tap only starts and restarts the game).
 * module.player(world) is the cursor's cell, in screen pixels (the pieces never walk).
 */
(function () {
  'use strict';

  var EMPTY = 0, PLAYER = 1, AI = 2, DRAW = 3, WIN = 1000000, INF = 1000000000;
  var GAMES = {
    connect_four: { cols: 7, rows: 6, line: 4, gravity: true },
    tic_tac_toe: { cols: 3, rows: 3, line: 3, gravity: false },
    othello: { cols: 8, rows: 8, line: 0, gravity: false },
    checkers: { cols: 8, rows: 8, line: 0, gravity: false }
  };
  // Checkers: men 1 / 2 (the player's move up, the AI's down), kings 3 / 4, their diagonals in order.
  var KING = { 1: 3, 2: 4 };
  var STEPS = { 1: [[-1, -1], [1, -1]], 2: [[-1, 1], [1, 1]], 3: [[-1, -1], [1, -1], [-1, 1], [1, 1]],
    4: [[-1, -1], [1, -1], [-1, 1], [1, 1]] };
  var MAN_VALUE = 100, KING_VALUE = 160, ADVANCE = 4;
  function owner(v) { return v === EMPTY ? 0 : (v % 2 === 1 ? PLAYER : AI); }
  var WINDOW_VALUE = [0, 1, 8, 64, 512];
  var WEIGHTS = [
    100, -20, 10, 5, 5, 10, -20, 100,
    -20, -50, -2, -2, -2, -2, -50, -20,
    10, -2, 1, 1, 1, 1, -2, 10,
    5, -2, 1, 0, 0, 1, -2, 5,
    5, -2, 1, 0, 0, 1, -2, 5,
    10, -2, 1, 1, 1, 1, -2, 10,
    -20, -50, -2, -2, -2, -2, -50, -20,
    100, -20, 10, 5, 5, 10, -20, 100
  ];
  var DIRS = [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1]];

  function num(v, d) { return (typeof v === 'number' && isFinite(v)) ? v : d; }

  // ---- the rule book (rules.py: Rules) --------------------------------------------------------------
  function makeRules(mode, cfg) {
    if (!GAMES[mode]) mode = 'connect_four';
    var g = GAMES[mode], src = cfg.mode === mode ? cfg : g;  // the config's numbers are its own game's
    var R = {
      mode: mode, cols: num(src.cols, g.cols), rows: num(src.rows, g.rows), line: num(src.line, g.line),
      gravity: src.gravity === undefined ? g.gravity : !!src.gravity
    };
    R.size = R.cols * R.rows;
    R.count = R.gravity ? R.cols : R.size;
    R.windows = windows(R.cols, R.rows, R.line);
    R.rays = rays(R.cols, R.rows);
    return R;
  }
  function windows(cols, rows, line) {
    var out = [];
    if (line < 1) return out;
    [[1, 0], [0, 1], [1, 1], [1, -1]].forEach(function (d) {
      for (var y = 0; y < rows; y++) {
        for (var x = 0; x < cols; x++) {
          var ex = x + d[0] * (line - 1), ey = y + d[1] * (line - 1);
          if (ex < 0 || ex >= cols || ey < 0 || ey >= rows) continue;
          var win = [];
          for (var k = 0; k < line; k++) win.push((y + d[1] * k) * cols + x + d[0] * k);
          out.push(win);
        }
      }
    });
    return out;
  }
  function rays(cols, rows) {
    var out = [];
    for (var c = 0; c < cols * rows; c++) {
      var x = c % cols, y = Math.floor(c / cols), list = [];
      DIRS.forEach(function (d) {
        var ray = [], px = x + d[0], py = y + d[1];
        while (px >= 0 && px < cols && py >= 0 && py < rows) { ray.push(py * cols + px); px += d[0]; py += d[1]; }
        if (ray.length >= 2) list.push(ray);
      });
      out.push(list);
    }
    return out;
  }
  function initial(R) {
    var cells = [];
    for (var i = 0; i < R.size; i++) cells.push(EMPTY);
    if (R.mode === 'checkers') {
      for (var k = 0; k < R.size; k++) {
        var x = k % R.cols, y = Math.floor(k / R.cols);
        if ((x + y) % 2 === 1 && y < 3) cells[k] = AI;
        else if ((x + y) % 2 === 1 && y >= R.rows - 3) cells[k] = PLAYER;
      }
    }
    if (R.mode === 'othello') {
      var c = Math.floor(R.cols / 2), r = Math.floor(R.rows / 2);
      cells[(r - 1) * R.cols + c - 1] = AI; cells[r * R.cols + c] = AI;
      cells[(r - 1) * R.cols + c] = PLAYER; cells[r * R.cols + c - 1] = PLAYER;
    }
    return cells;
  }
  function dropCell(R, cells, col) {
    for (var y = R.rows - 1; y >= 0; y--) if (cells[y * R.cols + col] === EMPTY) return y * R.cols + col;
    return -1;
  }
  function flips(R, cells, side, cell) {
    if (cells[cell] !== EMPTY) return [];
    var other = 3 - side, out = [], list = R.rays[cell];
    for (var i = 0; i < list.length; i++) {
      var ray = list[i], run = 0;
      for (var k = 0; k < ray.length; k++) {
        var v = cells[ray[k]];
        if (v === other) { run++; continue; }
        if (v === side && run) for (var j = 0; j < run; j++) out.push(ray[j]);
        break;
      }
    }
    return out;
  }
  // ---- checkers: every move with its path (rules.py: Rules._jumps / paths / path_of) --------------
  function jumps(R, cells, side, piece, cell, path, taken) {
    var found = [], x = cell % R.cols, y = Math.floor(cell / R.cols), steps = STEPS[piece];
    for (var i = 0; i < steps.length; i++) {
      var dx = steps[i][0], dy = steps[i][1], mx = x + dx, my = y + dy, lx = x + 2 * dx, ly = y + 2 * dy;
      if (lx < 0 || lx >= R.cols || ly < 0 || ly >= R.rows) continue;
      var mid = my * R.cols + mx, land = ly * R.cols + lx;
      if (owner(cells[mid]) !== 3 - side || taken.indexOf(mid) >= 0 || cells[land] !== EMPTY) continue;
      var route = path.concat([land]), gone = taken.concat([mid]);
      if (piece === side && ly === (side === PLAYER ? 0 : R.rows - 1)) { found.push([route, gone]); continue; }
      var deeper = jumps(R, cells, side, piece, land, route, gone);
      if (deeper.length) found = found.concat(deeper); else found.push([route, gone]);
    }
    return found;
  }
  function paths(R, cells, side) {
    var caps = [], steps = [];
    for (var c = 0; c < cells.length; c++) {
      var v = cells[c];
      if (owner(v) !== side) continue;
      var lifted = cells.slice(); lifted[c] = EMPTY;
      jumps(R, lifted, side, v, c, [], []).forEach(function (j) { caps.push([c, j[0], j[1]]); });
      if (caps.length) continue;
      var x = c % R.cols, y = Math.floor(c / R.cols), st = STEPS[v];
      for (var i = 0; i < st.length; i++) {
        var nx = x + st[i][0], ny = y + st[i][1];
        if (nx >= 0 && nx < R.cols && ny >= 0 && ny < R.rows && cells[ny * R.cols + nx] === EMPTY) steps.push([c, [ny * R.cols + nx], []]);
      }
    }
    return caps.length ? caps : steps;
  }
  function pathOf(R, cells, side, move) {
    var ps = paths(R, cells, side);
    for (var i = 0; i < ps.length; i++) if (ps[i][0] * R.size + ps[i][1][ps[i][1].length - 1] === move) return ps[i];
    return null;
  }
  function checkersMoves(R, cells, side) {
    var seen = {}, out = [];
    paths(R, cells, side).forEach(function (p) {
      var m = p[0] * R.size + p[1][p[1].length - 1];
      if (!seen[m]) { seen[m] = true; out.push(m); }
    });
    return out.sort(function (a, b) { return a - b; });
  }
  // `side`'s legal moves in the order the AI tries them (rules.py: Rules.ordered).
  function ordered(R, cells, side, order) {
    var out = [], i;
    if (R.mode === 'checkers') {
      var rank = {};
      for (i = 0; i < order.length; i++) rank[order[i]] = i;
      var key = function (m) { var r = rank[Math.floor(m / R.size)]; return (r === undefined ? R.size : r) * R.size + m % R.size; };
      return checkersMoves(R, cells, side).sort(function (a, b) { return key(a) - key(b); });
    }
    for (i = 0; i < order.length; i++) if (isLegal(R, cells, side, order[i])) out.push(order[i]);
    return out;
  }

  function isLegal(R, cells, side, move) {
    if (R.mode === 'checkers') return checkersMoves(R, cells, side).indexOf(move) >= 0;
    if (!(move >= 0 && move < R.count)) return false;
    if (R.gravity) return cells[move] === EMPTY;
    if (R.mode === 'othello') return flips(R, cells, side, move).length > 0;
    return cells[move] === EMPTY;
  }
  function legal(R, cells, side) {
    if (R.mode === 'checkers') return checkersMoves(R, cells, side);
    var out = [];
    for (var m = 0; m < R.count; m++) if (isLegal(R, cells, side, m)) out.push(m);
    return out;
  }
  function hasMove(R, cells, side) {
    if (R.mode === 'checkers') return paths(R, cells, side).length > 0;
    for (var m = 0; m < R.count; m++) if (isLegal(R, cells, side, m)) return true;
    return false;
  }
  function count(cells, side) { var n = 0; for (var i = 0; i < cells.length; i++) if (cells[i] === side) n++; return n; }
  function countSide(cells, side) { var n = 0; for (var i = 0; i < cells.length; i++) if (owner(cells[i]) === side) n++; return n; }
  function lineThrough(R, cells, cell) {
    var side = cells[cell], x0 = cell % R.cols, y0 = Math.floor(cell / R.cols);
    var ds = [[1, 0], [0, 1], [1, 1], [1, -1]];
    for (var i = 0; i < ds.length; i++) {
      var n = 1;
      for (var s = 1; s >= -1; s -= 2) {
        var x = x0 + ds[i][0] * s, y = y0 + ds[i][1] * s;
        while (x >= 0 && x < R.cols && y >= 0 && y < R.rows && cells[y * R.cols + x] === side) {
          n++; x += ds[i][0] * s; y += ds[i][1] * s;
        }
      }
      if (n >= R.line) return true;
    }
    return false;
  }
  // The cells of the line through `cell` that won the game (drawing only; none in othello).
  function winLine(R, cells, cell) {
    if (R.line < 1 || cell < 0) return [];
    var side = cells[cell], x0 = cell % R.cols, y0 = Math.floor(cell / R.cols), ds = [[1, 0], [0, 1], [1, 1], [1, -1]];
    for (var i = 0; i < ds.length; i++) {
      var run = [cell];
      for (var s = 1; s >= -1; s -= 2) {
        var x = x0 + ds[i][0] * s, y = y0 + ds[i][1] * s;
        while (x >= 0 && x < R.cols && y >= 0 && y < R.rows && cells[y * R.cols + x] === side) {
          run.push(y * R.cols + x); x += ds[i][0] * s; y += ds[i][1] * s;
        }
      }
      if (run.length >= R.line) return run;
    }
    return [];
  }
  // Who moves next and the result once `side` has put a piece on `cell` (rules.py: Rules.after).
  function after(R, cells, side, cell) {
    var other = 3 - side;
    if (R.mode === 'checkers') return hasMove(R, cells, other) ? [other, 0] : [other, side];
    if (R.mode === 'othello') {
      if (hasMove(R, cells, other)) return [other, 0];
      if (hasMove(R, cells, side)) return [side, 0];
      var mine = count(cells, PLAYER), theirs = count(cells, AI);
      return [side, mine > theirs ? PLAYER : theirs > mine ? AI : DRAW];
    }
    if (lineThrough(R, cells, cell)) return [other, side];
    if (cells.indexOf(EMPTY) < 0) return [other, DRAW];
    return [other, 0];
  }
  // `side` plays the legal `move`: {cells, cell, next, result, flipped}.
  function play(R, cells, side, move) {
    if (R.mode === 'checkers') return playCheckers(R, cells.slice(), side, move);
    var out = cells.slice(), cell = R.gravity ? dropCell(R, out, move) : move, fl = [];
    if (R.mode === 'othello') { fl = flips(R, out, side, cell); for (var i = 0; i < fl.length; i++) out[fl[i]] = side; }
    out[cell] = side;
    var a = after(R, out, side, cell);
    return { cells: out, cell: cell, next: a[0], result: a[1], flipped: fl };
  }
  function playCheckers(R, out, side, move) {
    var p = pathOf(R, out, side, move);
    if (!p) throw new Error('not a legal checkers move: ' + move);
    var piece = out[p[0]], cell = p[1][p[1].length - 1];
    out[p[0]] = EMPTY;
    for (var i = 0; i < p[2].length; i++) out[p[2][i]] = EMPTY;
    if (piece === side && Math.floor(cell / R.cols) === (side === PLAYER ? 0 : R.rows - 1)) piece = KING[side];
    out[cell] = piece;
    var a = after(R, out, side, cell);
    return { cells: out, cell: cell, next: a[0], result: a[1], flipped: p[2], from: p[0], route: p[1] };
  }
  function evaluate(R, cells, side) {
    var score = 0, i, v;
    if (R.mode === 'checkers') {
      for (i = 0; i < cells.length; i++) {
        v = cells[i];
        if (!v) continue;
        var y = Math.floor(i / R.cols);
        var worth = v > 2 ? KING_VALUE : MAN_VALUE + ADVANCE * (v === PLAYER ? R.rows - 1 - y : y);
        score += owner(v) === side ? worth : -worth;
      }
      return score;
    }
    if (R.mode === 'othello') {
      for (i = 0; i < cells.length; i++) { v = cells[i]; if (v) score += v === side ? WEIGHTS[i] : -WEIGHTS[i]; }
      return score;
    }
    var ws = R.windows;
    for (i = 0; i < ws.length; i++) {
      var win = ws[i], mine = 0, theirs = 0;
      for (var k = 0; k < win.length; k++) { v = cells[win[k]]; if (v === side) mine++; else if (v) theirs++; }
      if (mine && !theirs) score += WINDOW_VALUE[mine];
      else if (theirs && !mine) score -= WINDOW_VALUE[theirs];
    }
    if (R.gravity) {
      var mid = Math.floor(R.cols / 2);
      for (var y = 0; y < R.rows; y++) { v = cells[y * R.cols + mid]; if (v) score += v === side ? 3 : -3; }
    }
    return score;
  }

  // ---- the AI (rules.py: negamax, ai_move) -------------------------------------------------------------
  function terminal(result, side, ply) {
    if (result === DRAW) return 0;
    return result === side ? WIN - ply : -(WIN - ply);
  }
  function negamax(R, cells, side, depth, alpha, beta, ply, order) {
    if (depth <= 0) return evaluate(R, cells, side);
    var best = -INF, moves = ordered(R, cells, side, order);
    for (var i = 0; i < moves.length; i++) {
      var p = play(R, cells, side, moves[i]), v;
      if (p.result) v = terminal(p.result, side, ply + 1);
      else if (p.next === side) v = negamax(R, p.cells, side, depth - 1, alpha, beta, ply + 1, order);
      else v = -negamax(R, p.cells, p.next, depth - 1, -beta, -alpha, ply + 1, order);
      if (v > best) best = v;
      if (best > alpha) alpha = best;
      if (alpha >= beta) break;
    }
    return best;
  }
  function aiMove(R, cells, side, depth, order) {
    var best = -INF, choice = -1, moves = ordered(R, cells, side, order);
    for (var i = 0; i < moves.length; i++) {
      var m = moves[i], p = play(R, cells, side, m), v;
      if (p.result) v = terminal(p.result, side, 1);
      else if (p.next === side) v = negamax(R, p.cells, side, depth - 1, best, INF, 1, order);
      else v = -negamax(R, p.cells, p.next, depth - 1, -INF, -best, 1, order);
      if (v > best) { best = v; choice = m; }
    }
    return choice;
  }

  // ---- the module ------------------------------------------------------------------------------------
  function opponentName(G) { return (G.cfg && G.cfg.opponent) || 'Rival'; }
  function playerName(G) { return (G.cfg && G.cfg.player_name) || 'You'; }
  function opponentSlug(G) { return (G.cfg && G.cfg.opponent_slug) || (G.roles.enemies || [])[0] || null; }

  function attachPointer(G) {
    if (G.headless || G.boardPointer || typeof document === 'undefined') return;
    var canvas = document.getElementById('game');
    if (!canvas) return;
    G.boardPointer = true;
    canvas.addEventListener('pointerdown', function (e) {
      if (G.status !== 'playing' || !G.world) return;
      var r = canvas.getBoundingClientRect();
      var s = Math.min(r.width / G.W, r.height / G.H) || 1;
      var ox = (r.width - G.W * s) / 2, oy = (r.height - G.H * s) / 2;
      G.world.taps.push([(e.clientX - r.left - ox) / s, (e.clientY - r.top - oy) / s]);
    });
  }

  // The board's place on the 480x270 screen: cells as large as fit between the side panels.
  function layout(R) {
    var cs = Math.min(64, Math.floor(212 / R.rows), Math.floor(260 / R.cols));
    var w = cs * R.cols, h = cs * R.rows;
    return { cs: cs, x0: Math.floor((480 - w) / 2), y0: R.gravity ? 36 : Math.floor(30 + (216 - h) / 2), w: w, h: h };
  }

  // (Re)deal the level: the empty board, the opening, whose turn (rules.py: Match.start).
  function setup(G, w, level) {
    var cfg = G.cfg || {};
    var R = makeRules(level.game || cfg.mode || 'connect_four', cfg);
    w.R = R; w.level = level; w.L = layout(R);
    w.depth = Math.max(1, num(level.depth, 1));
    w.order = [];
    if (level.order && level.order.length) w.order = level.order.slice();
    else for (var m = 0; m < R.count; m++) w.order.push(m);
    w.cells = initial(R); w.turn = num(level.first, PLAYER); w.result = 0; w.last = -1; w.plies = 0;
    w.history = []; w.think = 0; w.endT = 0; w.sel = -1; w.refused = 0; w.flipped = []; w.flipT = 0; w.taps = [];
    w.cx = Math.floor(R.cols / 2); w.cy = R.gravity ? 0 : Math.floor(R.rows / 2);
    if (R.mode === 'othello') { w.cx = Math.floor(R.cols / 2) - 1; w.cy = Math.floor(R.rows / 2) - 1; }
    var opening = level.opening || [];
    for (var i = 0; i < opening.length; i++) {
      if (w.result || !isLegal(R, w.cells, w.turn, opening[i])) break;
      place(w, opening[i]);
    }
    w.flipped = [];
    if (w.turn === AI && !w.result) w.think = num(cfg.think_frames, 18);
  }

  function place(w, move) {
    var p = play(w.R, w.cells, w.turn, move);
    w.cells = p.cells; w.last = p.cell; w.turn = p.next; w.result = p.result; w.plies++;
    w.history.push(move); w.flipped = p.flipped; w.flipT = 0.4;
    return p;
  }

  function start(G, level) {
    attachPointer(G);
    var w = { t: 0, msg: null };
    setup(G, w, level || {});
    return w;
  }

  function say(w, text, t) { w.msg = { text: text, t: t || 1.4 }; }

  // The game is over: the player won (G.win at once), lost or drew (after the final board was seen).
  function finish(G, w) {
    var cfg = G.cfg || {};
    if (w.result === PLAYER) {
      var empties = count(w.cells, EMPTY), discs = countSide(w.cells, PLAYER);
      G.addScore(num(cfg.win_points, 100) * w.depth + num(cfg.piece_points, 5) * (w.R.line < 1 ? discs : empties));
      say(w, 'You win!', 2);
      G.win();
      return;
    }
    say(w, w.result === AI ? opponentName(G) + ' wins!' : 'A draw! The board resets', 2);
  }

  function afterMove(G, w, p, mine) {
    if (p.flipped.length) G.sfx('coin');
    if (w.result) { finish(G, w); return; }
    if (w.turn === AI) {
      w.think = num((G.cfg || {}).think_frames, 18);
      if (!mine) say(w, 'You have no move: you pass');
    } else if (!mine) {
      w.think = 0;
    } else {
      say(w, opponentName(G) + ' has no move and passes');
    }
  }

  function cursorMove(w) { return w.R.gravity ? w.cx : w.cy * w.R.cols + w.cx; }

  // Checkers (rules.py: Match._act_checkers): action picks up a piece that can move, then puts it down
  // where it may go (a capture jumps its whole path); action on the picked piece puts it back.
  function actCheckers(G, w) {
    var R = w.R, c = w.cy * R.cols + w.cx, moves = legal(R, w.cells, PLAYER), i;
    if (w.sel >= 0 && c === w.sel) { w.sel = -1; G.sfx('select'); return false; }
    if (w.sel >= 0 && moves.indexOf(w.sel * R.size + c) >= 0) {
      var mv = w.sel * R.size + c;
      w.sel = -1; G.sfx('push');
      afterMove(G, w, place(w, mv), true);
      return true;
    }
    for (i = 0; i < moves.length; i++) if (Math.floor(moves[i] / R.size) === c) { w.sel = c; G.sfx('select'); return false; }
    var ps = paths(R, w.cells, PLAYER);
    w.refused = 0.5; G.sfx('undo');
    say(w, ps.length && ps[0][2].length ? 'A capture must be taken' : 'That piece cannot move there', 1.2);
    return false;
  }

  function tryPlace(G, w) {
    if (w.R.mode === 'checkers') return actCheckers(G, w);
    var mv = cursorMove(w);
    if (!isLegal(w.R, w.cells, PLAYER, mv)) {
      w.refused = 0.5; G.sfx('undo');
      say(w, w.R.gravity ? 'That column is full' : (w.R.mode === 'othello' ? 'A disc must flip a line' : 'That cell is taken'), 1);
      return false;
    }
    G.sfx('push');
    afterMove(G, w, place(w, mv), true);
    return true;
  }

  function cellAt(w, x, y) {
    var L = w.L, cx = Math.floor((x - L.x0) / L.cs), cy = Math.floor((y - L.y0) / L.cs);
    if (cx < 0 || cx >= w.R.cols) return null;
    if (w.R.gravity) return (y >= L.y0 - L.cs && y < L.y0 + L.h) ? [cx, 0] : null;
    if (cy < 0 || cy >= w.R.rows) return null;
    return [cx, cy];
  }

  function update(G, w, dt) {
    w.t += dt;
    if (w.msg) { w.msg.t -= dt; if (w.msg.t <= 0) w.msg = null; }
    if (w.refused > 0) w.refused = Math.max(0, w.refused - dt);
    if (w.flipT > 0) w.flipT = Math.max(0, w.flipT - dt);
    var taps = w.taps; w.taps = [];
    if (w.result) {
      w.endT++;
      if (w.endT < num((G.cfg || {}).end_frames, 75)) return;
      if (w.result === AI) { G.hurt(opponentName(G) + ' won the game'); return; }
      if (w.result === DRAW) { G.sfx('door'); setup(G, w, w.level); say(w, 'Drawn game: play it again'); }
      return;
    }
    if (w.turn === AI) {
      if (--w.think > 0) return;
      var mv = aiMove(w.R, w.cells, AI, w.depth, w.order);
      if (mv < 0) return;
      G.sfx('step');
      afterMove(G, w, place(w, mv), false);
      return;
    }
    var R = w.R;
    for (var i = 0; i < taps.length; i++) {
      var c = cellAt(w, taps[i][0], taps[i][1]);
      if (!c) continue;
      w.cx = c[0]; if (!R.gravity) w.cy = c[1];
      if (tryPlace(G, w)) return;
    }
    var moved = false;
    if (G.pressed.left && w.cx > 0) { w.cx--; moved = true; }
    if (G.pressed.right && w.cx < R.cols - 1) { w.cx++; moved = true; }
    if (!R.gravity && G.pressed.up && w.cy > 0) { w.cy--; moved = true; }
    if (!R.gravity && G.pressed.down && w.cy < R.rows - 1) { w.cy++; moved = true; }
    if (moved) G.sfx('select');
    if (G.pressed.action) tryPlace(G, w);
  }

  // ---- drawing -------------------------------------------------------------------------------------------
  function disc(G, ctx, x, y, r, side, alpha) {
    var base = side === PLAYER ? G.color('player', '#41a6f6') : G.color('enemy', '#b13e53');
    ctx.globalAlpha = alpha === undefined ? 1 : alpha;
    ctx.fillStyle = 'rgba(0,0,0,0.35)';
    ctx.beginPath(); ctx.arc(x + 1.5, y + 2, r, 0, Math.PI * 2); ctx.fill();
    var grad = ctx.createRadialGradient ? ctx.createRadialGradient(x - r / 3, y - r / 3, r / 6, x, y, r) : null;
    if (grad) { grad.addColorStop(0, '#ffffff'); grad.addColorStop(0.25, base); grad.addColorStop(1, shade(base)); }
    ctx.fillStyle = grad || base;
    ctx.beginPath(); ctx.arc(x, y, r, 0, Math.PI * 2); ctx.fill();
    ctx.strokeStyle = 'rgba(0,0,0,0.45)'; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.arc(x, y, r * 0.62, 0, Math.PI * 2); ctx.stroke();
    ctx.globalAlpha = 1;
  }
  function shade(hex) {
    var m = /^#?([0-9a-f]{6})$/i.exec(hex || '');
    if (!m) return hex;
    var n = parseInt(m[1], 16), r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    return 'rgb(' + Math.floor(r * 0.45) + ',' + Math.floor(g * 0.45) + ',' + Math.floor(b * 0.45) + ')';
  }
  function mark(G, ctx, x, y, r, side, alpha) {  // tic-tac-toe: a cross for the player, a ring for the AI
    ctx.globalAlpha = alpha === undefined ? 1 : alpha;
    ctx.lineCap = 'round';
    ctx.strokeStyle = 'rgba(0,0,0,0.4)'; ctx.lineWidth = 7;
    strokeMark(ctx, x + 2, y + 2, r, side);
    ctx.strokeStyle = side === PLAYER ? G.color('player', '#41a6f6') : G.color('enemy', '#b13e53'); ctx.lineWidth = 6;
    strokeMark(ctx, x, y, r, side);
    ctx.globalAlpha = 1;
  }
  function strokeMark(ctx, x, y, r, side) {
    ctx.beginPath();
    if (side === PLAYER) { ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r); ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r); }
    else ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.stroke();
  }
  function piece(G, ctx, w, cell, v, alpha) {
    var L = w.L, x = L.x0 + (cell % w.R.cols) * L.cs + L.cs / 2, y = L.y0 + Math.floor(cell / w.R.cols) * L.cs + L.cs / 2;
    if (w.R.mode === 'tic_tac_toe') { mark(G, ctx, x, y, L.cs * 0.3, v, alpha); return; }
    disc(G, ctx, x, y, L.cs * 0.4, owner(v), alpha);
    if (v > 2) crown(G, ctx, x, y, L.cs * 0.22);
  }
  function crown(G, ctx, x, y, r) {  // a checkers king: a gold crown on the disc
    ctx.fillStyle = G.color('accent', '#ffcd75'); ctx.strokeStyle = 'rgba(0,0,0,0.6)'; ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x - r, y + r * 0.6); ctx.lineTo(x - r, y - r * 0.5); ctx.lineTo(x - r * 0.5, y);
    ctx.lineTo(x, y - r * 0.8); ctx.lineTo(x + r * 0.5, y); ctx.lineTo(x + r, y - r * 0.5); ctx.lineTo(x + r, y + r * 0.6);
    ctx.closePath(); ctx.fill(); ctx.stroke();
  }
  function ring(ctx, w, cell, color) {
    var L = w.L;
    ctx.strokeStyle = color; ctx.lineWidth = 2;
    ctx.strokeRect(L.x0 + (cell % w.R.cols) * L.cs + 3, L.y0 + Math.floor(cell / w.R.cols) * L.cs + 3, L.cs - 6, L.cs - 6);
  }

  function drawBoard(G, w, ctx) {
    var L = w.L, R = w.R, i;
    ctx.fillStyle = 'rgba(0,0,0,0.45)'; ctx.fillRect(L.x0 - 6 + 3, L.y0 - 6 + 4, L.w + 12, L.h + 12);
    ctx.fillStyle = G.color('ground', '#3b5dc9'); ctx.fillRect(L.x0 - 6, L.y0 - 6, L.w + 12, L.h + 12);
    for (i = 0; i < R.size; i++) {
      var x = L.x0 + (i % R.cols) * L.cs, y = L.y0 + Math.floor(i / R.cols) * L.cs;
      if (R.gravity) {  // a hole: darker than the frame whatever the palette, with a rim of light below
        ctx.fillStyle = 'rgba(255,255,255,0.18)';
        ctx.beginPath(); ctx.arc(x + L.cs / 2, y + L.cs / 2 + 1, L.cs * 0.43, 0, Math.PI * 2); ctx.fill();
        ctx.fillStyle = 'rgba(0,0,0,0.6)';
        ctx.beginPath(); ctx.arc(x + L.cs / 2, y + L.cs / 2, L.cs * 0.42, 0, Math.PI * 2); ctx.fill();
      } else {
        ctx.fillStyle = ((i % R.cols) + Math.floor(i / R.cols)) % 2 ? G.color('ground2', '#29366f') : G.color('ground', '#3b5dc9');
        ctx.fillRect(x, y, L.cs, L.cs);
        if (R.mode === 'checkers') {  // the squares pieces stand on dark, the others light, whatever the palette
          ctx.fillStyle = ((i % R.cols) + Math.floor(i / R.cols)) % 2 ? 'rgba(0,0,0,0.35)' : 'rgba(255,255,255,0.22)';
          ctx.fillRect(x, y, L.cs, L.cs);
        }
        ctx.strokeStyle = 'rgba(0,0,0,0.5)'; ctx.lineWidth = 1; ctx.strokeRect(x + 0.5, y + 0.5, L.cs - 1, L.cs - 1);
      }
    }
    var mine = !w.result && w.turn === PLAYER && G.status === 'playing';
    if (mine && R.mode === 'checkers') {  // the pieces that may move, or where the picked one may go
      legal(R, w.cells, PLAYER).forEach(function (m) {
        var from = Math.floor(m / R.size), to = m % R.size;
        if (w.sel < 0) ring(ctx, w, from, 'rgba(255,255,255,0.35)');
        else if (from === w.sel) {
          ctx.fillStyle = 'rgba(255,255,255,0.3)';
          ctx.beginPath(); ctx.arc(L.x0 + (to % R.cols) * L.cs + L.cs / 2, L.y0 + Math.floor(to / R.cols) * L.cs + L.cs / 2, L.cs / 6, 0, Math.PI * 2); ctx.fill();
        }
      });
    } else if (mine && !R.gravity) {  // the legal moves, hinted
      legal(R, w.cells, PLAYER).forEach(function (m) {
        ctx.fillStyle = 'rgba(255,255,255,0.22)';
        ctx.beginPath(); ctx.arc(L.x0 + (m % R.cols) * L.cs + L.cs / 2, L.y0 + Math.floor(m / R.cols) * L.cs + L.cs / 2, Math.max(2, L.cs / 9), 0, Math.PI * 2); ctx.fill();
      });
    }
    if (w.result === PLAYER || w.result === AI) {  // the winning line, glowing
      winLine(R, w.cells, w.last).forEach(function (c) {
        ctx.fillStyle = 'rgba(255,255,255,' + (0.25 + 0.2 * Math.abs(Math.sin(w.t * 5))) + ')';
        ctx.fillRect(L.x0 + (c % R.cols) * L.cs + 3, L.y0 + Math.floor(c / R.cols) * L.cs + 3, L.cs - 6, L.cs - 6);
      });
    }
    for (i = 0; i < R.size; i++) if (w.cells[i]) piece(G, ctx, w, i, w.cells[i], w.flipped.indexOf(i) >= 0 && w.flipT > 0 ? 0.5 + (0.4 - w.flipT) : 1);
    if (w.last >= 0) {  // the last move, ringed
      ctx.strokeStyle = G.color('accent', '#ffcd75'); ctx.lineWidth = 2;
      ctx.strokeRect(L.x0 + (w.last % R.cols) * L.cs + 2, L.y0 + Math.floor(w.last / R.cols) * L.cs + 2, L.cs - 4, L.cs - 4);
    }
    if (!mine) return;
    var blink = 0.55 + 0.45 * Math.abs(Math.sin(w.t * 4));
    ctx.strokeStyle = w.refused > 0 ? '#ff5555' : '#ffffff'; ctx.lineWidth = 2;
    if (R.gravity) {  // the piece in hand over the chosen column, and a ghost where it would land
      disc(G, ctx, L.x0 + w.cx * L.cs + L.cs / 2, L.y0 - L.cs / 2 - 2, L.cs * 0.36, PLAYER, blink);
      var land = dropCell(R, w.cells, w.cx);
      if (land >= 0) piece(G, ctx, w, land, PLAYER, 0.3);
      ctx.globalAlpha = 0.4; ctx.strokeRect(L.x0 + w.cx * L.cs + 1, L.y0, L.cs - 2, L.h); ctx.globalAlpha = 1;
    } else if (R.mode === 'checkers') {
      if (w.sel >= 0) ring(ctx, w, w.sel, G.color('accent', '#ffcd75'));
      ctx.globalAlpha = blink; ctx.strokeRect(L.x0 + w.cx * L.cs + 1, L.y0 + w.cy * L.cs + 1, L.cs - 2, L.cs - 2); ctx.globalAlpha = 1;
    } else {
      ctx.globalAlpha = blink; ctx.strokeRect(L.x0 + w.cx * L.cs + 1, L.y0 + w.cy * L.cs + 1, L.cs - 2, L.cs - 2); ctx.globalAlpha = 1;
      if (!w.cells[cursorMove(w)] && isLegal(R, w.cells, PLAYER, cursorMove(w))) piece(G, ctx, w, cursorMove(w), PLAYER, 0.35);
    }
  }

  function panel(G, ctx, x, slug, name, side, active, extra) {
    ctx.fillStyle = active ? 'rgba(255,255,255,0.16)' : 'rgba(0,0,0,0.35)'; ctx.fillRect(x, 40, 92, 120);
    if (active) { ctx.strokeStyle = G.color('accent', '#ffcd75'); ctx.lineWidth = 2; ctx.strokeRect(x + 1, 41, 90, 118); }
    if (slug) G.sprite(slug, G.anim(slug, 'idle', w0t(G)), x + 26, 48, { w: 40, h: 40, screen: true, flip: side === AI, color: side === PLAYER ? G.color('player') : G.color('enemy') });
    G.text(String(name).slice(0, 13), x + 46, 94, { align: 'center', size: 9 });
    if (G.world.R.mode === 'tic_tac_toe') mark(G, ctx, x + 46, 120, 8, side);
    else disc(G, ctx, x + 46, 120, 9, side);
    if (extra) G.text(extra, x + 46, 136, { align: 'center', size: 9 });
  }
  function w0t(G) { return G.world ? G.world.t : 0; }

  function draw(G, w, ctx) {
    drawBoard(G, w, ctx);
    var oth = w.R.line < 1;
    var thinking = !w.result && w.turn === AI;
    panel(G, ctx, 8, G.roles.player, playerName(G), PLAYER, !w.result && w.turn === PLAYER, oth ? countSide(w.cells, PLAYER) + (w.R.mode === 'othello' ? ' discs' : ' pieces') : 'you');
    panel(G, ctx, 480 - 100, opponentSlug(G), opponentName(G), AI, thinking, oth ? countSide(w.cells, AI) + (w.R.mode === 'othello' ? ' discs' : ' pieces') : 'AI level ' + w.depth);
    var status = w.result === PLAYER ? 'You win!' : w.result === AI ? opponentName(G) + ' wins' : w.result === DRAW ? 'Draw' :
      thinking ? opponentName(G) + ' is thinking' + '...'.slice(0, 1 + Math.floor(w.t * 3) % 3) : 'Your move';
    G.text(status, 54, 168, { align: 'center', size: 10, color: w.result === AI ? '#ff9d9d' : '#ffffff' });
    if (w.msg) {  // under the player's panel, off the board: a notice never hides a piece
      var lines = wrapText(w.msg.text, 16);
      ctx.fillStyle = 'rgba(0,0,0,0.6)'; ctx.fillRect(8, 184, 92, 6 + 11 * lines.length);
      lines.forEach(function (l, i) { G.text(l, 54, 188 + 11 * i, { align: 'center', size: 9, color: '#ffd34d' }); });
    }
  }

  function wrapText(text, max) {
    var out = [], line = '';
    String(text).split(' ').forEach(function (word) {
      if (line && (line + ' ' + word).length > max) { out.push(line); line = word; } else line = line ? line + ' ' + word : word;
    });
    if (line) out.push(line);
    return out.slice(0, 4);
  }

  function player(w) {
    var L = w.L;
    return { x: L.x0 + w.cx * L.cs, y: w.R.gravity ? L.y0 - L.cs : L.y0 + w.cy * L.cs };
  }

  function hud(G, w) {
    var moves = w.R.gravity ? 'Left/Right: column' : 'Arrows: cell';
    var act = w.R.mode === 'checkers' ? (w.sel >= 0 ? 'Space/tap: put down' : 'Space/tap: pick up') : 'Space/tap: place';
    return moves + '  ' + act + '   move ' + (Math.floor(w.plies / 2) + 1) + '   AI depth ' + w.depth;
  }

  // QA hooks (maestro/genres/board/qa.py): the game as plain JSON, a position to inject, the AI's choice.
  var qa = {
    view: function (G, w) {
      return {
        game: w.R.mode, cells: w.cells.slice(), turn: w.turn, result: w.result, last: w.last, plies: w.plies,
        cx: w.cx, cy: w.cy, history: w.history.slice(), think: w.think, depth: w.depth, refused: w.refused > 0,
        legal: legal(w.R, w.cells, PLAYER), order: w.order.slice(), sel: w.sel
      };
    },
    set: function (G, w, s) {
      w.cells = s.cells.slice(); w.turn = num(s.turn, PLAYER); w.result = 0; w.last = -1; w.plies = 0; w.history = [];
      w.endT = 0; w.flipped = []; w.sel = -1; w.think = w.turn === AI ? num((G.cfg || {}).think_frames, 18) : 0;
      if (s.cx !== undefined) w.cx = s.cx;
      if (s.cy !== undefined) w.cy = s.cy;
      return qa.view(G, w);
    },
    ai: function (G, w) { return aiMove(w.R, w.cells, AI, w.depth, w.order); },
    legal: function (G, w, side) { return legal(w.R, w.cells, side); }
  };

  Maestro.registerGenre('board', {
    start: start, update: update, draw: draw, player: player, hud: hud, qa: qa,
    // Lives only when the GDD gives some (then a lost game costs one); else a lost game starts again.
    usesLives: function (spec) {
      return (spec.mechanics || []).some(function (m) { return m.id === 'lives'; });
    },
    help: function (G) {
      var m = (G.cfg || {}).mode;
      return m === 'connect_four' ? 'Left/Right choose a column, Space drops a piece (or tap a column)'
        : m === 'checkers' ? 'Arrows move, Space picks a piece up and puts it down (or tap them)'
          : 'Arrows move the cursor, Space places a piece (or tap a cell)';
    },
    cast: { enemies: 'opponent', items: '' }  // the title screen's words: the one you play against
  });
})();
