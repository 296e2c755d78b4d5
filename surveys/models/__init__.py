"""Surveys and inventories: what is asked (questions.py), to whom it goes
(distribution.py) and what came back (responses.py)."""

from .distribution import Recipient
from .questions import Option, Question, Section, Survey
from .responses import Answer, Response

__all__ = ["Answer", "Option", "Question", "Recipient", "Response", "Section", "Survey"]
