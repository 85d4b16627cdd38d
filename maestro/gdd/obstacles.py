"""Obstacles a GDD names in a sentence of one of two shapes, in the languages GDDs are written in:

* a class of obstacle, then the things it takes the form of: "traps in the form of spikes and flames"
  ("pułapki w postaci kolców i płomieni", "obstáculos como rocas y troncos");
* a tile or block of some stuff that kills or hurts: "the water block, which eliminates characters
  that try to cross it" ("o bloco de água, que elimina personagens"), "lava tiles kill you".

Each gives the names as the GDD writes them; the entity reader decides what is kept.
"""

from __future__ import annotations

import re

# Words for a class of obstacles (plural or singular), not one kind of them.
_CLASS = (r"(?:obstacles?|hazards?|traps?|dangers?|przeszk\w*|pu[lł]apk\w*|zagro[zż]e\w*|niebezpiecze\w*|ostacol[oi]|trappol[ae]|"
          r"pericol[oi]|obst[aá]culos?|trampas?|peligros?|armadilhas?|perigos?|hindernisse?|fallen|gefahren|obstakels?|"
          r"vallen|gevaren|pi[eè]ges?|rintangan|jebakan)")
# What joins the class to its kinds: "in the form of", "such as", "like", "w postaci", "takie jak", "come", "como".
_FORM = (r"(?:in the form of|such as|like|including|e\.g\.|w postaci|w formie|takie jak|takich jak|jak|come(?!\s+(?:at|in|on|from|to|out|up|down|back|with|as|and|into|through|across)\b)|quali|tipo|como|"
         r"tais como|wie|zoals|comme|tels que|telles que|seperti|berupa)")
CLASS = re.compile(_CLASS + r"$", re.I)
# Words for a class of foes: "two groups of enemies, wizards and knights", "enemigos como murciélagos y arañas".
_FOES = (r"(?:enem(?:y|ies)|foes|opponents|monsters|enemigos|inimigos|ennemis|gegner|vijanden|nemici|wrogowie|przeciwnicy|musuh)")
_KINDS_OF = r"(?:(?:\w+ )?(?:groups|kinds|types|sorts|classes|tipos|clases|types|sortes|arten|soorten|tipi|rodzaje)\s+(?:of|de|d'|van|di)\s+)"
_FOE_FORM = re.compile(r"\b(?:" + _KINDS_OF + _FOES + r"\s*(?:,|:|\s" + _FORM + r"\s*:?)|" + _FOES + r"(?:,)?\s+" + _FORM + r"\s*:?)\s+([^.;:!?()]{2,120})", re.I)
_CLASS_FORM = re.compile(r"\b" + _CLASS + r"\s*(?:\([^)]{0,30}\)\s*)?,?\s+" + _FORM + r"\s*:?\s+([^.;:!?()]{2,120})", re.I)
# The kinds end at a clause: "..., które pozwalają", "..., that block the way", "..., che ...".
_CLAUSE = re.compile(r",\s*(?:which|that|who|where|when|które\w*|który\w*|gdzie|che|que|qui|die|welche\w*|dat|yang)\b.*$", re.I)
_AND = re.compile(r",|/|\band\b|\bor\b|\bi\b|\boraz\b|\blub\b|\bczy\b|\be\b|\by\b|\bou\b|\bo\b|\bund\b|\boder\b|\ben\b|\bof\b|\bet\b|\bdan\b|\batau\b", re.I)

# "o bloco de água", "the water block", "lava tiles", "casillas de lava", "Blocos de fogo".
_TILE = r"(?:blocks?|tiles?|blocos?|bloques?|blocs?|bl[oö]cke?|blokken|blok|blocchi|blocco|kafel\w*|casillas?|tuiles?|casas)"
_TILE_OF = re.compile(r"\b(?:o |a |os |as |el |la |los |las |le |les |il |the |an? )?" + _TILE + r"\s+(?:de|do|da|di|del|della|d'|of)\s+([^\W\d_]{3,20})\b", re.I)
_STUFF_TILE = re.compile(r"\b([^\W\d_]{3,20})\s+(?:blocks?|tiles?)\b", re.I)
# ... that kill, hurt or destroy what crosses them: the verb active, its subject the tile (not "is destroyed").
_HARMS = re.compile(r"^[^.;]{0,25}?\b(?:kills?|hurts?|damages?|destroys?|burns?|eliminates?|eliminam?|matam?|destr[oó]i|destroem|"
                    r"queimam?|quema|queman|tuent?|br[uû]lent?|t[oö]tet|verletzt|doodt|uccidono|uccide|bruciano|brucia|zabija|zabijaj[aą]|"
                    r"rani|ranią|(?:is|are|[eé]|s[aã]o|es|son|est|sont|ist|sind|jest|s[aą]) (?:deadly|lethal|mortal\w*|t[oö]dlich|letal\w*|śmierteln\w*))\b", re.I)
_NOT_STUFF = re.compile(r"^(?:the|a|an|this|that|each|every|all|some|more|other|new|same|one|two|three|four|grid|stone|building|"
                        r"code|text|color|colour|empty|solid|basic|normal|standard|special|different|several|many|few|big|small)$", re.I)


def class_forms(sentence: str, foes: bool = False) -> list[str]:
    """'... pułapki w postaci kolców i płomieni, które ...' -> ['kolców', 'płomieni']; with ``foes``, the kinds
    of a class of enemies ('two groups of enemies, wizards and knights' -> ['wizards', 'knights'])."""
    out: list[str] = []
    for m in (_FOE_FORM if foes else _CLASS_FORM).finditer(sentence):
        listed = _CLAUSE.sub("", m.group(1))
        for part in _AND.split(listed)[:4]:
            words = part.split()
            if 0 < len(words) <= 6:
                out.append(" ".join(words))
    return out


def harmful_tiles(sentence: str) -> list[str]:
    """'o bloco de água, que elimina personagens que tente atravessá-lo' -> ['bloco de água']; 'lava tiles
    kill you' -> ['lava tiles']. A tile of a stuff is an obstacle only where the sentence says it harms."""
    out: list[str] = []
    for pattern in (_TILE_OF, _STUFF_TILE):
        for m in pattern.finditer(sentence):
            rest = re.sub(r"^,?\s*(?:which|that|que|qui|che|die|dat|kt[oó]r\w*|yang)\b", "", sentence[m.end():].lstrip(), flags=re.I)
            if _NOT_STUFF.match(m.group(1)) or re.match(_TILE + "$", m.group(1), re.I) or not _HARMS.match(rest):
                continue
            words = m.group(0).split()
            out.append(" ".join(words[1:] if words[0].lower() in _ARTICLES else words))
    return out


_ARTICLES = {"o", "a", "os", "as", "el", "la", "los", "las", "le", "les", "il", "the", "an"}
