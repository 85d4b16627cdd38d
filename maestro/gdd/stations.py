"""The places a management game serves its requests at, as the GDD lists them: "stations arranged
spatially: chopping board, stove, fryer, oven, plating area, and serving window", "3 stations of
different shapes (circle, triangle, square)", "the clinic's wards: Triage, Surgery and Recovery".

A class word for such places (stations, counters, desks, docks ...), then, after a colon, "such as",
"like", "including" or inside brackets, a run of two or more short names. The names are the GDD's, in
its order; nothing is guessed from a table of known stations (the genre keeps that as a fallback).
"""

from __future__ import annotations

import re

from maestro.gdd.text import plain

# A class of places where requests are served, in the languages GDDs are written in.
_PLACES = (r"(?:(?:work|cooking|kitchen|service|serving|treatment|check-?in)\s+)?(?:stations|counters|desks|docks|berths|bays|booths|stalls|"
           r"wards|platforms|windows|posts|tables|chairs|beds|lanes|gates|checkpoints|workbenches|modules|rooms|"
           r"estaciones|mostradores|puestos|mesas|esta[cç][oõ]es|balc[oõ]es|postes|comptoirs|stationen|theken|schalter|"
           r"stazioni|banconi|postazioni)")
# The class word, a few words that say how they are ("of different shapes", "arranged spatially"), then the list.
_LIST = re.compile(r"\b" + _PLACES + r"\b((?:\s+[\w'’-]+){0,4}?)\s*(?::|\(|,?\s+(?:such as|like|including|namely|e\.g\.|como|comme|wie|come)\s)\s*([^.;!?()\n]{3,160})",
                   re.I)
# "each must be sent to the sickbay, the lab or the pharmacy": where a request is sent, a list of two or more.
_SENT = re.compile(r"\b(?:sen[dt]s?|sending|assign(?:s|ed|ing)?|rout(?:e|es|ed|ing)|direct(?:s|ed|ing)?|tak(?:e|es|en)|guid(?:e|es|ed))\s+"
                   r"(?:(?:each|every|them|it|him|her|the \w+|a \w+)\s+)?to\s+((?:the\s+)?[^.;!?()\n]{3,160})", re.I)
_SPLIT = re.compile(r",|;|/|\band\b|\bor\b|\by\b|\be\b|\bet\b|\bund\b|\bou\b|\bo\b", re.I)
_LEAD = re.compile(r"^(?:the|a|an|one|its|their|el|la|los|las|o|os|as|le|les|der|die|das|il|lo|gli)\s+", re.I)
# Words that end a run of names: the sentence goes on to something else ("... oven. Orders appear ...").
_NOT_NAME = re.compile(r"\b(?:is|are|was|were|will|can|must|has|have|each|every|which|that|who|where|when|while|with|to|for|"
                       r"free|before|after|until|their|your|his|her|its|them|it|they|you)\b", re.I)
MAX_STATIONS = 4


def named_stations(text: str) -> list[str]:
    """The first run of at least two station names the text lists ('Chopping board', 'Stove', ...), at most
    ``MAX_STATIONS``, capitalised as names; [] when it lists none."""
    text = re.sub(r"[ \t]*\n[ \t]*(?=[^\s#*|>-])", " ", text)  # a hard-wrapped paragraph is one line
    runs = [m.group(2) for m in _LIST.finditer(text)] + [m.group(1) for m in _SENT.finditer(text) if _SPLIT.search(m.group(1))]
    for run in runs:
        names: list[str] = []
        for part in _SPLIT.split(run):
            words = _LEAD.sub("", part.strip(" \t*_`\"'")).split()
            if not words:
                continue
            if len(words) > 3 or _NOT_NAME.search(" ".join(words)) or re.search(r"\d", part):
                break  # the list has ended; what follows is a clause
            name = plain(" ".join(words), 40)
            if name:
                names.append(name[:1].upper() + name[1:])
        names = list(dict.fromkeys(names))
        if len(names) >= 2:
            return names[:MAX_STATIONS]
    return []
