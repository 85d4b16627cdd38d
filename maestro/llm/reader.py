"""The model's reading of a GDD, behind the offline reader's interface: GDD text -> GameSpec.

The offline reading is always made first; it is the floor. The model is then asked for the parts of
``maestro.spec.reading.READING_PARTS`` in one JSON answer (maestro/llm/prompts/read_gdd.md); each
part is validated on its own, a wrong part is asked again once with its errors, and a part that is
still wrong (or a call that fails: timeout, rate limit, server error, budget) is the offline
reader's. ``GameSpec.reading`` says which part came from where, what the two readings disagree on,
and what the calls cost. What the genres' generators depend on in exact form (levels, mechanics and
their numbers, art, audio, controls) stays the offline reader's.

The model's requirements are mapped to what the game builds the way the offline reader's are: an
offline requirement that says the same thing lends its term; else the cast, the mechanics and the
kind decide; what maps to nothing has no term, and so ends "not built" in the fidelity (honest: the
model read it, Maestro did not build it).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, get_args

from maestro.gdd import parse_gdd
from maestro.gdd.genre import FAMILY_LABEL, MODE_LABEL
from maestro.gdd.looks import with_looks
from maestro.gdd.markdown import parse_markdown
from maestro.gdd.presentation import setting_text
from maestro.gdd.requirements import family_of, mechanic_term, read_requirements
from maestro.gdd.text import fold, plain, slugify, unique_slug
from maestro.genres.registry import REGISTRY
from maestro.llm.client import ModelClient, ModelUnavailable, chat_model
from maestro.llm.prompts import prompt
from maestro.llm.rules import write_rules
from maestro.llm.schema import ModelRequirement, ModelThing, PART_KEYS, response_schema, validate_parts
from maestro.spec import Entity, GameSpec
from maestro.spec.game import Behavior
from maestro.spec.reading import READING_PARTS, Reading
from maestro.spec.requirements import FAMILIES, KIND_GROUP, REQUIREMENT_KINDS, Requirement, Where

if TYPE_CHECKING:
    from maestro.config import LLMSettings
    from maestro.storage import ArtifactStore

# The most of a GDD sent to the model: the reader's own limit on a GDD is far above what a design
# document needs, and a model's context (and the budget) is not.
MAX_GDD_CHARS = 60_000
SCHEMA_NAME = "gdd_reading"
# Requirement kinds whose term is the kind itself when the GDD says it (as the offline reader maps them).
_KIND_TERMS = ("win", "lose", "goal", "controls", "setting", "art", "audio")
# Mechanics every game of a family has: a named mechanic of the GDD is never just one of them.
_EVERY_GAME = frozenset({"score", "lives", "collect"})


def messages_for(text: str) -> list[tuple[str, str]]:
    system = prompt("read_gdd", families=", ".join(FAMILIES), behaviors=", ".join(get_args(Behavior)),
                    kinds=", ".join(REQUIREMENT_KINDS))
    return [("system", system), ("human", text[:MAX_GDD_CHARS])]


def read_with_llm(text: str, genre: str | None, source_name: str, llm: "LLMSettings",
                  store: "ArtifactStore | None") -> GameSpec:
    """The reading a build makes with the LLM path on: the settings' model, its answers cached in
    ``store`` (None: no cache)."""
    client = ModelClient(chat_model(llm), llm.model, llm.max_tokens_per_build, store)
    return read_with_model(text, genre, source_name, client)


def read_with_model(text: str, genre: str | None, source_name: str, client: ModelClient,
                    with_rules: bool = True) -> GameSpec:
    """The model's reading over the offline one; ``with_rules``: also have it write rules modules
    for the mechanics the GDD asks for that no family builds (maestro.llm.rules)."""
    offline = parse_gdd(text, genre=genre, source_name=source_name)
    messages = messages_for(text)
    notes: list[str] = []
    try:
        good, bad = _ask(client, messages, notes)
    except ModelUnavailable as exc:
        reading = Reading(model=client.name, parts={p: "offline" for p in READING_PARTS}, usage=client.usage,
                          notes=[f"Everything is the offline reading: {exc}."])
        return offline.model_copy(update={"reading": reading})
    for part, error in bad.items():
        notes.append(f"{part}: the model's answer was wrong twice ({error}); the offline reading is used.")
    spec = _merge(offline, good, text, genre, source_name, notes)
    if with_rules:
        spec = write_rules(spec, client, notes)
    reading = Reading(model=client.name, parts={p: ("model" if p in good else "offline") for p in READING_PARTS},
                      notes=notes, differences=differences(offline, spec), usage=client.usage)
    return spec.model_copy(update={"reading": reading})


def _ask(client: ModelClient, messages: list[tuple[str, str]], notes: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The validated parts and the errors of the rest, after one repair round for the rest."""
    schema = response_schema()
    first = client.ask(messages, schema, SCHEMA_NAME)
    good, bad = parse_answer(first.text)
    if not bad:
        return good, bad
    errors = "\n".join(f"- {part} ({PART_KEYS[part]}): {error}" for part, error in bad.items())
    try:
        again = client.ask([*messages, ("ai", first.text), ("human", prompt("repair", errors=errors))], schema,
                           SCHEMA_NAME)
    except ModelUnavailable as exc:
        notes.append(f"The repair call failed ({exc}).")
        return good, bad
    good2, bad2 = parse_answer(again.text)
    for part in list(bad):
        if part in good2:
            good[part] = good2.pop(part)
            del bad[part]
        elif part in bad2:
            bad[part] = bad2[part]
    return good, bad


