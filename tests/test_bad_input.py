"""Bad input: one clear line on stderr, exit code 1, never a traceback (run as a user would)."""
import json

import pytest

from marsad.errors import InputError

from .conftest import ROOT, run_cli

PAGE = (ROOT / "examples" / "example-page.txt").read_text(encoding="utf-8")


def assert_clean_failure(proc, *words):
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("marsad: ")
    for w in words:
        assert w in lines[0], lines[0]
    assert proc.stdout == b""


def test_missing_path():
    assert_clean_failure(run_cli("analyze", "no/such/page.txt"), "no such file")


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert_clean_failure(run_cli("analyze", str(p)), "empty")
    p.write_bytes(b"   \n\n  ")
    assert_clean_failure(run_cli("analyze", str(p)), "empty")


def test_binary_junk(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(range(256)) * 40)
    assert_clean_failure(run_cli("analyze", str(p)), "binary")


def test_page_without_arabic(tmp_path):
    p = tmp_path / "english.txt"
    p.write_text("Breaking news\nThe minister said on Monday that the new plan will start next month, "
                 "according to officials familiar with the matter.\nMore reading here.\n")
    assert_clean_failure(run_cli("analyze", str(p)), "not an Arabic page")


def test_huge_file(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        chunk = (PAGE + "\n").encode("utf-8")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    assert_clean_failure(run_cli("analyze", str(p)), "MB", "limit")


def test_directory_without_pages(tmp_path):
    assert_clean_failure(run_cli("analyze", str(tmp_path)), "no .txt or .html pages")


@pytest.mark.parametrize("encoding", ["windows-1256", "iso-8859-6"])
def test_legacy_arabic_encodings_are_decoded(tmp_path, encoding):
    text = PAGE.replace("ّ", "")  # iso-8859-6 has no shadda-free guarantee; keep it encodable in both
    p = tmp_path / f"page-{encoding}.txt"
    p.write_bytes(text.encode(encoding, errors="ignore"))
    proc = run_cli("analyze", str(p), "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    art = json.loads(proc.stdout)
    assert art["headline"] == "مؤتمر إقليمي في عمان يبحث أزمة المياه في حوض نهر الأردن"
    assert len(art["blocks"]) == 7


def test_stdin_and_malformed_html():
    html = ("<html><head><title>عنوان</title><body><div><p>" + "<p>".join(PAGE.splitlines()[9:20])
            + "<div><span>").encode("utf-8")
    proc = run_cli("analyze", "-", "--json", input=html)
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["text"]


def test_jsonl_batch_keeps_going(tmp_path):
    p = tmp_path / "batch.jsonl"
    good = {"id": "a1", "text": PAGE, "url": "https://news.example/a1"}
    p.write_text("\n".join([json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"id": "x", "text": ""}),
                            json.dumps({**good, "id": "a2"}, ensure_ascii=False)]) + "\n", encoding="utf-8")
    proc = run_cli("analyze", str(p), "--json")
    assert proc.returncode == 0
    out = [json.loads(ln) for ln in proc.stdout.decode().splitlines()]
    assert [o["source"]["id"] for o in out] == ["a1", "a2"]
    assert out[0]["source"]["site"] == "news.example"
    err = proc.stderr.decode().splitlines()
    assert len(err) == 2 and all(e.startswith("marsad: ") for e in err) and "Traceback" not in proc.stderr.decode()


def test_usage_error_exit_code():
    assert run_cli("analyze").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_jsonl_fields_are_checked(tmp_path):
    p = tmp_path / "b.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "n", "text": 12345},
        {"id": "d", "text": PAGE, "published": "not-a-date"},
        {"id": "e", "text": PAGE, "published": "2025-03-03"},
    ]) + "\n", encoding="utf-8")
    proc = run_cli("analyze", str(p), "--json")
    assert proc.returncode == 0
    out = {o["source"]["id"]: o for o in map(json.loads, proc.stdout.decode().splitlines())}
    assert "must be a string" in proc.stderr.decode()
    assert out["d"]["dates"]["published"] is None and out["e"]["dates"]["published"] == "2025-03-03"


def test_bad_option_values_are_usage_errors():
    assert run_cli("analyze", "x.txt", "--max-bytes", "-5").returncode == 2
    assert run_cli("factcheck", "نص", "-k", "0").returncode == 2


def test_python_api_refuses_non_text():
    import marsad
    from marsad.errors import InputError

    with pytest.raises(InputError):
        marsad.analyze(None)


def test_a_very_long_page_keeps_its_text_and_says_what_was_skipped():
    import marsad

    paras = [f"وقال مسؤول في وزارة الزراعة إن المرحلة رقم {i} من مشروع الري الحديث ستشمل مئات المزارع في الوادي، "
             f"وإن العمل فيها يبدأ بعد {i} أسابيع من توقيع العقود مع الشركات المنفذة." for i in range(60)]
    long_page = "مشروع وطني لتحديث شبكات الري في المزارع\n" + "\n".join(paras)
    art = marsad.analyze(long_page, max_chars=5_000)
    assert len(art.text) > 5_000 and art.blocks and art.sentences
    assert art.quotes == [] and art.timex == []
    assert [f.kind for f in art.flags] == ["too_long"]
    full = marsad.analyze(long_page)
    assert full.quotes and full.timex and not any(f.kind == "too_long" for f in full.flags)


def test_a_failing_stage_costs_its_layer_not_the_page(monkeypatch):
    """Outside tests (no MARSAD_STRICT) a bug in one stage becomes a flag; the other layers stay."""
    from marsad import pipeline

    def broken(art):
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "STRICT", False)
    monkeypatch.setitem(pipeline._loaded, "events", broken)
    art = pipeline.analyze("اجتماع وزاري في العاصمة\n\nعقد وزراء الخارجية العرب اجتماعا في القاهرة أمس لبحث الأوضاع في المنطقة وسبل التعاون.")
    assert art.events == [] and art.entities
    (flag,) = [f for f in art.flags if f.kind == "stage_failed"]
    assert "events" in flag.note and "ValueError: boom" in flag.note
    monkeypatch.setitem(pipeline._loaded, "text", broken)
    with pytest.raises(InputError, match="internal error"):
        pipeline.analyze("عقد وزراء الخارجية العرب اجتماعا في القاهرة أمس لبحث الأوضاع في المنطقة.")
