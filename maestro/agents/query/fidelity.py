"""Each requirement of the GDD ends in one of three states, decided by what was really built.

* **verified**: a check on the real game code passed for it: a keypoint whose ``mechanic`` is the
  requirement's term (a mechanic id or an entity slug) or that names the entity, a keypoint whose id
  is the term (a rule the reader mapped to the genre's or the shared check that plays it: a start
  screen, moving left and right, a lost life sending the player back), or for the core loop the bot
  finishing level 1 of the genre the GDD asked for. A rule the reader could not map (no ``term``) is
  verified only by a passed keypoint whose words say the same thing (``_said_by``), and a character it
  could not map by the checks of the game's entity of that name. A bout's rounds are proved by the
  keypoint that plays them (ROUND_CHECKS), a turn-based family's turns by its ``delivers["turn_based"]``.
  A check that only names the player plays one of its moves: it fails that move, not the player.
* **approximated**: something was built for it, but either it is not what the GDD asked (a card game
  built as a grid puzzle is not approximated: see below) or no check played it; the detail says what.
* **not built**: the reader could not map it to anything Maestro builds (no ``term``, and no check
  says it), the genre dropped it, or its check failed; the detail says why.

A core loop of a family Maestro has no genre for (tactics, racing, cards ...) is *not built*: the
game the designer gets is another one. Fidelity (maestro.spec.requirements.fidelity) counts only
verified requirements, weighted.
"""

from __future__ import annotations

import re
from typing import Any

from maestro.agents.query.generic import spec_cast
from maestro.genres.registry import REGISTRY
from maestro.spec.quality import Check
from maestro.spec.requirements import Requirement, RequirementResult

WIN_CHECKS = ("exit_wins", "end_of_track_wins", "boxes_on_targets_win", "waves")
LOSE_CHECKS = ("last_life_loses",)
# A timed run's checks (the shooter's clock keypoints): the clock ends the run as a win; dying first loses.
TIMED_CHECKS = ("timed_run", "timed_run_loses")
# Keypoints that prove a mechanic whatever it was mapped to: reaching the goal is reaching the exit;
# collecting or stomping for points is scoring.
PROVES = {"reach_exit": ("exit_wins", "end_of_track_wins", "boxes_on_targets_win"),
          "score": ("collect", "stomp", "key_pickup"), "push_blocks": ("push_box",), "undo": ("undo",),
          "keys_doors": ("door_needs_key",), "enemies_chase": ("chaser_chases",), "stealth": ("guard_sees",),
          "melee": ("melee",), "waves": ("waves",), "fall_death": ("fall_death",), "lives": ("last_life_loses",),
          "enemies_patrol": ("patrol",), "timer": ("time_limit_costs_life",),
          "sprint": ("sprint_is_faster",)}
# Keypoints that play a game's timed rounds (the sports family's timing bouts, the fighting family's
# rounds): a "rounds" structure is proved by them as well as by a turn-based family's turn keypoint.
ROUND_CHECKS = ("rounds_follow",)
PRESENCE = "in_game_"  # maestro.agents.query.generic: the thing is in the running game's world
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def _passed(checks: list[Check], ids: tuple[str, ...]) -> Check | None:
    return next((c for c in checks if c.id in ids and c.passed), None)


def _checks_for(checks: list[Check], term: str, name: str) -> list[Check]:
    """The keypoints that prove ``term``: mapped to it, or naming the entity in their requirement."""
    low = name.lower()
    # Those made for the term first: a check that only mentions the name ("flee works, but never from
    # the boss") must not stand for the thing itself.
    mapped = [c for c in checks if c.category == "keypoint" and c.mechanic == term]
    named = [c for c in checks if c.category == "keypoint" and c.mechanic != term and low and low in c.requirement.lower()]
    return mapped + named


def _shares_words(a: str, b: str) -> bool:
    """Whether a GDD sentence and a check say something of the same thing: a content word in common, words
    every sentence of a game uses ("game", "level", "player") not counted: "in this game, she takes apples"
    is no rule that losing the last life ends the game."""
    return bool(_rule_words(a) & _rule_words(b))


