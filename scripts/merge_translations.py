"""Refresh the translation catalogues and fill in Swedish translations.

    .venv/bin/python scripts/merge_translations.py [pending.json ...]

Runs makemessages for sv and en, then sets the Swedish msgstr of every msgid
found in the given JSON files ({"msgid": "svenska"} or, for plurals,
{"msgid": ["en", "flera"]}), and lists what is still untranslated.

A file whose name ends in ``.en.json`` holds English overrides instead
({"msgid": "English text"}): msgids are English already, so only the few whose
English wording differs from the msgid need one, as a library's msgids the portal
words its own way (portal/allauth_strings.py: allauth's "Sign In" reads "Log in").
They go to locale/en; ``/work/tr/*.json`` gives both kinds at once.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SV = ROOT / "locale/sv/LC_MESSAGES/django.po"
EN = ROOT / "locale/en/LC_MESSAGES/django.po"


def main(paths: list[str]) -> int:
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "sv",
            "-l",
            "en",
            "--ignore=.venv",
            "--ignore=staticfiles",
            "--ignore=benchmarks",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=ROOT,
        check=True,
    )
    swedish: dict[str, object] = {}
    english: dict[str, object] = {}
    for path in paths:
        pending = english if path.endswith(".en.json") else swedish
        pending.update(json.loads(Path(path).read_text(encoding="utf-8")))
    fill(EN, "en", english)
    po = fill(SV, "sv", swedish)
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    for msgid in missing:
        print("untranslated:", json.dumps(msgid, ensure_ascii=False))
    print(f"{len(po.translated_entries())} translated, {len(missing)} untranslated")
    return 0


def fill(path: Path, language: str, pending: dict[str, object]) -> polib.POFile:
    """Set the msgstr of every entry of the catalogue at ``path`` that ``pending`` has."""
    po = polib.pofile(str(path))
    po.metadata["Language"] = language
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    for entry in po:
        value = pending.get(entry.msgid)
        if value is None:
            continue
        if entry.msgid_plural:
            forms = value if isinstance(value, list) else [value, value]
            entry.msgstr_plural = {0: forms[0], 1: forms[-1]}
        else:
            entry.msgstr = value if isinstance(value, str) else value[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    return po


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
