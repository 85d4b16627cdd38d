"""Simulation games (genre "simulation"): the tunables from the GDD's words and the protocol's
dispatch by mode.

The rule books, generators and solvers live one per mode: :mod:`.farm` (plots tilled, sown, watered
and harvested over in-game days for a coin goal; proved by a planting strategy played over the real
rules) and :mod:`.pet` (a virtual pet's needs decaying by the hour, cared for until it grows up;
proved by a care strategy played frame by frame) and :mod:`.shop` (goods bought for the shelf and sold
to the day's customers for a money goal; proved by a restocking strategy) and :mod:`.manage` (requests
arriving over a shift, each sent to its station before its patience runs out, upgrades bought; proved
by a dispatch strategy played frame by frame). ``simulation.js`` plays the same integer rules.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

from maestro.gdd.text import fold
from maestro.genres.simulation import farm, manage, pet, shop
from maestro.spec import GameSpec, LevelRequest

MODES = ("farm", "pet", "shop", "manage")

# Crops a GDD may name (English, Spanish, Portuguese, French), each with the name the game shows.
_CROPS = (
    (r"turnips?|nabos?|navets?", "Turnip"), (r"carrots?|cenouras?|zanahorias?|carottes?", "Carrot"),
    (r"potato(?:es)?|batatas?|patatas?|papas|pommes? de terre", "Potato"), (r"tomato(?:es)?|tomates?", "Tomato"),
    (r"wheat|trigo|ble", "Wheat"), (r"corn|maize|milho|maiz|mais", "Corn"),
    (r"pumpkins?|abobora?s?|calabazas?|citrouilles?", "Pumpkin"), (r"strawberr(?:y|ies)|morangos?|fresas?|fraises?", "Strawberry"),
    (r"cabbages?|repolhos?|coles?|choux?", "Cabbage"), (r"lettuces?|alfaces?|lechugas?|laitues?", "Lettuce"),
    (r"onions?|cebolas?|cebollas?|oignons?", "Onion"), (r"melons?|meloes|melones", "Melon"),
    (r"sunflowers?|girasoles?|girassois|tournesols?", "Sunflower"), (r"rice|arroz|riz", "Rice"),
    (r"beans?|feijao|frijoles|haricots?", "Bean"), (r"peppers?|pimientos?|pimentoes", "Pepper"),
    (r"berr(?:y|ies)", "Berry"), (r"grapes?|uvas?|raisins?", "Grape"),
)
DEFAULT_CROPS = ("Turnip", "Carrot", "Pumpkin", "Corn")
# A crop's economy by its place in the list: nights to ripen, seed cost, sale price. Longer crops earn
# more a day (3, 4, 5, 6 coins), so choosing what to sow with the days left matters.
_ECONOMY = ((1, 2, 5), (2, 5, 13), (3, 9, 24), (4, 14, 38))
MAX_CROPS = len(_ECONOMY)

# A pet's needs as a GDD may name them (the noun shown is the GDD's own word) and its care actions.
_NEED_WORDS = {
    "hunger": r"hunger|hungry|fome|hambre|faim|appetite|food",
    "happy": r"happiness|happy|felicidade|felicidad|alegria|joy|mood|bonheur|fun",
    "energy": r"energy|energia|stamina|tiredness|sleepiness|sono|sueno",
    "clean": r"cleanliness|hygiene|higiene|limpeza|limpieza|hygiene|cleanness|dirt",
}
_ACTION_WORDS = {
    "hunger": r"feed|alimentar|comer|alimenter|nourrir", "happy": r"play|brincar|jugar|jouer",
    "energy": r"sleep|nap|dormir|descansar|rest", "clean": r"clean|bath|banho|limpiar|lavar|wash|baigner",
}
_NEED_NAMES = {"hunger": "Hunger", "happy": "Happiness", "energy": "Energy", "clean": "Cleanliness"}
_ACTION_NAMES = {"hunger": "Feed", "happy": "Play", "energy": "Sleep", "clean": "Clean"}
_NOUN_OF = {"hungry": "Hunger", "happy": "Happiness", "food": "Hunger", "fun": "Fun", "dirt": "Cleanliness",
            "tiredness": "Energy", "sleepiness": "Energy", "sono": "Sono", "sueno": "Sueño"}
STAGES = ("Egg", "Baby", "Child", "Teen", "Adult", "Elder")
# A shop's goods when the GDD names none; each good's (cost, price) by its place: dearer goods earn more.
DEFAULT_GOODS = ("Apple", "Bread", "Candle", "Soap")
_PRICES = ((3, 6), (5, 11), (8, 17), (12, 26))


def _spec_text(spec: GameSpec) -> str:
    """The GDD's own words the spec keeps: summary, rules, mechanics' sources, requirements, notes."""
    parts = [spec.summary, *spec.win_conditions, *spec.lose_conditions, *(m.source for m in spec.mechanics)]
    parts += [f"{r.summary}. {r.words}" for r in spec.requirements]
    parts += [e.name for e in spec.items if not e.stock]
    parts += spec.notes
    return " . ".join(p for p in parts if p)


def _first(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(r"\b(?:" + pattern + r")\b", text)


def crops_of(text: str) -> list[str]:
    """The crops the text names, in the order it first names them; the stock crops when it names none."""
    low = fold(text)
    found = sorted(((m.start(), name) for pattern, name in _CROPS for m in [_first(pattern, low)] if m))
    names = list(dict.fromkeys(name for _, name in found))[:MAX_CROPS]
    for name in DEFAULT_CROPS:  # a game needs a few crops to choose between
        if len(names) >= 3:
            break
        if name not in names:
            names.append(name)
    return names


def needs_of(text: str) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """The needs the text names (two or more of them; else all four), in the actions' order, with the
    GDD's word for each need and each action where it has one."""
    low = fold(text)
    hits = {kind: _first(p, low) for kind, p in _NEED_WORDS.items()}
    kinds = [k for k in pet.NEEDS if hits[k]]
    if len(kinds) < 2:
        kinds = list(pet.NEEDS)
    names, actions = {}, {}
    for k in kinds:
        m = hits[k]
        word = m.group(0) if m else ""
        names[k] = _NOUN_OF.get(word, word.capitalize()) if word else _NEED_NAMES[k]
        a = _first(_ACTION_WORDS[k], low)
        actions[k] = a.group(0).capitalize() if a else _ACTION_NAMES[k]
    return kinds, names, actions


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The mode and what the GDD names: its crops (farm) or its pet's needs and care actions (pet)."""
    mode = spec.mode if spec.mode in MODES else MODES[0]
    text = _spec_text(spec)
    named = [e for e in spec.items if not e.stock]
    if mode == "shop":
        goods: list[dict[str, Any]] = [{"name": e.name, "slug": e.slug} for e in named[:len(_PRICES)]]
        goods += [{"name": n} for n in DEFAULT_GOODS if n not in {g["name"] for g in goods}][:len(_PRICES) - len(goods)]
        for good, (cost, price) in zip(goods, _PRICES):
            good.update(cost=cost, price=price)
        return {"mode": mode, "goods": goods}
    if mode == "manage":
        return manage_config(_manage_text(spec), spec.stations)
    if mode == "pet":
        kinds, names, actions = needs_of(text)
        food = next((e.slug for e in named if re.search(_FOOD, fold(e.name))), "")
        return {"mode": mode, "needs": kinds, "need_names": names, "action_names": actions, "stages": list(STAGES),
                "food_slug": food}
    crops = []
    for name, (d, c, p) in zip(crops_of(text), _ECONOMY):
        crop: dict[str, Any] = {"name": name, "days": d, "cost": c, "price": p}
        item = next((e for e in named if _same_crop(name, e.name)), None)
        if item is not None:  # the GDD's own item is drawn as the ripe crop
            crop["slug"] = item.slug
        crops.append(crop)
    seed = next((e.slug for e in named if re.search(_SEED, fold(e.name))), "")
    return {"mode": mode, "crops": crops, "seed_slug": seed}


