"""The story rule book (genre "visual_novel", mode "story"): the same integer rules as
``visual_novel.js``, the chapter generator and the graph search that proves a chapter.

A chapter (one level) is a list of nodes, ``level.nodes[i]``, started at ``level.start``:

- ``say``: a line (``who`` speaks ``text``, -1 the narrator, 0 the player, 1.. ``level.cast``) over
  the background ``bg`` (a level index: each level's backdrop is one of the GDD's places), then ``next``;
- ``choice``: a prompt and ``options``; picking one may change a character's affinity (``aff``:
  [cast index, delta]) or set a ``flag``, and goes to its ``next``;
- ``check``: no screen of its own; on entering, goes to ``yes`` when the state holds (``flag`` set,
  or the affinity of ``who`` at least ``min``), else to ``no``;
- ``end``: an ending, ``kind`` "good" (the chapter is won), "neutral" (in between: the chapter is
  passed too, for ``NEUTRAL_POINTS`` instead of ``GOOD_POINTS``) or "bad" (lost: a life, or the game).

Input, frame by frame (``Story.frame``): the text types out ``SPEED`` characters a frame. A press of
Action (Space / Enter, a click on the text box, a tap) while the text is typing shows it whole (the
skip); once it is whole it advances a line, picks the highlighted option, or settles the ending.
Up / Down move the highlight over a choice's options (wrapping); a number key (``pick<n>``) or a
click on an option picks that option at once. Nothing is picked while the prompt is still typing.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

SPEED = 1  # characters typed a frame (60 a second)
AFF_POINTS = 10  # score per point of affinity won
GOOD_POINTS = 100  # score for a good ending
NEUTRAL_POINTS = 40  # score for a neutral ending: the chapter passed, not at its best
PASSING = ("good", "neutral")  # the endings that pass the chapter
MAX_PICK = 4  # number keys 1..4


@dataclass
class Story:
    """One chapter under the rules of the module docstring."""

    nodes: list[dict[str, Any]]
    cast: int
    node: int = 0
    shown: int = 0
    cursor: int = 0
    flags: list[str] = field(default_factory=list)
    aff: list[int] = field(default_factory=list)
    score: int = 0
    ended: str = ""  # "good" / "neutral" / "bad" once the ending is settled
    seen: int = 1  # nodes shown so far (the chapter's length as played)

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Story":
        s = cls(nodes=level["nodes"], cast=len(level.get("cast") or []), aff=[0] * len(level.get("cast") or []))
        s.node = s.settle(int(level.get("start") or 0))
        return s

    # ---- the state ----------------------------------------------------------------------------
    def holds(self, n: dict[str, Any]) -> bool:
        if n.get("flag"):
            return n["flag"] in self.flags
        return self.aff[int(n["who"]) - 1] >= int(n["min"])

    def settle(self, i: int) -> int:
        """The node a jump to ``i`` lands on: checks resolved (bounded: a cycle of checks is a bug)."""
        for _ in range(len(self.nodes) + 1):
            n = self.nodes[i]
            if n["k"] != "check":
                return i
            i = int(n["yes"] if self.holds(n) else n["no"])
        raise ValueError("a cycle of checks")

    def text(self) -> str:
        n = self.nodes[self.node]
        return str(n.get("text") or "")

    def full(self) -> bool:
        return self.shown >= len(self.text())

    def view(self) -> list[Any]:
        """What QA compares with the game's own view (visual_novel.js qa.view)."""
        return [self.node, self.shown, self.cursor, sorted(self.flags), list(self.aff), self.score, self.ended]

    # ---- moves ----------------------------------------------------------------------------------
    def goto(self, i: int) -> str:
        before = self.nodes[self.node].get("bg")
        self.node, self.shown, self.cursor = self.settle(i), 0, 0
        self.seen += 1
        return "door" if self.nodes[self.node].get("bg") != before else "blip"

    def pick(self, k: int) -> str:
        n = self.nodes[self.node]
        opts = n["options"]
        if k < 0 or k >= len(opts):
            return ""
        o = opts[k]
        what = "select"
        if o.get("aff"):
            c, d = int(o["aff"][0]), int(o["aff"][1])
            self.aff[c - 1] += d
            if d > 0:
                self.score += AFF_POINTS * d
            what = "coin" if d > 0 else "undo"
        if o.get("flag") and o["flag"] not in self.flags:
            self.flags.append(o["flag"])
            what = "key"
        self.goto(int(o["next"]))
        return what

    def act(self, key: str) -> str:
        """One input: "action", "up", "down" or "pick<n>"; the sound it makes ("" for none)."""
        if self.ended:
            return ""
        n = self.nodes[self.node]
        if not self.full():
            if key == "action":
                self.shown = len(self.text())
                return "step"  # the skip
            return ""
        k = n["k"]
        if k == "choice":
            m = len(n["options"])
            if key == "up":
                self.cursor = (self.cursor + m - 1) % m
                return "step"
            if key == "down":
                self.cursor = (self.cursor + 1) % m
                return "step"
            if key == "action":
                return self.pick(self.cursor)
            if key.startswith("pick"):
                return self.pick(int(key[4:]))
            return ""
        if key != "action":
            return ""
        if k == "end":
            self.ended = str(n["kind"])
            self.score += GOOD_POINTS if self.ended == "good" else NEUTRAL_POINTS if self.ended == "neutral" else 0
            return "win" if self.ended in PASSING else "lose"
        return self.goto(int(n["next"]))

    def frame(self, keys: list[str]) -> list[str]:
        """One frame: the inputs in order, then the typing. The sounds made."""
        out = [s for s in (self.act(k) for k in keys) if s]
        if not self.ended and not self.full():
            self.shown = min(len(self.text()), self.shown + SPEED)
        return out

    def press(self, key: str) -> None:
        """A key pressed for one frame and let go for one (how QA presses)."""
        self.frame([key])
        self.frame([])