def _named_entity(entity_of: dict[str, dict[str, Any]], req: Requirement) -> dict[str, Any] | None:
    """The entity of the game whose name the requirement's summary says ("character: Lucian Crow")."""
    low = req.summary.lower()
    return next((e for e in entity_of.values() if e.get("name") and str(e["name"]).lower() in low), None)


# Words that say nothing of what a rule does: a check and a GDD sentence that share only these do not
# say the same thing.
_GENERIC = frozenset(
    "game games play plays played playing player players level levels each every when with that this from your "
    "their have will they them then than there what which while would could should into onto also only more most "
    "some such other about after before over under like just very much many make makes made being been were where "
    "here time times able must mean means does done once first last next".split())
SAME_RULE_WORDS = 3


def _stem(word: str) -> str:
    w = word.lower()
    for end in ("ing", "ed", "es", "s", "er"):
        if len(w) - len(end) >= 4 and w.endswith(end):
            w = w[: -len(end)]
            break
    return w[:5]


def _rule_words(text: str) -> set[str]:
    return {_stem(w) for w in _CONTENT_WORD.findall(text) if w.lower() not in _GENERIC}


def _said_by(req: Requirement, checks: list[Check], genre: str) -> Check | None:
    """A passed keypoint of the real game that plays what a requirement the reader could not map says:
    the check's own words share at least SAME_RULE_WORDS content words with the GDD's ("if the deck is
    empty, shuffle the discard pile" and "drawing from an empty draw pile shuffles the discard pile into
    it"), or two when the requirement's own name is a word of the check's id (a "Title" that starts the
    game and title_then_play; the genre's own name is no such word: every card check says "card"). One
    or two shared words ("turn", "card") are not the same rule. A core loop, a structure and the
    presentation keep their own judges; a presence check (the thing is on screen) plays no rule."""
    if req.kind not in ("mechanic", "item", "enemy", "obstacle", "goal", "win", "lose"):
        return None
    asked = _rule_words(f"{req.words} {req.summary}")
    name = _rule_words(req.summary.split(": ", 1)[-1]) - _rule_words(genre.replace("_", " "))
    best, most = None, 0
    for c in checks:
        if c.category != "keypoint" or not c.passed or c.id.startswith(PRESENCE):
            continue
        named = _rule_words(c.id.replace("_", " "))
        shared = len(asked & (_rule_words(c.requirement) | named))
        if shared > most and (shared >= SAME_RULE_WORDS or (shared >= 2 and name & named)):
            best, most = c, shared
    return best


def _built_words(genre: str, mode: str) -> str:
    """A designer's words for what was built ("endless-runner platformer"): the genre's own label."""
    g = REGISTRY.get(genre)
    return (g.labels.get(mode) or next(iter(g.labels.values()), genre)) if g else genre


def _genre_wins(genre: str) -> tuple[str, ...]:
    g = REGISTRY.get(genre)
    return g.win_checks if g else ()


def _genre_loses(genre: str) -> tuple[str, ...]:
    g = REGISTRY.get(genre)
    return g.lose_checks if g else ()


