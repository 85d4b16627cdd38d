"""Card fights (genre "card"): the rule book, the fight generator and the solver.

A level is one fight of a run: the hero, with a deck of cards, against a group of foes who show
what they will do next (their *intent*). The JS module ``maestro/genres/card/card.js`` plays the
very same rules from the same config numbers; :class:`Fight` is the Python copy of that rule book
and every number is an integer, so the two agree bit for bit.

The rules, one turn at a time:

* the player's turn starts: the hero's block drops to 0, energy refills to ``config.energy`` and
  ``config.hand_size`` cards are drawn (at most ``config.max_hand`` in hand);
* drawing from an empty draw pile first shuffles the discard pile into it (Fisher-Yates driven by
  a MINSTD generator, ``state = state * 48271 % 2147483647``, seeded per level by
  ``level.shuffle_seed``; the deck is shuffled the same way when the fight starts);
* playing a card costs its energy, takes it out of the hand, applies its effects in a fixed order
  (damage, block, strength, weak, vulnerable, heal, energy, draw) and puts it on the discard pile;
* an attack deals ``base + strength`` per hit, times 3/4 (rounded down) when the attacker is weak,
  times 3/2 (rounded down) when the defender is vulnerable; block absorbs damage first;
* ending the turn discards the hand; then each living foe, in order, drops its block, does its
  intent (attack, block, buff = strength, debuff = weak / vulnerable on the hero), moves to its
  next intent (they cycle) and its own weak / vulnerable wear off by one; then the hero's do;
* the fight is won when every foe's HP is 0, lost when the hero's HP is 0.

The controls (the bot replays the solver's proof through them): left / right select a card in the
hand or, right of the last card, the END TURN button; up / down switch the target among the living
foes; action (Space / Enter) plays the selected card at the target, or ends the turn on END TURN.

Level format (JSON): ``{"enemies": [{"slug", "name", "hp", "points", "intents": [{"kind":
"attack", "value", "hits"} | {"kind": "block", "value"} | {"kind": "buff", "value"} | {"kind":
"debuff", "status": "weak" | "vuln", "value"}]}], "deck": [card id...], "new_cards": [card id...],
"hero_hp": int, "shuffle_seed": int, "boss": bool, "spoils": [card id...]}``; the cards themselves
are ``config.cards``.

Spoils (card.js only): after a fight won, before the last, the game offers the level's ``spoils``;
the card taken waits beside the hand in every later fight, outside the piles, and is gone for that
fight once played. A spoil never changes the draws, so ignoring it replays the solver's proof: every
fight stays proven whatever the player took, and the rules here need not know them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from maestro.spec import GameSpec, LevelRequest

MODES = ("deckbuilder",)
MODULUS = 2147483647
MULTIPLIER = 48271
EFFECTS = ("damage", "block", "strength", "weak", "vuln", "heal", "energy", "draw")

# ---- the card library --------------------------------------------------------------------------

# The cards every run can hold, by id. A GDD's own cards (its items that look like cards) join them.
BASE_CARDS: dict[str, dict[str, Any]] = {
    "strike": {"name": "Strike", "cost": 1, "type": "attack", "target": "enemy", "damage": 6},
    "defend": {"name": "Defend", "cost": 1, "type": "skill", "target": "self", "block": 5},
    "bash": {"name": "Bash", "cost": 2, "type": "attack", "target": "enemy", "damage": 8, "vuln": 2},
    "cleave": {"name": "Cleave", "cost": 1, "type": "attack", "target": "all", "damage": 7},
    "jab": {"name": "Twin Jab", "cost": 1, "type": "attack", "target": "enemy", "damage": 4, "hits": 2},
    "trip": {"name": "Trip", "cost": 0, "type": "skill", "target": "enemy", "damage": 3, "weak": 1},
    "rage": {"name": "Rage", "cost": 1, "type": "power", "target": "self", "strength": 2},
    "brace": {"name": "Brace", "cost": 1, "type": "skill", "target": "self", "block": 8, "draw": 1},
    "focus": {"name": "Focus", "cost": 0, "type": "skill", "target": "self", "energy": 1, "draw": 1},
    "slam": {"name": "Slam", "cost": 2, "type": "attack", "target": "enemy", "damage": 14},
    "mend": {"name": "Mend", "cost": 1, "type": "skill", "target": "self", "heal": 6},
}
STARTER = ("strike",) * 5 + ("defend",) * 4 + ("bash",)
REWARD_POOL = ("cleave", "jab", "trip", "rage", "brace", "focus", "slam", "mend")

# A GDD item is a card when its name says so; its effect follows the first word family it matches.
CARD_WORDS = re.compile(r"\b(?:cards?|spells?|cartas?|kaart\w*|karte\w*|runes?|scrolls?|sigils?|hex|curse)\b", re.I)
EFFECT_WORDS: tuple[tuple[re.Pattern[str], dict[str, Any]], ...] = (
    (re.compile(r"fire|flame|bolt|blast|burn|storm|meteor|lightning|thunder", re.I),
     {"cost": 2, "type": "attack", "target": "all", "damage": 8}),
    (re.compile(r"shield|guard|block|armou?r|ward|defen[cs]e|barrier|wall", re.I),
     {"cost": 1, "type": "skill", "target": "self", "block": 7}),
    (re.compile(r"heal|potion|cure|mend|life|herb", re.I), {"cost": 1, "type": "skill", "target": "self", "heal": 7}),
    (re.compile(r"rage|might|power|strength|fury|berserk|buff|roar", re.I),
     {"cost": 1, "type": "power", "target": "self", "strength": 2}),
    (re.compile(r"poison|curse|hex|weak|venom|fear|frost|ice", re.I),
     {"cost": 1, "type": "skill", "target": "enemy", "damage": 4, "weak": 2}),
    (re.compile(r"expose|break|crush|shatter|vulnerab|mark", re.I),
     {"cost": 1, "type": "attack", "target": "enemy", "damage": 5, "vuln": 2}),
    (re.compile(r"draw|insight|wisdom|book|tome|mana|energy|crystal", re.I),
     {"cost": 0, "type": "skill", "target": "self", "energy": 1, "draw": 1}),
)
DEFAULT_CARD_EFFECT: dict[str, Any] = {"cost": 1, "type": "attack", "target": "enemy", "damage": 9}
# A name that says "attack" gets the default attack whatever its description says.
ATTACK_WORDS = re.compile(r"shot|cannon|strike|slash|blade|sword|arrow|punch|stab|spear|axe|claw|bite|kick|smash", re.I)


def _effect_of(words: str) -> dict[str, Any] | None:
    return next((dict(e) for pat, e in EFFECT_WORDS if pat.search(words)), None)


def card_text(card: dict[str, Any]) -> str:
    """One readable line of rules for a card ("Deal 8 damage to ALL. Gain 2 Strength.")."""
    parts: list[str] = []
    dmg, hits = int(card.get("damage") or 0), int(card.get("hits") or 1)
    whom = " to ALL" if card.get("target") == "all" else ""
    if dmg:
        parts.append(f"Deal {dmg} damage{whom}" + (f" {hits} times" if hits > 1 else "") + ".")
    if card.get("block"):
        parts.append(f"Gain {card['block']} Block.")
    if card.get("strength"):
        parts.append(f"Gain {card['strength']} Strength.")
    if card.get("weak"):
        parts.append(f"Apply {card['weak']} Weak{whom if not dmg else ''}.")
    if card.get("vuln"):
        parts.append(f"Apply {card['vuln']} Vulnerable{whom if not dmg else ''}.")
    if card.get("heal"):
        parts.append(f"Heal {card['heal']} HP.")
    if card.get("energy"):
        parts.append(f"Gain {card['energy']} energy.")
    if card.get("draw"):
        parts.append(f"Draw {card['draw']} card" + ("s." if int(card["draw"]) > 1 else "."))
    return " ".join(parts) or "Does nothing."


def card_lines(card: dict[str, Any]) -> list[str]:
    """The short text printed on the card's face: at most three lines of about 11 characters."""
    out: list[str] = []
    dmg, hits = int(card.get("damage") or 0), int(card.get("hits") or 1)
    if dmg:
        out.append(f"{dmg} dmg" + (f" x{hits}" if hits > 1 else "") + (" ALL" if card.get("target") == "all" else ""))
    for key, label in (("block", "Block"), ("strength", "Str"), ("weak", "Weak"), ("vuln", "Vuln"),
                       ("heal", "Heal"), ("energy", "Energy"), ("draw", "Draw")):
        if card.get(key):
            out.append(f"+{card[key]} {label}" if key in ("block", "strength", "heal", "energy") else
                       f"{label} {card[key]}")
    return out[:3]


