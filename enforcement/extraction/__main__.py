"""Extract articles without Django: ``python -m enforcement.extraction FILE…``.

Prints the extraction JSON (see ``result.ArticleResult.to_json``). Handy for
working on the stages; the ingest command is the real entry point.
"""

import json
import sys
from pathlib import Path

from .pipeline import ArticleInput, extract


def main(argv: list[str]) -> int:
    paths = []
    for arg in argv:
        path = Path(arg)
        paths.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    items = [ArticleInput(file=p.name, raw_text=p.read_text(encoding="utf-8")) for p in paths]
    document = {"articles": [result.to_json() for result in extract(items)]}
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
