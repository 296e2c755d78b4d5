"""Refresh the translation catalogues and fill in Swedish translations.

    .venv/bin/python scripts/merge_translations.py [pending.json ...]

Runs makemessages for sv and en, then sets the Swedish msgstr of every msgid
found in the given JSON files ({"msgid": "svenska"} or, for plurals,
{"msgid": ["en", "flera"]}), and lists what is still untranslated.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SV = ROOT / "locale/sv/LC_MESSAGES/django.po"


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
    pending: dict[str, object] = {}
    for path in paths:
        pending.update(json.loads(Path(path).read_text(encoding="utf-8")))
    po = polib.pofile(str(SV))
    po.metadata["Language"] = "sv"
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
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    for msgid in missing:
        print("untranslated:", json.dumps(msgid, ensure_ascii=False))
    print(f"{len(po.translated_entries())} translated, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
