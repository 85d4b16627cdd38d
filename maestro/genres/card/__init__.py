"""The card family. Deck-building fights, turn-based (Slay-the-Spire-like): a deck, a hand, draw and
discard piles, energy per turn, cards that attack, block, buff (strength) and debuff (weak,
vulnerable), foes that show their intent for the next turn, and a run of fights (one per level)
whose deck grows by a card after every fight won.

rules.py: the rule book, fight generator and solver · card.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Card(Genre):
    name = "card"
    modes = ("deckbuilder",)
    tiles = ()  # the card table is drawn from the palette: card frames, bars and intents, no tile map
    # select: a card or target picked · hit / door / powerup: an attack, a block, a buff played · push: the
    # discard pile shuffled · step: END TURN · hurt: the hero hit · undo: a card refused · explode: a foe slain
    sounds = ("select", "hit", "door", "powerup", "push", "step", "hurt", "undo", "explode")
    labels = {"deckbuilder": "deck-building card game"}
    default_win = {"deckbuilder": "Defeat every foe in each fight"}
    default_lose = "Lose all HP"
    palette, mood = "dungeon", "tense"
    cast = ("Hero", "Slime", "Card", "")
    base_mechanics = ("health", "score")
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "shoot", "fall_death", "stealth",
                       "falling_objects", "push_blocks", "keys_doors", "sprint", "enemies_patrol",
                       "enemies_chase", "reach_exit", "undo", "collect", "hazards", "powerup"})
    words = (
        (3.0, ("card games?", "deck[- ]?build\\w*", "deckbuilders?", "hand of cards", "draw pile", "discard pile",
               "slay the spire", "card battler", "trading card", "juego de cartas", "jogo de cartas",
               "kartenspiel", "jeu de cartes", "kaartspel")),
        (1.5, ("cards?", "decks?", "mana", "energy", "draw\\w*", "discard\\w*", "spells?", "intents?", "shuffl\\w*",
               "block", "strength", "vulnerable", "weak(?:en\\w*)?")),
    )
    defining = "cards_play"
    # A card game is the home of cards and decks, turns, and mana (its energy): each proved by a keypoint.
    delivers = {"cards": "cards_play", "turn_based": "intent_shown", "mana": "cards_play"}
    win_checks = ("fight_won",)

    def view(self, mode: str, kind: str = "sprite") -> View:
        # The hero and the foes face each other across the table, seen from the side (the hero
        # faces right, the foes are mirrored); the backdrop is the floor of the room, from above,
        # a quiet texture behind the cards.
        return "top" if kind == "background" else "side"

    def rules(self) -> "GenreRules":
        from maestro.genres.card import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.card import qa

        return qa