_FENCE = re.compile(r"^\s*```(?:json)?\s*\n(.*)\n\s*```\s*$", re.S)


def parse_answer(text: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The answer's parts that validate, and one line of error for each of the others."""
    fenced = _FENCE.match(text)  # local models often wrap JSON in a markdown fence
    try:
        answer = json.loads(fenced.group(1) if fenced else text)
    except ValueError as exc:
        return {}, {part: f"not valid JSON ({str(exc)[:80]})" for part in READING_PARTS}
    return validate_parts(answer)


# ---- the merge ------------------------------------------------------------------------------
def _merge(offline: GameSpec, good: dict[str, Any], text: str, forced: str | None, source_name: str,
           notes: list[str]) -> GameSpec:
    spec = _with_family(offline, good.get("genre"), text, forced, source_name, notes)
    update: dict[str, Any] = {}
    if "title" in good:
        update["title"] = plain(good["title"], 80)
        update["slug"] = slugify(update["title"]) or spec.slug
    if good.get("summary"):
        update["summary"] = plain(good["summary"], 300)
    # slugs are sprite keys: the things kept from the offline reading keep theirs, the model's get free ones
    kept = [spec.player] if "player" not in good else []
    kept += [e for part in ("enemies", "items", "hazards") if part not in good for e in getattr(spec, part)]
    kept += [spec.goal] if spec.goal is not None and "goal" not in good else []
    taken: set[str] = {e.slug for e in kept}
    if "player" in good:
        update["player"] = _entity(good["player"], "player", [spec.player], taken)
    for part, kind in (("enemies", "enemy"), ("items", "item"), ("hazards", "hazard")):
        if part in good:
            update[part] = [_entity(t, kind, getattr(spec, part), taken) for t in good[part]]
    if "goal" in good:
        update["goal"] = None if good["goal"] is None else _entity(good["goal"], "goal", [spec.goal] if spec.goal else [], taken)
    for part, field in (("win", "win_conditions"), ("lose", "lose_conditions")):
        if good.get(part):  # a model that says nothing of winning leaves the offline (or genre's) rule
            update[field] = [plain(c, 200) for c in good[part]]
    doc = parse_markdown(text)
    merged = with_looks(spec.model_copy(update=update), setting=setting_text(doc))
    merged = _drawn_as_told(merged, good)
    offline_reqs = read_requirements(doc, merged)
    reqs = _requirements(good["requirements"], offline_reqs, merged, text) if "requirements" in good else offline_reqs
    return merged.model_copy(update={"requirements": reqs})


def _with_family(offline: GameSpec, family: str | None, text: str, forced: str | None, source_name: str,
                 notes: list[str]) -> GameSpec:
    """The offline spec for the family the model read: read again for that genre when one builds it;
    else noted as that family built as the nearest genre (so the core loop is reported honestly)."""
    asked = family_of(offline.genre, offline.genre_note)
    if family is None or family == asked or family == "other":
        return offline
    if forced is not None:
        notes.append(f"genre: the model reads a {family.replace('_', ' ')} game; --genre {forced} decides.")
        return offline
    if family in REGISTRY:
        again = parse_gdd(text, genre=family, source_name=source_name)
        return again.model_copy(update={"genre_note": "", "genre_source": offline.genre_source,
                                        "genre_confidence": offline.genre_confidence})
    if family in FAMILY_LABEL:
        label = MODE_LABEL.get((offline.genre, offline.mode), offline.genre)
        return offline.model_copy(update={
            "genre_note": f"GDD genre '{FAMILY_LABEL[family]}' is built as a {label} (nearest playable genre)."})
    return offline


def _entity(thing: ModelThing, kind: str, offline: list[Entity] | None, taken: set[str]) -> Entity:
    """The model's thing as an Entity; the offline reading's numbers for the same thing are kept."""
    same = next((e for e in offline or [] if fold(e.name) == fold(thing.name) or e.slug == slugify(thing.name)), None)
    behavior = "player" if kind == "player" else (thing.behavior if thing.behavior != "player" else "static")
    if kind in ("item", "hazard", "goal"):
        behavior = "static" if behavior not in ("static", "faller") else behavior
    return Entity(name=plain(thing.name, 60), kind=kind, slug=unique_slug(thing.name, taken, kind),
                  description=plain(thing.description, 300), behavior=behavior,
                  count=same.count if same else None,
                  points=thing.points if thing.points is not None else (same.points if same else None),
                  speed=same.speed if same else None)


def _drawn_as_told(spec: GameSpec, good: dict[str, Any]) -> GameSpec:
    """The body or shape the model chose, where it chose one (else the offline look stands)."""
    told: dict[str, ModelThing] = {}
    for part in ("player", "enemies", "items", "hazards", "goal"):
        value = good.get(part)
        for thing in (value if isinstance(value, list) else [value] if value is not None else []):
            told.setdefault(fold(thing.name), thing)

    def dress(e: Entity) -> Entity:
        t = told.get(fold(e.name))
        if t is None:
            return e
        if e.kind in ("player", "enemy") and t.body is not None:
            return e.model_copy(update={"look": e.look.model_copy(update={"body": t.body})})
        if e.kind not in ("player", "enemy") and t.shape is not None:
            return e.model_copy(update={"look": e.look.model_copy(update={"shape": t.shape})})
        return e

    return spec.model_copy(update={
        "player": dress(spec.player), "enemies": [dress(e) for e in spec.enemies],
        "items": [dress(e) for e in spec.items], "hazards": [dress(e) for e in spec.hazards],
        "goal": dress(spec.goal) if spec.goal else None})


# ---- requirements ---------------------------------------------------------------------------
_WORD = re.compile(r"[^\W\d_]{3,}")


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in _WORD.findall(fold(text))}


