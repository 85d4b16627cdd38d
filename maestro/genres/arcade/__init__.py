"""The arcade family: paddle-and-ball games and the one-button flyer. "breakout": a paddle at the bottom
keeps a ball bouncing into a wall of bricks (some take several hits) until none is left; losing the ball
costs a life. "pong": the player's paddle against a rival AI paddle, first to N points wins the match.
"flappy": one button flaps a flyer through the gaps of a scrolling course against gravity; a pipe or
the ground costs a life, the last gap wins (flappy.py, flappy_qa.py). "pinball": a tilted table with two
flippers, a plunger, bumpers, slingshots and a bank of drop targets; reach the table's target score before
the balls drain (pinball.py, pinball_qa.py). "jumper": a Doodle-Jump-like climb, the hero bouncing on
platforms by itself and steered left and right to a finish height (jumper.py, jumper_qa.py, jumper.js).
"jetpack": a Jetpack-Joyride-like run, holding the button to fly past zappers, missiles and lasers to the
course's end (jetpack.py, jetpack_qa.py, jetpack.js).

rules.py: tunables, level generator, the fixed-step integer simulation and its solver · arcade.js: the
game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Arcade(Genre):
    name = "arcade"
    modes = ("breakout", "pong", "flappy", "pinball", "jumper", "jetpack")
    tiles = ()  # the court, its walls and the bricks are drawn from the palette (bricks wear their sprites)
    # blip: a wall bounce · hit: the paddle returns the ball · push: a brick cracks · explode: a brick
    # breaks · coin: a point scored · hurt: the ball is lost · powerup: the ball speeds up · select: serve
    # (flappy: blip a flap · coin a gap passed · explode a crash · select the course starts)
    # (pinball: blip a flip · hit a bumper · push a slingshot · coin a drop target · powerup the bank's
    # bonus · select a launch · hurt a drained ball)
    # (jumper: blip a bounce · powerup a spring · push a platform breaks · explode a hit or a fall ·
    # select the climb starts) (jetpack: blip the jetpack fires · coin a coin · explode a hit · select
    # the run starts)
    sounds = ("blip", "hit", "push", "explode", "coin", "hurt", "powerup", "select")
    labels = {"breakout": "breakout / brick breaker", "pong": "pong (paddle duel)",
              "flappy": "one-button flyer (flappy)", "pinball": "pinball table",
              "jumper": "vertical jumper (doodle jump)", "jetpack": "jetpack flyer (hold to fly)"}
    default_win = {"breakout": "Break every brick", "pong": "Be the first to score the winning points",
                   "flappy": "Fly through every gap of the course",
                   "pinball": "Reach the table's target score",
                   "jumper": "Climb to the finish height", "jetpack": "Fly to the end of the course"}
    default_lose = "Miss the ball until no lives are left"
    palette, mood = "neon", "upbeat"
    cast = ("Paddle", "", "Brick", "")
    base_mechanics = ("lives", "score")
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "push_blocks", "keys_doors", "stealth",
                       "fall_death", "undo", "sprint", "melee", "falling_objects", "reach_exit", "enemies_chase",
                       "enemies_patrol", "shoot", "collect", "hazards", "powerup", "currency", "waves"})
    words = (
        (3.0, ("pong", "breakout", "arkanoid", "brick[- ]?breaker", "paddle and ball", "ball bounces?",
               "bouncing ball", "break(?:ing)? (?:all |every |the )?bricks", "opponent'?s? paddle")),
        # (Not "ball" or "bounce" alone: a platform's bounciness or a sports ball is no Pong.)
        # A pinball table (mode "pinball"): the game is one, said so; "pinball" or "flippers" alone
        # (below) is weaker.
        (3.0, ("pinball[- ](?:table|clone|machine|game|board)s?", "flippers? and (?:a )?plunger",
               "(?:left|right|two) flippers")),
        # The one-button flyer (mode "flappy"): a game that is one, not "Flappy Bird" in a list of
        # references (a free-flying seagull game names it so and is a scrolling shooter); "one button"
        # alone is weaker: a runner has one button too.
        (3.0, ("flappy[- ](?:bird[- ])?(?:clone|style|like|game)", "(?:an?|the) flappy", "tap(?:s|ping)? to (?:flap|fly)",
               "helicopter game", "(?:press|click|tap)\\w* to flap")),
        # The vertical jumper (mode "jumper") and the jetpack flyer (mode "jetpack"), said so: "platforms"
        # and "jump" alone are a platformer's.
        (3.0, ("doodle[- ]?jump\\w*", "vertical jumper", "jump(?:s|ing)?\\s+(?:up(?:wards?)?\\s+)?from\\s+platform\\s+to\\s+platform\\s+up(?:wards?)?",
               "jetpack[- ]joyride", "hold (?:\\w+ ){0,3}to fly")),
        (1.5, ("jet ?packs?",)),
        (1.5, ("paddles?", "bricks?", "rebound\\w*", "first to \\d+", "pinball", "flippers?", "one[- ]button",
               "(?:gaps? )?between (?:the )?pipes", "through the gaps?")),
    )
    # The keypoint proving the family's rule in every mode: the ball off the walls, a brick and the
    # paddle (breakout, pong); gravity and the one-button flap (flappy, which keeps the family's id).
    defining = "ball_bounces"
    # The home of paddles and a bouncing ball: the ball off the walls and the paddle, breaking a brick.
    # Pinball's flippers and table physics (maestro.gdd.demands "pinball"): a flipper bats the ball up.
    delivers = {"paddle": "paddle_returns", "pinball": "flipper_hits"}
    win_checks = ("clear_wins", "match_won", "course_wins", "score_wins", "height_wins")
    lose_checks = ("ai_win_loses", "last_ball_loses")
    # Pinball's fittings as a GDD says them: words only a pinball table has (a breakout's "bumper" or
    # "drain" is no claim), each proved by its pinball keypoint.
    terms = (
        (r"\bpop bumpers?\b|\bbumpers?\b.{0,80}\b(?:flippers?|pinball|table)\b"
         r"|\b(?:flippers?|pinball|table)\b.{0,80}\bbumpers?\b", "bumper_kicks"),
        (r"\bdrop targets?\b|\btarget banks?\b|\bbanks? of (?:drop )?targets?\b", "target_bonus"),
        (r"\bplunger\b", "plunger_launches"),
        (r"\bthe drain\b|\bballs? drains?\b|\bdrain(?:s|ed)? the ball\b", "drain_costs_ball"),
        (r"\bflippers?\b", "flipper_hits"),
    )

    def lose_for(self, mode: str) -> str:
        if mode == "jumper":
            return "Fall off the bottom or meet a monster until no lives are left"
        if mode == "jetpack":
            return "Get hit until no lives are left"
        if mode == "pinball":
            return "Drain the last ball"
        return "Crash until no lives are left" if mode == "flappy" else self.default_lose

    def cast_for(self, mode: str) -> tuple[str, str, str, str]:
        if mode == "jumper":
            return ("Jumper", "Monster", "", "")
        if mode == "jetpack":
            return ("Pilot", "", "Coin", "")
        if mode == "pinball":
            return ("Ball", "", "", "")
        return ("Flyer", "", "", "") if mode == "flappy" else self.cast

    def mode_for(self, text: str) -> str:
        from maestro.genres.arcade.rules import pick_mode

        return pick_mode(text)

    def script(self) -> str:
        # arcade.js (which registers the family) and, after it, the modes it hands to by name
        from importlib import resources

        folder = resources.files(type(self).__module__)
        return "\n".join(folder.joinpath(f).read_text(encoding="utf-8") for f in ("arcade.js", "jumper.js", "jetpack.js"))

    def view(self, mode: str, kind: str = "sprite") -> View:
        return "top"

    def rules(self) -> "GenreRules":
        from maestro.genres.arcade import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.arcade import qa

        return qa
