"""Bytes to clean text: encoding detection, gzip, control characters."""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from pathlib import Path

import charset_normalizer

# Encodings a Chinese newspaper file arrives in. UTF-8 and UTF-16 are
# recognised by their byte order mark or by strict decoding; the legacy
# national encodings are left to charset-normalizer, restricted to these two
# so that it never "finds" cp1252 or Shift-JIS in a GBK file.
LEGACY_ENCODINGS = ("gb18030", "big5")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls except \t and \n (tabs are turned into spaces first), DEL, and
# the C1 block. The corpus has runs of 0x10 and stray 0x16, 0x08 … in text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Zero-width space/non-joiner/joiner, word joiner, and a BOM anywhere in the
# text (hkcnews-40862 has one in the middle of a paragraph).
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")


class SourceError(Exception):
    """A source file that cannot be read, with a reason fit for the reader."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def clean_text(s: str) -> str:
    """Normalise line ends and remove control and zero-width characters.

    CRLF and CR become LF, U+2028/U+2029 become LF, tabs become spaces.
    """
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = s.replace("\u2028", "\n").replace("\u2029", "\n").replace("\t", " ")
    s = _CONTROL.sub("", s)
    return _ZERO_WIDTH.sub("", s)


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes as UTF-8, UTF-16 (with BOM), GB18030 or Big5.

    :raises SourceError: for empty, binary or undecodable data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(f"not valid {encoding.upper()} after its byte order mark") from exc
            return _require_content(text)
    if b"\x00" in data:
        # UTF-16 without a BOM is not supported: NUL bytes mean binary.
        raise SourceError("binary file")
    if not data.strip():
        raise SourceError("empty file")
    try:
        return _require_content(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise SourceError("not text in UTF-8, GB18030 or Big5")
    return _require_content(str(best))


def _require_content(text: str) -> str:
    if not text.strip():
        raise SourceError("empty file")
    return text


def read_bytes(path: Path) -> bytes:
    """Read a file, uncompressing it when its name ends in ``.gz``.

    :raises SourceError: for a truncated or corrupt gzip file.
    """
    data = Path(path).read_bytes()
    if not str(path).endswith(".gz"):
        return data
    try:
        return gzip.decompress(data)
    except EOFError as exc:
        raise SourceError(f"truncated gzip file ({exc})") from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise SourceError(f"not a valid gzip file ({exc})") from exc


def read_text(path: Path) -> str:
    """Read a text file in any supported encoding and return clean text.

    :raises SourceError: when the file is empty, binary, undecodable or a
        truncated gzip file.
    """
    return clean_text(decode_bytes(read_bytes(path)))
