"""Rules the families lack, written by the model: for a requirement of the GDD that maps to nothing
Maestro builds, the model writes a rules module against the runtime's one extension point
(maestro/game/rules_host.js) and the check that proves it (maestro.spec.rules).

Nothing the model writes reaches a bundle unchecked: ``problems`` refuses a source that names
anything beyond its API (the page, the network, timers, eval, prototypes) or has unbounded loops,
and ``compiles`` runs it in an empty V8 to see that it registers exactly one module with known
hooks. A module that passes is played by QA like everything else; one that fails QA is dropped by
the build session (the family's own rules stay), and the report says so.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from maestro.llm.client import ModelClient, ModelUnavailable
from maestro.llm.prompts import prompt
from maestro.spec import GameSpec
from maestro.spec.requirements import Requirement
from maestro.spec.rules import MAX_SOURCE, RulesModule

# At most this many modules per build: each is a model call and a QA check.
MAX_MODULES = 2
HOOKS = ("id", "start", "step", "score", "hud")
# Names a module may not use: everything outside R and its own variables.
_FORBIDDEN = re.compile(
    r"\b(?:window|document|globalThis|self|top|parent|frames|fetch|XMLHttpRequest|WebSocket|EventSource|eval|"
    r"Function|import|require|setTimeout|setInterval|requestAnimationFrame|constructor|__proto__|prototype|"
    r"localStorage|sessionStorage|indexedDB|navigator|location|history|Worker|postMessage|Reflect|Proxy|"
    r"Symbol|Atomics|SharedArrayBuffer|WebAssembly|arguments|caller|callee|with|debugger|Object\.defineProperty|"
    r"G|Maestro\.genres|Maestro\.rules|__\w+)\b")
_LOOPS = re.compile(r"\bwhile\b|\bdo\s*\{|\bfor\s*\(\s*;\s*;")


def problems(source: str) -> list[str]:
    """Why a module's source may not be run (empty: it may be tried)."""
    out = []
    if len(source) > MAX_SOURCE:
        out.append(f"it is {len(source)} characters; the limit is {MAX_SOURCE}")
    names = sorted({m.group(0) for m in _FORBIDDEN.finditer(_code_only(source))})
    if names:
        out.append(f"it names {', '.join(names)}: a module sees the game only through R")
    if _LOOPS.search(_code_only(source)):
        out.append("it has a while/do/for(;;) loop: a hook must end in a bounded time")
    if len(re.findall(r"\bMaestro\.registerRules\s*\(", source)) != 1:
        out.append("it must call Maestro.registerRules({...}) exactly once")
    return out


def _code_only(source: str) -> str:
    """The source without its string literals and comments (a word in a string is not a name)."""
    return re.sub(r"//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"", "''", source, flags=re.S)


def compiles(source: str) -> list[str]:
    """Run the module in an empty V8 with a stand-in Maestro: it must register one object whose keys
    are known hooks, each hook a function (empty: it does)."""
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    try:
        ctx.eval("var __got = []; var Maestro = {registerRules: function (m) { __got.push(m); }};")
        ctx.eval(f"(function (Maestro) {{\n{source}\n}})(Maestro);", timeout=1000)
        report = json.loads(str(ctx.eval(
            "JSON.stringify(__got.map(function (m) { return Object.keys(m).map(function (k) {"
            " return [k, typeof m[k]]; }); }))", timeout=1000)))
    except Exception as exc:  # a syntax error, a throw at load, a loop at load
        return [f"it does not run: {type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"]
    finally:
        ctx.close()
    if len(report) != 1:
        return [f"it registered {len(report)} modules; it must register exactly one"]
    out = []
    for key, kind in report[0]:
        if key not in HOOKS:
            out.append(f"it has '{key}', which is no hook (hooks: {', '.join(HOOKS[1:])})")
        elif key != "id" and kind != "function":
            out.append(f"its '{key}' is a {kind}, not a function")
    if not any(k in ("start", "step", "score") for k, _ in report[0]):
        out.append("it has none of the hooks start, step, score: it would change nothing")
    return out


def wanted(spec: GameSpec) -> list[Requirement]:
    """The requirements a rules module may build: mechanics the GDD asks for that map to nothing
    Maestro builds, the defining ones first."""
    open_ = [r for r in spec.requirements if r.kind == "mechanic" and r.term is None and r.family is None]
    return sorted(open_, key=lambda r: not r.defining)[:MAX_MODULES]


def write_rules(spec: GameSpec, client: ModelClient, notes: list[str]) -> GameSpec:
    """The spec with a rules module for each requirement the model could write one for that passes
    the static checks; each such requirement's term becomes the module's check."""
    modules: list[RulesModule] = []
    terms: dict[str, str] = {}
    for req in wanted(spec):
        module = _one(spec, req, client, notes)
        if module is not None and all(m.id != module.id for m in modules):
            modules.append(module)
            terms[req.id] = module.term
    if not modules:
        return spec
    reqs = [r.model_copy(update={"term": terms[r.id]}) if r.id in terms else r for r in spec.requirements]
    return spec.model_copy(update={"rules": modules, "requirements": reqs})


def _one(spec: GameSpec, req: Requirement, client: ModelClient, notes: list[str]) -> RulesModule | None:
    schema = RulesModule.model_json_schema()
    messages: list[tuple[str, str]] = [
        ("system", prompt("write_rules", genre=spec.genre, max_source=str(MAX_SOURCE))),
        ("human", json.dumps({"requirement": req.summary, "gdd_words": req.words, "game": spec.title,
                              "genre": spec.genre, "mode": spec.mode,
                              "items": [e.name for e in spec.items], "enemies": [e.name for e in spec.enemies]},
                             ensure_ascii=False)),
    ]
    why = ""
    for attempt in range(2):
        try:
            answer = client.ask(messages, schema, "rules_module")
        except ModelUnavailable as exc:
            notes.append(f"rules for '{req.summary}': not written ({exc}).")
            return None
        module, errors = _validate(answer.text, req)
        if module is not None and not errors:
            return module
        why = "; ".join(errors)
        if attempt == 0:
            messages += [("ai", answer.text), ("human", prompt("repair", errors="\n".join(f"- {e}" for e in errors)))]
    notes.append(f"rules for '{req.summary}': dropped, wrong twice ({why}).")
    return None


def _validate(text: str, req: Requirement) -> tuple[RulesModule | None, list[str]]:
    try:
        raw: Any = json.loads(text)
    except ValueError as exc:
        return None, [f"not valid JSON ({str(exc)[:80]})"]
    if isinstance(raw, dict):
        raw["requirement"] = req.summary  # the requirement it builds is the one asked for, whatever it says
    try:
        module = RulesModule.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        return None, [f"'{'.'.join(str(p) for p in first.get('loc', ()))}': {first.get('msg')}"]
    errors = problems(module.source)
    return module, errors or compiles(module.source)
