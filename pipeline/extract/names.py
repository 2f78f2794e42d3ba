"""Names of people as bylines and author statements write them: split into names,
normalised ("By" and credentials off, capitals to title case) and filtered (no site,
desk or publisher names, numeric ids, e-mail addresses, job titles); a wire agency
beside people is their employer. Latin, Cyrillic and Chinese. `authors` finds where
a page names its writers; this module reads what it found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WS = re.compile(r"\s+")
_NONWORD = re.compile(r"\W+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CYR = re.compile(r"[\u0400-\u04ff]")

# a Russian interview's or write-up's credit: "Беседовала X", "Материал подготовил X"
RU_CREDIT_VERBS = ("беседовал", "подготовил", "записал")
RU_CREDITED = ("текст", "материал", "интервью")  # what was prepared, before the verb
# the kinds of writing a byline credits by name ("Guest essay by", "Review by")
WRITINGS = r"(?:guest\s+)?(?:essay|column)|guest\s+post|review"
# words that open a byline in the writer's slot: "By", "Story by", "Text and photos by",
# "Por"/"Par"/"Von" (Spanish, French, German), "Автор:", "记者"
OPENER = (
    r"(?:(?:story|written|words|text|posted|reported|analysis|opinion|commentary|interview|" + WRITINGS
    + r"|(?:story|words|text)\s+and\s+(?:photos?|pictures)"
    r"|(?:photos?|pictures)\s+and\s+(?:story|words|text))\s+)?by|por|par|von|door"
    r"|(?:(?:author|reporter|writer)s?|words|text|story|reporting|(?:story|words|text)\s+and\s+(?:photos?|pictures))(?=\s*:)"
)
BY = re.compile(
    r"^\W*(?:(?:view\s+)?(?:all\s+|more\s+)?(?:posts|articles|stories)\s+by|" + OPENER + r"|di|от|автор[ыа]?|"
    r"(?:(?:" + "|".join(RU_CREDITED) + r")\s+)?(?:" + "|".join(RU_CREDIT_VERBS) + r")[аи]?|"  # a Russian interview's credit
    r"(?:(?:специальный|собственный|старший|главный|политический)\s+)?(?:корреспондент|обозреватель|колумнист)|"  # a job before the name
    r"текст|记者|作者|文|撰文|采写|撰稿|责编|责任编辑)(?:\s*[:：]\s*|\s+|$)",
    re.I,
)
# separators between names; "and"/"и"/"和" only as words
# "и"/"y" in lower case only: "И. Петров", "Y. Tanaka" are initials
_SEPARATOR = r",|;|\||/|\band\b|&|\bund\b|\bet\b|(?-i:\by\b|\bи\b)|、|，|；|／|\s和\s"
SPLIT = re.compile(rf"\s*(?:{_SEPARATOR})\s*", re.I)
# a credit's part naming who made the pictures or edited the story, not who wrote it
# ("Text: Jane Roe; Photos: John Doe", "Words: X / Editing: Y"), or a rights holder's
# ("© Иван Петров / РИА Новости" under a picture)
NOT_WRITER_PART = re.compile(
    r"^\s*©|^\W*(?:photos?|photographs?|photography|pictures|images?|video|graphics|illustrations?|editing|edited\s+by"
    r"|фото(?:графии)?|видео|иллюстрации)\s*(?:[:：]|by\b)",
    re.I,
)
# an outlet's possessive before a writer's name ("By CNN's Jane Roe", "CGTN's Wang
# Xiaoming"): one word and "'s" before two capitalised words
_OUTLET_POSSESSIVE = re.compile(r"^\W*[A-Z][\w&.-]*['’]s\s+(?=[A-Z][\w'’.-]*\s+[A-Z])")
_SPLIT_BYLINE = re.compile(rf"\s*(?:{_SEPARATOR}|\bwith\b)\s*", re.I)  # "By Jane Roe with AFP"
# professional credentials printed after a name ("Lauren Manaker MS, RDN")
_CREDENTIALS = frozenset(
    "ms msc ma ba bs bsc mba mph mpa md do phd dphil rd rdn ld ldn cdces cde rn np pa cpt cscs facsm jd esq dds dvm pharmd "
    "lcsw lmft cfp cfa cpa"
    .split()
)
# a byline that names a desk, the outlet's staff or a job, not a person
DESK = re.compile(
    r"(?i)\b(?:staff|reports?|desk|newsroom|editorial\s+(?:board|team)|redazione|redaktion|rédaction|редакция|"
    r"correspondent|contributors?|team|wire|sponsored|partner\s+content|editors?|reporter|writer|columnist|producer)"
    r"(?:\s+[IVX]{1,4})?\s*$|^(?:staff|the\s+editors|editorial)\b"  # with a grade: "Staff Writer II", "Featured Columnist IV"
)
# a job title printed in the author slot ("Chief Technology Officer", "Head of Reality Labs")
_ROLE = re.compile(r"(?i)\b(?:chief|officer|head\s+of|director|president|founder|manager|ceo|cto|cfo|vice)\b")
_ID_LIKE = re.compile(r"^[\W\d_]+$|\d|^[a-z0-9]+(?:[._-][a-z0-9]+)+$|[:=<>{}#]")
_EMAIL_OR_URL = re.compile(r"@|^https?:|^www\.|\.(?:com|org|net|ru|cn)\b", re.I)

# role words between Chinese names ("记者 王五 通讯员 赵六"): not names
# a Chinese byline's roles that may stand before a name ("通讯员李四")
ZH_NAME_ROLES = ("通讯员", "实习生", "见习记者", "特约记者")
_ZH_ROLES = frozenset({"记者", *ZH_NAME_ROLES, "摄", "报道", "来源"})
# a role after the writers that credits someone else: the editor, proofreader, producer,
# photographer ("新京报记者 张三 编辑 李四 校对 王五")
_ZH_OTHER_ROLES = frozenset({"编辑", "责编", "责任编辑", "校对", "审核", "审校", "监制", "统筹", "制作", "设计", "摄影", "摄像"})
# a role run on into the name it credits ("通讯员李四")
_ZH_ROLE_BEFORE = re.compile("^(?:" + "|".join((*ZH_NAME_ROLES, "记者")) + r")(?=[\u4e00-\u9fff]{2})")
_AFFILIATION = re.compile(r"\s+(?:[|•·]|for)\s+.*$", re.I)
# in a byline also a dash, "on <date>", a date or a job title run on after the names
_AFFILIATION_DASH = re.compile(
    r"\s+(?:[|•·–—-]|for|on)\s+.*$|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d.*$", re.I
)
# a job title run on after a name in a byline ("Jane Roe Senior Reporter"): cut when two
# words of a name stand before it ("Executive Content Editor" is a desk, not cut to a name)
ROLE_MODIFIERS = frozenset("senior staff contributing chief deputy associate managing executive special freelance lead".split())
_GRADE = r"\s+(?:" + "|".join(ROLE_MODIFIERS) + ")"
_GRADES = f"(?:{_GRADE})*"
_JOBS = r"(?:reporter|writer|editor|correspondent|columnist|contributor|producer|journalist)s?\b"
_JOB = r"\s+" + _JOBS + r".*$"
# a line ending in a job ("Senior Foreign Affairs Correspondent"): a byline's title line
ENDS_IN_JOB = re.compile(r"(?i)\b" + _JOBS + r"\W*$")
ROLE_TAIL = re.compile(_GRADES + _JOB, re.I)
# the same with the desk's word before it ("Jane Roe Political reporter", "Showbiz Editor",
# "Lead Draft Writer", "Seattle Times staff reporter"), tried first: the cut must still
# leave two words of a name. A grade between the desk and the job is in lower case: in
# "Marco De Luca Senior Contributor" the word before the title-case grade is the name's
_DESK_ROLE_TAIL = re.compile(_GRADES + r"(?-i:\s+[A-Z][a-z]+" + _GRADES + ")" + _JOB, re.I)
# a grade opening the job, whatever desk follows ("Jane Roe Senior Foreign Affairs
# Correspondent", "Jane Roe Chief Middle East Correspondent"): the grade ends the name
_GRADE_LED_TAIL = re.compile(f"(?:{_GRADE})+" + r"(?-i:(?:\s+[A-Z][a-z]+){1,3})" + _JOB, re.I)
# news agencies: credited beside a writer they are an affiliation, alone the author
WIRE_NAMES = (
    "associated press", "ap", "reuters", "afp", "agence france-presse", "agence france presse", "bloomberg",
    "bloomberg news", "upi", "united press international", "dpa", "efe", "ansa", "xinhua", "tass", "ria novosti",
    "interfax", "kyodo", "kyodo news", "yonhap", "pti", "ians", "ani", "aap", "canadian press", "press association",
    "pa", "pa media", "anadolu", "anadolu agency",
    # as Russian and Chinese outlets spell them ("Автор: Иван Петров, РИА Новости")
    "риа новости", "тасс", "интерфакс", "синьхуа", "рейтер", "франс пресс", "ассошиэйтед пресс", "блумберг",
    "新华社", "中新社", "中央社", "路透社", "法新社", "美联社", "彭博社", "塔斯社", "俄新社", "共同社", "韩联社",
)
_WIRES = frozenset(re.sub(r"\W+", "", _w) for _w in WIRE_NAMES)
# a wire agency run on after the names with no separator ("By JANE ROE Associated Press",
# AP's byline with its line break lost): an affiliation. Agencies of two words or more and
# a few one-word names that are nobody's surname ("Michael Bloomberg" is a person)
_TAIL_WIRES = [w for w in WIRE_NAMES if " " in w] + ["reuters", "xinhua", "interfax"]


def any_of(names: Iterable[str]) -> str:
    """A regex alternation of names, longest first, any whitespace between their words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(names, key=len, reverse=True))


