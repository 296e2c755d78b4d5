"""The surveys' pages: answer.py (the public answering page behind a personal
link or the open link) and manage.py (the coordinators' list and survey page)."""
