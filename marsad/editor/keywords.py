"""Keywords: the article's topics as a reader would name them.

Two sources, merged by score: the entities the article talks about most (``art.entities``, by
mentions, when the entity stage has run), and IDF-weighted word n-grams.  An n-gram is kept whole
when SaudiNewsNet saw it as a collocation (the phrase rows of the IDF table: جنوب أفريقيا, not
جنوب + أفريقيا); single words lose their conjunction/preposition clitic when the bare form is a
commoner word (لفرنسا → فرنسا); runs of words the corpus rarely saw are names and stay whole too.
Definite nisba adjectives (الفرنسي), words that read as verbs or carry a pronoun (يفقد، منافسه),
and words so common in the news that they name no topic (الجميع، المركز) are not keywords on their
own.  Headline words count three times.  Stopwords, numbers and
punctuation never make a keyword, nor does an n-gram said only once in the body; a word already
inside a chosen phrase is not repeated.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from ..article import Article
from ..text.normalize import DIACRITICS_RE, fold, light
from ..text.tokenize import tokenize
from . import spelling
from ..text.stopwords import STOPWORDS
from .lexicon import idf, is_wordlike, ner_lexicon

MAX_KEYWORDS = 8
HEADLINE_WEIGHT = 3
RARE_DF = 20  # documents of SaudiNewsNet (~29k)
MIN_TF = 2  # a word or phrase said once in the body is rarely a topic (headline words count 3)
_NAME_LINKS = {fold(w) for w in ("بن", "ابن", "بنت", "أبو", "أم", "آل", "عبد", "ذو")}  # never last
_NOT_TOPICS = {fold(w) for w in ("الله",)}  # in every formula of piety, the topic of none
GIVEN_NAME_DF = 300  # a one-word person name this common in the corpus is a given name
GENERIC_DF = 1400  # a lone word in this many documents (~5%) names no topic (الجميع, المركز), unless a place
_ENTITY_TYPES = {"PER", "GPE", "ORG", "LOC", "EVENT", "MISC"}


def _clean(surface: str) -> str:
    return DIACRITICS_RE.sub("", light(surface)).strip()


def _bare(word: str) -> str:
    """The word without a leading و/ف/ب/ل/ك when the bare form is commoner (لل → ال)."""
    table = idf()
    k = fold(word)
    best, best_df = word, table.df.get(k, 0)
    cands = []
    if len(k) > 4 and k[0] in "وف":
        cands.append(word[1:])
    for w in (word, *cands):
        kk = fold(w)
        if len(kk) > 4 and kk.startswith("لل"):
            cands.append("ال" + w[2:])
        elif len(kk) > 4 and kk[0] in "بلك" and kk[1:3] != "ال":
            cands.append(w[1:])
        elif len(kk) > 5 and kk[0] in "بك" and kk[1:3] == "ال":
            cands.append(w[1:])
    for c in cands:
        df = table.df.get(fold(c), 0)
        if df > 2 * best_df and df >= 50:
            best, best_df = c, df
    return best


def _rare(word: str) -> bool:
    """A foreign-looking word: rarely seen in the news corpus and unknown to the spelling
    dictionary (when installed).  Transliterated names (ساو باولو) are runs of such words."""
    if idf().df.get(fold(word), 0) >= RARE_DF:
        return False
    d = spelling.dictionary()
    return d is None or not d.check(word)


def _adjective(key: str) -> bool:
    """A definite nisba adjective (الفرنسي، الهندسية): a poor topic on its own.  Told by the
    corpus also knowing its other gender (الفرنسية / الهندسي)."""
    if not key.startswith("ال"):
        return False
    df = idf().df
    if key.endswith("ي"):
        return df.get(key + "ه", 0) >= 20
    return key.endswith("يه") and df.get(key[:-1], 0) >= 20


def _noun_like(key: str) -> bool:
    """A word that has the article, or a noun the corpus often sees with it (تصنيف/التصنيف) —
    verbs and pronoun-suffixed forms (يفقد، منافسه) rarely take it.  (Places without the
    article, فرنسا, are let in by the NER gazetteer; rare foreign names by ``_rare``.)"""
    if key.startswith("ال"):
        return True
    df = idf().df
    return df.get("ال" + key, 0) >= 0.2 * max(df.get(key, 0), 1)


def _verb_like(key: str) -> bool:
    """An imperfect verb (يحاول، يستكمل): starts with ي and the corpus never gives it the article."""
    return key.startswith("ي") and not _noun_like(key) and not _rare(key)


def _runs(text: str) -> list[list[str]]:
    """Surface word runs between punctuation and stopwords (n-grams never cross either)."""
    out, cur = [], []
    for t in tokenize(text):
        k = fold(t.text) if t.kind == "word" else ""
        if t.kind == "word" and k not in STOPWORDS and is_wordlike(k):
            cur.append(_clean(t.text))
            continue
        if cur:
            out.append(cur)
        cur = []
    if cur:
        out.append(cur)
    return out


def ngram_scores(headline: str, body: str) -> dict[str, tuple[float, str]]:
    """Folded key -> (score, display form) for collocations and content words."""
    table = idf()
    places = ner_lexicon().places
    tf: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for text, weight in ((headline, HEADLINE_WEIGHT), (body, 1)):
        for run in _runs(text):
            i = 0
            while i < len(run):
                for n in (3, 2, 1):
                    gram = run[i:i + n]
                    if len(gram) < n:
                        continue
                    if n > 1:
                        gram = [_bare(gram[0]), *gram[1:]]
                        key = fold(" ".join(gram))
                        if key not in table.df and not all(_rare(w) for w in gram):
                            continue
                        if _verb_like(fold(gram[0])) or fold(gram[-1]) in _NAME_LINKS:
                            continue  # يحاول العبث ...، الأمير محمد بن
                    else:
                        gram = [_bare(gram[0])]
                        key = fold(gram[0])
                        if (len(key) < 3 or key in _NOT_TOPICS or _adjective(key)
                                or (table.df.get(key, 0) >= GENERIC_DF and key not in places)
                                or not (_noun_like(key) or key in places or _rare(gram[0]))):
                            break
                    tf[key] += weight
                    forms[key][" ".join(gram)] += 1
                    i += n - 1
                    break
                i += 1
    out = {}
    for key, n in tf.items():
        if n < MIN_TF:
            continue
        words = key.split()
        weight = sum(table(w) for w in words) / len(words) * (1.0 + 0.5 * (len(words) - 1))
        out[key] = (n * weight, forms[key].most_common(1)[0][0])
    return out


def entity_scores(art: Article) -> dict[str, tuple[float, str]]:
    """Folded canonical name -> (score, name) for the entities named in the article."""
    table = idf()
    out = {}
    for e in art.entities:
        names = [m for m in e.mentions if m.kind == "name"]
        if e.type not in _ENTITY_TYPES or not names or not e.name:
            continue
        name = _clean(e.name)
        key = fold(name)
        words = key.split()
        if not all(map(is_wordlike, words)) or words[0] in STOPWORDS or words[-1] in STOPWORDS:
            continue
        given = e.type == "PER" and not key.startswith("ال") and table.df.get(key, 0) >= GIVEN_NAME_DF
        if len(words) == 1 and (key in _NOT_TOPICS or given):
            continue  # a bare given name (أحمد, not the surname الشهري) is no topic
        rarity = sum(table(w) for w in words) / len(words)
        in_head = any((b := art.block_at(m.start)) is not None and b.kind == "headline" for m in names)
        out[key] = ((len(names) + (HEADLINE_WEIGHT if in_head else 0)) * max(rarity, 4.0) * 1.2, name)
    return out


def keywords(art: Article, limit: int = MAX_KEYWORDS, misspelled: frozenset[str] | set[str] = frozenset()
             ) -> list[str]:
    """Up to ``limit`` keywords, best first; none containing a word in ``misspelled`` (folded)."""
    head = art.headline or ""
    body = "\n".join(b.text for b in art.blocks if b.kind != "headline")
    scores = ngram_scores(head, body)
    for key, (score, form) in entity_scores(art).items():
        old = scores.get(key, (0.0, form))[0]
        scores[key] = (max(old, score), form)
    chosen: list[set[str]] = []
    out: list[str] = []
    for key, (_, form) in sorted(scores.items(), key=lambda kv: -kv[1][0]):
        if len(out) == limit:
            break
        if misspelled & set(key.split()):
            continue
        words = {_definite_free(w) for w in key.split()}
        if any(words <= k or k <= words for k in chosen):
            continue  # التصنيف after تصنيف, جنوب after جنوب أفريقيا
        chosen.append(words)
        out.append(form)
    return out


def _definite_free(key: str) -> str:
    return key[2:] if key.startswith("ال") and len(key) > 4 else key