def judge(spec: dict[str, Any], checks: list[Check]) -> list[RequirementResult]:
    """The state of every requirement of ``spec`` (the GameSpec as the bundle carries it)."""
    genre = str(spec.get("genre") or "")
    built = _built_words(genre, str(spec.get("mode") or ""))
    mechanics = {m.get("id") for m in spec.get("mechanics") or [] if isinstance(m, dict)}
    entity_of = {e["slug"]: e for e in spec_cast(spec)}
    levels = [lv.get("name") for lv in spec.get("levels") or [] if isinstance(lv, dict)]
    bot = _passed(checks, ("bot_level_one",))
    keypoints = {c.id for c in checks if c.category == "keypoint"}
    out: list[RequirementResult] = []

    def result(req: Requirement, status: str, detail: str, check: Check | None = None) -> None:
        out.append(RequirementResult(requirement=req, status=status, detail=detail,  # type: ignore[arg-type]
                                     check=check.id if check else None))

    def by_checks(req: Requirement, term: str, name: str, built_detail: str) -> None:
        # What it does outranks that it is there: a failed collect check is not made good by the gem
        # being on screen.
        found = _checks_for(checks, term, name)
        doing = [c for c in found if not c.id.startswith(PRESENCE)]
        there = [c for c in found if c.id.startswith(PRESENCE)]
        ok = next((c for c in doing if c.passed), None)
        # A check that names a gem or a spider plays what it does (collecting the Gem); one that names the
        # player plays one of the player's moves, so only a check made for the player fails it (a failed sprint
        # check, "holding Space makes Pip run faster", says the sprint is missing, not Pip).
        bad = next((c for c in doing if c.passed is False and (c.mechanic == term or req.kind != "player")), None) \
            or next((c for c in there if c.passed is False), None)
        shown = next((c for c in there if c.passed), None)
        if ok is not None:
            result(req, "verified", ok.requirement, ok)
        elif bad is not None:
            result(req, "not_built", f"its check failed: {bad.message or bad.requirement}", bad)
        elif shown is not None:
            result(req, "verified", f"{shown.message}; no check plays how it behaves", shown)
        else:
            result(req, "approximated", built_detail)

    for raw in spec.get("requirements") or []:
        req = Requirement.model_validate(raw)
        term = req.term
        if req.kind == "core_loop":
            if term is None:
                result(req, "not_built", f"Maestro has no {req.summary} family yet; built as a {built} instead")
            elif bot is not None:
                result(req, "verified", f"a bot finished level 1 of the {built} on the real game code", bot)
            else:
                result(req, "approximated", f"built as a {built}, but no bot finished level 1")
        elif term is None and req.kind == "character" and _named_entity(entity_of, req) is not None:
            ent = _named_entity(entity_of, req)  # a character the reader did not map, whom the game still has
            assert ent is not None
            by_checks(req, str(ent.get("slug")), str(ent.get("name") or ""), f"in the game as a {ent.get('kind')}")
        elif term is None:
            said = _said_by(req, checks, genre)  # a rule of the GDD the reader did not map, that a passed check plays
            if said is not None:
                result(req, "verified", f"{said.requirement} (the check that plays what the GDD says here)", said)
            else:
                result(req, "not_built", f"no Maestro genre builds {req.summary} yet")
        elif term in ("timed", "timer") and spec.get("time_ends_as"):  # a timed run, said as a structure or a timer
            _timed(req, spec, mechanics, checks, result)
        elif term in ("win", "goal", "lose") and term not in entity_of:  # a sentence of the GDD's rules
            ids = LOSE_CHECKS + _genre_loses(genre) if term == "lose" else WIN_CHECKS + _genre_wins(genre)
            # a timed run is won by outlasting the clock: its check, when it passed, speaks for the win rule
            ok = (_passed(checks, TIMED_CHECKS[:1]) if term != "lose" and spec.get("time_ends_as") else None) \
                or _passed(checks, ids)
            if ok is not None and _shares_words(req.words, ok.requirement):
                result(req, "verified", ok.requirement, ok)
            elif ok is not None:
                result(req, "approximated", f"the game's own rule instead: {ok.requirement}")
            else:
                result(req, "approximated", "the genre's default rule; no check plays the GDD's")
        elif req.kind == "character":
            ent = _named_entity(entity_of, req)
            if ent is None:
                result(req, "not_built", "no character of that name is in the game")
            else:
                by_checks(req, str(ent.get("slug")), str(ent.get("name") or ""), f"in the game as a {ent.get('kind')}")
        elif req.kind in ("player", "enemy", "obstacle", "item", "goal") and (term in entity_of or not (
                term in mechanics or term in PROVES or term in keypoints)):
            ent = entity_of.get(term)
            if ent is None:
                result(req, "not_built", f"the {built} has no {req.summary.split(': ', 1)[-1]}")
            else:
                by_checks(req, term, str(ent.get("name") or ""),
                          f"drawn and placed as a {ent.get('behavior', 'static')} {ent.get('kind')}, "
                          "but no check plays it")
        elif req.kind == "mechanic" or term in mechanics or term in PROVES or term in keypoints:
            proof = _passed(checks, PROVES.get(term, (term,)))  # a keypoint named as the term proves it
            # the keypoint the reader mapped it to, a failed one first
            own = min((c for c in checks if c.id in PROVES.get(term, (term,))), key=lambda c: c.passed is not False,
                      default=None)
            if proof is not None:
                result(req, "verified", proof.requirement, proof)
            elif own is not None and own.passed is False:
                result(req, "not_built", f"its check failed: {own.message or own.requirement}", own)
            elif own is not None:
                result(req, "approximated", f"its check could not play it: {own.message or own.requirement}")
            elif term not in mechanics:
                result(req, "not_built", f"the {built} does not have {req.summary}")
            else:
                by_checks(req, term, "", "in the game's rules, but no check plays it")
        elif req.kind == "level":
            named = _passed(checks, ("level_names",))
            if term in levels and named is not None:
                result(req, "verified", f"the running game has a level named {term}", named)
            elif term in levels:
                result(req, "approximated", f"a level named {term} is in the spec; the game's names were not checked")
            else:
                result(req, "not_built", f"no level named {term} was built")
        elif req.kind == "structure":
            _structure(req, term, spec, checks, result)
        elif req.kind == "controls":
            _controls(req, spec, checks, result)
        elif req.kind == "audio":
            heard = _passed(checks, ("browser_audio",))
            audio = spec.get("audio") or {}
            music = f"{audio.get('mood', '?')} music at {audio.get('tempo_bpm', '?')} bpm"
            if heard is not None and audio.get("source"):
                result(req, "verified", f"{music}, the mood read from the GDD's words, plays in a real browser", heard)
            elif heard is not None:
                result(req, "approximated", f"{music} plays, but in the genre's default mood: the GDD's words "
                       "were not read as one")
            else:
                result(req, "approximated", f"{music}; no browser pass heard it")
        elif req.kind == "setting":
            _setting(req, spec, checks, result)
        elif req.kind == "art":
            _art(req, spec, checks, result)
        else:  # a kind no judge above takes: in the bundle, not checked in play
            result(req, "approximated", "not checked")
    return out


