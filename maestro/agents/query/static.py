"""Static checks: what can be known about a bundle without playing it.

The code parses (compiled in V8, never run), data.js defines MAESTRO_DATA, every sprite, tile and
sound the code names exists in the data and in the manifest and the other way round, the manifest's
hashes match the files, every level the spec lists is there, and the page loads nothing from the
network, has no leftover TODO or placeholder, and uses only its two classic scripts.

Names are collected from the code's string literals, the way the runtime resolves them:
``G.tile('x')`` draws atlas frame ``tile_x``, ``G.sfx('x')`` plays ``data.sounds.x``,
``G.sprite('x')`` draws frame ``x``, and every slug in ``data.roles`` is drawn as a sprite. A name
that the code only uses behind a ``hasSprite``/``hasFrame`` guard (it appears as the literal
``'tile_x'``) is optional: the genre draws a fallback shape without it.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from typing import Any

from maestro.agents.orchestrator import BASE_SOUNDS
from maestro.spec import Check

PARSE_TIMEOUT_MS = 10_000

TILE_CALL = re.compile(r"""\bG\.tile\(\s*(['"])([A-Za-z0-9_\-]+)\1""")
SPRITE_CALL = re.compile(r"""\bG\.sprite\(\s*(['"])([A-Za-z0-9_\-]+)\1\s*[,)]""")
SFX_CALL = re.compile(r"""\bG\.sfx\(\s*(['"])([A-Za-z0-9_\-]+)\1\s*\)""")
SFX_DYNAMIC = re.compile(r"""\bG\.sfx\(([^;\n]*)\)""")
STRING_LITERAL = re.compile(r"""(['"])([A-Za-z0-9_\-]+)\1""")
DYNAMIC_TILE = re.compile(r"""(['"])tile_\1\s*\+""")
FRAME_LITERAL = re.compile(r"""(['"])((?:tile|icon)_[A-Za-z0-9_\-]+)\1""")

NETWORK = [
    (re.compile(r"https?://", re.I), "a web address (http:// or https://)"),
    (re.compile(r"""(['"(=]\s*)//[A-Za-z0-9.-]+\.[a-z]{2,}/""", re.I), "a protocol-relative address (//host/...)"),
    (re.compile(r"//cdn", re.I), "a CDN address"),
    (re.compile(r"\bfetch\s*\("), "a fetch() call"),
    (re.compile(r"\bXMLHttpRequest\b"), "an XMLHttpRequest"),
    (re.compile(r"\bWebSocket\b"), "a WebSocket"),
    (re.compile(r"\bimport\s*\("), "a dynamic import()"),
    (re.compile(r"\bnavigator\.sendBeacon\b"), "a sendBeacon call"),
]
# SVG/XML namespaces are identifiers, not requests.
HARMLESS_URL = re.compile(r"https?://www\.w3\.org/[\w/.#-]*")
PLACEHOLDER = re.compile(r"\bTODO\b|\bFIXME\b|\bXXX\b|\bplaceholder\b|lorem ipsum", re.I)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
SRC_ATTR = re.compile(r"""\bsrc\s*=\s*(['"]?)([^'"\s>]+)\1""", re.I)
TYPE_ATTR = re.compile(r"""\btype\s*=\s*(['"]?)([^'"\s>]+)\1""", re.I)
RESOURCE_ATTR = re.compile(r"""<(?:link|img|iframe|audio|video|source|embed|object)\b[^>]*\b(?:src|href|data)\s*=""", re.I)
CLASSIC_TYPES = {"", "text/javascript", "application/javascript"}


def _check(cid: str, passed: bool | None, requirement: str, message: str = "", *, critical: bool = False,
           seconds: float = 0.0) -> Check:
    return Check(id=cid, category="static", passed=passed, critical=critical, requirement=requirement,
                 message=message, seconds=round(seconds, 4))


def _names(items: list[str], limit: int = 6) -> str:
    items = sorted(items)
    shown = ", ".join(f"'{i}'" for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _text(files: dict[str, bytes], name: str) -> str | None:
    raw = files.get(name)
    if raw is None:
        return None
    return raw.decode("utf-8", errors="replace")


# ---- parsing in V8 ---------------------------------------------------------------------------
def _v8():
    from py_mini_racer import MiniRacer

    return MiniRacer()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[-1].strip() if lines else type(exc).__name__


def parse_game_js(src: str) -> tuple[bool, str]:
    """Compile game.js without running it (wrapped in a function that is never called)."""
    ctx = _v8()
    try:
        ctx.eval("(function(){\n" + src + "\n})", timeout=PARSE_TIMEOUT_MS)
        return True, ""
    except Exception as exc:
        m = re.match(r"<anonymous>:(\d+):", str(exc).strip())
        where = f" at line {int(m.group(1)) - 1}" if m else ""
        return False, f"game.js has a syntax error{where}: {_first_line(exc)}"
    finally:
        ctx.close()


def load_data_js(src: str) -> tuple[dict[str, Any] | None, str]:
    """Run data.js alone in a fresh V8 context and read MAESTRO_DATA back as JSON."""
    ctx = _v8()
    try:
        ctx.eval("var window = this; var self = this;", timeout=PARSE_TIMEOUT_MS)
        ctx.eval(src, timeout=PARSE_TIMEOUT_MS)
        raw = ctx.eval("typeof window.MAESTRO_DATA === 'object' && window.MAESTRO_DATA !== null"
                       " ? JSON.stringify(window.MAESTRO_DATA) : ''", timeout=PARSE_TIMEOUT_MS)
        if not raw:
            return None, "data.js runs but does not define window.MAESTRO_DATA"
        return json.loads(raw), ""
    except Exception as exc:
        return None, f"data.js cannot be read: {_first_line(exc)}"
    finally:
        ctx.close()


# ---- names -------------------------------------------------------------------------------------
def code_names(src: str) -> dict[str, set[str]]:
    """The atlas frames and sounds the code names, split into required and optional."""
    guarded = {m.group(2) for m in FRAME_LITERAL.finditer(src)}
    frames_required = {"tile_" + m.group(2) for m in TILE_CALL.finditer(src)}
    frames_required |= {m.group(2) for m in SPRITE_CALL.finditer(src) if not m.group(2).startswith("icon_")}
    frames_required -= guarded
    icons = {m.group(2) for m in SPRITE_CALL.finditer(src) if m.group(2).startswith("icon_")}
    literals = {m.group(2) for m in STRING_LITERAL.finditer(src)}
    # 'tile_' + name: any literal may be the name; such tiles are drawn behind a guard.
    dynamic_tiles = {"tile_" + lit for lit in literals} if DYNAMIC_TILE.search(src) else set()
    # G.sfx(cond ? 'a' : 'b'): the literals inside the call may be played.
    maybe_sounds = {m2.group(2) for m in SFX_DYNAMIC.finditer(src) for m2 in STRING_LITERAL.finditer(m.group(1))}
    return {
        "frames_required": frames_required,
        "frames_optional": (guarded | icons | dynamic_tiles) - frames_required,
        "sounds": {m.group(2) for m in SFX_CALL.finditer(src)},
        "sounds_optional": maybe_sounds,
    }


def role_slugs(roles: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for value in (roles or {}).values():
        if isinstance(value, str) and value:
            out.add(value)
        elif isinstance(value, list):
            out |= {v for v in value if isinstance(v, str) and v}
    return out


# ---- the checks ----------------------------------------------------------------------------------
def static_checks(files: dict[str, bytes]) -> list[Check]:
    """Every static check on a bundle's files (paths relative to the game folder)."""
    return static_stage(files)[0]


def static_stage(files: dict[str, bytes], own_build: bool = False) -> tuple[list[Check], dict[str, Any] | None]:
    """The static checks, and MAESTRO_DATA as read from data.js (None when it cannot be read), so
    later stages do not parse it again. ``own_build``: QA of a build before it is published, where a
    file that does not match the manifest is no hand edit but a broken build (a hard failure)."""
    checks: list[Check] = []

    missing = [n for n in ("index.html", "game.js", "data.js") if n not in files]
    checks.append(_check("files_present", not missing, "The bundle has index.html, game.js and data.js",
                         f"missing: {', '.join(missing)}" if missing else "", critical=True))

    game_js = _text(files, "game.js")
    data_js = _text(files, "data.js")
    index = _text(files, "index.html") or ""

    t = time.perf_counter()
    if game_js is None:
        checks.append(_check("code_parses", False, "The game code parses", "game.js is missing", critical=True))
    else:
        ok, msg = parse_game_js(game_js)
        checks.append(_check("code_parses", ok, "The game code parses", msg, critical=True,
                             seconds=time.perf_counter() - t))

    t = time.perf_counter()
    data: dict[str, Any] | None = None
    if data_js is None:
        checks.append(_check("data_parses", False, "The game data (data.js) loads", "data.js is missing", critical=True))
    else:
        data, msg = load_data_js(data_js)
        checks.append(_check("data_parses", data is not None, "The game data (data.js) loads", msg, critical=True,
                             seconds=time.perf_counter() - t))

    manifest: dict[str, Any] | None = None
    if "manifest.json" in files:
        try:
            manifest = json.loads(files["manifest.json"])
        except ValueError as exc:
            checks.append(_check("manifest_matches", False, "The manifest lists every file with its checksum",
                                 f"manifest.json is not valid JSON ({exc})"))
    spec: dict[str, Any] | None = None
    if "spec.json" in files:
        try:
            spec = json.loads(files["spec.json"])
        except ValueError:
            spec = None
    if spec is None and data is not None:
        spec = data.get("spec")

    if data is not None and game_js is not None:
        checks += _asset_checks(game_js, data, manifest)
        checks.append(_level_check(spec, data, manifest))
    else:
        why = "skipped: the code or the data could not be read"
        checks.append(_check("assets_named_exist", None, "Every sprite, tile and sound the code uses exists", why))
        checks.append(_check("levels_present", None, "Every level of the design is in the build", why))

    if manifest is not None:
        checks += _manifest_checks(files, manifest, own_build)
    elif "manifest.json" not in files:
        checks.append(_check("manifest_matches", False, "The manifest lists every file with its checksum",
                             "manifest.json is missing, so the build's files cannot be verified"))

    checks.append(_network_check(index, game_js or ""))
    checks.append(_placeholder_check(index, game_js or ""))
    checks.append(_scripts_check(index))
    return checks, data


def _asset_checks(src: str, data: dict[str, Any], manifest: dict[str, Any] | None) -> list[Check]:
    out: list[Check] = []
    names = code_names(src)
    frames = set(((data.get("atlas") or {}).get("frames") or {}).keys())
    sounds = set((data.get("sounds") or {}).keys())
    roles = role_slugs(data.get("roles") or {})

    lacking_frames = sorted(names["frames_required"] - frames)
    lacking_sounds = sorted(names["sounds"] - sounds)
    problems = []
    if lacking_frames:
        problems.append(f"the code draws {_names(lacking_frames)} but the sprite sheet has no such picture")
    if lacking_sounds:
        problems.append(f"the code plays sound {_names(lacking_sounds)} but the game has no such sound")
    named = _check("assets_named_exist", not problems, "Every sprite, tile and sound the code uses exists",
                   "; ".join(problems), critical=True)
    named.missing = lacking_frames + [f"sfx:{s}" for s in lacking_sounds]  # what a repair can add
    out.append(named)

    lacking_roles = sorted(roles - frames)
    out.append(_check("characters_have_sprites", not lacking_roles,
                      "Every character and object of the design has its own sprite",
                      f"no sprite for {_names(lacking_roles)}" if lacking_roles else "", critical=True))

    used = names["frames_required"] | names["frames_optional"] | roles
    unused = sorted(f for f in frames - used if not f.startswith("icon_"))
    # The UI kit every build gets (menu blips, HUD icons) may go unused by a genre.
    unused_sounds = sorted(sounds - names["sounds"] - names["sounds_optional"] - set(BASE_SOUNDS))
    msg = []
    if unused:
        msg.append(f"pictures never drawn: {_names(unused)}")
    if unused_sounds:
        msg.append(f"sounds never played: {_names(unused_sounds)}")
    out.append(_check("assets_used", not msg, "Every sprite and sound in the build is used by the game",
                      "; ".join(msg)))

    if manifest is not None:
        listed: dict[str, set[str]] = {}
        for entry in manifest.get("assets") or []:
            listed.setdefault(entry.get("kind", ""), set()).add(entry.get("name", ""))
        atlas_listed = listed.get("sprite", set()) | listed.get("tile", set()) | listed.get("icon", set())
        problems = []
        if frames - atlas_listed:
            problems.append(f"pictures not in the manifest: {_names(list(frames - atlas_listed))}")
        if atlas_listed - frames:
            problems.append(f"manifest pictures missing from the sprite sheet: {_names(list(atlas_listed - frames))}")
        if sounds - listed.get("sfx", set()):
            problems.append(f"sounds not in the manifest: {_names(list(sounds - listed.get('sfx', set())))}")
        if listed.get("sfx", set()) - sounds:
            problems.append(f"manifest sounds missing from the game: {_names(list(listed.get('sfx', set()) - sounds))}")
        bgs = set((data.get("backgrounds") or {}).keys())
        if listed.get("background", set()) - bgs:
            problems.append(f"manifest backgrounds missing from the game: {_names(list(listed['background'] - bgs))}")
        out.append(_check("data_matches_manifest", not problems,
                          "The game data and the manifest list the same sprites, sounds and backgrounds",
                          "; ".join(problems), critical=True))
    return out


def _level_check(spec: dict[str, Any] | None, data: dict[str, Any], manifest: dict[str, Any] | None) -> Check:
    levels = data.get("levels") or []
    wanted = (spec or {}).get("levels") or []
    problems = []
    if not levels:
        problems.append("the game has no level at all")
    if len(levels) < len(wanted):
        have = {str(lv.get("name")) for lv in levels if isinstance(lv, dict)}
        lost = [str(w.get("name")) for w in wanted if str(w.get("name")) not in have]
        problems.append(f"the design lists {len(wanted)} levels but the game has {len(levels)}"
                        + (f" (missing {_names(lost)})" if lost else ""))
    if any(not isinstance(lv, dict) for lv in levels):
        problems.append("a level is not readable data")
    if manifest is not None:
        n_listed = sum(1 for e in manifest.get("assets") or [] if e.get("kind") == "level")
        if n_listed and n_listed != len(levels):
            problems.append(f"the manifest lists {n_listed} levels but the game has {len(levels)}")
    return _check("levels_present", not problems, "Every level of the design is in the build", "; ".join(problems),
                  critical=True)


def _manifest_checks(files: dict[str, bytes], manifest: dict[str, Any], own_build: bool = False) -> list[Check]:
    out: list[Check] = []
    missing, changed = [], []
    for path, digest in sorted((manifest.get("files") or {}).items()):
        if path == "manifest.json":
            continue
        if path not in files:
            missing.append(path)
        elif hashlib.sha256(files[path]).hexdigest() != digest:
            changed.append(path)
    for entry in manifest.get("assets") or []:
        path = entry.get("path", "")
        if path and path not in files and path not in missing:
            missing.append(path)
    out.append(_check("manifest_files_exist", not missing, "Every file the manifest lists is in the bundle",
                      f"missing files: {_names(missing)}" if missing else "", critical=True))
    # A changed file is what a designer's hand edit looks like: reported, not fatal; in a build's own
    # QA nobody edited anything, so a mismatch means the bundle is not what was built.
    why = "the bundle does not match its own manifest" if own_build else "expected after a hand edit"
    out.append(_check("manifest_checksums", not changed, "The files are the ones the build produced (checksums match)",
                      f"changed since the build: {_names(changed)} ({why})" if changed else "", critical=own_build))
    return out


def _network_check(index: str, game_js: str) -> Check:
    found = []
    for name, text in (("index.html", index), ("game.js", game_js)):
        text = HARMLESS_URL.sub("", text)
        for pattern, what in NETWORK:
            m = pattern.search(text)
            if m:
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{what} in {name} line {line}")
    return _check("no_network", not found, "The game plays offline: nothing is loaded from the network",
                  "; ".join(found[:5]), critical=True)


def _placeholder_check(index: str, game_js: str) -> Check:
    found = []
    for name, text in (("index.html", index), ("game.js", game_js)):
        for m in PLACEHOLDER.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            found.append(f"'{m.group(0)}' in {name} line {line}")
    return _check("no_placeholders", not found, "No unfinished code is left (TODO, FIXME, placeholder text)",
                  "; ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else ""))


def _scripts_check(index: str) -> Check:
    problems = []
    srcs = []
    for m in SCRIPT_TAG.finditer(index):
        attrs = m.group(1)
        src = SRC_ATTR.search(attrs)
        typ = TYPE_ATTR.search(attrs)
        if typ and typ.group(2).lower() not in CLASSIC_TYPES:
            problems.append(f"a script of type '{typ.group(2)}' (modules do not load from disk)")
        if src:
            srcs.append(src.group(2))
        else:
            problems.append("an inline script in the page")
    if srcs != ["data.js", "game.js"]:
        problems.append(f"the page loads scripts {srcs or 'none'} instead of data.js then game.js")
    if RESOURCE_ATTR.search(index):
        problems.append("the page loads another file (link, img, iframe ...)")
    return _check("page_scripts", not problems, "The page loads only its data and its code, as plain scripts",
                  "; ".join(problems), critical=True)
