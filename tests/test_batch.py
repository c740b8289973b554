"""``marsad batch`` on a real Dask cluster: Parquet that reads back, equal to ``marsad analyze``.

One LocalCluster (2 worker processes) serves the module through ``--scheduler``; one test starts
the default local cluster itself.  The pages are small invented Arabic news pages of one site,
sharing their navigation and footer lines (site chrome that a folder run learns).
"""
from __future__ import annotations

import json
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the 'batch' extra (dask[distributed]) is not installed")
pq = pytest.importorskip("pyarrow.parquet", reason="the 'batch' extra (pyarrow) is not installed")

from marsad.article import SCHEMA, Article  # noqa: E402
from marsad.corpus.export import NESTED  # noqa: E402
from marsad.corpus.store import EVENT_COLUMNS, article_id  # noqa: E402

from .conftest import ROOT, run_cli  # noqa: E402

NAV = ["الرئيسية", "محليات", "عربي ودولي", "اقتصاد"]
FOOT = ["جميع الحقوق محفوظة لموقع النهار الجديد", "اتصل بنا"]
# Printed after the first paragraph of every page of the site: a page read alone keeps it as text;
# only the folder's site-level chrome learning removes it.
SITE_LINE = "أسرة التحرير ترحب بملاحظات القراء ومقترحاتهم حول تغطية الشأن العربي اليومية"
STORIES = {
    "rabat.txt": ["وزير الخارجية المغربي يزور عمّان لبحث التعاون في مجال المياه",
                  "الرباط - وكالات",
                  "وصل وزير الخارجية المغربي ناصر بوريطة إلى العاصمة الأردنية عمّان يوم الأحد في زيارة رسمية تستغرق يومين.",
                  "وقال بوريطة في تصريح للصحفيين إن البلدين يسعيان إلى تعزيز التعاون في مجالات الطاقة والمياه.",
                  "ومن المقرر أن يلتقي الوزير بنظيره الأردني أيمن الصفدي لبحث الأوضاع في المنطقة."],
    "bank.txt": ["البنك المركزي المصري يرفع أسعار الفائدة مئة نقطة أساس",
                 "القاهرة - خاص",
                 "أعلن البنك المركزي المصري يوم الخميس رفع أسعار الفائدة الأساسية بمقدار مئة نقطة أساس.",
                 "وأوضح البنك في بيان أن القرار يهدف إلى كبح التضخم الذي تجاوز التوقعات خلال الربع الأول من العام.",
                 "وتوقع محللون أن يواصل البنك سياسته المشددة حتى نهاية العام الجاري."],
    "basra.txt": ["الشرطة العراقية تعتقل عشرة أشخاص في البصرة بعد اشتباكات بين عشيرتين",
                  "البصرة - مراسلنا",
                  "اعتقلت قوات الشرطة العراقية عشرة أشخاص في مدينة البصرة إثر اشتباكات مسلحة بين عشيرتين مساء الجمعة.",
                  "وقال متحدث باسم الشرطة إن الاشتباكات أسفرت عن إصابة ثلاثة أشخاص بجروح طفيفة.",
                  "وطالب محافظ البصرة الأجهزة الأمنية بفرض الأمن وملاحقة المتورطين."],
    "tunis.txt": ["تونس تستضيف مؤتمرا دوليا حول الطاقة المتجددة الشهر المقبل",
                  "تونس - وكالات",
                  "أعلنت وزارة الصناعة التونسية أن العاصمة تونس ستستضيف مؤتمرا دوليا حول الطاقة المتجددة في العاشر من الشهر المقبل.",
                  "وأكد الوزير أن المؤتمر سيجمع ممثلين عن أكثر من ثلاثين دولة لبحث مشاريع الطاقة الشمسية.",
                  "ودعا الوزير المستثمرين العرب إلى المشاركة في تمويل محطات جديدة في جنوب البلاد."],
}


