"""CAMEO/PLOVER coding below the stages: the event ontology and each language's predicate lexicon (`lexicon`,
data read once), the modality of a predicate in its sentence (`modality`), and events built from codes (`build`).
The events stage codes the lexicon's readings with them; the judge stage codes its own proposals with the same
tables and rules, so neither stage imports the other.
"""
