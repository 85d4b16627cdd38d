"""The chapter generator (genre "visual_novel"): one chapter per level, a story graph made from
templates of our own filled with the GDD's short names -- its player, its characters, its items, its
places (the levels' names, each level's backdrop drawn from its scene) and the choices it names
("whether to judge or forgive") -- and nothing else of its text.

Every chapter has the same bones, shuffled and worded by the seed: a scene at the chapter's place,
one or two bonding choices with the chapter's companion (warm: affinity +1, cold: -1), a scene at
another place, a choice about the chapter's item (take it: a flag), a later scene that the
companion's affinity changes, and a last choice between facing the moment and fleeing it. Five
endings: the good one (faced, with the item and the companion's trust), a neutral one in between
(faced with the trust but without the item: the chapter goes on, for fewer points) and three bad
ones (fled; faced with neither; faced with the item but without the trust). ``story.prove``
checks every one is reachable.
"""

from __future__ import annotations

import random
from typing import Any

Node = dict[str, Any]

_INTRO = ("{place}. The air is still, and {P} is not alone here.",
          "{place}, at last. Somewhere close, someone is waiting for {P}.",
          "{place}. {P} stops at the threshold and listens.")
_GREET = ("There you are, {P}. I hoped you would come.",
          "{P}? I did not think you would find your way to {place}.",
          "You took your time, {P}. Sit down. We should talk.")
# (prompt, warm answer, cold answer, warm reply, cold reply)
_BONDS = (
    ("Will you help me look for the {I}, {P}?", "Of course I will help you, {C}.", "That is your problem, not mine.",
     "Thank you. That means more than you know.", "I see. Then I will manage alone."),
    ("Do you trust me, {P}?", "I trust you, {C}.", "I trust no one in {place}.",
     "Then I will try to deserve it.", "Fair enough. Neither do I."),
    ("Will you stay a while with me?", "I will stay, {C}.", "I have better things to do.",
     "Good. It is less frightening with two.", "Go, then. I am used to it."),
    ("Tell me honestly: why are you here?", "Because you needed someone.", "I do not owe you an answer.",
     "Nobody has said that to me in a long time.", "Keep your secrets, then."),
)
_TRAVEL = ("The way leads on, and for a while {P} walks through {elsewhere}.",
           "A memory surfaces: {elsewhere}, and what happened there.",
           "Later, in {elsewhere}, the silence feels heavier.")
_ITEM = ("The {I} lies within reach.", "Half hidden, the {I} catches the light.", "Someone has left the {I} here.")
_TAKE = ("Take the {I}.", "Pick up the {I}.", "Keep the {I}.")
_LEAVE = ("Leave the {I} alone.", "Walk past the {I}.", "Do not touch the {I}.")
_TOOK = "I keep the {I} close. It may matter yet."
_LEFT = "Better not to touch what is not mine."
_TRUSTED = ("{P}, I trust you now. Whatever comes, I am with you.", "Stay close, {P}. We face this together.")
_DOUBTED = ("I cannot say I trust you, {P}. You are on your own.", "Do not expect me to follow you, {P}.")
_CLIMAX = ("It is time, {P}. What do we do?", "This is the moment, {P}. Choose.", "There is no more waiting, {P}.")
_FACE = ("Face what waits in {place}.", "Step forward and see it through.", "Stand your ground.")
_FLEE = ("Run, and leave {place} behind.", "Turn back while you still can.", "Look away and hide.")
_GOOD = ("With {C} beside you and the {I} in hand, {place} gives up its secret.",
         "Together, {C} and {P} see it through. {place} is quiet at last.")
_FLED = "{P} runs from {place}. What was waiting there stays hidden for good."
_LOST = "Without the {I}, there is nothing {P} can do. The moment passes."
_ALONE = "{C} turns away. Without a friend, {P} cannot go on."
_HALF = "{C} stands by {P}, but without the {I} only half of what {place} hides comes to light."


def _fill(template: str, words: dict[str, str]) -> str:
    return template.format(**words)


def _options(rng: random.Random, opts: list[Node]) -> list[Node]:
    """The options in the seed's order (where the right answer sits is no rule of the genre)."""
    order = list(opts)
    rng.shuffle(order)
    return order