_FOOD = r"\b(?:berr\w*|apples?|food|fruits?|cookies?|cakes?|meat|fish|snacks?|treats?|comida|racao|bread|carrots?)\b"
_SEED = r"\b(?:seeds?|sementes?|semillas?|graines?|hat giong)\b"


def _same_crop(crop: str, item: str) -> bool:
    """An item the GDD names is this crop ("Ripe Melon", "melons")."""
    pattern = next((p for p, name in _CROPS if name == crop), re.escape(fold(crop)))
    return _first(pattern, fold(item)) is not None


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    if config.get("mode") == "manage":
        return manage.generate(req, config, rng)
    if config.get("mode") == "shop":
        return shop.generate(req, config, rng)
    if config.get("mode") == "pet":
        return pet.generate(req, config, rng)
    return farm.generate(req, config, rng)


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    if level.get("mode") == "manage":
        return manage.solve(level, config)
    if level.get("mode") == "shop":
        return shop.solve(level, config)
    if level.get("mode") == "pet":
        return pet.solve(level, config)
    return farm.solve(level, config)


def describe(level: dict[str, Any]) -> str:
    if level.get("mode") == "manage":
        return manage.describe(level)
    if level.get("mode") == "shop":
        return shop.describe(level)
    if level.get("mode") == "pet":
        return pet.describe(level)
    return farm.describe(level)


