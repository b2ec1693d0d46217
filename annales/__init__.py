"""Annales: news articles in, evidence-backed events and a knowledge graph out."""

from .article import Actor, ActorRef, Amount, Article, DateMention, Event, Mention, Place, Quotation
from .pipeline import Pipeline, process, process_text

__version__ = "0.1.0"
__all__ = [
    "Actor",
    "ActorRef",
    "Amount",
    "Article",
    "DateMention",
    "Event",
    "Mention",
    "Pipeline",
    "Place",
    "Quotation",
    "process",
    "process_text",
]
