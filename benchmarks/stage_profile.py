"""Where one process spends its CPU beside spaCy: each extraction stage, timed over parsed Docs.

    .venv/bin/python benchmarks/stage_profile.py [--articles 200] [--cprofile 30]

Parses ``--articles`` corpus articles (``benchmarks/corpus/``, built as
``ingest_speed.py`` builds it) with the ingest's own pipeline (``load_nlp``:
the model and the gazetteer), timing each spaCy component on its own; then runs
the stages of ``pipeline._read`` over the parsed Docs, in the same order,
timing each in CPU seconds (``time.process_time``). The stages' results are
held against ``pipeline._read``'s, so the timed order cannot drift from the
real one unnoticed. ``--cprofile N`` also prints the N costliest functions of
the stages (by own time) under cProfile, which roughly doubles their cost.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest_speed import CORPUS, build_corpus


def _stages():
    """``pipeline._read``, stage by stage: (name, function of (doc, result, found))."""
    from enforcement.extraction import (
        entities,
        events,
        measures,
        stances,
        statements,
        statistics,
        summaries,
    )

    def set_entities(doc, result, _found):
        found = entities.find_entities(doc)
        result.regulators, result.actors = found.regulators, found.actors
        return found

    def set_statements(doc, result, found):
        result.statements = statements.find_statements(doc, found)

    def set_statistics(doc, result, found):
        result.statistics = statistics.find_statistics(doc, found, result.published)

    def set_events(doc, result, found):
        result.events = events.find_events(doc, found, result.published)

    return [
        ("entities", set_entities),
        ("statements", set_statements),
        ("statistics", set_statistics),
        ("events", set_events),
        (
            "summaries",
            lambda doc, result, found: summaries.add_summaries(doc, result.events, found),
        ),
        (
            "measures",
            lambda doc, result, found: measures.add_measures(doc, result.statistics, result.events),
        ),
        ("stances", lambda doc, result, found: stances.add_stances(doc, result.statements)),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--corpus-articles", type=int, default=1000, help="the corpus to take from")
    parser.add_argument("--seed", type=int, default=20150128)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    parser.add_argument(
        "--repeat", type=int, default=0, help="then run the stages N times more (for py-spy)"
    )
    options = parser.parse_args(argv)
    paths = build_corpus(CORPUS, options.corpus_articles, options.seed)[: options.articles]

    from enforcement.extraction import pipeline

    nlp = pipeline.load_nlp(os.environ.get("SPACY_MODEL", pipeline.DEFAULT_MODEL))
    items = [
        pipeline.ArticleInput(file=path.name, raw_text=path.read_text(encoding="utf-8"))
        for path in paths
    ]
    started = time.process_time()
    prepared = [pipeline.prepare(item) for item in items]
    prepare_cpu = time.process_time() - started
    texts = [text for text, _result in prepared]
    words = sum(len(text.split()) for text in texts)

    spacy_cpu = {}
    started = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    spacy_cpu["tokenizer"] = time.process_time() - started
    for name, component in nlp.pipeline:
        started = time.process_time()
        docs = list(component.pipe(docs, batch_size=32))
        spacy_cpu[name] = time.process_time() - started

    stages = _stages()
    stage_cpu = dict.fromkeys((name for name, _ in stages), 0.0)
    results = []
    for doc, (_text, result) in zip(docs, prepared, strict=True):
        found = None
        for name, stage in stages:
            started = time.process_time()
            found = stage(doc, result, found) or found
            stage_cpu[name] += time.process_time() - started
        results.append(result)

    for doc, item, timed in zip(docs, items, results, strict=True):
        _text, fresh = pipeline.prepare(item)
        if pipeline._read(doc, fresh).to_json() != timed.to_json():
            sys.exit(f"the timed stages read {timed.file} otherwise than pipeline._read")

    n = len(docs)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{n} articles, {words:,} words; load {load}")
    print(f"{'step':<28} {'CPU s':>7} {'ms/article':>10}")
    rows = [("prepare (clean, metadata)", prepare_cpu)]
    rows += [(f"spaCy {name}", cpu) for name, cpu in spacy_cpu.items()]
    rows += [(f"stage {name}", cpu) for name, cpu in stage_cpu.items()]
    for name, cpu in rows:
        print(f"{name:<28} {cpu:7.2f} {1000 * cpu / n:10.2f}")
    total_spacy, total_stages = sum(spacy_cpu.values()), sum(stage_cpu.values())
    print(f"{'spaCy, all':<28} {total_spacy:7.2f} {1000 * total_spacy / n:10.2f}")
    print(f"{'stages, all':<28} {total_stages:7.2f} {1000 * total_stages / n:10.2f}")

    for _ in range(options.repeat):
        for doc, (_text, result) in zip(docs, prepared, strict=True):
            pipeline._read(doc, result)

    if options.cprofile:
        profile = cProfile.Profile()
        profile.enable()
        for doc, (_text, result) in zip(docs, prepared, strict=True):
            pipeline._read(doc, result)
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats("tottime")
        stats.print_stats(options.cprofile)
        out.write("\nby cumulative time\n")
        stats.sort_stats("cumulative").print_stats(options.cprofile)
        print(out.getvalue())


if __name__ == "__main__":
    main()
