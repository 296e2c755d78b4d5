"""Development defaults: DEBUG on, plain cookies, mail to the console."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403
