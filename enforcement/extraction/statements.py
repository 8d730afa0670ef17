"""Stage 4: who said what, quoted or reported."""


def find_statements(doc, found) -> list:
    return []
