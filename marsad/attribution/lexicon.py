"""The words of attribution, in folded spelling (see ``marsad.text.normalize.fold``).

Arabic news reports speech with a small closed set of verbs (قال، أكد، أضاف، نفى ...) in every
person, gender and tense, plus circumstantial participles (مضيفا، مؤكدا) and source phrases
(بحسب، وفقا لـ، نقلا عن).  Each lemma carries the stance it gives the reported content and the
hedge it puts on it, so that claims can be graded without a model.  Everything here is matched
on folded text (one alef, ي for ى, ه for ة, no diacritics), so spelling variants are free.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Verb:
    lemma: str  # dictionary form, in normal Arabic spelling (what Quote.verb reports)
    stance: str = "asserts"  # asserts | denies | doubts
    hedge: str | None = None  # a verb that itself hedges the content (زعم، يعتقد، رجح ...)
    belief: bool = False  # opinion verbs (يرى، يعتقد): the subject holds a view rather than speaks


# lemma -> (folded surface forms: past, present, participle).  Forms are listed, not generated:
# the paradigms are irregular (نفى/نفت/ينفي/نافيا) and a generated form can collide with a noun.
_FORMS: dict[Verb, str] = {
    Verb("قال"): "قال قالت قالوا قالا يقول تقول يقولون تقولان قايلا قايله قايلين",
    Verb("أكد"): "اكد اكدت اكدوا اكدا يوكد توكد يوكدون موكدا موكده موكدين",
    Verb("أضاف"): "اضاف اضافت اضافوا اضافا يضيف تضيف مضيفا مضيفه مضيفين",
    Verb("أوضح"): "اوضح اوضحت اوضحوا يوضح توضح موضحا موضحه موضحين",
    Verb("أشار"): "اشار اشارت اشاروا يشير تشير يشيرون مشيرا مشيره مشيرين",
    Verb("ذكر"): "ذكر ذكرت ذكروا يذكر تذكر ذاكرا",
    Verb("صرح"): "صرح صرحت صرحوا يصرح تصرح مصرحا",
    Verb("أعلن"): "اعلن اعلنت اعلنوا يعلن تعلن معلنا معلنه",
    Verb("نفى", "denies"): "نفي نفت نفوا ينفي تنفي ينفون نافيا نافيه",
    Verb("أنكر", "denies"): "انكر انكرت انكروا ينكر تنكر منكرا",
    Verb("كذب", "denies"): "كذبت يكذب تكذب مكذبا",
    Verb("زعم", hedge="زعم"): "زعم زعمت زعموا يزعم تزعم يزعمون زاعما",
    Verb("ادعى", hedge="ادعى"): "ادعي ادعت ادعوا يدعي تدعي يدعون مدعيا",
    Verb("حذر"): "حذر حذرت حذروا يحذر تحذر يحذرون محذرا محذره",
    Verb("كشف"): "كشف كشفت كشفوا يكشف تكشف كاشفا",
    Verb("أفاد"): "افاد افادت افادوا يفيد تفيد مفيدا افيد",
    Verb("بين"): "بين بينت مبينا مبينه",
    Verb("لفت"): "لفت لفتت لافتا لافته",
    Verb("نوه"): "نوه نوهت ينوه منوها",
    Verb("شدد"): "شدد شددت شددوا يشدد تشدد مشددا مشدده",
    Verb("اعتبر"): "اعتبر اعتبرت اعتبروا يعتبر تعتبر يعتبرون معتبرا معتبره",
    Verb("أعرب"): "اعرب اعربت معربا",
    Verb("تابع"): "تابع تابعت متابعا",
    Verb("استطرد"): "استطرد استطردت مستطردا",
    Verb("أردف"): "اردف اردفت مردفا",
    Verb("أبلغ"): "ابلغ ابلغت",
    Verb("أورد"): "اورد اوردت",
    Verb("اعترف"): "اعترف اعترفت اعترفوا يعترف معترفا",
    Verb("أقر"): "اقر اقرت يقر مقرا",
    Verb("رأى", belief=True): "راي رات راوا يري تري يرون",
    Verb("اعتقد", hedge="يعتقد", belief=True): "اعتقد اعتقدت يعتقد تعتقد يعتقدون",
    Verb("توقع", hedge="يتوقع", belief=True): "توقع توقعت توقعوا يتوقع تتوقع يتوقعون متوقعا",
    Verb("رجح", hedge="يرجح", belief=True): "رجح رجحت رجحوا يرجح ترجح يرجحون مرجحا",
    Verb("استبعد", "doubts"): "استبعد استبعدت استبعدوا يستبعد تستبعد مستبعدا",
    Verb("شكك", "doubts"): "شكك شككت شككوا يشكك تشكك مشككا",
    Verb("تساءل", "doubts"): "تساءل تساءلت متسايلا",
    Verb("نقل عن"): "نقل نقلت نقلوا ينقل تنقل ناقلا",
    Verb("كتب"): "كتب كتبت كتبوا يكتب تكتب",
    Verb("تحدث"): "تحدث تحدثت تحدثوا يتحدث متحدثا متحدثه",
    Verb("أجاب"): "اجاب اجابت اجابوا يجيب مجيبا",
}

# Relay verbs: "نقلت وكالة X عن Y قوله إن" — the subject relays, the speaker follows عن.
RELAY = {"نقل عن"}
# After a relay, the speaker's words are introduced by these (قوله إن، تأكيده أن).
QAWL_RE = re.compile(r"(?<![\w])(?:قول|تاكيد|تصريح)(?:ه|ها|هم|هما)?(?![\w])")

VERBS: dict[str, Verb] = {form: verb for verb, forms in _FORMS.items() for form in forms.split()}

# Present-tense forms used impersonally ("it is believed that"): no subject follows.
IMPERSONAL = {"يعتقد", "يذكر", "يقال", "يتوقع", "يرجح", "افيد"}

# Participles (مضيفا): they continue the speaker of the clause they hang on.
PARTICIPLE_RE = re.compile(r"^(?:م|قايل|ذاكر|زاعم|كاشف|نافي|لافت)")

WORD_RE = re.compile(r"[\u0621-\u064aA-Za-z0-9]+")

# Verb forms, with the proclitics و/ف; matched on folded text at word boundaries.
VERB_RE = re.compile(
    r"(?<![\w])(?:[وف])?(" + "|".join(sorted(map(re.escape, VERBS), key=len, reverse=True)) + r")(?![\w])"
)

# Complementisers that open reported content (after the speaker): أن، إن، بأن، إلى أن، على أن.
COMP_RE = re.compile(r"(?<![\w])(?:(?:الي|علي|عن|من|في)\s+)?(?:ب|ل)?(?:ان|انه|انها|انهم|انهما|انني|اننا)(?![\w])")

# Source phrases: "according to X".  Folded.
ACCORDING_RE = re.compile(
    r"(?<![\w])(?:[وف])?(?:(?:بحسب|حسب|حسبما|وفق|وفقما|نقلا\s+عن|علي\s+حد\s+قول(?:ه|ها|هم)?|جاء\s+في|"
    r"ورد\s+في|استنادا\s+الي)(?![\w])|(?:وفقا|طبقا|استنادا)\s+ل(?:ما(?![\w]))?)"
)

# What ``_according_lemma`` names source phrases (بحسب X) in Quote.verb.
ACCORDING_LEMMAS = {"بحسب", "وفقا لـ", "طبقا لـ", "نقلا عن", "استنادا إلى", "جاء في", "ورد في", "على حد قول"}

# Words that end a speaker phrase: what follows is circumstance, not the speaker's name.
CIRCUMSTANCE = (
    "في", "خلال", "اثناء", "عبر", "لدي", "عقب", "بعد", "قبل", "امام", "اليوم", "امس", "الليله",
    "صباح", "مساء", "مساءا", "صباحا", "الاحد", "الاثنين", "الاربعاء", "الخميس", "الجمعه",
    "السبت", "لوسايل", "للصحفيين", "للصحافيين", "ضمن", "بدوره", "بدورها", "من", "حول", "بشان",
    "تعليقا", "ردا", "حين", "عندما", "منذ", "الثلاثاء", "ايضا", "كذلك", "بوضوح", "صراحه", "انذاك",
    "الي", "الاسبوع", "الشهر", "العام", "مطلع", "مؤخرا", "موخرا", "بشكل", "فيها", "فيه", "لهم", "له", "لها",
    "لكم", "لنا", "حاليا", "سابقا", "لاحقا", "مجددا", "بدوره", "عنه", "عنها", "بحزن", "بثقه",
    "دوما", "دايما", "مرارا", "كثيرا", "عاده", "غالبا",
)

# Nouns that open a verb's object ("أكد الوزير ضرورة …"): the speaker phrase ends before them.
OBJECT_NOUNS = {"ضروره", "اهميه", "حرص", "التزام", "رفض", "استعداد", "عزم", "دعم", "تمسك", "صحه", "عدم",
                "وجود", "تطلع", "ترحيب", "قلق", "ادانه", "تاييد", "نيه", "مسووليه", "ثقه", "امل"}
# Verbs whose reported content can be a noun object rather than an أن-clause.
OBJECT_VERBS = {"أكد", "شدد", "أعلن", "نفى", "أنكر", "كشف", "أوضح", "حذر", "بين", "أقر", "ذكر"}
# ... and the preposition that introduces such an object (كشف عن، حذر من، أكد على).
OBJECT_PREPOSITIONS = {"كشف": "عن", "أعلن": "عن", "ذكر": "عن", "حذر": "من", "أكد": "علي", "شدد": "علي"}
# Forms that are speech verbs only when a complementiser, colon or quote follows at once
# (وبيّن أن — but بين is also "between").
COMP_ONLY = {"بين"}
# Words before أن that make it no complementiser of speech (قبل أن، إلا أن).
NOT_COMP_BEFORE = {"قبل", "بعد", "دون", "منذ", "بدل", "حتي", "الا", "لابد", "يجب", "يمكن", "عسي", "ينبغي",
                   "يستطيع", "تستطيع", "يريد", "تريد", "يريدون", "يحاول", "تحاول", "يرغب", "ترغب", "عليه",
                   "عليها", "عليهم", "استطاع", "اراد", "يمكنه", "يمكنها", "تبدو", "يبدو"}
# Heads of a phrase that can be a source after بحسب / وفقا لـ (besides named entities).
SOURCE_HEAD_RE = re.compile(
    r"^(?:ال)?(?:وزير|رييس|متحدث|ناطق|مسوول|مسيول|صحف|امانه|مدير|امين|سفير|قايد|مصدر|مصادر|خبير|خبراء|محلل|شاهد|شهود|"
    r"مراسل|عضو|نايب|مستشار|محافظ|امير|ملك|نايب|بيان|تقرير|تقارير|احصاء|احصاييات|دراسه|وكاله|وكالات|صحيفه|"
    r"موقع|قناه|وسايل|تلفزيون|اذاعه|مجله|شبكه|وزاره|هييه|منظمه|مجلس|لجنه|مكتب|حكومه|شرطه|جيش|مسوولين|"
    r"مسوولون|الامم|مرصد|معهد|مركز|جامعه|باحث|باحثين|مصادر|روايه|ما\s)"
)
# Participles that open a new clause (a call, a praise): reported content ends before them.
CLAUSE_PARTICIPLES = re.compile(r"(?<![\w])(?:داعيا|مطالبا|متعهدا|مشيدا|مثمنا|مناشدا|معربا|مبديا|متمنيا)(?![\w])")

# A speaker phrase made only of these is a pronoun-drop: the speaker is the previous one.
PRONOUN_WORDS = {"انه", "انها", "هو", "هي", "قد", "كذلك", "ايضا", "بدوره", "بدورها", "من", "جانبه", "جانبها",
                 "جهته", "جهتها", "له", "لها", "لهم"}

# The kind of source a speaker phrase names, by its head words (folded).
SOURCE_KINDS: list[tuple[str, re.Pattern]] = [
    ("anonymous", re.compile(r"(?<![\w])(?:مصادر|مصدر|مسوول\s+(?:رفض|طلب|فضل)|شهود|مسوولون|مسوولين|"
                             r"(?:رفض|طلب|فضل)\s+(?:عدم\s+)?(?:الكشف|ذكر|نشر)\s+اسم)")),
    ("analysts", re.compile(r"(?<![\w])(?:ال)?(?:محللون|محللين|خبراء|مراقبون|مراقبين|متابعون|محلل|خبير|باحثون|"
                            r"مختصون)(?![\w])")),
    ("media", re.compile(r"(?<![\w])(?:وكاله|وكالات|صحيفه|صحف|قناه|وسايل\s+(?:ال)?اعلام|وسايل|تلفزيون|التلفزيون|"
                         r"موقع|مجله|اذاعه|الاذاعه|محطه|شبكه)(?![\w])")),
    ("reports", re.compile(r"(?<![\w])(?:تقارير|تقرير|انباء|الانباء|معلومات|الاحصاءات|بيانات|دراسه|استطلاع)(?![\w])")),
    ("organisation", re.compile(r"(?<![\w])(?:وزاره|الوزاره|حكومه|الحكومه|مجلس|هييه|منظمه|الجيش|الشرطه|"
                                r"الرئاسه|السفاره|الخارجيه|الداخليه|حزب|حركه|جماعه|"
                                r"تنظيم|شركه|اتحاد|لجنه|مكتب|قياده|المنظمه|الامم\s+المتحده|بيان)(?![\w])")),
]

# Media nouns before a short quoted span mark it as a name (وكالة "X"), never a quote.
NAME_BEFORE_RE = re.compile(
    r"(?:وكاله|وكالات|صحيفه|صحف|قناه|موقع|مجله|اذاعه|شبكه|تنظيم|حركه|جماعه|حزب|شركه|مؤسسه|موسسه|مركز|جمعيه|منظمه|"
    r"عمليه|برنامج|مسلسل|فيلم|كتاب|روايه|وسم|هاشتاق|حساب|صفحه|مبادره|حمله|مشروع|مستشفي|جامعه|فندق|مهرجان|"
    r"مسابقه|بطوله|نادي|فريق|منتدي|مؤتمر|موتمر|تطبيق|منصه|لـ|ل|ب|باسم|اسم|يسمي|تسمي|المسمي|المسماه|بـ)\s*$"
)

# Labels that open headlines like «عاجل: …» or «بالصور: …»: not speakers (folded).
HEADLINE_LABELS = {"عاجل", "فيديو", "بالفيديو", "بالصور", "صور", "صوره", "شاهد", "تقرير", "خاص", "حصري", "رسميا",
                   "مباشر", "تحليل", "انفوجرافيك", "ملف", "حوار", "متابعه", "تحقيق", "راي", "مقال", "تنويه",
                   "تحديث", "بالارقام", "ارقام", "اعلان", "وثيقه", "بيان", "الان", "الاخيره", "هام", "مهم",
                   "لحظه", "بث", "قصه", "اليوم", "غدا", "امس", "دراسه", "احصاييه", "استطلاع", "سوال", "جديد"}

# Hedges inside the content: modality that weakens a claim.
HEDGE_RE = re.compile(
    r"(?<![\w])[وف]?(قد(?=\s+[يتن])|ربما|من\s+المقرر|من\s+المتوقع|من\s+المحتمل|يحتمل|محتمل|يرجح|يعتقد|يبدو|"
    r"علي\s+الارجح|"
    r"لعل|يفترض|من\s+الممكن)(?![\w])"
)

# Anaphors by which a denial points back at an earlier claim (هذه المزاعم، تلك الأنباء).
DENIAL_ANAPHOR_RE = re.compile(
    r"(?<![\w])(?:هذه|تلك|هذا|ذلك)?\s*(?:المزاعم|الادعاءات|الاتهامات|الانباء|التقارير|الشايعات|الاشاعات|"
    r"الروايه|الاتهام|الادعاء|الخبر|الاخبار|ما\s+تردد|ما\s+تداول|ذلك|هذا|صحه)(?![\w])"
)
