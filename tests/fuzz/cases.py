"""What the fuzzer posts to a form, and what it checks in the answer.

Every field of the form gets, by hypothesis's choice: what the page put there, an
edge case (empty, huge, unicode that breaks naïve code, NUL and other controls, a
number where text goes and text where a number goes), a list where one value goes,
or nothing at all; and the form gets fields it never asked for. A file field gets
a file of 0 bytes up to just over the largest upload limit.
"""

import re
import unicodedata

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

from portal.inputs import CONTROL, LINE_BREAKS

from .discovery import Form, parse

HUGE = 100_000
EDGE_TEXT = [
    "",
    " ",
    " padded \t",
    "x" * HUGE,
    "å" * 5000,
    "\u202eRTL override\u202c",
    "שלום עולם",
    "مرحبا",
    "e\u0301\u0301\u0301\u0308",  # combining marks piled on one letter
    "👩‍👩‍👧‍👦🇸🇪",
    "𝕳𝖊𝖏 𐍈 \U0010fffd",  # astral planes, no surrogates
    "\ufeffBOM",
    "\u200b\u200c\u200d",
    "\x00",
    "a\x00b",
    "\x01\x0b\x1b\x7f\x85",
    "line\r\nbreak\nand\rmore",
    "<script>alert(1)</script>",
    "' OR 1=1; --",
    "%(name)s {0} {{ x }}",
    "١٢٣",
    "１２３",
]
WRONG_TYPES = [
    "99999999999999999999",
    "-1",
    "0",
    "1e309",
    "NaN",
    "3.5",
    "0001-01-01",
    "9999-12-31T23:59",
    "2026-02-30",
    "25:61",
    "not a number",
    "[]",
    "{}",
    "true",
]

text = st.one_of(
    st.sampled_from(EDGE_TEXT),
    st.sampled_from(WRONG_TYPES),
    st.text(max_size=40),  # hypothesis leaves out surrogates, which UTF-8 cannot carry
)


def _value(field) -> st.SearchStrategy[str]:
    if field.options:
        return st.one_of(st.sampled_from(field.options), text)
    return text


def _file(field) -> st.SearchStrategy:
    limit = max(settings.INQUIRY_ATTACHMENT_MAX_BYTES, settings.AGREEMENT_DOCUMENT_MAX_BYTES)
    sizes = st.sampled_from([0, 1, 2048, limit + 1])
    names = st.sampled_from(["a.pdf", "b.png", "ä ö.docx", "x" * 300 + ".pdf", "noext"])
    heads = st.sampled_from([b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"MZ", b""])
    return st.builds(
        lambda size, name, head: SimpleUploadedFile(name, (head + b"\0" * size)[: max(size, 0)]),
        sizes,
        names,
        heads,
    )


@st.composite
def post_data(draw, form: Form) -> dict:
    """One example: the form's own values, each field kept, changed or left out."""
    data = {k: list(v) for k, v in form.defaults().items()}
    for f in form.fields:
        if f.kind == "submit" or f.name == "csrfmiddlewaretoken":
            continue
        if f.kind == "file":
            if draw(st.booleans()):
                data[f.name] = [draw(_file(f))]
            continue
        what = draw(st.sampled_from(["keep", "keep", "change", "change", "list", "omit"]))
        if what == "change":
            data[f.name] = [draw(_value(f))]
        elif what == "list":
            data[f.name] = draw(st.lists(_value(f), min_size=2, max_size=3))
        elif what == "omit":
            data.pop(f.name, None)
    extra = draw(st.dictionaries(st.sampled_from(["id", "pk", "user", "status", "x" * 200,
                                                  "is_superuser", "åäö", "__all__"]),
                                 text, max_size=2))  # fmt: skip
    for name, value in extra.items():
        data.setdefault(name, [value])
    return {k: v[0] if len(v) == 1 else v for k, v in data.items()}


def normalise(value: str) -> str:
    """What the portal makes of typed text (portal.inputs.clean_text and Django's
    CharField): no control characters, surrounding space stripped; line breaks and
    Unicode composition are compared loosely, as browsers and the HTML parser differ."""
    value = LINE_BREAKS.sub(" ", CONTROL.sub("", value.replace("\x00", "")))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()


def hidden_kept(form: Form, data: dict) -> bool:
    """Whether the hidden fields went as the page had them, as from a browser: a
    request without the "apply" a reason page holds is that page's first showing,
    which rightly starts empty."""
    for f in form.fields:
        if f.kind == "hidden":
            sent = data.get(f.name)
            if f.value not in (sent if isinstance(sent, list) else [sent]):
                return False
    return True


def lost_values(form: Form, data: dict, html: str, path: str) -> list[str] | None:
    """The typed fields whose value the re-rendered form no longer holds, or None when
    the answer does not show the form again or the hidden fields were tampered with."""
    if not hidden_kept(form, data):
        return None
    forms, _links = parse(html, path)
    names = {f.name for f in form.fields if f.typed}
    again = next(
        (f for f in forms if f.action == form.action and names == {g.name for g in f.fields
                                                                    if g.typed}),
        None,
    )  # fmt: skip
    if again is None or not names:
        return None
    shown = {f.name: f.value for f in again.fields if f.typed}
    lost = []
    for f in form.fields:
        typed = data.get(f.name)
        if not f.typed or not isinstance(typed, str):
            continue
        # What a browser sends: no more than the field's maxlength.
        sent = {normalise(typed), normalise(typed[: f.maxlength or None])}
        if normalise(shown.get(f.name, "")) not in sent:
            lost.append(f.name)
    return lost