# "Bloomberg" too after a whole word ("Jane Roe Bloomberg"; "Michael R. Bloomberg" is a name)
_WIRE_TAIL = re.compile(r"\s+(?:the\s+)?(?:" + any_of(_TAIL_WIRES) + r"|(?<![A-Z]\.\s)bloomberg)\s*$", re.I)
# a one-word agency in capitals after a name in lower case ("Jane Roe AFP", "Jane Roe AP"):
# the case sets it apart; after a name in capitals ("JANE ROE ANI") it may be the name's
_CAPS_WIRE_TAIL = re.compile(
    r"(?<=[a-z.])\s+(?:" + "|".join(w.upper() for w in WIRE_NAMES if w.isascii() and w.isalpha() and len(w) <= 6) + r")\s*$"
)
# a broadcaster or outlet known by its initials run on after a name in lower case ("By
# Jane Roe ABC News", "Jane Roe CNN": the byline's two lines joined); a roman numeral
# after a name is its suffix ("John Doe III")
_INITIALS_OUTLET_TAIL = re.compile(r"(?<=[a-z.])\s+(?![IVX]+\b)[A-Z]{2,6}(?:\s+(?:News|Radio|TV|Television|Network))?\s*$")
# a wire's job run on after the names ("JANE ROE AP Sports Writer", "Jane Roe The
# Associated Press Writer", AP's two byline lines joined): the wire, a desk word and the
# job go together; any agency, "AP" too, since a job follows it
_WIRE_JOB_TAIL = re.compile(r"\s+(?:the\s+)?(?:" + any_of(WIRE_NAMES) + r")(?-i:\s+[A-Z][a-z]+)?" + _GRADES + _JOB, re.I)
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@])@\w+")
_SUFFIX_COMMA = re.compile(r",\s*(Jr\.?|Sr\.?|II|III|IV)(?=\s*(?:$|[,;&]|\band\b))")
_SUFFIX = re.compile(r"(?i)^(?:jr|sr|ii|iii|iv)$")
# "A and B, Outlet", "王五、赵六, Outlet": the list closed by its joiner, then an affiliation
AND_THEN_COMMA = re.compile(r"^(?P<names>[^,]+(?:\s(?:and|&|(?-i:и))\s|\s*、\s*)[^,]+),\s*[^,]+$", re.I)  # "и": Russian "and"
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# where each writer filed from, in a byline ("Jane Roe in Moscow and John Doe in Beijing",
# the Guardian's and the wires' form): one to three capitalised words after "in"
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*$")
_STAMP_WORD = re.compile(r"\s+(?:published|updated|posted|опубликовано|обновлено)\b.*$", re.I)  # byline run into its date
# not a writer: a report, a dispatch, a photo credit, a date; a paper, a web site, a
# channel, a station or its commentary desk named in the author slot ("人民网", "台北時報")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_ZH_SKIP = re.compile(r"报道|电$|摄$|日$|本报|(?:网|[报報]|频道|电视台|评论员)$")