def _requirements(told: list[ModelRequirement], offline: list[Requirement], spec: GameSpec, text: str) -> list[Requirement]:
    """The model's requirements with their terms; the offline core loop (and the family's defining
    rule, whose proof is the genre's keypoint) lead when the model gave no core loop of its own."""
    out: list[Requirement] = []
    ids: set[str] = set()
    loop = [r for r in offline if r.kind == "core_loop" or (r.defining and r.family is not None)]
    # the family's defining rule always: its proof is the genre's keypoint (or its absence, "not built")
    lead = [r for r in loop if r.kind != "core_loop" or not any(t.kind == "core_loop" for t in told)]
    out += lead
    ids |= {r.id for r in lead}
    lines = text.split("\n")
    for t in told:
        term, family, defining = _term(t, offline, spec, loop)
        rid = f"{t.kind}:{slugify(t.summary) or 'requirement'}"
        if rid in ids:
            continue
        ids.add(rid)
        out.append(Requirement(id=rid, kind=t.kind, summary=plain(t.summary, 80), words=plain(t.words, 300),
                               where=Where(section=plain(t.section, 120), line=_line_of(t.words, lines)),
                               defining=t.defining or defining, family=family, term=term))
    return out


def _term(t: ModelRequirement, offline: list[Requirement], spec: GameSpec,
          loop: list[Requirement]) -> tuple[str | None, Any, bool]:
    """(term, family, defining) for one of the model's requirements."""
    if t.kind == "core_loop":
        core = next((r for r in loop if r.kind == "core_loop"), None)
        return (core.term, core.family, True) if core else (None, None, True)
    if t.kind in ("win", "lose"):  # a rule of the GDD's own, judged as the offline reader's are
        return t.kind, None, False
    said = _words(f"{t.summary} {t.words}")
    group = KIND_GROUP.get(t.kind, t.kind)
    best, score = None, 0.0
    for r in offline:  # the offline reader's mapping of the same thing is the tried one
        if KIND_GROUP.get(r.kind, r.kind) != group or r.term is None \
                or (t.kind == "mechanic" and r.term in _EVERY_GAME):  # a named mechanic is more than scoring
            continue
        theirs = _words(f"{r.summary} {r.words}")
        overlap = len(said & theirs) / max(1, len(said))  # how much of what the model says the offline one says
        if overlap > score:
            best, score = r, overlap
    if best is not None and score >= 0.5:
        return best.term, best.family, best.defining
    low = fold(f"{t.summary} {t.words}")
    if t.kind == "player":
        return spec.player.slug, None, False
    if t.kind in ("enemy", "obstacle", "item", "goal", "character"):
        for e in spec.cast():
            if re.search(r"(?<!\w)" + re.escape(fold(e.name)) + r"(?!\w)", low):
                return e.slug, None, False
    if t.kind == "mechanic":
        # by its own name: "pearl combo: ... score double" is a combo, not the scoring every game has
        mid = mechanic_term(t.summary)
        if mid is not None and mid not in _EVERY_GAME and (spec.has(mid) or any(r.term == mid for r in offline)):
            return mid, None, False
    if t.kind == "level":
        for lv in spec.levels:
            if fold(lv.name) in low:
                return lv.name, None, False
    if t.kind in _KIND_TERMS:
        return t.kind, None, False
    return None, None, False


