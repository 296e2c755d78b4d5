"""A reader of the iCalendar the feeds write, for the tests: lines unfolded (RFC 5545
3.1), each VEVENT as {name: (parameters, value)}."""


def unfold(body: str) -> list[str]:
    assert "\n" not in body.replace("\r\n", ""), "every line ends in CRLF"
    return body.replace("\r\n ", "").split("\r\n")


def components(body: str, name: str = "VEVENT") -> list[dict[str, tuple[str, str]]]:
    found, current = [], None
    for line in unfold(body):
        if line == f"BEGIN:{name}":
            current = {}
        elif line == f"END:{name}":
            found.append(current)
            current = None
        elif current is not None and ":" in line:
            head, value = line.split(":", 1)
            prop, _sep, params = head.partition(";")
            current.setdefault(prop, (params, value))
    return found