def _finish_card(cid: str, card: dict[str, Any]) -> dict[str, Any]:
    full = {"id": cid, "name": card["name"], "cost": int(card["cost"]), "type": card["type"],
            "target": card["target"], "hits": int(card.get("hits") or 1), "slug": card.get("slug")}
    for k in EFFECTS:
        full[k] = int(card.get(k) or 0)
    full["text"] = card_text(full)
    full["lines"] = card_lines(full)
    return full


def gdd_cards(spec: GameSpec) -> dict[str, dict[str, Any]]:
    """The GDD's items that look like cards ("Fireball card", "Shield spell"), as cards."""
    out: dict[str, dict[str, Any]] = {}
    for item in spec.items[:6]:
        if not CARD_WORDS.search(f"{item.name} {item.description}"):
            continue
        # its own name first; its description only without the other items' names ("Items: Cannon
        # Shot Card, Barrel Shield Card" says nothing of the Cannon Shot's shield)
        about = item.description
        for other in spec.items:
            if other is not item and other.name:
                about = re.sub(re.escape(other.name), " ", about, flags=re.I)
        effect = _effect_of(item.name) or (None if ATTACK_WORDS.search(item.name) else _effect_of(about))
        effect = effect or dict(DEFAULT_CARD_EFFECT)
        name = re.sub(r"\s*\b(?:cards?|cartas?)\b\s*", " ", item.name, flags=re.I).strip()
        if not name:  # "Cards" is the deck itself, not one card
            continue
        out[f"gdd_{item.slug}"] = _finish_card(f"gdd_{item.slug}", {**effect, "name": name[:14], "slug": item.slug})
    return out


