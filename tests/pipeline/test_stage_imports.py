"""No stage imports another stage's modules: cross-stage needs go through the Article, `annales.text` (the
shared text toolkit) or `annales.lang` (data readers). Checked over the source, not at run time."""

from __future__ import annotations

import ast
from pathlib import Path

from annales.pipeline import STAGES

PACKAGE = Path(__file__).resolve().parents[2] / "annales"
# Stages that may import another stage's modules: none (the CAMEO tables and rules the events and judge
# stages share live in annales/cameo/).
ALLOWED: set[tuple[str, str]] = set()


def _imported_stages(path: Path, own: str) -> set[str]:
    """Stage packages `path` imports, by relative (`from ..events import`) or absolute (`annales.events`) name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level >= 2 and node.module:
                names.append(node.module.split(".")[0])
            elif node.level == 0 and node.module and node.module.startswith("annales."):
                names.append(node.module.split(".")[1])
            elif node.level == 2 and node.module is None:
                names += [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name.split(".")[1] for alias in node.names if alias.name.startswith("annales.")]
        found.update(name for name in names if name in STAGES and name != own)
    return found


def test_no_stage_imports_another_stage() -> None:
    crossings = []
    for stage in STAGES:
        folder = PACKAGE / stage
        for path in sorted(folder.rglob("*.py")) if folder.is_dir() else []:
            crossings += [(stage, other, path.relative_to(PACKAGE).as_posix()) for other in _imported_stages(path, stage) if (stage, other) not in ALLOWED]
    assert not crossings, "stages importing other stages:\n" + "\n".join(f"{s} -> {o} in {p}" for s, o, p in crossings)


def test_the_check_sees_an_import_across_stages(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text("from ..events.lexicon import load_lexicon\nfrom ..text import fold\nimport annales.geo.gazetteer\n")
    assert _imported_stages(module, "actors") == {"events", "geo"}