def _structure(req: Requirement, term: str, spec: dict[str, Any], checks: list[Check], result: Any) -> None:
    """Levels, endless, timed, waves, rounds, turns: what the built game's structure is."""
    levels = len(spec.get("levels") or [])
    mechanics = {m.get("id") for m in spec.get("mechanics") or [] if isinstance(m, dict)}
    runner = spec.get("mode") in ("runner", "dash")  # the platformer's dash course runs by itself too
    if term in ("endless", "auto_run"):
        proof = _passed(checks, ("auto_run",))
        if runner and proof is not None:
            result(req, "verified", proof.requirement, proof)
        elif runner:
            result(req, "approximated", f"an auto-running track in {levels} levels, each with an end")
        else:
            result(req, "not_built", f"built as {levels} levels, each ending at its goal")
    elif term in ("timed", "timer"):
        _timed(req, spec, mechanics, checks, result)
    elif term == "waves":
        proof = _passed(checks, ("waves",) + _genre_wins(str(spec.get("genre") or "")))
        if proof is not None:
            result(req, "verified", proof.requirement, proof)
        elif "waves" in mechanics:
            result(req, "approximated", "waves are in the game's rules, but no check plays them")
        else:
            result(req, "not_built", f"the game has no waves; built as {levels} levels")
    elif term in ("turns", "rounds"):
        # A turn-based family says which keypoint proves its turns (Genre.delivers["turn_based"]); a game
        # played in timed rounds (a bout) has its own keypoint (ROUND_CHECKS), which proves rounds, not turns.
        genre = REGISTRY.get(str(spec.get("genre") or ""))
        turn_id = genre.delivers.get("turn_based") if genre else None
        ids = ((turn_id,) if turn_id else ()) + (ROUND_CHECKS if term == "rounds" else ())
        proof = _passed(checks, ids)
        ran = [c for c in checks if c.id in ids]
        if proof is not None:
            result(req, "verified", proof.requirement, proof)
        elif ran:
            result(req, "approximated", f"played in {term}, but its check did not pass: "
                   f"{ran[0].message or ran[0].requirement}")
        else:
            result(req, "not_built", f"this genre does not play in {term}; built as {levels} real-time levels")
    else:  # levels: the bot finished level 1, and the game plays them all in order
        proof = _passed(checks, ("levels_in_order",))
        bot = _passed(checks, ("bot_level_one",))
        if levels > 1 and proof is not None and bot is not None:
            result(req, "verified", f"{proof.requirement} ({proof.message}); a bot finished level 1", proof)
        elif levels > 1 and proof is not None:
            result(req, "approximated", f"{levels} levels played in order, but no bot finished level 1")
        elif levels > 1:
            result(req, "approximated", f"{levels} levels built; no check played them in order")
        else:
            result(req, "approximated", "built as one level")


