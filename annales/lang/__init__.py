"""Language data: one folder per language code, holding TSV tables.

`load_lang("fr").table("event_verbs")` reads `annales/lang/fr/event_verbs.tsv`; a table a
language does not define falls back to `annales/lang/xx/` (language-neutral data such as
countries, CAMEO codes or office-holders). Adding a language means adding a folder of data.

TSV conventions: lines starting with `#` are comments (each file starts with a `# source:`
line); the first other line is the header; empty cells read as "".
"""

from __future__ import annotations

import functools
import importlib.util
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

    def owns(self, table: str) -> bool:
        """Whether this language's own folder defines `table` (no fallback to xx/): for words,
        which no other language's data may stand in for."""
        path = self.path(table)
        return path is not None and path.parent.name == self.code

    def facts(self, name: str) -> dict[str, str]:
        """A `key`/`value` table as a dict (grammar.tsv, language_defaults.tsv)."""
        return {row["key"]: row["value"] for row in self.table(name) if row.get("key")}

    def kinds(self, name: str) -> dict[str, frozenset[str]]:
        """A `kind`/`word` table as word sets by kind (function_words.tsv, geo_words.tsv)."""
        found: dict[str, set[str]] = {}
        for row in self.table(name):
            found.setdefault(row["kind"], set()).add(row["word"])
        return {kind: frozenset(words) for kind, words in found.items()}


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


def neutral_fact(key: str) -> str:
    """One value of the language-neutral `language_defaults` table (annales/lang/xx/)."""
    return load_lang(NEUTRAL).facts("language_defaults")[key]


def neutral_list(key: str) -> tuple[str, ...]:
    """A |-separated value of `language_defaults`, as a tuple."""
    return tuple(v.strip() for v in neutral_fact(key).split("|") if v.strip())


def missing_tables(code: str, root: Path = LANG_DIR) -> list[str]:
    """What the folder of language `code` under `root` lacks (xx/language_tables.tsv): a required
    table, a table required by one it holds, or a column every language's table has.
    RETURNS (list[str]): one line per problem."""
    problems: list[str] = []
    folder = root / code
    for row in load_lang(NEUTRAL).table("language_tables"):
        path = folder / f"{row['table']}.tsv"
        need = row["need"]
        required = need == "required" or (need.startswith("with ") and (folder / f"{need[5:].strip()}.tsv").exists())
        if not path.exists():
            if required:
                problems.append(f"{code}/{row['table']}.tsv: missing ({row['when_missing']})")
            continue
        header = next((line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")), [])
        lacking = [c for c in row["columns"].split() if c not in {h.strip() for h in header}]
        if lacking:
            problems.append(f"{code}/{row['table']}.tsv: no column {', '.join(lacking)}")
    return problems


def pipeline_languages() -> tuple[str, ...]:
    """Languages the pipeline can process: a folder under annales/lang/ and a parser named for it in
    xx/spacy_models.tsv whose package is installed, in that table's order."""
    folders = set(available_languages())
    return tuple(
        row["language"]
        for row in load_lang(NEUTRAL).table("spacy_models")
        if row["language"] in folders and importlib.util.find_spec(row["package"]) is not None
    )
