"""Settings shared by the command line and the web app."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    index_dir: Path = ROOT / "index"
    seeds_dir: Path = ROOT / "seeds"
    page_size: int = 10
    max_page_size: int = 100
    max_query_chars: int = 500  # Whoosh-style parsing cost grows with length; see query.py
    result_cache: int = 1024  # result pages the web app keeps per commit (0: none)
    text_cache: int = 2048  # folded texts of shown articles the web app keeps (~4 kB each)

    @classmethod
    def from_env(cls, index_dir: str | os.PathLike | None = None) -> "Settings":
        """Settings with the index folder from the argument, else ``BAOKU_INDEX``, else ``index/``."""
        chosen = index_dir or os.environ.get("BAOKU_INDEX")
        return cls(index_dir=Path(chosen)) if chosen else cls()
