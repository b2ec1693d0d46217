"""Settings as data: each Setting has a name, a default and a help line.

Layered like trafilatura's settings: the packaged defaults, then keyword overrides from the
API or CLI (`--set max_bytes=1000000`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from .errors import AnnalesError, Errors
from .lang import pipeline_languages

JUDGE_MODES = ("confidence", "complete", "full")


class Setting(NamedTuple):
    name: str
    default: Any
    help: str
    # What a value must be, as (test, description), where its default's type does not say enough.
    expects: tuple[Callable[[Any], bool], str] | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("max_bytes", 5_000_000, "Largest article accepted, in bytes: a text or HTML file, a JSON file, a JSON Lines record or an archive member."),
    Setting("max_file_bytes", 2_000_000_000, "Largest JSON Lines file, archive or stdin stream accepted, in bytes (their records are read one at a time)."),
    Setting("piece_chars", 50_000, "A text longer than this is parsed in pieces of about this many characters, cut at paragraph breaks, and joined again: memory stays bounded whatever an article's length."),
    Setting("batch_chars", 32_000, "Most characters of text processed together (a longer article goes alone): a parsed article holds about 3.7 KiB per character until its group is done, so this bounds a process's peak memory."),
    Setting("batch_size", 4, "Articles processed together (a worker's chunk), cut further into groups of at most batch_chars characters, each within one set of spaCy memory zones."),
    Setting("languages", pipeline_languages(), "Languages the pipeline processes (default: every annales/lang/ folder whose parser, named in xx/spacy_models.tsv, is installed); others get an unsupported_language error."),
    Setting("default_language", None, "Language to assume instead of identifying it (the CLI's --language)."),
    Setting("stages", None, "Stage names to run, in pipeline order; None runs them all."),
    Setting("disabled_stages", (), "Stage names to skip."),
    Setting("published", None, "Publication date (YYYY-MM-DD) for articles that carry none."),
    Setting("json_text_fields", ("text", "body", "content", "article", "maintext"), "JSON fields tried, in order, for the article body."),
    Setting("json_title_fields", ("title", "headline"), "JSON fields tried for the title."),
    Setting("json_date_fields", ("published", "date", "publish_date", "pubdate", "date_publish"), "JSON fields tried for the publication date."),
    Setting("json_id_fields", ("id", "uid", "doc_id"), "JSON fields tried for the article id."),
    Setting("json_language_fields", ("language", "lang"), "JSON fields tried for the article language."),
    Setting("json_url_fields", ("url", "link", "source_url"), "JSON fields tried for the article URL."),
    Setting("json_source_fields", ("source", "source_domain", "sitename", "publisher"), "JSON fields tried for the publisher."),
    Setting("json_author_fields", ("author", "authors", "byline"), "JSON fields tried for the author."),
    Setting("event_anaphora", False, "Code a bare event noun whose sentence names no actor (\"la guerre\", \"les combats\") as a restatement of the article's event of the same kind, with its sides (the language's restated_roots; docs/benchmarks.md measures it). Off by default: it helps document-level coding, sentence-level gold sets count the restatements as extra events.",
            (lambda v: isinstance(v, bool), "true or false")),
    Setting("speech_appeals", True, "Code a speech verb whose complement says what another actor should or must do (\"Labour must address the crisis, she said\") as an appeal to it, CAMEO 020 (the language's obligation_auxiliaries and obligation_verbs; docs/benchmarks.md measures it). False leaves appeals to the lexicon's own predicates (\"urged\", \"called on\").",
            (lambda v: isinstance(v, bool), "true or false")),
    Setting("speech_criticism", True, "Code a speech verb whose complement speaks ill of another actor (\"Labour said the Tory plans were a disgrace\") as criticism, CAMEO 111 (the language's opinion_speech and criticism_valence; docs/benchmarks.md measures it). False leaves such criticism to the lexicon's own predicates (\"criticised\", \"condemned\").",
            (lambda v: isinstance(v, bool), "true or false")),
    Setting("event_classifier", True, "Let the language's learned PLOVER classifier (annales/lang/<code>/event_classifier.json, English) complete or override the lexicon's readings of a pair of actors; False keeps the lexicon's alone (training and the lexicon-only baseline).",
            (lambda v: isinstance(v, bool), "true or false")),
    Setting("judge_mode", "complete", "What the learned judge does: 'confidence' gives every event a calibrated confidence; 'complete' (the default) also fills the sides the rules left empty; 'full' also replaces sides, proposes events no rule coded, gives sides to event words that name no actor (or drops them) and rejects events under its trained floor (docs/benchmarks.md measures each).",
            (lambda v: v in JUDGE_MODES, "'confidence', 'complete' or 'full'")),
    Setting("judge_floor", None, "Events the learned judge gives a probability of being real under this are rejected; None: the floor each language's model was trained with in 'full' mode, 0 (keep all) in the others.",
            (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1, "a number from 0 to 1")),
    Setting("min_confidence", 0.0, "Events whose confidence (the judge's calibrated probability that type, sides and modality are right) is under this are dropped by the judge stage; 0 keeps them all.",
            (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1, "a number from 0 to 1")),
    Setting("repairs", ("layout", "mojibake", "quotes", "words"), "Repair passes to run, in order: layout (title, id line, captions), mojibake, quotes, words (glued, doubled, article collisions)."),
)
_DEFAULTS = {s.name: s.default for s in SETTINGS}
_EXPECTS = {s.name: s.expects for s in SETTINGS if s.expects}


@dataclass(slots=True)
class Settings:
    """Resolved settings; read attributes by setting name."""

    values: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "values")[name]
        except KeyError:
            raise AttributeError(name) from None

    @classmethod
    def make(cls, **overrides: Any) -> Settings:
        values = dict(_DEFAULTS)
        for name, value in overrides.items():
            if name not in values:
                raise AnnalesError(Errors.E903.format(name=name, settings=", ".join(sorted(values))))
            if value is not None:
                values[name] = _checked(name, value)
        return cls(values)

    def overrides(self) -> dict[str, Any]:
        """The settings that differ from the defaults, to make the same Settings again elsewhere."""
        return {name: value for name, value in self.values.items() if value != _DEFAULTS[name]}


def _checked(name: str, value: Any) -> Any:
    """`value` when it has the type of the setting's default (a list, or a comma-separated string, for a tuple is made a
    tuple), else E904."""
    default = _DEFAULTS[name]
    if name in _EXPECTS:
        test, description = _EXPECTS[name]
        if not test(value):
            raise AnnalesError(Errors.E904.format(value=value, name=name, reason=f"{description} is expected"))
        return value
    if default is None:
        return value
    if isinstance(default, tuple) and isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    if isinstance(default, tuple) and isinstance(value, str):  # the CLI's `--set languages=fr,en`
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(default, int) and not isinstance(default, bool):
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        raise AnnalesError(Errors.E904.format(value=value, name=name, reason="a whole number above 0 is expected"))
    if isinstance(value, type(default)):
        return value
    raise AnnalesError(Errors.E904.format(value=value, name=name, reason=f"a {type(default).__name__} is expected"))