# Chinese family names, the commonest two hundred (simplified and traditional) and the
# compound ones: a name of two to four characters opens with one. Where nothing on the
# page says a text is a byline (a lone name beside the date), that is what tells "王小明"
# from "国际" or "人民网"
_ZH_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
    "汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔"
    "伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙"
    "鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    # the same in traditional characters where they differ (Taiwan, Hong Kong)
    "楊張劉陳黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒龍賀顧龔萬錢嚴湯溫齊喬龐顏莊聶魯歐關蘭寧紀畢單塗駱藍遊鮑華"
    "饒繆簡車項連蘆麥婁竇費衛閔鄔邊師欒鞏遲鄺許蔣羅閆陽時農黨宮應榮叢"
)
_ZH_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "长孙", "宇文",
                         "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里",
                         "歐陽", "司馬", "諸葛", "東方", "尉遲", "公孫", "長孫", "軒轅", "獨孤", "南宮", "西門")
# what ends the name of a place, an outlet or a body ("人民网", "新华社", "外交部"), never a person's
_ZH_NOT_PERSON_END = re.compile(r"[网報报社台臺刊部局院会會委厅廳办辦版区區市省县縣站網]$|新[闻聞]$|[频頻]道$|中心$")
_ZH_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def chinese_name(text: str) -> bool:
    """Whether a text is one Chinese person's name: two to four characters opening with
    a family name, or a transliterated name whose parts "·" joins ("阿卜杜拉·艾买提")."""
    t = text.strip()
    if "·" in t:
        parts = t.split("·")
        return 2 <= len(parts) <= 3 and all(re.fullmatch(r"[\u4e00-\u9fff]{1,6}", p) for p in parts)
    if not _ZH_NAME.fullmatch(t) or _ZH_NOT_PERSON_END.search(t):
        return False
    if t[:2] in _ZH_COMPOUND_SURNAMES:
        return len(t) >= 3
    return t[0] in _ZH_SURNAMES and len(t) <= 3


