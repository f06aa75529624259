"""Markdown with embedded HTML reduced to plain paragraphs and captions.

Written for the Markdown that web-archive converters produce (hkcnews
files): ``<figure>`` blocks, Markdown images and links, ``**bold**``,
headings, ``>`` quotes, pipe tables and Hugo ``{{< video >}}`` shortcodes.
Regular expressions suffice because no construct nests more than one level;
a full CommonMark parser would not know the figure and shortcode forms
anyway.
"""

from __future__ import annotations

import re

# The CMS's unfilled caption prompt, printed under 224 hkcnews images,
# sometimes before a real caption.
CAPTION_PROMPT = re.compile(r"請在這輸入\s*Caption.{0,20}?請將此行文字移除[。.]?\s*", re.I)

_FIGURE = re.compile(r"<figure\b[^>]*>(.*?)(?:</figure>|\Z)", re.S | re.I)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
# Elements whose content is never text. An unclosed one runs to its line end.
_DROPPED = re.compile(
    r"<(script|style|iframe)\b[^>]*>.*?(?:</\1\s*>|$)", re.S | re.I | re.M
)
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")

# A link target: no newline, parentheses nested one level (archive URLs of
# Wikipedia pages have them).
_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_LABEL = r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
_IMAGE = re.compile(r"!" + _LABEL + _TARGET)
_LINK = re.compile(_LABEL + _TARGET)
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_ARCHIVE_URL = re.compile(r"(?:https?://)?web\.archive\.org/\S*|(?<![\w/])/web/\d{14}\S*")
_EMAIL_PROTECTED = re.compile(r"\[email[\s\u00a0]protected\]")
# Only asterisks: underscores occur inside names (眾觀_香港政情) and URLs.
_STRONG = re.compile(r"\*{2,3}")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")

_HEADING = re.compile(r"#{1,6}\s+")
_QUOTE = re.compile(r"(?:>\s?)+")
_LIST_MARK = re.compile(r"^[-*+]\s+")
# Rules (``---``, ``****``) and bare list marks left by converted <br>s.
_MARKS_ONLY = re.compile(r"[-*_\s]+")
_TABLE_ROW = re.compile(r"\s*\|.*\|\s*")
_TABLE_RULE = re.compile(r"\s*\|?(?:\s*:?-{3,}:?\s*\|?)+\s*")
_BLANKS = re.compile(r"\n[ \t\u00a0\u3000]*(?:\n[ \t\u00a0\u3000]*)+")
_SPACES = re.compile(r"[ \t]{2,}")
# What every pattern of ``inline_text`` but the last needs to find: most lines have none.
_INLINE_MARKUP = re.compile(r"[\[<*\\]|web")


def markdown_to_text(markdown: str) -> tuple[list[str], list[str]]:
    """Reduce a Markdown body to ``(paragraphs, captions)`` of plain text.

    Figure captions go to ``captions``, never into the paragraphs. Images,
    scripts, iframes and shortcodes are dropped with their content; links
    keep their text; archive.org addresses are removed.
    """
    captions: list[str] = []

    def take_figure(match: re.Match) -> str:
        for caption in _FIGCAPTION.findall(match.group(1)):
            caption = CAPTION_PROMPT.sub("", inline_text(caption)).strip()
            if caption:
                captions.append(caption)
        return "\n\n"

    markdown = _FIGURE.sub(take_figure, markdown)
    markdown = _DROPPED.sub("", markdown)
    markdown = _SHORTCODE.sub("\n\n", markdown)
    paragraphs: list[str] = []
    for block in _BLANKS.split(markdown):
        paragraphs.extend(_block_text(block.split("\n")))
    return [p for p in paragraphs if p], captions


def _block_text(lines: list[str]) -> list[str]:
    """Turn one blank-line-separated block into paragraphs.

    Lines of one paragraph are joined; a heading or a table row is a
    paragraph of its own (tables often follow text with no blank line).
    """
    paragraphs: list[str] = []
    current = ""
    # (each pattern is tried only where the character it needs is: a corpus has
    # millions of lines, and most are plain text)
    for line in lines:
        line = line.strip()
        if (not line or line[0] in "-*_" and _MARKS_ONLY.fullmatch(line)
                or "---" in line and _TABLE_RULE.fullmatch(line)):
            continue
        row = line[0] == "|" and _TABLE_ROW.fullmatch(line)
        own_paragraph = bool(row or line[0] == "#" and _HEADING.match(line))
        if row:
            line = _table_row(line)
        else:
            if "#" in line:
                line = _HEADING.sub("", line, count=1)
            if ">" in line:
                line = _QUOTE.sub("", line, count=1)
            if line[:1] in ("-", "*", "+"):
                line = _LIST_MARK.sub("", line, count=1)
            line = inline_text(line)
        if not line:
            continue
        if own_paragraph:
            paragraphs += [p for p in (current, line) if p]
            current = ""
        else:
            current = glue(current, line) if current else line
    if current:
        paragraphs.append(current)
    return paragraphs


def _table_row(line: str) -> str:
    cells = [inline_text(cell) for cell in line.strip().strip("|").split("|")]
    return " ".join(cell for cell in cells if cell)


def inline_text(s: str) -> str:
    """Reduce inline Markdown and HTML in one line or caption to plain text."""
    if not _INLINE_MARKUP.search(s):
        return _squeeze_spaces(s)
    s = _IMAGE.sub("", s)
    # A link's label can hold another link (``[[](url) [1]](url)``).
    for _ in range(3):
        s, found = _LINK.subn(lambda m: m.group(1), s)
        if not found:
            break
    s = _AUTOLINK.sub(lambda m: m.group(1), s)
    s = _TAG.sub("", s)
    s = _EMAIL_PROTECTED.sub("", s)
    s = _ARCHIVE_URL.sub("", s)
    s = _STRONG.sub("", s)
    s = _EMPHASIS.sub(lambda m: m.group(1), s)
    s = _ESCAPE.sub(lambda m: m.group(1), s)
    return _squeeze_spaces(s)


def _squeeze_spaces(s: str) -> str:
    s = s.replace("\n", " ")
    if "  " in s or "\t" in s:
        s = _SPACES.sub(" ", s)
    return s.strip()


def glue(left: str, right: str) -> str:
    """Join two lines of one paragraph: a space only between Latin words."""
    if not left or not right:
        return left + right
    if left[-1].isascii() and right[0].isascii() and (left[-1].isalnum() or right[0].isalnum()):
        return f"{left} {right}"
    return left + right
