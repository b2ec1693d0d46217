from pathlib import Path

from annales.config import Settings
from annales.ingest import read_inputs
from annales.language import identify_article
from annales.repair import repair_article


def test_repair_fr02_reference_article(shared_dir: Path) -> None:
    [article] = read_inputs([str(shared_dir / "corpus" / "fr-02.txt")], Settings.make())
    repair_article(article)
    identify_article(article, supported=("fr", "en"))
    assert article.id == "fr-02" and article.language == "fr" and article.ok
    assert sorted(c.credit or "" for c in article.captions) == ["Efe", "Reuters"]
    for damage in ("Poutineun", "Occidentle", "RussieL", "Iranun", "un un large", "avec lIran face a larrivee"):
        assert damage not in article.text
    assert not article.text.startswith(article.title or "\0") and not article.text.endswith("fr-02")
    for name in ("Shahed", "Pezeshkian", "Masud", "Massoud"):
        assert name in article.text or any(name in c.text for c in article.captions)
    for repair in article.repairs:
        assert article.text[repair.start : repair.end] == repair.after