_MAX_READINGS = 64  # spellings tried for one name: a character may have several readings


def in_pinyin(name: str, slug: str) -> bool:
    """Whether a part of an address (an archive's slug) spells a Chinese name in pinyin, in any of its
    characters' readings, family name first or last ("/author/wangxiaoming/",
    "/author/xiaoming-wang/"): pinyin without tones, as addresses write it."""
    chars = [c for c in name if CJK.match(c)]
    letters = re.sub(r"[^a-z]", "", slug)
    if len(chars) < 2 or len(chars) != len(name.replace("·", "")) or len(letters) < 2 * len(chars):
        return False
    from pypinyin import Style, pinyin  # loaded when a Chinese name meets an archive link only

    readings = pinyin(chars, style=Style.NORMAL, heteronym=True)
    spellings = [""]
    for each in readings:
        spellings = [s + r for s in spellings for r in each][:_MAX_READINGS]
    if any(s in letters for s in spellings):
        return True
    # the given name before the family name (one character, or two of a compound one),
    # each character in its first reading
    first = [each[0] for each in readings]
    return any("".join(first[cut:] + first[:cut]) in letters for cut in (1, 2) if cut < len(first))


def clean_text(s: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", s)).strip()


# Russian letters in Latin, as archive slugs and hosts spell them ("/authors/ivan-petrov/")
TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
})


def name_key(s: str) -> str:
    return _NONWORD.sub("", s.casefold())


def is_site(name: str, sites: list[str]) -> bool:
    """Whether a name is the site's, its publisher's or its host's (`sites`), not a person's
    or another outlet's."""
    k = name_key(name).removeprefix("the")
    if not k:
        return True
    words = [w for w in (name_key(w) for w in name.split()) if w and w != "the"]
    # an outlet's Cyrillic name as its Latin host spells it ("Коммерсантъ", kommersant.ru)
    latin = k.translate(TRANSLIT) if CYR.search(k) else ""
    for s in sites:
        ks = name_key(s).removeprefix("the")
        if len(ks) >= 3 and (k == ks or ks in k or (len(k) >= 4 and k in ks) or _spells(words, ks)):
            return True
        if len(latin) >= 4 and ks.isascii() and latin in ks:
            return True
    # a Chinese outlet's name its host spells in pinyin ("财新" on caixin.com, "环球" on
    # huanqiu.com), when it opens with no family name (a reporter 蔡欣 there is a person)
    return bool(CJK.search(name)) and not chinese_name(name) and any(s.isascii() and in_pinyin(name, s.casefold()) for s in sites)