# ---- config ------------------------------------------------------------------------------------


def _num(params: dict[str, Any] | None, keys: tuple[str, ...], default: int, lo: int, hi: int) -> int:
    for k in keys:
        v = (params or {}).get(k)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return int(min(hi, max(lo, v)))
    return default


def _hero_hp(spec: GameSpec) -> int:
    """The GDD's hit points when it gives some (a "health" mechanic it asked for), else 50. A GDD's
    3 hearts are a platformer's: under 10 HP a card fight is over in one blow, so 10 at least."""
    health = spec.mechanic("health")
    if health is not None and health.source:
        return _num(health.params, ("hp", "health", "max"), 50, 10, 999)
    return 50


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The card tunables: the GDD's numbers (health hp, energy / mana per turn, hand size) where it
    gave them, the card library (the GDD's own cards first) and defaults otherwise."""
    energy = spec.params_of("energy", "mana")
    hand = spec.params_of("hand", "cards", "draw")
    cards = {cid: _finish_card(cid, c) for cid, c in BASE_CARDS.items()}
    own = gdd_cards(spec)
    cards.update(own)
    enemy_points = next((e.points for e in spec.enemies if e.points), None)
    return {
        "mode": spec.mode if spec.mode in MODES else MODES[0],
        "hero_hp": _hero_hp(spec),
        "energy": _num(energy, ("per_turn", "energy", "mana", "amount", "max"), 3, 1, 10),
        "hand_size": _num(hand, ("hand_size", "size", "draw"), 5, 3, 8),
        "max_hand": 10,
        "cards": cards,
        "starter": list(STARTER),
        # the run's rewards: the GDD's own cards first, then the library's
        "rewards": list(own) + [c for c in REWARD_POOL],
        "enemy_points": int(enemy_points or 25),
        "fight_points": 100,
        "max_enemies": 3,
        "beam": 24,
        "max_turns": 30,
        "turn_nodes": 600,
    }


# ---- the rule book -----------------------------------------------------------------------------


def shuffle(cards: list[str], seed: int) -> tuple[list[str], int]:
    """Fisher-Yates with the MINSTD generator: the same order in Python and in card.js."""
    a = list(cards)
    s = seed
    for i in range(len(a) - 1, 0, -1):
        s = s * MULTIPLIER % MODULUS
        j = s % (i + 1)
        a[i], a[j] = a[j], a[i]
    return a, s


@dataclass
class Body:
    """The hero or a foe: what a hit and a status act on."""

    hp: int
    max_hp: int
    block: int = 0
    strength: int = 0
    weak: int = 0
    vuln: int = 0
    step: int = 0  # a foe's next intent (index into its cycle)

    def key(self) -> tuple[int, ...]:
        return (self.hp, self.block, self.strength, self.weak, self.vuln, self.step)


def attack_damage(base: int, attacker: Body, defender: Body) -> int:
    """One hit's damage before block: strength adds, weak takes a quarter, vulnerable adds a half."""
    dmg = max(0, base + attacker.strength)
    if attacker.weak > 0:
        dmg = dmg * 3 // 4
    if defender.vuln > 0:
        dmg = dmg * 3 // 2
    return dmg


def hit(defender: Body, dmg: int) -> int:
    """Block absorbs first; returns the HP lost."""
    absorbed = min(defender.block, dmg)
    defender.block -= absorbed
    lost = min(defender.hp, dmg - absorbed)
    defender.hp -= lost
    return lost


@dataclass
class Fight:
    """One fight under the rules of card.js (see the module docstring)."""

    cards: dict[str, dict[str, Any]]
    energy_max: int
    hand_size: int
    max_hand: int
    intents: list[list[dict[str, Any]]]
    hero: Body
    foes: list[Body]
    draw: list[str] = field(default_factory=list)
    hand: list[str] = field(default_factory=list)
    discard: list[str] = field(default_factory=list)
    energy: int = 0
    rng: int = 1
    turn: int = 0
    won: bool = False
    lost: bool = False
    # the controls: the selected hand slot (len(hand) = END TURN) and the targeted foe
    sel: int = 0
    target: int = 0

    @classmethod
    def start(cls, level: dict[str, Any], config: dict[str, Any]) -> "Fight":
        foes = [Body(hp=int(e["hp"]), max_hp=int(e["hp"])) for e in level["enemies"]]
        hp = int(level.get("hero_hp") or config.get("hero_hp") or 50)
        f = cls(cards=config["cards"], energy_max=int(config["energy"]), hand_size=int(config["hand_size"]),
                max_hand=int(config.get("max_hand") or 10), intents=[list(e["intents"]) for e in level["enemies"]],
                hero=Body(hp=hp, max_hp=hp), foes=foes, rng=seed_of(level))
        f.draw, f.rng = shuffle(list(level["deck"]), f.rng)
        f.start_turn()
        return f

    def copy(self) -> "Fight":
        return Fight(self.cards, self.energy_max, self.hand_size, self.max_hand, self.intents,
                     Body(**vars(self.hero)), [Body(**vars(b)) for b in self.foes], list(self.draw), list(self.hand),
                     list(self.discard), self.energy, self.rng, self.turn, self.won, self.lost, self.sel, self.target)

    def key(self) -> tuple[Any, ...]:
        return (self.hero.key(), tuple(b.key() for b in self.foes), tuple(self.draw), tuple(sorted(self.hand)),
                tuple(sorted(self.discard)), self.energy, self.rng)

    # ---- drawing and turns
    def draw_cards(self, n: int) -> None:
        for _ in range(n):
            if len(self.hand) >= self.max_hand:
                return
            if not self.draw:
                if not self.discard:
                    return
                self.draw, self.rng = shuffle(self.discard, self.rng)
                self.discard = []
            self.hand.append(self.draw.pop(0))

    def start_turn(self) -> None:
        self.turn += 1
        self.hero.block = 0
        self.energy = self.energy_max
        self.draw_cards(self.hand_size)
        self.sel = 0

    def alive(self) -> list[int]:
        return [i for i, b in enumerate(self.foes) if b.hp > 0]

    def intent(self, i: int) -> dict[str, Any]:
        cycle = self.intents[i]
        return cycle[self.foes[i].step % len(cycle)]

    # ---- playing
    def can_play(self, i: int) -> bool:
        return 0 <= i < len(self.hand) and int(self.cards[self.hand[i]]["cost"]) <= self.energy

    def play(self, i: int, target: int) -> bool:
        """Play hand card ``i`` at foe ``target`` (ignored by cards that don't aim); False when the
        card can't be paid for."""
        if self.won or self.lost or not self.can_play(i):
            return False
        cid = self.hand.pop(i)
        card = self.cards[cid]
        self.energy -= int(card["cost"])
        living = self.alive()
        if target not in living:
            target = living[0]
        aims = living if card["target"] == "all" else [target] if card["target"] == "enemy" else []
        for _ in range(int(card["hits"]) if card["damage"] else 0):
            for t in aims:
                if self.foes[t].hp > 0:
                    hit(self.foes[t], attack_damage(int(card["damage"]), self.hero, self.foes[t]))
        self.hero.block += int(card["block"])
        self.hero.strength += int(card["strength"])
        for t in aims:
            self.foes[t].weak += int(card["weak"])
            self.foes[t].vuln += int(card["vuln"])
        self.hero.hp = min(self.hero.max_hp, self.hero.hp + int(card["heal"]))
        self.energy += int(card["energy"])
        self.draw_cards(int(card["draw"]))
        self.discard.append(cid)
        if not self.alive():
            self.won = True
        return True

    def foe_acts(self, i: int) -> None:
        foe, what = self.foes[i], self.intent(i)
        foe.block = 0
        kind, value = what["kind"], int(what.get("value") or 0)
        if kind == "attack":
            for _ in range(int(what.get("hits") or 1)):
                hit(self.hero, attack_damage(value, foe, self.hero))
                if self.hero.hp <= 0:
                    break
        elif kind == "block":
            foe.block += value
        elif kind == "buff":
            foe.strength += value
        elif kind == "debuff":
            if what.get("status") == "vuln":
                self.hero.vuln += value
            else:
                self.hero.weak += value
        foe.step += 1
        foe.weak = max(0, foe.weak - 1)
        foe.vuln = max(0, foe.vuln - 1)

    def end_turn(self) -> None:
        if self.won or self.lost:
            return
        self.discard.extend(self.hand)
        self.hand = []
        for i in self.alive():
            self.foe_acts(i)
            if self.hero.hp <= 0:
                self.lost = True
                return
        self.hero.weak = max(0, self.hero.weak - 1)
        self.hero.vuln = max(0, self.hero.vuln - 1)
        self.start_turn()

    # ---- the controls (what a key press does; the bot and rules_agree go through these)
    def retarget(self) -> None:
        living = self.alive()
        if living and self.target not in living:
            self.target = living[0]

    def press(self, action: str) -> str:
        """One key press; returns what happened ("" when nothing did)."""
        if self.won or self.lost:
            return ""
        if action == "left":
            self.sel = max(0, self.sel - 1)
        elif action == "right":
            self.sel = min(len(self.hand), self.sel + 1)
        elif action in ("up", "down"):
            living = self.alive()
            if living:
                at = living.index(self.target) if self.target in living else 0
                self.target = living[(at + (-1 if action == "up" else 1)) % len(living)]
        elif action == "action":
            if self.sel >= len(self.hand):
                self.end_turn()
                return "end"
            if not self.play(self.sel, self.target):
                return "refused"
            self.sel = min(self.sel, len(self.hand))
            self.retarget()
            return "play"
        return ""


def seed_of(level: dict[str, Any]) -> int:
    return int(level.get("shuffle_seed") or 1) % (MODULUS - 1) + 1


def intent_damage(fight: Fight, i: int) -> int:
    """The damage per hit foe ``i``'s attack intent would deal the hero now (what the game shows)."""
    what = fight.intent(i)
    return attack_damage(int(what.get("value") or 0), fight.foes[i], fight.hero) if what["kind"] == "attack" else 0


# ---- the generator -----------------------------------------------------------------------------


def _intents(rng: random.Random, power: int, index: int) -> list[dict[str, Any]]:
    """A foe's cycle of 2-4 intents: always an attack first, then blocks, buffs, debuffs, harder hits."""
    base = max(3, power)
    cycle: list[dict[str, Any]] = [{"kind": "attack", "value": base + rng.randint(0, 2), "hits": 1}]
    for _ in range(rng.randint(1, 3)):
        roll = rng.randint(0, 9)
        if roll < 3:
            cycle.append({"kind": "attack", "value": base + rng.randint(-1, 3), "hits": 1})
        elif roll < 5:
            cycle.append({"kind": "attack", "value": max(2, base // 2), "hits": 2})
        elif roll < 7:
            cycle.append({"kind": "block", "value": base + rng.randint(0, 4)})
        elif roll < 8:
            cycle.append({"kind": "buff", "value": 1 + index // 2 + rng.randint(0, 1)})
        else:
            cycle.append({"kind": "debuff", "status": rng.choice(("weak", "vuln")), "value": rng.randint(1, 2)})
    return cycle


def _roster(req: LevelRequest) -> list[tuple[str, int | None]]:
    """The GDD's foes (slug, points); a default foe when it names none."""
    foes = [(e.slug, e.points) for e in req.enemies]
    return foes or [("enemy", None)]


def _foe_count(req: LevelRequest, config: dict[str, Any], boss: bool, rng: random.Random) -> int:
    cap = int(config.get("max_enemies") or 3)
    if req.enemy_count:
        return max(1, min(cap, int(req.enemy_count)))
    if boss:
        return 1 if rng.random() < 0.5 else 2
    if req.index == 0:
        return 1
    return max(1, min(cap, 1 + (req.index + 1) // 2 + (1 if rng.random() < 0.3 else 0)))


def _deck(req: LevelRequest, config: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The starter deck plus one reward per fight already won: the run's deck as it grows. Reward
    ``k`` (won in fight ``k``) is the GDD's ``k``-th own card, else drawn from the pool by ``k``
    alone, so every fight of a run agrees on the deck before it and says which card is new."""
    pool = [c for c in config["rewards"] if c in config["cards"]]
    own = [c for c in pool if c.startswith("gdd_")]
    deck = list(config["starter"])
    if own:  # the first fight already holds the GDD's first card
        deck[0] = own[0]
    order = [c for c in pool if c not in own]
    random.Random(1009).shuffle(order)
    rest = order or pool
    rewards = [own[k + 1] if k + 1 < len(own) else rest[(k + 1 - len(own)) % len(rest)] for k in range(req.index)]
    new = rewards[-1:] if rewards else own[:1]
    return deck + rewards, new


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One fight: its foes (from the GDD's enemies), their HP and intents, and the run's deck."""
    difficulty = max(1.0, float(req.difficulty))
    boss = req.count > 1 and req.index == req.count - 1
    roster = _roster(req)
    n = _foe_count(req, config, boss, rng)
    total_hp = int(40 + 14 * (difficulty - 1) + 8 * req.index + rng.randint(-3, 5)) + (16 if boss else 0)
    power = int(7 + 2 * (difficulty - 1) + req.index) + (2 if boss else 0)
    enemies = []
    for k in range(n):
        # the boss is the GDD's last-named foe (designers name the final one last)
        slug, points = roster[-1] if (boss and k == 0) else roster[(req.index + k) % len(roster)]
        # a boss with a minion has two thirds of the HP
        share = total_hp * (2 if (boss and k == 0 and n > 1) else 1) // (n + (1 if boss and n > 1 else 0))
        hp = max(6, share + rng.randint(-2, 2))
        enemies.append({"slug": slug, "hp": hp, "points": int(points or config.get("enemy_points") or 25),
                        "intents": _intents(rng, max(3, power - 2 * (n - 1)), req.index), "boss": boss and k == 0})
    deck, new = _deck(req, config)
    pool = [c for c in config["rewards"] if c in config["cards"]]
    spoils = rng.sample(pool, min(3, len(pool))) if req.index + 1 < req.count else []
    return {"mode": config.get("mode", MODES[0]), "enemies": enemies, "deck": deck, "new_cards": new,
            "hero_hp": int(config["hero_hp"]), "shuffle_seed": rng.randint(1, MODULUS - 2), "boss": boss,
            "spoils": spoils}


# ---- the solver --------------------------------------------------------------------------------

Action = tuple[Any, ...]  # ("P", hand index, target) or ("E",)


def _value(f: Fight) -> int:
    """How good a position looks at the start of a turn: the hero's HP, the foes' HP, the statuses."""
    foe_hp = sum(b.hp for b in f.foes)
    alive = len(f.alive())
    statuses = sum(min(b.weak, 3) + min(b.vuln, 3) for b in f.foes if b.hp > 0)
    return (4 * f.hero.hp - 5 * foe_hp - 12 * alive + 6 * f.hero.strength + 2 * statuses
            - 2 * (f.hero.weak + f.hero.vuln))


def _turn_plays(f: Fight, cap: int) -> tuple[list[tuple[Fight, list[Action]]], list[Action] | None]:
    """Every distinct position reachable by playing cards this turn (with the plays), or a won play."""
    seen: dict[tuple[Any, ...], None] = {f.key(): None}
    out: list[tuple[Fight, list[Action]]] = [(f, [])]
    stack: list[tuple[Fight, list[Action]]] = [(f, [])]
    while stack and len(seen) < cap:
        cur, path = stack.pop()
        tried: set[tuple[str, int]] = set()
        for i, cid in enumerate(cur.hand):
            if not cur.can_play(i):
                continue
            aims = cur.alive() if cur.cards[cid]["target"] == "enemy" else [cur.alive()[0]]
            for t in aims:
                if (cid, t) in tried:
                    continue
                tried.add((cid, t))
                nxt = cur.copy()
                nxt.play(i, t)
                step = path + [("P", i, t)]
                if nxt.won:
                    return out, step
                k = nxt.key()
                if k in seen:
                    continue
                seen[k] = None
                out.append((nxt, step))
                stack.append((nxt, step))
    return out, None


def search(level: dict[str, Any], config: dict[str, Any]) -> list[Action] | None:
    """Beam search over turns: from each kept position, every play sequence of the turn, then END
    TURN; the best ``config.beam`` positions (by :func:`_value`) go on. The first win is the proof."""
    width, turns, cap = int(config.get("beam") or 24), int(config.get("max_turns") or 30), int(config.get("turn_nodes") or 600)
    beam: list[tuple[Fight, list[Action]]] = [(Fight.start(level, config), [])]
    for _ in range(turns):
        nxt: dict[tuple[Any, ...], tuple[int, Fight, list[Action]]] = {}
        for f, path in beam:
            positions, win = _turn_plays(f, cap)
            if win is not None:
                return path + win
            for pos, plays in positions:
                after = pos.copy()
                after.end_turn()
                if after.lost:
                    continue
                k = after.key()
                cand = (_value(after), after, path + plays + [("E",)])
                if k not in nxt or (cand[0], _rank(cand[2])) > (nxt[k][0], _rank(nxt[k][2])):
                    nxt[k] = cand
        if not nxt:
            return None
        ranked = sorted(nxt.values(), key=lambda c: (-c[0], len(c[2]), _rank(c[2])))
        beam = [(c[1], c[2]) for c in ranked[:width]]
    return None


def _rank(path: list[Action]) -> tuple[Any, ...]:
    return tuple(tuple(a) for a in path)


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """A winning sequence of plays and END TURNs, checked by replaying it through the controls."""
    actions = search(level, config)
    if actions is None:
        return None
    f = Fight.start(level, config)
    for a in actions:
        if a[0] == "E":
            f.end_turn()
        elif not f.play(a[1], a[2]):
            return None
    if not f.won:
        return None
    return {"steps": len(actions), "actions": [list(a) for a in actions], "turns": f.turn, "hp_left": f.hero.hp}


def keys_for(f: Fight, action: Action) -> list[str]:
    """The key presses that make ``action`` from the controls' current selection and target."""
    keys: list[str] = []
    want = len(f.hand) if action[0] == "E" else int(action[1])
    keys += ["right"] * max(0, want - f.sel) + ["left"] * max(0, f.sel - want)
    if action[0] == "P" and f.cards[f.hand[want]]["target"] == "enemy":
        living = f.alive()
        at = living.index(f.target) if f.target in living else 0
        goal = living.index(int(action[2])) if int(action[2]) in living else at
        keys += ["down"] * ((goal - at) % len(living))
    return keys + ["action"]


def describe(level: dict[str, Any]) -> str:
    foes = level.get("enemies") or []
    names = ", ".join(f"{e.get('slug')} {e.get('hp')} HP" for e in foes)
    return f"{len(foes)} foe{'s' if len(foes) != 1 else ''} ({names}), deck of {len(level.get('deck') or [])} cards"