def write_pages(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in STORIES.items():
        (folder / name).write_text("\n".join(NAV + lines[:3] + [SITE_LINE] + lines[3:] + FOOT) + "\n", encoding="utf-8")
    return folder


def html_page(lines: list[str]) -> bytes:
    head, *body = lines
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{head}</title></head>'
            f"<body><nav>{' | '.join(NAV)}</nav><article><h1>{head}</h1>{paras}</article>"
            f"<footer>{FOOT[0]}</footer></body></html>").encode("utf-8")


@pytest.fixture(scope="module")
def cluster():
    import logging

    from distributed import LocalCluster

    c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                     silence_logs=logging.CRITICAL)
    yield c
    c.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    return write_pages(tmp_path_factory.mktemp("site") / "pages")


def batch(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    return run_cli("batch", *args, timeout=timeout)


def on(cluster, *args: str) -> subprocess.CompletedProcess:
    return batch(*args, "--scheduler", cluster.scheduler_address)


def rows(out: Path, name: str = "articles") -> list[dict]:
    return pq.read_table(out / name).to_pylist()


def as_article_object(row: dict) -> dict:
    """A Parquet row back as the article object ``marsad analyze --json`` prints."""
    return {"schema": SCHEMA, "headline": row["headline"], "text": row["text"],
            **{k: json.loads(row[k]) for k in NESTED}}


def test_default_local_cluster_equals_analyze(pages, tmp_path):
    out = tmp_path / "out"
    r = batch(str(pages), "--out", str(out), "--workers", "2")
    assert r.returncode == 0, r.stderr.decode()
    a = run_cli("analyze", str(pages), "--json")
    assert a.returncode == 0, a.stderr.decode()
    expected = [json.loads(line) for line in a.stdout.decode().splitlines()]
    got = [as_article_object(row) for row in rows(out)]
    key = lambda d: d["source"]["path"]  # noqa: E731
    assert len(got) == len(STORIES)
    assert sorted(got, key=key) == sorted(expected, key=key)
    assert all(SITE_LINE in d["chrome"] and SITE_LINE not in d["text"] for d in got)  # learned from the folder
    assert not any(p.name.startswith(".marsad-batch-") for p in out.iterdir())


def test_parquet_reads_back_with_ids_layers_and_events(cluster, pages, tmp_path):
    out = tmp_path / "out"
    r = on(cluster, str(pages), "--out", str(out), "--batch-size", "1")
    assert r.returncode == 0, r.stderr.decode()
    table = pq.read_table(out / "articles")
    assert table.column_names == ["id", "url", "site", "headline", "published", "text", *NESTED]
    arts = table.to_pylist()
    assert len(arts) == len(STORIES) and len({a["id"] for a in arts}) == len(arts)
    events = rows(out, "events")
    assert pq.read_table(out / "events").column_names == list(EVENT_COLUMNS)
    by_id = {}
    for row in arts:
        obj = as_article_object(row)
        assert row["id"] == article_id(Article.from_dict(obj))  # the corpus's id for the same article
        assert obj["source"]["path"].endswith(".txt") and isinstance(obj["blocks"], list)
        assert row["text"][obj["blocks"][0]["start"]:obj["blocks"][0]["end"]] == obj["blocks"][0]["text"]
        assert all(isinstance(obj[k], list) for k in ("entities", "events", "timex", "flags", "quotes"))
        by_id[row["id"]] = obj
    assert sum(len(o["events"]) for o in by_id.values()) == len(events) > 0
    for ev in events:
        obj = by_id[ev["article"]]
        v = next(e for e in obj["events"] if e["id"] == ev["id"])
        assert (ev["type"], ev["actor"], ev["target"], ev["modality"], ev["sentence"]) == (
            v["type"], v["actor"], v["target"], v["modality"], v["sentence"])
        assert obj["text"][ev["trigger_start"]:ev["trigger_end"]] == ev["trigger"] == v["trigger"]["text"]
        names = {e["id"]: e["name"] for e in obj["entities"]}
        assert ev["actor_name"] == names.get(ev["actor"]) and ev["target_name"] == names.get(ev["target"])


def test_bad_pages_are_one_line_each_and_the_rest_go_on(cluster, tmp_path):
    folder = write_pages(tmp_path / "pages")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
    out = tmp_path / "out"
    r = on(cluster, str(folder), str(tmp_path / "missing.txt"), "--out", str(out))
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert "Traceback" not in err
    failed = err.strip().splitlines()  # nothing else on stderr: no worker or cluster chatter
    assert len(failed) == 3 and all(x.startswith("marsad: ") for x in failed), err
    assert any("empty.txt" in x for x in failed) and any("binary.txt" in x for x in failed)
    assert any("missing.txt" in x for x in failed)
    assert len(rows(out)) == len(STORIES)


def test_nothing_analysed_exits_1_and_writes_nothing(cluster, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    r = on(cluster, str(folder), "--out", str(out))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr.decode()
    assert not (out / "articles").exists() and not (out / "events").exists()
    assert not list(out.glob(".marsad-batch-*"))


def test_existing_output_refused_unless_overwrite(cluster, pages, tmp_path):
    out = tmp_path / "out"
    assert on(cluster, str(pages), "--out", str(out)).returncode == 0
    first = sorted(p.name for p in (out / "articles").iterdir())
    r = on(cluster, str(pages), "--out", str(out))
    assert r.returncode == 1
    assert r.stderr.decode().strip().splitlines() == [f"marsad: {out / 'articles'} already exists "
                                                      "(add --overwrite to replace it)"]
    r = on(cluster, str(pages), "--out", str(out), "--overwrite")
    assert r.returncode == 0, r.stderr.decode()
    assert sorted(p.name for p in (out / "articles").iterdir()) == first
    assert sorted(p.name for p in out.iterdir()) == ["articles", "events"]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    assert on(cluster, str(bad), "--out", str(out), "--overwrite").returncode == 1
    assert len(rows(out)) == len(STORIES)  # a failed run leaves the previous result as it was


def test_jsonl_and_warc_inputs_keep_their_metadata(cluster, tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    names = list(STORIES)
    jsonl = tmp_path / "items.jsonl"
    jsonl.write_text("\n".join([
        json.dumps({"id": "x-1", "text": "\n".join(STORIES[names[0]]), "url": "https://news.example/a/1",
                    "site": "news.example", "published": "2024-02-05"}, ensure_ascii=False),
        "{not json",
        json.dumps({"html": html_page(STORIES[names[1]]).decode(), "url": "https://news.example/a/2"},
                   ensure_ascii=False)]) + "\n", encoding="utf-8")
    buf = BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i, name in enumerate(names[2:], 3):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"https://news.example/a/{i}", "response",
                                            payload=BytesIO(html_page(STORIES[name])), http_headers=http,
                                            warc_headers_dict={"WARC-Date": "2024-03-01T09:00:00Z"}))
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(buf.getvalue())
    out = tmp_path / "out"
    r = on(cluster, str(jsonl), str(warc), "--out", str(out))
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert err.strip().splitlines() == [f"marsad: {jsonl}:2: not a JSON object"]
    assert r.stdout.decode().startswith("4 article(s)")
    got = {row["url"]: row for row in rows(out)}
    assert sorted(got) == [f"https://news.example/a/{i}" for i in range(1, 5)]
    first = got["https://news.example/a/1"]
    assert first["published"] == "2024-02-05" and first["site"] == "news.example"
    assert json.loads(first["source"])["id"] == "x-1"
    assert all(row["id"].startswith("u") for row in got.values())  # URL ids, as the corpus gives them
    assert json.loads(got["https://news.example/a/3"]["source"])["fetched"] == "2024-03-01T09:00:00Z"
    assert [row["url"] for row in rows(out)] == sorted(got)  # written in input order


def test_feed_and_page_urls(cluster, tmp_path):
    from tests.fixtures.local_web import LocalWeb, Routes

    html = {"Content-Type": "text/html; charset=utf-8"}
    names = list(STORIES)
    routes = Routes({f"/n/{i}": (200, html, html_page(STORIES[name])) for i, name in enumerate(names)})
    with LocalWeb(routes) as web:
        items = "".join(f"<item><title>{STORIES[names[i]][0]}</title><link>{web.base}{p}</link></item>"
                        for i, p in ((0, "/n/0"), (1, "/gone"), (1, "/n/1")))
        routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"},
                               (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                                f"<title>أخبار</title><link>{web.base}/</link>{items}</channel></rss>").encode())
        out = tmp_path / "out"
        r = on(cluster, web.url("/feed.xml"), web.url("/n/3"), "--out", str(out), "--allow-private",
               "--state", str(tmp_path / "seen.json"))
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert len(err.strip().splitlines()) == 1 and "/gone" in err and "404" in err
    assert [row["url"] for row in rows(out)] == [web.url("/n/0"), web.url("/n/1"), web.url("/n/3")]
    assert [row["headline"] for row in rows(out)] == [STORIES[names[i]][0] for i in (0, 1, 3)]


