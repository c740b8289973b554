"""Page-furniture vocabulary of Arabic news sites, as patterns over folded text (see text.normalize.fold).

Kept in one place so that the dump reader and the HTML reader agree on what is furniture.  These
are the generic labels every Arabic news CMS prints — none names a particular site.
"""
from __future__ import annotations

import re

from ..text.normalize import fold, fold_letters


def _rx(pattern: str) -> re.Pattern:
    """Compile a pattern written in ordinary Arabic spelling so that it matches folded text."""
    return re.compile(fold_letters(pattern))


# Labels that stand alone on a line above or inside an article.
LABEL_RE = _rx(
    r"^(?:عاجل|خبر عاجل|عاجل جدا|اخبار عاجله|حصري|خاص|فيديو|بالفيديو|بالصور|صور|انفوجراف|بث مباشر|مباشر|تحديث|"
    r"breaking|breaking news|live|exclusive)\s*[:!|]?$")
BREAKING_RE = _rx(r"^(?:خبر )?عاجل(?: جدا)?\s*[:!|]?$|^breaking(?: news)?$|^اخبار عاجله$")
# Staff blocks of the masthead: the title, optionally followed by the name on the same line.
STAFF_RE = _rx(
    r"^(?:رئيس التحرير(?: التنفيذي| المسؤول)?|رئيس مجلس الاداره|رئيس مجلس الاداره ورئيس التحرير|"
    r"مدير التحرير|المدير العام|المدير التنفيذي|نائب رئيس التحرير|المشرف العام|رئيس التحرير العام)"
    r"\s*[:：\-–]?\s*(?P<name>.*)$")
# Section labels and multi-word calls to action: never article text, even on a longer line.
FURNITURE_RE = _rx(
    r"^(?:شارك الخبر|شريط الاخبار|اضف تعليقك|البريد الالكتروني|تابع(?:ونا|وا)? (?:موقع|صفحه|قناه|بوابه|جريده|اخبار|على|علي|عبر)|تابعونا|اشترك في|اشترك الان|"
    r"حمل تطبيق|انضم الى|اضغط هنا|للمزيد من|لمتابعه|اقرا ايضا|اقرا المزيد|اقرا كمان|طالع ايضا|شاهد ايضا|"
    r"اخبار ذات صله|مواضيع ذات صله|موضوعات ذات صله|مقالات ذات صله|ذات صله|الاكثر قراءه|الاكثر مشاهده|"
    r"الاكثر تداولا|الاكثر تعليقا|اخر الاخبار|احدث الاخبار|جميع الحقوق محفوظه|حقوق النشر|الكلمات المفتاحيه|"
    r"كلمات مفتاحيه|كلمات داله|الوسوم|وسوم|اضف تعليق|اضافه تعليق|اترك تعليقا|اكتب تعليقك|تعليقات الفيسبوك|"
    r"الصفحه الرئيسيه|نسخ الرابط|رابط مختصر|الرابط المختصر|قد يعجبك ايضا|ننصحك بقراءه|follow us|read more|copyright)\b")
# One-word calls to action (تابع، شارك، حمل ...) are also ordinary verbs: furniture only on a short line.
CTA_RE = _rx(
    r"^(?:تابع(?:ونا|وا|ي)?|شارك(?:ها|ونا)?|مشاركه|انشر|اشترك|اشتركوا|حمل|انضم|اقرا|طالع|شاهد|المزيد|للمزيد|"
    r"التعليقات|الرئيسيه|ارسل|طباعه|اطبع|share|related|print|email)\b")
CTA_MAX_WORDS = 6
RELATED_RE = _rx(
    r"^(?:اقرا(?: ايضا| المزيد)?|اقرا كمان|طالع ايضا|شاهد ايضا|اخبار ذات صله|مواضيع ذات صله|موضوعات ذات صله|"
    r"مقالات ذات صله|ذات صله|قد يعجبك ايضا|ننصحك بقراءه|الاكثر قراءه|الاكثر مشاهده|اخر الاخبار|احدث الاخبار|"
    r"read more|related)\b")
# Comment policies and disclaimers printed under an article ("the views below do not reflect ...").
DISCLAIMER_RE = _rx(
    r"لا (?:تعبر|تعكس) (?:بالضروره )?(?:عن )?(?:راي|وجهه نظر|سياسه)|الاراء الوارده|تعبر عن راي (?:الكاتب|كاتبها)|(?:مراجعه|نشر) التعليقات|التعليقات (?:قبل نشرها|المنشوره)|"
    r"ارشادات الاستخدام|سياسه الخصوصيه|شروط الاستخدام|جميع الحقوق محفوظه|يمنع نسخ|يحظر نقل|"
    r"المسؤوليه عن (?:التعليق|المحتوي)")
# "Follow <site> on ..." names the publisher: تابع موقع X على / تابعوا X عبر.
FOLLOW_SITE_RE = _rx(
    r"^(?:تابع(?:ونا|وا|ي)?|اشترك في|حمل تطبيق)\s+(?:موقع|صفحه|قناه|بوابه|جريده)?\s*(?P<name>.+?)"
    r"\s*(?:علي|على|عبر|في|من خلال|on)?\s*(?:فيسبوك|تويتر|اكس|يوتيوب|انستجرام|تليجرام|واتساب|جوجل نيوز|google news)?\s*$")