def _spells(words: list[str], label: str) -> bool:
    """Whether a host's name spells a name of three words or more in order, each word
    whole or by its initial, one at least by its initial ("nypost": New York Post,
    "latimes": Los Angeles Times): the outlet, when no statement of the page names
    it. Two words are left alone: "jroe" is Jane Roe's blog as much as an outlet."""
    words = [w for w in words if w]  # a separator ("•", "|") has no letters to spell with
    if len(words) < 3 or len(label) < 3:
        return False

    def spell(i: int, j: int, initial: bool) -> bool:
        if i == len(words):
            return j == len(label) and initial
        w = words[i]
        return (label.startswith(w, j) and spell(i + 1, j + len(w), initial)) or (
            j < len(label) and label[j] == w[0] and spell(i + 1, j + 1, True))

    return spell(0, 0, False)


def normalise(name: str) -> str:
    """One name: spaces collapsed, "By" and trailing credentials removed, an
    all-capitals Latin or Cyrillic name put in title case (not a Russian wire's initials)."""
    name = BY.sub("", clean_text(name)).strip(" .,-|:;()[]“”\"'")
    name = _STAMP_WORD.sub("", name)
    words = name.split()
    while len(words) > 1 and words[-1].strip(".,").replace(".", "").casefold() in _CREDENTIALS:
        words.pop()
    if len(words) > 1 and _SUFFIX.match(words[-1].rstrip(".")):  # "Jr.", "III" keep their form
        w = words[-1].rstrip(".")
        words[-1] = w.upper() if w.casefold().startswith("i") else w.capitalize() + "."
    name = " ".join(words)
    if name.isupper() and not CJK.search(name) and len(name) > 3 and not (is_wire(name) and not name.isascii()):
        # (a Russian wire in capitals is its initials: "ТАСС")
        name = " ".join(w if _SUFFIX.match(w) else w.title() for w in words)
    elif len(words) > 1 and any(_in_capitals(w) for w in words) and any(not w.isupper() for w in words) \
            and not CJK.search(name):
        # the family name in capitals, as Russian and French papers print it ("Иван ПЕТРОВ",
        # "Jean DUPONT"); initials ("DJ", "JR") and numerals ("III") are shorter or suffixes
        name = " ".join(w.title() if _in_capitals(w) and not _SUFFIX.match(w) and not is_wire(w) else w for w in words)
    return name


_LETTERS = re.compile(r"[^\W\d_]{4,}(?:-[^\W\d_]+)*")  # a word of four letters or more (hyphens joining parts)


def _in_capitals(word: str) -> bool:
    return word.isupper() and bool(_LETTERS.fullmatch(word))


def acceptable(name: str, sites: list[str], *, strict: bool = False) -> bool:
    """Whether `name` reads as a person's (or a wire agency's) name. `strict` for names
    read from the page text rather than stated as authors: two to four words."""
    if not name or len(name) > 60 or _EMAIL_OR_URL.search(name) or _ID_LIKE.search(name):
        return False
    if name.replace(".", "").casefold() in _CREDENTIALS or name.startswith(("(", "[")):
        return False
    if DESK.search(name) or _ROLE.search(name) or is_site(name, sites):
        return False
    if CJK.search(name):  # a Chinese name is written in Han characters alone ("Jane in 张三" is no name)
        return 2 <= len(name.replace(" ", "")) <= (13 if "·" in name else 8) and not _ZH_SKIP.search(name) \
            and not _LATIN_LETTER.search(name)
    words = name.split()
    if strict and len(words) == 1 and is_wire(name):  # "By Reuters"
        return True
    if strict and len(words) > 1 and words[0] in ("The", "THE") and not is_wire(name):  # "By Jane Roe, The Daily Courier": an outlet
        return False
    # a sentence, a job title, a lone word; particles ("de la", "van der") and suffixes do not count
    size = sum(1 for w in words if w.casefold() not in _PARTICLES and not _SUFFIX.match(w.rstrip(".")))
    if size > (4 if strict else 5) or strict and len(words) < 2:
        return False
    if strict and any(w.casefold() in _NOT_NAME_WORDS for w in words):
        return False
    if strict and len(words) > 1 and words[0].casefold() in ROLE_MODIFIERS:  # "Senior Foreign Affairs" (Correspondent cut)
        return False
    if any(w.count("-") >= 2 for w in words):  # "Hds-Author-Thumbnail": a class name printed as text
        return False
    if len(words) > 1 and re.fullmatch(r"[A-Z]", words[-1]):  # "Science X", "Studio B": a brand; a person's initial has a stop
        return False
    letters = [w for w in words if w[:1].isalpha()]
    return bool(letters) and all(w[:1].isupper() or w.casefold() in _PARTICLES for w in letters)