def test_a_page_failing_on_a_worker_is_one_line(cluster, pages):
    from distributed import Client

    from marsad.batch import analyze_batch
    from marsad.pipeline import analyze

    good = analyze((pages / "bank.txt").read_text(encoding="utf-8"), path="good.txt", stages=[])
    broken = analyze((pages / "basra.txt").read_text(encoding="utf-8"), path="broken.txt", stages=[])
    broken.blocks = None  # a page the stages cannot handle
    with Client(cluster) as client:
        arts, events, errors = client.submit(analyze_batch, [broken, good], pure=False).result()
    assert [a["headline"] for a in arts] == [good.headline]
    assert len(errors) == 1 and errors[0].startswith("broken.txt: analysis failed (TypeError")
    assert "\n" not in errors[0]


def test_unreachable_scheduler_is_one_line(pages, tmp_path):
    r = batch(str(pages), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9")
    assert r.returncode == 1
    lines = r.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in lines[0]


def test_malformed_scheduler_address_is_one_line(pages, tmp_path):
    r = batch(str(pages), "--out", str(tmp_path / "out"), "--scheduler", "no-port-here")
    lines = r.stderr.decode().strip().splitlines()
    assert r.returncode == 1 and len(lines) == 1 and "no-port-here" in lines[0], lines


def test_help_is_instant_and_a_missing_extra_is_one_line(pages, tmp_path):
    code = ("import sys\nfrom marsad.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('dask', 'distributed', 'pyarrow') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60)
    assert r.stdout.decode().strip().splitlines()[-1] == "[]"
    assert "batch" in r.stdout.decode()
    code = ("import sys\nsys.modules['distributed'] = None  # as if the extra were not installed\n"
            "from marsad.cli import main\nsys.exit(main(sys.argv[1:]))")
    r = subprocess.run([sys.executable, "-c", code, "batch", str(pages), "--out", str(tmp_path / "out")],
                       capture_output=True, cwd=ROOT, timeout=60)
    assert r.returncode == 1
    assert r.stderr.decode().strip() == "marsad batch needs the optional extra: pip install 'marsad[batch]'"


def test_usage_errors_exit_2(pages, tmp_path):
    r = batch(str(pages), "--out", str(tmp_path / "out"), "--workers", "2", "--scheduler", "tcp://127.0.0.1:9")
    assert r.returncode == 2 and "not allowed with argument" in r.stderr.decode()
    r = batch(str(pages), "--out", str(tmp_path / "out"), "--workers", "0")
    assert r.returncode == 2
    assert not (tmp_path / "out").exists()