# ---- manage: the GDD's words for what arrives, where it is served, what it pays -------------------
# (pattern over folded text, the name shown); the first a text names wins, in the order it names them.
_REQUESTS = (
    (r"orders?", "Order"), (r"patients?", "Patient"), (r"customers?", "Customer"), (r"guests?", "Guest"),
    (r"visitors?", "Visitor"), (r"passengers?", "Passenger"), (r"trains?", "Train"), (r"ships", "Ship"),
    (r"travell?ers?", "Traveller"), (r"stories|story", "Story"), (r"cargo(?:es)?|shipments?", "Cargo"),
    (r"creatures?", "Creature"), (r"clients?", "Client"), (r"requests?", "Request"), (r"messages?", "Message"), (r"crews?", "Crew"),
    (r"pedidos?", "Pedido"), (r"pacientes?", "Paciente"), (r"clientes?", "Cliente"),
)
_STATIONS = (
    (r"woks?", "Wok"), (r"steamers?", "Steamer"), (r"stoves?", "Stove"), (r"ovens?", "Oven"), (r"fryers?", "Fryer"), (r"grills?", "Grill"),
    (r"chopping boards?", "Chopping board"), (r"plating areas?", "Plating"), (r"serving windows?", "Window"),
    (r"wards?", "Ward"), (r"sick ?bays?", "Sickbay"), (r"surgery|surgeries", "Surgery"), (r"pharmac(?:y|ies)", "Pharmacy"), (r"beds?", "Bed"),
    (r"platforms?", "Platform"), (r"docks?", "Dock"), (r"berths?", "Berth"),
    (r"desks?", "Desk"), (r"booths?", "Booth"), (r"rides?", "Ride"), (r"stalls?", "Stall"),
    (r"studios?", "Studio"), (r"bays?", "Bay"), (r"labs?|laborator(?:y|ies)", "Lab"), (r"counters?", "Counter"),
    (r"checkpoints?", "Checkpoint"), (r"gates?", "Gate"), (r"pens?", "Pen"),
    (r"chairs?", "Chair"), (r"registers?|tills?", "Register"), (r"workshops?", "Workshop"),
)
# Stations for a request when the text names too few of its own.
_STATIONS_OF = {"Order": ("Stove", "Oven", "Grill", "Counter"), "Patient": ("Ward", "Surgery", "Pharmacy", "Lab"),
                "Creature": ("Ward", "Surgery", "Pharmacy", "Lab"), "Train": ("Platform 1", "Platform 2", "Platform 3", "Platform 4"),
                "Ship": ("Dock 1", "Dock 2", "Dock 3", "Dock 4"), "Cargo": ("Dock 1", "Dock 2", "Dock 3", "Dock 4"),
                "Story": ("Desk 1", "Desk 2", "Desk 3", "Desk 4"), "Passenger": ("Platform 1", "Platform 2", "Platform 3"),
                "Crew": ("Bay 1", "Bay 2", "Bay 3"), "Message": ("Desk 1", "Desk 2", "Desk 3")}
DEFAULT_STATIONS = ("Desk 1", "Desk 2", "Desk 3", "Desk 4")
_CURRENCY = ((r"coins?", "Coins"), (r"gold", "Gold"), (r"credits?", "Credits"), (r"scrap", "Scrap"),
             (r"cash", "Cash"), (r"money", "Money"), (r"dollars?", "Dollars"), (r"tips?", "Tips"),
             (r"moedas?|monedas?", "Monedas"), (r"dinheiro|dinero", "Dinero"))
_STANDING = ((r"reputation", "Reputation"), (r"rating", "Rating"), (r"trust", "Trust"), (r"prestige", "Prestige"),
             (r"morale", "Morale"), (r"stars?", "Stars"), (r"reputacao|reputacion", "Reputacion"))
MAX_STATIONS = 4


def _manage_text(spec: GameSpec) -> str:
    """The spec's words (:func:`_spec_text`) and what it says of its cast and its goal, where a GDD's
    stations and its money are often named ("an upgraded wok cooks faster")."""
    things = [spec.player, *spec.items, *spec.enemies, spec.goal]
    return " . ".join([_spec_text(spec), *(f"{e.name}. {e.description}" for e in things if e is not None and not e.stock)])


def _named(table: tuple[tuple[str, str], ...], low: str) -> list[str]:
    """The names of ``table`` the folded text says, in the order it first says them."""
    found = sorted((m.start(), name) for pattern, name in table for m in [_first(pattern, low)] if m)
    return list(dict.fromkeys(name for _, name in found))


def manage_config(text: str, stations: Sequence[str] = ()) -> dict[str, Any]:
    """A management shift's names: what arrives (the request), where it is served (three or four stations:
    the ones the GDD lists (``GameSpec.stations``), else the station words of the table it says, else those
    of its request, else numbered desks),
    the money and the standing lost when a request walks away, each the GDD's word where it has one."""
    low = fold(text)
    request = next(iter(_named(_REQUESTS, low)), "Request")
    table = _named(_STATIONS, low)
    names = list(dict.fromkeys(stations))[:MAX_STATIONS] or table[:MAX_STATIONS]
    for name in [*table, *_STATIONS_OF.get(request, DEFAULT_STATIONS)]:  # a shift needs a few stations to choose between
        if len(names) >= 3:
            break
        if fold(name) not in {fold(n) for n in names}:
            names.append(name)
    return {"mode": "manage", "request": request, "stations": [{"name": n} for n in names],
            "currency": next(iter(_named(_CURRENCY, low)), "Coins"),
            "standing": next(iter(_named(_STANDING, low)), "Reputation")}