# Words that show a "follow us" line names platforms, not the site: تابعونا على فيسبوك وتويتر.
PLATFORM_RE = _rx(r"^(?:علي|على|عبر|في)\b|فيسبوك|فيس بوك|تويتر|يوتيوب|انستجرام|انستغرام|تليجرام|تلغرام|واتساب|تيك توك|"
                  r"facebook|twitter|youtube|instagram|telegram|whatsapp|tiktok")
COPYRIGHT_RE = _rx(r"(?:©|جميع الحقوق محفوظه(?:\s+ل\s*|\s+لـ?\s*)?(?P<name>[^0-9©]*))")
# Page metadata lines: "3 hours ago", a bare clock time, view counters, reading time.
META_RE = _rx(
    r"^(?:(?:منذ|قبل) [0-9]+ (?:ثانيه|ثواني|دقيقه|دقائق|ساعه|ساعات|يوم|ايام|اسبوع|اسابيع|شهر|اشهر)|منذ (?:ساعه|ساعتين|دقيقه|دقيقتين|يوم|يومين)|"
    r"[0-9]{1,2}:[0-9]{2}(?: ?(?:ص|م|am|pm))?|(?:عدد )?(?:المشاهدات|مشاهدات|القراءات|قراءات)\b.*|(?:زمن|وقت|مده) القراءه\b.*|"
    r"[0-9]+ (?:دقائق|دقيقه) (?:للقراءه|قراءه))$")
# Menus: short items separated by | • · ›, several on one line.
MENU_SEP_RE = re.compile(r"\s[|•·›]\s")


def is_menu(line: str) -> bool:
    items = MENU_SEP_RE.split(line)
    return len(items) >= 3 and max(len(i.split()) for i in items) <= 4
# Photo credits and caption markers.
CAPTION_RE = _rx(r"^(?:صوره|الصوره|صوره ارشيفيه|ارشيفيه|تصوير|الصور|photo)\b|"
                 r"[(\[]\s*(?:ارشيفيه|صوره ارشيفيه|صوره|ارشيف|تصوير|الصوره|المصدر|photo)[^)\]]*[)\]]$|-\s*ارشيفيه$")
# Bylines: كتب / بقلم / إعداد / حوار / ترجمة / متابعة, with a short name after.
BYLINE_RE = _rx(r"^(?:كتب|كتبت|بقلم|اعداد|حوار|ترجمه|متابعه|تقرير|تحرير|مراسل(?:ه)?|by)\s*[:：\-–]?\s*"
                r"(?P<name>(?:(?:د|م|ا|أ|دكتور|الدكتور|المهندس|الاستاذ)\.?\s+)?[^.،,:]{2,60})$")
# Agency credits: (أ ف ب)، (رويترز)، وكالات، - واس
# News agencies as credited in Arabic copy (keys are lower-cased, so Latin names are too).
AGENCIES = (r"وكالات الانباء|وكالات|رويترز|ا ف ب|اف ب|ا ش ا|واس|قنا|وام|بنا|كونا|سانا|الاناضول|د ب ا|يو بي ا|"
            r"cnn|afp|reuters|ap")
AGENCY_RE = _rx(rf"(?:^|[(\-–\s])(?P<agency>{AGENCIES})(?:[)\s\-–]|$)")
# «عمّان ـ وكالات», «(رويترز)»: a line that only credits an agency, with an optional city before it.
# Matched against ``key`` (folded, lower-cased) text.
AGENCY_LINE_RE = _rx(rf"^(?:(?P<city>[\u0600-\u06ff]+(?: [\u0600-\u06ff]+)?)\s*[-–—]?\s*)?\(?(?P<agency>{AGENCIES})\)?\s*[:.]?$")
# A line that only names where the story was filed (and who sent it): «عمّان - بترا», «القاهرة -».
DATELINE_LINE_RE = _rx(r"^(?P<city>[\u0600-\u06ff]+(?: [\u0600-\u06ff]+)?)\s*[-–—ـ]+\s*(?P<agency>[\u0600-\u06ffA-Za-z ]{0,20}?)\s*[-–—ـ]*$")
# Published-stamp prefixes: the date after them is the article's own, not the masthead's.
PUBLISHED_RE = _rx(r"^(?:نشر(?: في| بتاريخ)?|تاريخ النشر|بتاريخ|اخر تحديث|تم النشر|تاريخ الاضافه|منذ)\b")
# Short words that may sit beside a date on a date line: الموافق، م، هـ، الساعة، ص/م ...
DATE_FILLER = {fold(w) for w in {"الموافق", "موافق", "م", "ه", "هـ", "الساعه", "ص", "مساء", "صباحا", "ميلادي", "هجري", "gmt", "بتوقيت",
               "القاهره", "مكه", "المكرمه", "اخر", "تحديث", "نشر", "في", "بتاريخ", "تاريخ", "النشر", "-", "|", "،", ","}}


def key(line: str) -> str:
    """Folded, punctuation-light key for comparing lines across a page or a site."""
    k = fold(line)
    k = re.sub(r"[^\w\s]", " ", k)
    return re.sub(r"\s+", " ", k).strip()


def publisher_from(line_key: str) -> str | None:
    """The site's name from a 'follow <site> on …' or copyright line, as a folded key."""
    m = FOLLOW_SITE_RE.match(line_key)
    if m and 1 <= len(m.group("name").split()) <= 4 and not PLATFORM_RE.search(m.group("name")):
        return m.group("name").strip()
    m = COPYRIGHT_RE.search(line_key)
    if m and m.group("name") and 1 <= len(m.group("name").split()) <= 4:
        return m.group("name").strip()
    return None
