"""Changes of state of surveys: building and opening (lifecycle.py), sending
(sending.py) and answering (answering.py)."""


class SurveyError(Exception):
    """A guard refused; ``message`` is for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