def _line_of(words: str, lines: list[str]) -> int:
    """The 1-based line of the GDD that holds the quoted words (0 when the quote is not found)."""
    needle = fold(words.strip())[:40]
    if len(needle) < 8:
        return 0
    return next((i + 1 for i, line in enumerate(lines) if needle in fold(line)), 0)


def differences(offline: GameSpec, spec: GameSpec) -> list[str]:
    """Where the model's reading and the offline one disagree, in lines a designer reads."""
    out: list[str] = []
    if offline.title != spec.title:
        out.append(f"title: offline '{offline.title}', model '{spec.title}'")
    fam_off, fam_model = family_of(offline.genre, offline.genre_note), family_of(spec.genre, spec.genre_note)
    if fam_off != fam_model:
        out.append(f"family: offline {fam_off}, model {fam_model}")
    if offline.player.name != spec.player.name:
        out.append(f"player: offline '{offline.player.name}', model '{spec.player.name}'")
    for part in ("enemies", "items", "hazards"):
        a = {e.name for e in getattr(offline, part)}
        b = {e.name for e in getattr(spec, part)}
        if a != b:
            only_off, only_model = sorted(a - b), sorted(b - a)
            bits = ([f"only offline: {', '.join(only_off)}"] if only_off else []) + \
                   ([f"only the model: {', '.join(only_model)}"] if only_model else [])
            out.append(f"{part}: " + "; ".join(bits))
    out.append(f"requirements: offline {len(offline.requirements)}, model {len(spec.requirements)}")
    return out
