"""Surveys and inventories: what is asked (questions.py), to whom it goes
(distribution.py) and what came back (responses.py)."""

from .distribution import Recipient
from .questions import Option, Question, Section, Survey
from .responses import Answer, Draft, Response, ResponseCategory

__all__ = [
    "Answer",
    "Draft",
    "Option",
    "Question",
    "Recipient",
    "Response",
    "ResponseCategory",
    "Section",
    "Survey",
]