# ---- the proof: a search over the real rules ---------------------------------------------------

State = tuple[int, frozenset[str], tuple[int, ...]]


def _mirror(level: dict[str, Any], st: State) -> Story:
    s = Story.start(level)
    s.node, s.flags, s.aff = st[0], sorted(st[1]), list(st[2])
    return s


def _key(s: Story) -> State:
    return (s.node, frozenset(s.flags), tuple(s.aff))


def successors(level: dict[str, Any], st: State) -> list[tuple[int, State]]:
    """(option picked, or -1 for a line advanced; the state after) from a state on a shown node."""
    n = level["nodes"][st[0]]
    if n["k"] == "end":
        return []
    out = []
    for k in range(len(n["options"])) if n["k"] == "choice" else [-1]:
        s = _mirror(level, st)
        if k < 0:
            s.goto(int(n["next"]))
        else:
            s.pick(k)
        out.append((k, _key(s)))
    return out


def search(level: dict[str, Any]) -> dict[str, Any]:
    """Breadth-first over (node, flags, affinities) from the start: the shortest choices to each
    ending, the states from which no ending can be reached (dead ends), and the nodes never shown."""
    first = _key(Story.start(level))
    prev: dict[State, tuple[State, int] | None] = {first: None}
    queue = deque([first])
    edges: dict[State, list[State]] = {}
    while queue:
        st = queue.popleft()
        edges[st] = []
        for k, nxt in successors(level, st):
            edges[st].append(nxt)
            if nxt not in prev:
                prev[nxt] = (st, k)
                queue.append(nxt)

    def choices_to(st: State) -> list[int]:
        path: list[int] = []
        cur: State | None = st
        while cur is not None and prev[cur] is not None:
            back = prev[cur]
            assert back is not None
            if back[1] >= 0:
                path.append(back[1])
            cur = back[0]
        return path[::-1]

    ends: dict[int, list[int]] = {}
    for st in prev:  # breadth-first order: the first state found at an ending is its shortest way
        if level["nodes"][st[0]]["k"] == "end" and st[0] not in ends:
            ends[st[0]] = choices_to(st)
    # Dead ends: reachable states from which no ending is (a chapter that can stall).
    live = {st for st in prev if level["nodes"][st[0]]["k"] == "end"}
    changed = True
    while changed:
        changed = False
        for st, nxts in edges.items():
            if st not in live and any(x in live for x in nxts):
                live.add(st)
                changed = True
    shown = {st[0] for st in prev}
    unseen = [i for i, n in enumerate(level["nodes"]) if n["k"] != "check" and i not in shown]
    return {"endings": ends, "dead": len(prev) - len(live), "unseen": unseen, "states": len(prev)}