_PARTICLES = frozenset("de da di del della der den van von la le du dos das bin ibn al el y e".split())
# words of a page's interface and of sentences, never of a person's name: a capitalised
# link or label read from the page text ("Click Here To Comment", "View All Posts") is
# not a byline (only for names read from the text; stated authors are not checked)
_NOT_NAME_WORDS = frozenset(
    "to here click tap comment comments reply share follow subscribe sign login log read view see more all "
    "our your my this that these those is are was be has have not no yes you we they it its from with about "
    "home menu search contact us privacy terms newsletter social links profile "
    "sponsored promoted content partner advertisement release for how why what when where which".split()
)


# a credit is a line: a statement longer than this is text put in the author slot, and it
# names no one (the splitting patterns below cost time with the square of its length, so a
# hostile page's megabyte of "author" would hold its worker for hours)
MAX_STATEMENT_CHARS = 1000


def split_names(raw: str, sites: list[str], *, strict: bool = False) -> list[str]:
    """Names in one author statement, normalised and filtered, in order, once each."""
    raw = clean_text(raw)
    if len(raw) > MAX_STATEMENT_CHARS:
        return []
    if not CJK.search(raw):  # "(Image: Instagram/x)", "Jane Roe (AP)": asides, not names
        raw = _ASIDE.sub(" ", raw)
    raw = _CONTACT.sub(" ", raw)  # "Jane Roe jane@x.com", "Jane Roe @janeroe": contacts beside the name
    raw = _SUFFIX_COMMA.sub(r" \1", raw)  # "Martin Luther King, Jr.": one name
    # "Name | Outlet", "Name for Outlet", in a byline also "Name - Outlet": what follows
    # is an affiliation (a stated author may be a handle written "Marino - Jo Lee")
    raw = (_AFFILIATION_DASH if strict else _AFFILIATION).sub("", raw)
    if strict and (m := _WIRE_TAIL.search(raw) or _CAPS_WIRE_TAIL.search(raw)) and len(BY.sub("", raw[: m.start()]).split()) >= 2:
        raw = raw[: m.start()]
    if (m := _INITIALS_OUTLET_TAIL.search(raw)) and len(BY.sub("", raw[: m.start()]).split()) >= 2:
        raw = raw[: m.start()]
    if strict and (m := _WIRE_JOB_TAIL.search(raw)) and len(BY.sub("", raw[: m.start()]).split()) >= 2:
        raw = raw[: m.start()]
    for tail in (_GRADE_LED_TAIL, _DESK_ROLE_TAIL, ROLE_TAIL) if strict else ():
        m = tail.search(raw)
        if m and len([w for w in raw[: m.start()].split() if w.casefold() not in ROLE_MODIFIERS]) >= 2 and "," not in raw[: m.start()]:
            raw = _without_outlet(raw[: m.start()], raw[m.start():], sites)
            break
    m = AND_THEN_COMMA.match(raw)
    if m:  # "Jane Roe and Bo Park, Financial Times": the list closed with "and"; what follows the comma is an affiliation
        raw = m.group("names")
    raw = _before_described(raw)
    if CJK.search(raw) and not re.search(r"[A-Za-z]", raw):
        parts = []
        for p in re.split(r"[\s、，,；;/|]+", BY.sub("", raw)):
            if p in _ZH_OTHER_ROLES:  # "记者 张三 编辑 李四 校对 王五": the editor's and the proofreader's after it
                break
            if p not in _ZH_ROLES:
                parts.append(_ZH_ROLE_BEFORE.sub("", p))
    else:
        parts = (_SPLIT_BYLINE if strict else SPLIT).split(BY.sub("", raw))
    parts = without_outlets([_OUTLET_POSSESSIVE.sub("", p) for p in parts if not NOT_WRITER_PART.match(p)])
    if strict:
        parts = _without_places(parts, sites)
    out: list[str] = []
    seen: set[str] = set()
    for p in parts:
        n = normalise(p)
        if acceptable(n, sites, strict=strict) and name_key(n) not in seen:
            seen.add(name_key(n))
            out.append(n)
    return without_wires(out)