def _timed(req: Requirement, spec: dict[str, Any], mechanics: set[Any], checks: list[Check], result: Any) -> None:
    """A timed run (spec.time_ends_as) is delivered when both its checks passed on the real game: the clock
    played to 0 ends the run as a win (or with the final score), and the last life lost before 0 still
    loses. A per-level time limit has no check of its own."""
    limit, ends_as = spec.get("time_limit"), spec.get("time_ends_as")
    if limit is None or "timer" not in mechanics:
        result(req, "not_built", "the game has no time limit")
        return
    if not ends_as:
        proof = _passed(checks, ("time_limit_costs_life",))
        if proof is not None:
            result(req, "verified", proof.requirement, proof)
        else:
            result(req, "approximated", f"a {limit} s limit per level; no check played it")
        return
    found = [c for c in checks if c.id in TIMED_CHECKS]
    failed = next((c for c in found if c.passed is False), None)
    passed = {c.id for c in found if c.passed}
    ending = "a win" if ends_as == "win" else "the final score"
    if failed is not None:
        result(req, "not_built", f"its check failed: {failed.message or failed.requirement}", failed)
    elif passed == set(TIMED_CHECKS):
        proof = next(c for c in found if c.id == TIMED_CHECKS[0])
        result(req, "verified", f"{proof.requirement}; dying before 0 still loses", proof)
    else:
        result(req, "approximated", f"one {limit} s stage whose clock ends the run as {ending}; no check played it")


# Keys a GDD names, and whether the runtime answers them (maestro/game/runtime.js KEYMAP, touch buttons).
_KEYS = (
    ("arrow keys", True, re.compile(r"\barrows?\b|\bcursor|\bflechas?\b|\bsetas?\b|\bfl[eè]ches?\b|\bpfeil|\bpijl|\u2190|\u2192")),
    ("WASD", True, re.compile(r"\bwasd\b|\bw\s*,\s*a\s*,\s*s\b|\b[wasd]\s*/\s*[wasd]\b")),
    ("Space", True, re.compile(r"\bspace ?(?:bar|key)?\b|\bspacebar\b|\bespacio\b|\bespa[cç]o\b|\bspatie\b|\bleertaste\b")),
    ("Enter", True, re.compile(r"\benter\b|\breturn key\b|\bintro\b")),
    ("Escape/P", True, re.compile(r"\besc(?:ape)?\b")),
    ("touch", True, re.compile(r"\btouch ?(?:screens?|controls?|input|devices?|buttons?)\b|\btouchscreens?\b|\btap\b|"
                               r"\bswipe\b|\bt[aá]ctil\b")),
    ("the mouse", False, re.compile(r"\bmouse\b|\bclick\w*|\brat[oó]n\b|\bsouris\b|\bmaus\b|\bmuis\b|\bcursor del\b")),
    ("Shift", False, re.compile(r"\bshift\b")),
    ("Ctrl", False, re.compile(r"\bctrl\b|\bcontrol key\b")),
    ("a gamepad", False, re.compile(r"\bgamepad\b|\bcontroller\b|\bjoystick\b|\bmando\b")),
)