def plan_keys(level: dict[str, Any], choices: list[int], *, stop_before: int | None = None) -> list[str]:
    """The presses that play ``choices`` through the chapter, as a player would: Action to skip the
    typing, Action to advance, Down to the option then Action to pick; Action on the ending settles
    it. ``stop_before``: stop when that many choices are made and the next node is shown whole."""
    s = Story.start(level)
    keys: list[str] = []
    left = list(choices)
    for _ in range(10_000):
        if s.ended:
            return keys
        if stop_before is not None and len(choices) - len(left) >= stop_before and s.full():
            return keys
        n = s.nodes[s.node]
        if not s.full():
            key = "action"
        elif n["k"] == "choice":
            if not left:
                return keys
            key = "down" if s.cursor != left[0] else "action"
            if key == "action":
                left.pop(0)
        else:
            key = "action"
        keys.append(key)
        s.press(key)
    raise ValueError("the plan does not end")


def endings(level: dict[str, Any]) -> list[int]:
    return [i for i, n in enumerate(level["nodes"]) if n["k"] == "end"]


def good_ending(level: dict[str, Any]) -> int | None:
    return next((i for i in endings(level) if level["nodes"][i]["kind"] == "good"), None)


def neutral_ending(level: dict[str, Any]) -> int | None:
    return next((i for i in endings(level) if level["nodes"][i]["kind"] == "neutral"), None)


def prove(level: dict[str, Any]) -> dict[str, Any] | None:
    """The proof of a chapter: every ending reachable, the good one among them, no dead end, every
    node shown on some path; the choices to each ending and the presses to the good one."""
    found = search(level)
    good = good_ending(level)
    every = endings(level)
    if good is None or found["dead"] or found["unseen"] or set(found["endings"]) != set(every):
        return None
    if not any(level["nodes"][i]["kind"] == "bad" for i in every):
        return None
    choices = found["endings"][good]
    keys = plan_keys(level, choices)
    return {"steps": len(keys), "choices": choices, "good": good,
            "endings": {str(i): found["endings"][i] for i in sorted(found["endings"])},
            "states": found["states"]}


def divergent_check(level: dict[str, Any]) -> dict[str, Any] | None:
    """A check node reached both ways -- the witness that a choice made earlier changes a later
    scene: its id, and for each way (``yes``: it holds, ``no``) the choices that reach it and the
    node shown after it. Shortest ways first."""
    first = _key(Story.start(level))
    seen: dict[State, list[int]] = {first: []}
    queue = deque([first])
    ways: dict[int, dict[bool, tuple[list[int], int]]] = {}
    while queue:
        st = queue.popleft()
        n = level["nodes"][st[0]]
        if n["k"] == "end":
            continue
        for k in range(len(n["options"])) if n["k"] == "choice" else [-1]:
            target = int(n["options"][k]["next"] if k >= 0 else n["next"])
            s = _mirror(level, st)
            if k >= 0:
                o = n["options"][k]
                if o.get("aff"):
                    s.aff[int(o["aff"][0]) - 1] += int(o["aff"][1])
                if o.get("flag") and o["flag"] not in s.flags:
                    s.flags.append(o["flag"])
            path = seen[st] + ([k] if k >= 0 else [])
            s.goto(target)
            if level["nodes"][target]["k"] == "check":
                ways.setdefault(target, {}).setdefault(s.holds(level["nodes"][target]), (path, s.node))
                w = ways[target]
                if len(w) == 2 and w[True][1] != w[False][1]:
                    return {"check": target, "yes": w[True][0], "no": w[False][0],
                            "shown_yes": w[True][1], "shown_no": w[False][1]}
            nxt = _key(s)
            if nxt not in seen:
                seen[nxt] = path
                queue.append(nxt)
    return None
