"""The hand-annotated SaudiNewsNet time-expression gold: it must still point at the articles it
annotates, and the time stage must keep its measured quality on the held-out part."""
import os
import sys

import pytest

HERE = os.path.dirname(__file__)
sys.path.insert(0, os.path.join(HERE, "..", "benchmarks"))
import timex_bench  # noqa: E402

GOLD = os.path.join(HERE, "..", "benchmarks", "gold", "timex")
pytestmark = pytest.mark.skipif(not os.path.isdir(timex_bench.CORPUS),
                                reason="../shared/data/corpus/SaudiNewsNet not available")


@pytest.mark.parametrize("name", ["saudinewsnet_dev", "saudinewsnet_test"])
def test_gold_offsets_point_at_their_expressions(name):
    docs = timex_bench.load_gold(os.path.join(GOLD, name + ".jsonl"))  # asserts every span
    assert sum(len(d["timex"]) for d in docs) > 100


def test_held_out_scores_do_not_regress():
    docs = timex_bench.load_gold(os.path.join(GOLD, "saudinewsnet_test.jsonl"))
    s = timex_bench.score([(d["timex"], timex_bench.run_marsad(d["text"], d["dct"])) for d in docs])
    assert s["relaxed"]["f1"] >= 0.85
    assert s["value_f1"] >= 0.75