def generate(req_index: int, count: int, difficulty: float, place: str, config: dict[str, Any],
             rng: random.Random) -> dict[str, Any]:
    """Chapter ``req_index`` (0-based) of ``count``, at ``place``."""
    cast = list(config.get("cast") or []) or [{"name": "Stranger", "slug": ""}]
    items = list(config.get("items") or []) or [{"name": "Keepsake", "slug": ""}]
    places = list(config.get("places") or []) or [place]
    named = [list(p) for p in config.get("choices") or []]
    main = req_index % len(cast)
    who = main + 1
    elsewhere = places[(req_index + 1) % len(places)] if len(places) > 1 else place
    words = {"P": str(config.get("player") or "You"), "C": cast[main]["name"], "I": items[req_index % len(items)]["name"],
             "place": place or "Here", "elsewhere": elsewhere}
    bonds = 1 if req_index == 0 and difficulty < 1.3 else 2
    here, there = req_index, (req_index + 1) % max(1, count) if len(places) > 1 else req_index

    nodes: list[Node] = []

    def add(node: Node) -> int:
        nodes.append(node)
        return len(nodes) - 1

    def say(speaker: int, text: str, bg: int) -> int:
        return add({"k": "say", "who": speaker, "text": _fill(text, words), "bg": bg, "next": -1})

    def link(a: int, b: int) -> None:
        nodes[a]["next"] = b

    last = say(-1, rng.choice(_INTRO), here)
    link(last, say(who, rng.choice(_GREET), here))
    last += 1
    prompts = rng.sample(range(len(_BONDS)), bonds)
    for b in prompts:
        prompt, warm, cold, warm_reply, cold_reply = _BONDS[b]
        ask = add({"k": "choice", "who": who, "text": _fill(prompt, words), "bg": here, "options": []})
        link(last, ask)
        yes = say(who, warm_reply, here)
        no = say(who, cold_reply, here)
        nodes[ask]["options"] = _options(rng, [
            {"text": _fill(warm, words), "next": yes, "aff": [who, 1], "flag": ""},
            {"text": _fill(cold, words), "next": no, "aff": [who, -1], "flag": ""}])
        join = say(-1, rng.choice(_TRAVEL), there) if b == prompts[-1] else say(
            -1, "A long moment passes between {P} and {C}.", here)
        link(yes, join)
        link(no, join)
        last = join
    item = add({"k": "choice", "who": -1, "text": _fill(rng.choice(_ITEM), words), "bg": there, "options": []})
    link(last, item)
    took = say(0, _TOOK, there)
    left = say(0, _LEFT, there)
    nodes[item]["options"] = _options(rng, [
        {"text": _fill(rng.choice(_TAKE), words), "next": took, "aff": None, "flag": "item"},
        {"text": _fill(rng.choice(_LEAVE), words), "next": left, "aff": None, "flag": ""}])
    trust = add({"k": "check", "who": who, "min": bonds, "flag": "", "yes": -1, "no": -1})
    link(took, trust)
    link(left, trust)
    trusted = say(who, rng.choice(_TRUSTED), here)
    doubted = say(who, rng.choice(_DOUBTED), here)
    nodes[trust]["yes"], nodes[trust]["no"] = trusted, doubted
    pair = named[req_index % len(named)] if named else None
    climax_text = (f"Will you {pair[0]} or {pair[1]}, {{P}}?" if pair else rng.choice(_CLIMAX))
    climax = add({"k": "choice", "who": who, "text": _fill(climax_text, words), "bg": here, "options": []})
    link(trusted, climax)
    link(doubted, climax)
    final = count > 1 and req_index == count - 1
    good = add({"k": "end", "kind": "good", "title": "The True Ending" if final else "Together",
                "text": _fill(rng.choice(_GOOD), words), "bg": here})
    fled = add({"k": "end", "kind": "bad", "title": "The Long Night", "text": _fill(_FLED, words), "bg": there})
    lost = add({"k": "end", "kind": "bad", "title": "Empty Handed", "text": _fill(_LOST, words), "bg": here})
    alone = add({"k": "end", "kind": "bad", "title": "Alone", "text": _fill(_ALONE, words), "bg": here})
    half = add({"k": "end", "kind": "neutral", "title": "Half Told", "text": _fill(_HALF, words), "bg": here})
    trusts = add({"k": "check", "who": who, "min": bonds, "flag": "", "yes": good, "no": alone})
    # Without the item the companion's trust still counts for something: the ending in between.
    trusts_empty = add({"k": "check", "who": who, "min": bonds, "flag": "", "yes": half, "no": lost})
    has_item = add({"k": "check", "who": 0, "min": 0, "flag": "item", "yes": trusts, "no": trusts_empty})
    face = pair[0].capitalize() + "." if pair else _fill(rng.choice(_FACE), words)
    flee = pair[1].capitalize() + "." if pair else _fill(rng.choice(_FLEE), words)
    nodes[climax]["options"] = _options(rng, [
        {"text": face, "next": has_item, "aff": None, "flag": ""},
        {"text": flee, "next": fled, "aff": None, "flag": ""}])
    return {"mode": "story", "chapter": req_index + 1, "place": place, "start": 0, "bonds": bonds,
            "player": {"name": words["P"], "slug": str(config.get("player_slug") or "")},
            "item": dict(items[req_index % len(items)]),
            "cast": [{"name": c["name"], "slug": c["slug"]} for c in cast], "nodes": nodes}
