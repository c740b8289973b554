"""Near-duplicates, ids, versions and atomic writes, through the Python API of the store."""
import pytest

from marsad import analyze
from marsad.article import Entity
from marsad.corpus import dedup, open_store
from marsad.errors import InputError

STORY = (
    "مجلس المدينة يقر خطة لتوسيع الحدائق العامة\n\n"
    "أقر مجلس المدينة في جلسته الأسبوعية خطة لتوسيع الحدائق العامة في الأحياء الشرقية، بعد شكاوى متكررة "
    "من السكان بشأن قلة المساحات الخضراء وارتفاع درجات الحرارة في فصل الصيف.\n\n"
    "وتشمل الخطة زراعة ثلاثة آلاف شجرة على جوانب الطرق الرئيسية، وإنشاء ممرات للمشاة والدراجات تربط "
    "المدارس بالأسواق، وتخصيص ملاعب صغيرة للأطفال في كل حي.\n\n"
    "وقال رئيس لجنة التخطيط إن التمويل سيأتي من ميزانية البلدية ومن تبرعات الشركات المحلية، وإن العمل "
    "سيبدأ في الخريف المقبل ويستمر عامين.")
COPY = (STORY.replace("الأسبوعية", "الشهرية").replace("ثلاثة آلاف", "أربعة آلاف")
        .replace("الخريف المقبل", "الربيع المقبل"))
OTHER = (
    "ارتفاع أسعار القمح في الأسواق العالمية\n\n"
    "سجلت أسعار القمح ارتفاعاً ملحوظاً في البورصات العالمية خلال الأسبوع الماضي، بسبب موجة جفاف أصابت "
    "مناطق الزراعة الكبرى وتراجع المخزونات لدى الدول المصدرة.\n\n"
    "ويتوقع محللون أن تنعكس الزيادة على أسعار الخبز في الدول المستوردة خلال الأشهر المقبلة، ما لم تتحسن "
    "الأحوال الجوية قبل موعد الحصاد.")


def page(text, url=None):
    return analyze(text, url=url, stages=["text"])


def test_signatures_tell_copies_from_other_stories():
    a, b, c = (dedup.signature(t) for t in (STORY, COPY, OTHER))
    assert dedup.signature(STORY) == a  # stable
    assert dedup.similarity(a, b) >= dedup.THRESHOLD
    assert dedup.similarity(a, c) < 0.2
    assert set(dedup.band_keys(a)) & set(dedup.band_keys(b))
    assert dedup.from_bytes(dedup.to_bytes(a)) == a


def test_copies_share_a_cluster_and_others_do_not(tmp_path):
    with open_store(str(tmp_path / "c.db")) as store:
        first = store.add(page(STORY, "https://one.example/parks"))
        copy = store.add(page(COPY, "https://two.example/news/parks"))
        other = store.add(page(OTHER, "https://one.example/wheat"))
        assert first.cluster == first.id
        assert copy.cluster == first.cluster and copy.id != first.id
        assert other.cluster == other.id != first.cluster
        assert store.get(copy.id)["corpus"]["cluster"] == first.id


def test_ids_come_from_the_url_or_the_content(tmp_path):
    with open_store(str(tmp_path / "c.db")) as store:
        a = store.add(page(STORY, "https://One.example/parks#comments"))
        b = store.add(page(STORY, "https://one.example/parks"))
        assert (a.id, b.status) == (b.id, "already stored")
        c = store.add(page(OTHER))
        d = store.add(page(OTHER))
        assert c.id == d.id and c.id.startswith("h") and d.status == "already stored"
        assert store.count() == 2


def test_a_changed_page_is_a_new_version_of_the_same_article(tmp_path):
    url = "https://one.example/parks"
    with open_store(str(tmp_path / "c.db")) as store:
        v1 = store.add(page(STORY, url))
        v2 = store.add(page(COPY, url))
        assert (v2.id, v2.status, v2.version) == (v1.id, "updated", 2)
        assert (v2.first_seen, v2.cluster) == (v1.first_seen, v1.cluster)
        assert store.add(page(COPY, url)).status == "already stored"
        art = store.get(v1.id)
        assert "أربعة آلاف" in art["text"] and art["corpus"]["version"] == 2
        assert [h.id for h in store.search('"أربعة آلاف"')] == [v1.id]
        assert store.search('"ثلاثة آلاف"') == []  # the old text left the index
        old = store.db.execute("SELECT version, text FROM article_versions WHERE id = ?", (v1.id,)).fetchall()
        assert [(r[0], "ثلاثة آلاف" in r[1]) for r in old] == [(1, True)]


def test_an_article_is_never_half_written(tmp_path):
    art = page(STORY, "https://one.example/parks")
    art.entities = [Entity(id="e1", type="ORG", name=None)]  # breaks a NOT NULL column mid-way
    with open_store(str(tmp_path / "c.db")) as store:
        with pytest.raises(InputError):
            store.add(art)
        for table in ("articles", "article_fts", "article_lsh", "article_entities", "article_events"):
            assert store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
        assert store.add(page(STORY, "https://one.example/parks")).status == "new"


def test_the_store_refuses_what_it_cannot_open(tmp_path):
    with pytest.raises(InputError, match="cannot connect to postgresql://|marsad\\[postgres\\]"):
        open_store("postgresql://user@127.0.0.1:1/marsad")  # no server there (or psycopg not installed)
    with pytest.raises(InputError, match="no corpus at"):
        open_store(str(tmp_path / "missing.db"), create=False)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all, just some bytes " * 50)
    with pytest.raises(InputError, match="cannot open corpus"):
        open_store(str(bad))


def test_signature_similarity_tracks_the_true_jaccard():
    words = [f"كلمة{i}" for i in range(400)]
    base = " ".join(words)
    true_a = dedup.shingles(base)
    for changed in (4, 40, 150):
        copy = list(words)
        for i in range(0, 400, 400 // changed):
            copy[i] = "بدل" + str(i)
        b = dedup.shingles(" ".join(copy))
        jaccard = len(true_a & b) / len(true_a | b)
        estimate = dedup.similarity(dedup.signature(base), dedup.signature(" ".join(copy)))
        assert abs(estimate - jaccard) < 0.2, (changed, jaccard, estimate)
