"""Error and warning catalogue. Codes are grouped by stage: E1xx ingest, E2xx repair,
E3xx language, E4xx nlp, E5xx actors, E6xx events, E7xx geo, E8xx facets, E9xx store/cli.

Library code raises `AnnalesError(Errors.E101.format(...))` or records the message on the
article (`article.add_error(kind, Errors.E101.format(...), code="E101")`); only the CLI prints.
"""

from __future__ import annotations


class _Message(str):
    """A message template that knows its code: `Errors.E101.format(path=p)` -> "[E101] ..."."""

    code: str

    def format(self, *args: object, **kwargs: object) -> str:
        return f"[{self.code}] " + str.format(self, *args, **kwargs)


class _WithCodes(type):
    def __getattribute__(cls, name: str) -> object:
        value = super().__getattribute__(name)
        if name[:1] in "EW" and name[1:].isdigit() and isinstance(value, str):
            message = _Message(value)
            message.code = name
            return message
        return value


class Errors(metaclass=_WithCodes):
    E101 = "Cannot read {path}: {reason}"
    E102 = "{path} is empty"
    E103 = "{path} looks binary (NUL bytes or a known binary signature); not a text article"
    E104 = "{path} is {size} bytes, over the limit of {limit} bytes (setting max_bytes)"
    E105 = "Cannot decode {path} as text (tried {tried})"
    E106 = "Malformed {fmt} in {path}: {reason}"
    E107 = "No such file or folder: {path}"
    E108 = "Record {index} of {path} has no text field (looked for {fields})"
    E109 = "Cannot open archive {path}: {reason}"
    E110 = "{path} is not a regular file ({kind}); only files, folders, archives and stdin are read"
    E111 = "{path}: {what} nested deeper than {limit} levels"
    E112 = "{path} holds no article records"
    W101 = "Publication date {value!r} is not a date in any format we read; the article has no publication date"
    E301 = "Language {language!r} is not supported (supported: {supported}){install}"
    E302 = "Could not identify the language of the article"
    E401 = "No spaCy pipeline is installed for language {language!r} (package {package})"
    E402 = "No parser is named for language {language!r} in annales/lang/xx/spacy_models.tsv (languages with one: {languages})"
    E403 = "pip could not install the parser of {language!r} ({requirement}): exit code {code}"
    E501 = "Office-holder table: row {name!r} has a date {value!r} that is not YYYY, YYYY-MM or YYYY-MM-DD"
    E601 = "Unknown CAMEO code {code!r} for {lemma!r} in event table {table}"
    E602 = "No event lexicon (event_verbs.tsv) for language {language!r}; events not coded"
    E603 = "Cannot read evaluation data {path}: {reason}"
    E801 = "Theme {theme!r} in the {language!r} theme keywords is not in the taxonomy (annales/lang/xx/themes.tsv)"
    E802 = "No tone lexicon is configured for language {language!r} (annales/lang/xx/tone_analyzers.tsv)"
    E803 = "No {table!r} data for language {language!r}: the {facet} facet was skipped"
    E701 = "Unknown geoparsing corpus {corpus!r}; corpora are: {corpora}"
    E702 = "Unknown split {split!r} for a geoparsing suite: use dev, test or all"
    E901 = "Unknown stage {name!r}; stages are: {stages}"
    E902 = "Stage {name!r} requires {requirement!r}, which no earlier enabled stage assigns"
    E903 = "Unknown setting {name!r}; settings are: {settings}"
    E904 = "Invalid value {value!r} for setting {name!r}: {reason}"
    E905 = "Unknown language data table {table!r} for language {language!r}"
    E907 = "The store {path} is in use by another process (a running ingest or reader); tried for {seconds} s"
    E908 = "Invalid {option} {value!r}: {reason}"
    E906 = "Stage {stage!r} failed on this article ({error}); it was left out of the later stages"
    W102 = "Metadata field {name!r} is nested deeper than {limit} levels; it was left out"
    E113 = "Cannot list the folder {path}: {reason}; what it holds was not read"
    E909 = "Could not store this article ({error}); it is kept as an error record"
    E910 = "A worker process stopped ({reason}); what was stored is kept: run the same command again to resume"


class AnnalesError(ValueError):
    """A user-facing error with a coded message."""