# the last word of an outlet's name ("Detroit Free Press", "BBC World Service", "Knox
# News"): newspapers, agencies and broadcasters name themselves so, people do not
_OUTLET_END = re.compile(
    r"(?i)\s(?:news|press|times|today|network|service|journal|tribune|herald|gazette|magazine|media|radio|republic"
    r"|chronicle|telegraph|inquirer|dispatch)$"
)


def _outlet_part(i: int, parts: list[str]) -> bool:
    """Whether the `i`th part of a credit beside people's names is the outlet they write
    for (`without_outlets`): two words or more, ending as an outlet's name does or quoted
    as a title is, or printed in capitals after a name that is not ("Jane Roe, USA
    TODAY"; "TOM KRISHER, AP Auto Writer" is the name in capitals, then the job)."""
    part = parts[i]
    if len(part.split()) < 2:
        return False
    if _OUTLET_END.search(part.rstrip(" .")) or part.lstrip()[:1] in "«„“\"":  # a title in quotes: «Российская газета»
        return True
    return part.isupper() and any(not q.isupper() and acceptable(normalise(q), [], strict=True) for q in parts[:i])


def without_outlets(parts: list[str]) -> list[str]:
    """A credit's names without the outlet named beside them ("Jane Roe, USA TODAY",
    "Jane Roe and John Doe, Detroit Free Press", an author meta tag "Jane Roe, Knox
    News"); an outlet credited alone ("Chicago Tribune", "Field Level Media") is the
    credit, and stays."""
    kept = [p for i, p in enumerate(parts) if not _outlet_part(i, parts)]
    return kept if len(kept) < len(parts) and any(len(p.split()) >= 2 for p in kept) else parts


def _without_places(parts: list[str], sites: list[str]) -> list[str]:
    """A byline's names without where each writer filed from ("Jane Roe in Moscow" and
    "John Doe in Beijing"), when every part is then a name: a headline opening with "By"
    ("By Growing Animal Cells in Rice Grains, Scientists Dish Up ...") has parts that are
    none."""
    cut = []
    for p in parts:
        m = _IN_PLACE.search(p)
        cut.append(p[: m.start()] if m and len(p[: m.start()].split()) >= 2 else p)
    if cut != parts and all(acceptable(normalise(p), sites, strict=True) for p in cut if p.strip()):
        return cut
    return parts


def _without_outlet(head: str, job: str, sites: list[str]) -> str:
    """A name run on into the outlet's name before the job ("Bob Condotta Seattle Times
    staff reporter", the job's first word cut with the job): the name without the words
    that, with that first word, are exactly a name the site goes by; two words of a
    name must be left."""
    words, first = head.split(), job.split()[:1]
    for k in (1, 2, 3):
        if len(words) - k < 2:
            break
        outlet = words[-k:] + first
        key = name_key(" ".join(outlet)).removeprefix("the")
        if any(key == name_key(s).removeprefix("the") or _spells([name_key(w) for w in outlet], name_key(s)) for s in sites):
            return " ".join(words[:-k])
    return head


_JOINERS = frozenset("and und et y и".split())


def _before_described(raw: str) -> str:
    """A list of names cut before the first comma part holding a lowercase word that
    joins no names ("Jane Roe, U.S. Institute of Allergy and Infectious Diseases",
    "Jane Roe, staff reporter"): names have no such words but particles, so that part
    and the rest describe the writer."""
    parts = raw.split(",")
    for i, part in enumerate(parts[1:], 1):
        if any(w[:1].islower() and w.casefold() not in _PARTICLES and w not in _JOINERS for w in part.split()):
            return ",".join(parts[:i])
    return raw


def is_wire(name: str) -> bool:
    return name_key(name).removeprefix("the") in _WIRES


def _full(name: str) -> bool:
    """A full name: two words or more, or a Chinese name (written without spaces)."""
    return len(name.split()) > 1 or bool(CJK.search(name))


def without_wires(names: list[str]) -> list[str]:
    """A wire agency named beside people ("Jane Roe, Associated Press") is their
    employer; alone ("By Reuters") it is the author. A lone word beside a full name or
    a wire is what a credit runs on with, not a writer: an outlet ("Jane Roe,
    Futurism"), a dateline ("AFP, MANILA")."""
    people = [n for n in names if not is_wire(n)]
    if any(_full(n) for n in people):
        return [n for n in people if _full(n)]
    return [n for n in names if is_wire(n)] or names
