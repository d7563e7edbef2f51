"""Reads a vCard file with a parser kith did not write, vobject, and prints as JSON what it
decoded: per card, every property with its parameters and value, plus every complaint
vobject had (it logs some instead of raising).

Usage: read_vcf.py FILE. Run by tests/it/vcard_parsers.rs with the venv that
`cargo xtask test` makes.
"""

import json
import logging
import sys

import vobject
import vobject.vcard


class Complaints(logging.Handler):
    """Collects what vobject logs (an illegal escape, a skipped line): the test wants none."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(f"{record.name} {record.levelname}: {record.getMessage()}")


def plain(value):
    """A decoded value as JSON: structured names and addresses as objects with every
    field, lists as lists, text as text; anything else is reported as unexpected."""
    if isinstance(value, vobject.vcard.Name):
        fields = ["family", "given", "additional", "prefix", "suffix"]
        return {f: plain(getattr(value, f)) for f in fields}
    if isinstance(value, vobject.vcard.Address):
        fields = ["box", "extended", "street", "city", "region", "code", "country"]
        return {f: plain(getattr(value, f)) for f in fields}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return value
    return "unexpected:" + repr(value)


def card_json(card):
    """Every property of one card, by upper-case name, each a list in file order."""
    found = {}
    for name, lines in card.contents.items():
        entries = []
        for line in lines:
            entry = {"params": {k: list(v) for k, v in line.params.items()}, "value": plain(line.value)}
            if line.group:
                entry["group"] = line.group
            if line.singletonparams:
                entry["singletons"] = list(line.singletonparams)
            entries.append(entry)
        found[name.upper()] = entries
    return {"name": card.name, "properties": found}


def main():
    complaints = Complaints()
    logging.getLogger().addHandler(complaints)
    logging.getLogger("vobject").addHandler(complaints)
    logging.getLogger("vobject.base").addHandler(complaints)
    with open(sys.argv[1], "rb") as file:
        text = file.read().decode("utf-8")
    # validate=True applies vobject's own checks (FN present, one VERSION, at most one N).
    cards = [card_json(card) for card in vobject.readComponents(text, validate=True)]
    report = {"cards": cards, "errors": complaints.messages}
    # ASCII only: the bytes reach the test the same whatever the locale.
    json.dump(report, sys.stdout, ensure_ascii=True, indent=1)


if __name__ == "__main__":
    main()
