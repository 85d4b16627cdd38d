"""A small, tolerant reader of the markdown people actually write in GDDs.

It does not render markdown; it turns the text into a flat list of ``Block``s, each
knowing the heading path it sits under, so extraction can ask "bullets under
Enemies" or "key/value lines anywhere" without caring how the author styled them.

Tolerated: ATX and setext headings, bold-only lines used as headings, nested bullet
and numbered lists, pipe tables (every row kept), ``**Key:** value`` / ``Key: value``
lines, HTML (comments dropped, tags removed), images and links reduced to their text,
code fences kept as plain text (never headings).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Text longer than this in one line is cut for extraction: a GDD line that long is
# pasted data, and the cap keeps every regex pass linear and fast.
MAX_LINE_CHARS = 4000

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# Script and style bodies are code, never GDD text: dropped with their tags.
_SCRIPT = re.compile(r"<(script|style)\b[^>]{0,500}>.{0,20000}?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,2000}?>|<![^<>]{0,200}>")
_IMAGE = re.compile(r"!\[([^\]\n]{0,300})\]\([^)\n]{0,1000}\)")
_LINK = re.compile(r"\[([^\]\n]{0,300})\]\([^)\n]{0,1000}\)")
_REF_LINK = re.compile(r"\[([^\]\n]{1,300})\]\[[^\]\n]{0,100}\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]{1,1000})>")
_EMPH = re.compile(r"(\*\*|__|~~|`+)")
_STRIKE = re.compile(r"~~[^~\n]{1,200}?~~")  # struck-out text is cut from the design
_SINGLE_EMPH = re.compile(r"(?<![\w*])[*_](?=\S)([^*_\n]{1,200}?)(?<=\S)[*_](?![\w*])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A task the author ticked off: a checked box, a "[done]" tag, a check mark.
_DONE = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+\[[xX]\]|[-–(\[][ \t]*(?:done|completed?|implemented|hecho|fet|"
                   r"feito|erledigt|klaar|fait|fatto)[ \t]*[\])]?[ \t]*$|[✅✔☑]", re.I)
_BULLET = re.compile(r"^([ \t]*)([-*+•])[ \t]+(?:\[[ xX]\][ \t]*)?(.*)$")
_NUMBERED = re.compile(r"^([ \t]*)(\d{1,3})[.)][ \t]+(.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)([^*_\n]{1,120}?)\1\s*:?\s*$")
_BOLD_KV = re.compile(r"^(\*\*|__)([^*_\n:]{1,60}?)(?::\s*\1|\1\s*:)\s*(.*)$")
_PLAIN_KV = re.compile(r"^([^\s:][^:\n]{0,59}?)\s*[:：]\s*(.*)$")
_BOLD_SPAN = re.compile(r"\*\*([^*\n]{1,60}?)\*\*|__([^_\n]{1,60}?)__|<(?:b|strong)>([^<\n]{1,60}?)</(?:b|strong)>|(?<![\w*])\*([^*\s][^*\n]{0,40}?)\*(?![\w*])", re.I)
# "1.1 Story", "2.3 Combat": numbered-section titles written as plain lines.
_SECTION_NUMBER = re.compile(r"^ {0,3}(\d{1,2}(?:\.\d{1,2})+)\.?[ \t]+(.{1,60})$")
_WIKI_HEADING = re.compile(r"^(={1,6})[ \t]*([^=\s][^=]{0,80}?)[ \t]*\1$")
_LI = re.compile(r"^\s*<li\b[^>]{0,200}>", re.I)
_HRULE = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")


@dataclass(frozen=True)
class Block:
    """One meaningful line of a GDD.

    kind: "heading" | "item" (bullet or numbered) | "row" (table row) | "text" | "code".
    """

    kind: str
    text: str
    level: int = 0  # heading level, or list nesting depth
    key: str = ""  # key of a key/value line ("Title" in "**Title:** X")
    value: str = ""
    bold_key: bool = False  # the key was written in bold: a deliberate field, not prose
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()  # the header row of the table this row belongs to
    section: tuple[str, ...] = ()  # heading titles from the outermost to the one above
    line: int = 0
    bold: tuple[str, ...] = ()  # phrases the author set in bold (**x**, __x__, <b>, <strong>): strong name signals
    done: bool = False  # a ticked task ("- [x] Sprint ability", "... - [done]"): in the game now, not a plan


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)

    def headings(self, level: int | None = None) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading" and (level is None or b.level == level)]

    def under(self, predicate) -> list[Block]:
        """Non-heading blocks whose section path has a title for which predicate(title) is true."""
        return [b for b in self.blocks if b.kind != "heading" and any(predicate(t) for t in b.section)]


def clean_inline(text: str) -> str:
    """Plain text of one line of markdown: no tags, links, emphasis or control characters."""
    text = text[:MAX_LINE_CHARS]
    text = _AUTOLINK.sub(r"\1", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _SCRIPT.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _STRIKE.sub(" ", text)
    text = _EMPH.sub("", text)
    text = _SINGLE_EMPH.sub(r"\1", text)
    if text.endswith("\\"):  # a trailing backslash is a markdown hard line break
        text = text[:-1]
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def bold_phrases(raw: str) -> tuple[str, ...]:
    out = []
    for m in _BOLD_SPAN.finditer(raw[:MAX_LINE_CHARS]):
        phrase = clean_inline(next(g for g in m.groups() if g is not None)).strip(" :.,;")
        if phrase and phrase not in out and len(out) < 20:
            out.append(phrase)
    return tuple(out)


def _split_kv(raw: str) -> tuple[str, str, bool]:
    """('Title', 'X', True) for '**Title:** X'; ('', '', False) when the line is not a field."""
    s = raw.strip()
    m = _BOLD_KV.match(s)
    if m:
        return clean_inline(m.group(2)), clean_inline(m.group(3)), True
    plain = clean_inline(s)
    m = _PLAIN_KV.match(plain)
    if m:
        key, value = m.group(1).strip(), m.group(2).strip()
        # A URL ("https://...") or a clock ("10:30") is not a field.
        if value.startswith("//") or key.lower() in ("http", "https", "ftp", "mailto") or key.isdigit():
            return "", "", False
        if len(key.split()) <= 6 and any(ch.isalpha() for ch in key):
            return key, value, False
    return "", "", False


def _table_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [clean_inline(c) for c in re.split(r"(?<!\\)\|", s)]


def parse_markdown(text: str) -> Document:
    """Split GDD text into Blocks. Never raises on odd input."""
    text = _COMMENT.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SCRIPT.sub(" ", text)
    lines = text.split("\n")
    doc = Document()
    path: list[tuple[int, str]] = []  # (level, title) of the open headings
    in_fence = ""
    table_header: tuple[str, ...] | None = None
    last_atx_level = 1

    def section() -> tuple[str, ...]:
        return tuple(t for _, t in path)

    def open_heading(level: int, title: str, lineno: int) -> None:
        while path and path[-1][0] >= level:
            path.pop()
        doc.blocks.append(Block("heading", title, level=level, section=section(), line=lineno))
        path.append((level, title))

    i = 0
    n = len(lines)
    while i < n:
        raw = lines[i][:MAX_LINE_CHARS]
        lineno = i + 1
        i += 1
        stripped = raw.strip()

        fence = _FENCE.match(raw)
        if in_fence:
            if fence and fence.group(1)[0] == in_fence[0] and len(fence.group(1)) >= len(in_fence):
                in_fence = ""
            elif stripped:
                doc.blocks.append(Block("code", _CONTROL.sub("", stripped), section=section(), line=lineno))
            continue
        if fence:
            in_fence = fence.group(1)
            continue

        if not stripped:
            table_header = None
            continue

        # Pipe table: a row with a separator under it opens one; later rows belong to it.
        if "|" in stripped:
            nxt = lines[i] if i < n else ""
            if table_header is None and _TABLE_SEP.match(nxt) and "-" in nxt:
                table_header = tuple(_table_cells(stripped))
                i += 1  # skip the separator
                continue
            if table_header is not None:
                cells = tuple(_table_cells(stripped))
                if any(cells):
                    doc.blocks.append(
                        Block("row", " | ".join(c for c in cells if c), cells=cells, header=table_header, section=section(), line=lineno)
                    )
                continue
        elif table_header is not None:
            table_header = None

        atx = _ATX.match(raw)
        if atx:
            title = clean_inline(atx.group(2) or "")
            level = len(atx.group(1))
            last_atx_level = level
            if title:
                open_heading(level, title, lineno)
            continue

        # Wiki style: "== Enemies ==" (MediaWiki, some jam templates).
        wiki = _WIKI_HEADING.match(stripped)
        if wiki:
            title = clean_inline(wiki.group(2))
            if title:
                level = len(wiki.group(1))
                last_atx_level = level
                open_heading(level, title, lineno)
                continue

        # Setext: a text line underlined by === or --- (a lone --- after a blank is a rule).
        if i < n and _SETEXT.match(lines[i]) and not _BULLET.match(raw) and not _HRULE.match(raw):
            title = clean_inline(stripped)
            if title:
                level = 1 if lines[i].strip().startswith("=") else 2
                last_atx_level = level
                open_heading(level, title, lineno)
                i += 1
                continue
        if _HRULE.match(raw):
            continue

        bold = _BOLD_LINE.match(stripped)
        if bold and ":" not in bold.group(2).strip().rstrip(":"):
            title = clean_inline(bold.group(2))
            if title:
                open_heading(min(6, last_atx_level + 1), title, lineno)
                continue

        # "Bad guys:" alone on a line with a list under it is that list's heading.
        label = re.match(r"^([^\W\d_][\w'’ -]{1,40}):$", stripped)
        if label and len(label.group(1).split()) <= 4 and not _BULLET.match(raw):
            nxt = next((x for x in lines[i:i + 2] if x.strip()), "")
            if _BULLET.match(nxt) or _NUMBERED.match(nxt):
                open_heading(min(6, last_atx_level + 1), label.group(1).strip(), lineno)
                continue

        num = _SECTION_NUMBER.match(raw)
        if num and not re.search(r"[:.!?,]$|[:;]", num.group(2)) and len(num.group(2).split()) <= 6:
            title = clean_inline(num.group(2))
            if title:
                open_heading(min(6, last_atx_level + num.group(1).count(".")), title, lineno)
                continue
        if num:
            body = num.group(2)
            key, value, bold_key = _split_kv(body)
            doc.blocks.append(Block("item", clean_inline(body), key=key, value=value, bold_key=bold_key, section=section(), line=lineno, bold=bold_phrases(body)))
            continue
        if _LI.match(raw):
            body = _LI.sub("", raw, count=1)
            key, value, bold_key = _split_kv(clean_inline(body))
            text_li = clean_inline(body)
            if text_li:
                doc.blocks.append(Block("item", text_li, key=key, value=value, section=section(), line=lineno, bold=bold_phrases(body)))
            continue

        m = _BULLET.match(raw) or _NUMBERED.match(raw)
        if m:
            indent = len(m.group(1).expandtabs(4))
            body = m.group(3)
            key, value, bold_key = _split_kv(body)
            doc.blocks.append(
                Block("item", clean_inline(body), level=indent // 2, key=key, value=value, bold_key=bold_key, section=section(), line=lineno, bold=bold_phrases(body),
                      done=bool(_DONE.search(raw)))
            )
            continue

        body = stripped.lstrip(">").strip()
        key, value, bold_key = _split_kv(body)
        plain = clean_inline(body)
        if plain:
            doc.blocks.append(Block("text", plain, key=key, value=value, bold_key=bold_key, section=section(), line=lineno, bold=bold_phrases(body)))
    return doc
