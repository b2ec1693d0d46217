"""No language knowledge in Python (issue 18): a language is a folder of tables under annales/lang/.

An AST scan of the package (annales/evaluation/ aside: each suite measures a gold set in a given
language) fails on
- a string constant that is a language code (a folder under annales/lang/, a language of
  xx/spacy_models.tsv or of xx/language_defaults.tsv): `language == "en"`, `languages=("fr", "en")`,
  `article.language or "en"`, `for language in ("fr", "en")`;
- a name, attribute, argument, function or class named after a language (`self.english`,
  `french_demonym_forms`): a switch on one language;
- a token's text, lower case or lemma compared with a literal word (`c.lower_ == "par"`,
  `token.text in ("'s", "’s")`): words belong in the language's tables.

ALLOWED lists the places that still do, each with why; keep it short and shrinking.
"""

from __future__ import annotations

import ast
import re

from annales.lang import LANG_DIR, NEUTRAL, available_languages, load_lang, neutral_list

PACKAGE = LANG_DIR.parent
SKIPPED = ("evaluation",)
# (path under annales/, constant or identifier): allowed for now, with the reason.
ALLOWED: dict[tuple[str, str], str] = {}
LANGUAGE_NAMES = re.compile(r"english|french|spanish|russian|german|arabic|chinese|italian|portuguese", re.IGNORECASE)
TOKEN_TEXT = frozenset({"lower_", "text", "lemma_", "norm_", "orth_", "text_with_ws"})


def _codes() -> frozenset[str]:
    models = {row["language"] for row in load_lang(NEUTRAL).table("spacy_models")}
    return frozenset(available_languages()) | models | frozenset(neutral_list("cldr_name_languages"))


def _sources() -> list[tuple[str, ast.AST]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.split("/")[0] in SKIPPED:
            continue
        found.append((relative, ast.parse(path.read_text(encoding="utf-8"))))
    return found


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _is_token_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in TOKEN_TEXT
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("lower", "casefold"):
        return _is_token_text(node.func.value)
    return False


def _words(node: ast.AST) -> list[str]:
    """The string constants of a constant or a literal collection that hold a letter."""
    elements = node.elts if isinstance(node, (ast.Tuple, ast.Set, ast.List)) else [node]
    return [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str) and any(c.isalpha() for c in e.value)]


def _identifier(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.arg):
        return node.arg
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name
    return None


def _findings() -> list[str]:
    codes = _codes()
    found: list[str] = []
    for relative, tree in _sources():
        docstrings = _docstrings(tree)

        def report(node: ast.AST, what: str, value: str, relative: str = relative) -> None:
            if (relative, value) not in ALLOWED:
                found.append(f"annales/{relative}:{getattr(node, 'lineno', '?')}: {what} {value!r}")

        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in codes and id(node) not in docstrings:
                report(node, "language code", node.value)
            name = _identifier(node)
            if name is not None and LANGUAGE_NAMES.search(name):
                report(node, "language switch", name)
            if isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                if any(_is_token_text(side) for side in sides):
                    for word in (w for side in sides for w in _words(side)):
                        report(node, "word compared with a token", word)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("startswith", "endswith") and _is_token_text(node.func.value):
                for word in (w for arg in node.args for w in _words(arg)):
                    report(node, "word compared with a token", word)
    return found


def test_lang_in_code_no_language_in_stage_code() -> None:
    assert _findings() == []


def test_lang_in_code_allow_list_is_still_needed() -> None:
    """An allowed place that no longer holds its constant leaves the list."""
    present = {(relative, node.value) for relative, tree in _sources() for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert [key for key in ALLOWED if key not in present] == []


def test_lang_in_code_scan_catches_a_switch() -> None:
    tree = ast.parse('english = language == "en"\nif token.lower_ in ("par", ","):\n    pass\n')
    codes = _codes()
    constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value in codes]
    names = [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and LANGUAGE_NAMES.search(n.id)]
    compared = [w for n in ast.walk(tree) if isinstance(n, ast.Compare) and _is_token_text(n.left) for s in n.comparators for w in _words(s)]
    assert constants == ["en"] and names == ["english"] and compared == ["par"]
