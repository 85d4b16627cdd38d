/* Rules modules: the one extension point where game rules written outside Maestro (by the LLM path,
 * maestro/llm/rules.py) join a bundle. Appended to game.js only when a build has rules modules, so
 * a build without them has the very bytes it always had.
 *
 * A rules module is a classic script that calls, once:
 *
 *   Maestro.registerRules({
 *     id: 'pearl-combo',
 *     start: function (R) { ... },        optional: a level starts (R.vars is fresh for each level)
 *     step:  function (R) { ... },        optional: after each fixed 60 Hz step of play
 *     score: function (R, n) { return n },  optional: points about to be added; returns the points
 *     hud:   function (R) { return '' }    optional: one more HUD line
 *   });
 *
 * and sees the game only through R, the typed API of the family it extends:
 *   R.score() R.lives() R.level() R.frame() R.time()   read the game's state (R.level() is 1-based)
 *   R.vars                                             the module's own numbers and strings, per level
 *   R.addScore(n) R.hurt(reason) R.win() R.say(text)   act through the runtime's own rules
 * A hook that throws is recorded in the game's errors (QA's headless play fails on it) and the
 * module is switched off for the rest of the game, so the family's own rules go on.
 */
(function (root) {
  'use strict';
  var M = root.Maestro;
  var modules = [];
  M.registerRules = function (mod) { if (mod && typeof mod === 'object') modules.push(mod); };
  M.rules = modules;

  function api(G, mod) {
    return {
      vars: mod.__vars,
      score: function () { return G.score; }, lives: function () { return G.lives; },
      level: function () { return G.levelIndex + 1; }, frame: function () { return G.frame; },
      time: function () { return G.time; },
      addScore: function (n) { G.addScore(+n || 0); }, hurt: function (why) { G.hurt(String(why || 'rules')); },
      win: function () { G.win(); }, say: function (text) { G.banner = { text: String(text).slice(0, 60), t: 1.5 }; }
    };
  }

  function call(G, mod, hook, args, fallback) {
    if (mod.__off || typeof mod[hook] !== 'function') return fallback;
    try {
      return mod[hook].apply(null, [api(G, mod)].concat(args || []));
    } catch (e) {
      mod.__off = true;
      G.errors.push('rules module ' + (mod.id || '?') + ' (' + hook + '): ' + (e && e.message || e));
      return fallback;
    }
  }

  function wrap(genre) {
    var start = genre.start, update = genre.update, hud = genre.hud;
    genre.start = function (G, level) {
      if (!G.__rules) {  // once per game: points pass through the modules' score hooks
        G.__rules = true;
        var add = G.addScore;
        G.addScore = function (n) {
          for (var i = 0; i < modules.length; i++) {
            var v = call(G, modules[i], 'score', [n], n);
            n = (typeof v === 'number' && isFinite(v)) ? v : n;
          }
          add(n);
        };
      }
      var world = start.call(genre, G, level);
      for (var i = 0; i < modules.length; i++) { modules[i].__vars = {}; call(G, modules[i], 'start', [], null); }
      return world;
    };
    genre.update = function (G, world, dt) {
      update.call(genre, G, world, dt);
      if (G.status !== 'playing') return;
      for (var i = 0; i < modules.length; i++) call(G, modules[i], 'step', [], null);
    };
    genre.hud = function (G, world) {
      var lines = [];
      var own = hud && hud.call(genre, G, world);
      if (own) lines.push(own);
      for (var i = 0; i < modules.length; i++) {
        var line = call(G, modules[i], 'hud', [], '');
        if (line) lines.push(String(line).slice(0, 40));
      }
      return lines.join('  ');
    };
  }

  M.wrapGenresWithRules = function () {
    for (var name in M.genres) if (Object.prototype.hasOwnProperty.call(M.genres, name)) wrap(M.genres[name]);
  };
})(typeof window !== 'undefined' ? window : this);
