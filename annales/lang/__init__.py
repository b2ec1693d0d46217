"""Language data: one folder per language code, holding TSV tables.

`load_lang("fr").table("event_verbs")` reads `annales/lang/fr/event_verbs.tsv`; a table a
language does not define falls back to `annales/lang/xx/` (language-neutral data such as
countries, CAMEO codes or office-holders). Adding a language means adding a folder of data.

TSV conventions: lines starting with `#` are comments (each file starts with a `# source:`
line); the first other line is the header; empty cells read as "".
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AnnalesError, Errors

LANG_DIR = Path(__file__).parent
NEUTRAL = "xx"


def strip_accents(text: str) -> str:
    """`text` without combining accents ("Téhéran" -> "Teheran"); ASCII text is returned as is (the common case)."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def iter_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV data file as dicts keyed by the header, streamed (for tables too large to keep)."""
    header: list[str] | None = None
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            cells += [""] * (len(header) - len(cells))
            yield {h: c.strip() for h, c in zip(header, cells)}


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV data file as dicts keyed by the header."""
    return list(iter_tsv(path))


@dataclass
class LangData:
    code: str
    _cache: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def path(self, table: str) -> Path | None:
        for code in (self.code, NEUTRAL):
            candidate = LANG_DIR / code / f"{table}.tsv"
            if candidate.exists():
                return candidate
        return None

    def has(self, table: str) -> bool:
        return self.path(table) is not None

    def table(self, name: str) -> list[dict[str, str]]:
        """Rows of table `name` for this language (falling back to xx/)."""
        if name not in self._cache:
            path = self.path(name)
            if path is None:
                raise AnnalesError(Errors.E905.format(table=name, language=self.code))
            self._cache[name] = read_tsv(path)
        return self._cache[name]

    def words(self, name: str, column: str = "word") -> frozenset[str]:
        """One column of a table as a set, for cue-word lists."""
        return frozenset(row[column] for row in self.table(name) if row.get(column))


@functools.cache
def load_lang(code: str) -> LangData:
    """The (cached) language data for `code`."""
    return LangData(code)


def validate_tables(root: Path = LANG_DIR) -> list[str]:
    """Problems in the data tables under `root`: a missing `# source:` first line, no header,
    rows with more cells than the header, duplicate header names. RETURNS (list[str]): one line per problem."""
    problems: list[str] = []
    for path in sorted(root.rglob("*.tsv")):
        name = path.relative_to(root).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        if not lines or not lines[0].lower().startswith("# source:"):
            problems.append(f"{name}: first line must be '# source: ...'")
        content = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
        if not content:
            problems.append(f"{name}: no header line")
            continue
        header = content[0][1].split("\t")
        if len(set(header)) != len(header):
            problems.append(f"{name}: duplicate column names in header")
        for number, line in content[1:]:
            if len(line.split("\t")) > len(header):
                problems.append(f"{name}:{number}: {len(line.split(chr(9)))} cells, header has {len(header)}")
    return problems


def available_languages() -> list[str]:
    return sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir() and p.name not in (NEUTRAL, "__pycache__"))