def _controls(req: Requirement, spec: dict[str, Any], checks: list[Check], result: Any) -> None:
    """Verified when every key the GDD names is one the game answers and real key presses moved the
    game in a browser; approximated when the GDD names keys Maestro does not bind (or none at all)."""
    words = req.words.lower()
    named = [(name, ok) for name, ok, pattern in _KEYS if pattern.search(words)]
    bound = ", ".join(f"{a}: {k}" for a, k in (spec.get("controls") or {}).items())
    mechanics = {m.get("id") for m in spec.get("mechanics") or [] if isinstance(m, dict)}
    # Shift is the runtime's "focus" action: bound where the game has focus movement (the reader keeps it
    # only for a genre that reads it).
    missing = [name for name, ok in named if not ok and not (name == "Shift" and "focus" in mechanics)]
    pressed = _passed(checks, ("browser_input",))
    if not named:
        result(req, "approximated", f"no keys read from the GDD's words; played with {bound}")
    elif missing:
        result(req, "approximated", f"Maestro does not bind {', '.join(missing)}; played with {bound}")
    elif pressed is None:
        result(req, "approximated", f"{', '.join(n for n, _ in named)} are bound; no browser pass pressed them")
    else:
        result(req, "verified", f"{', '.join(n for n, _ in named)} move the game in a real browser", pressed)


def _setting(req: Requirement, spec: dict[str, Any], checks: list[Check], result: Any) -> None:
    """Verified when a backdrop the GDD's setting words name is the one a level is drawn in, and a
    real browser drew the game; otherwise what was drawn instead."""
    from maestro.gdd.looks import SCENE_WORDS

    named = {scene for pattern, scene in SCENE_WORDS if re.search(pattern, req.words.lower())}
    drawn = sorted({str((lv.get("scene") or {}).get("kind")) for lv in spec.get("levels") or [] if isinstance(lv, dict)})
    shown = _passed(checks, ("browser_draws",))
    hit = sorted(named & set(drawn))
    if hit and shown is not None:
        result(req, "verified", f"drawn in a {', '.join(hit)} scene, as the GDD's setting says, in a real browser", shown)
    elif hit:
        result(req, "approximated", f"levels are set in a {', '.join(hit)} scene; no browser pass drew them")
    elif named:
        result(req, "approximated", f"drawn as {', '.join(drawn)}; the GDD's setting names {', '.join(sorted(named))}")
    else:
        result(req, "approximated", f"drawn as {', '.join(drawn) or 'a default'} scenes; the GDD's setting names "
               "no backdrop Maestro paints")


def _art(req: Requirement, spec: dict[str, Any], checks: list[Check], result: Any) -> None:
    """Verified when the art style the GDD's art words name is the style the game was drawn in, and a
    real browser drew it."""
    from maestro.gdd.styles import STYLE_PATTERNS

    named = {style for style, pattern in STYLE_PATTERNS if pattern.search(req.words)}
    if "pixel" in named and not re.search(r"pixel", req.words, re.I):
        named.discard("pixel")  # "sprites" alone names no style
    art = spec.get("art") or {}
    style, palette = art.get("style", "pixel"), (art.get("palette") or {}).get("name", "?")
    shown = _passed(checks, ("browser_draws",))
    if style in named and shown is not None:
        result(req, "verified", f"{style} art, palette {palette}, as the GDD asks, drawn in a real browser", shown)
    elif named:
        result(req, "approximated", f"{style} art, palette {palette}; the GDD asks for {', '.join(sorted(named))}")
    else:
        result(req, "approximated", f"{style} art, palette {palette}; the GDD's art words name no style Maestro draws")
