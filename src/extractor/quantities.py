"""Stage 3: every number mention in a text, claim or not, with its value in the contract's canonical unit.

The patterns are built once per language from the unit and qualifier tables in patterns/; a mention is an
*atom* (currency sign, number, scale word, unit) and neighbouring atoms joined by a range separator become one
range mention. Parsing the numeral itself is extractor.numerals' job.

The text is first folded one character for one (full-width to ASCII, traditional numerals to simplified), so
the patterns stay small and every offset is an offset of the original text. A cheap trigger pattern finds the
characters a mention can start with; the full pattern is tried only there.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from . import patterns
from .models import Quantity
from .numerals import (fold_table, normalize_digits, parse_arabic, parse_chinese, parse_english,
                       parse_english_fraction, tidy)
from .units import UnitInfo, glued_units, iso_currency_prefixes, unit_info, unit_table

# The regex module's timeout guards against pathological inputs (a 1 MB line of digits and 万).
REGEX_TIMEOUT_S = 5.0
# Longest mention considered: a match is tried on a slice this long, so no match can run away.
_MAX_MENTION = 400
# A match attempt can only take long where the pattern can consume a long run of characters, and the only
# unbounded repeats are over numerals, digits, separators and blanks: where such a run starts, the match runs
# under REGEX_TIMEOUT_S; elsewhere (every figure of ordinary prose) it runs without the timeout's overhead.
_LONG_RUN = re.compile(r"[-0-9.,，、:：/ \t\n\r\u3000\u00a0\u202f零〇○一二两三四五六七八九十百千万亿兆壹贰叁肆伍陆柒捌玖拾佰仟余多几点分之又"
                       r"a-zA-Z]{24}")

_CH = "零〇○一二两三四五六七八九十百千万亿兆壹贰叁肆伍陆柒捌玖拾佰仟"
_DIG = "零〇○一二三四五六七八九壹贰叁肆伍陆柒捌玖"
_SPZ = r"[ \t]"
# Arabic number: thousands groups, decimals; exponent forms (2e5, 2^5) come with it.
_A = r"(?:[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9])|[0-9]{1,3}(?:,[0-9]{3}(?![0-9]))+|[0-9]+)(?:\.[0-9]+)?"
_EXP = (r"(?:[eE][-+]?[0-9]{1,3}(?![0-9A-Za-z])|\^[-+]{0,2}[0-9]{1,3}(?:\.[0-9]+)?"
        r"|[ ]?[x×*][ ]?10[ ]?\^[ ]?[-+]?[0-9]{1,3}(?![0-9]))?")


def _zh_run() -> str:
    """One Chinese or mixed numeral, spaces allowed next to Chinese numeral characters (三千 九百, 7 万5 千)."""
    ua = rf"(?:(?:{_A}|(?<![0-9.])\.[0-9]+){_EXP}(?:{_SPZ}{{1,2}}(?=[{_CH}余多几]))?)"
    ch = _CH.replace("千", "")
    # 千 before 米 克 瓦 is the unit's prefix (3亿千瓦时, 5千克), not a numeral.
    uc = rf"(?:(?:[{ch}]|千(?![米克瓦]))(?:{_SPZ}{{1,4}}(?=[{_CH}0-9余多几]))?)"
    inner = rf"(?:[余多几](?:{_SPZ}{{1,2}})?(?=[万亿千百十]))"
    point = rf"(?:{_SPZ}{{0,2}}点{_SPZ}{{0,2}}(?:[{_DIG}0-9](?:{_SPZ}(?=[{_DIG}0-9]))?)+[万亿兆]*)?"
    sign = r"(?:(?<![0-9A-Za-z.%)）])-|负)?"
    return rf"(?>{sign}(?:{ua}|{uc})(?:{ua}|{uc}|{inner})*{point})"


_EN_SCALE = (r"(?:\s{0,2}(?:(?:hundred|thousand|million|billion|trillion)s?|{misspelt}|mln|bln|tln|mil|bil|bn|mn|trn|tn|lakhs?\s+crores?|lakhs?|crores?"
             r"|dozens?|dzs?|dozs?)\b"
             r"|-(?:thousand|million|billion|trillion)\b"   # $2.2-billion, 177-thousand (jobs)
             # '10 grand' (dollars or pounds), not 'two grand slams': only before punctuation or a small word
             r"|\s{1,2}grand(?=\s*(?:[^\w\s]|$)|\s+(?:a|an|per|each|for|in|on|to|and|or|from|at|with|but|is|was|this|last)\b)"
             # 38 trillionths (of a degree): a digit numerator over a power of ten written as a word
             r"|\s{1,2}(?:tenths|hundredths|thousandths|millionths|billionths|trillionths|quadrillionths)\b"
             r"|(?:bn|mn|trn|tn|b)\b|k\b(?!\.p\.)|\s{1,2}(?-i:k)\b(?!\.p\.)|m(?![²³]|/[a-z])\b(?!\.p\.)|\s?(?-i:MM)\b"
             # $2.5T, KSh 1t: after a currency sign, t is a trillion, not a tonne
             r"|(?(cur)t\b(?!\.\w)|(?!)))")


@dataclass(frozen=True)
class _Grammar:
    trigger: "regex.Pattern | re.Pattern"
    atom: regex.Pattern
    range_sep: regex.Pattern
    qualifier_before: re.Pattern           # matches a cue at the end of the text before a number
    qualifier_after: re.Pattern            # matches a cue at the start of the text after a mention
    cue_qualifier: dict
    joiner: regex.Pattern
    not_numbers: dict                      # char -> [(word, index of the char in word)]
    financial: frozenset
    currency_prefix: dict
    subunit: regex.Pattern | None
    subunits: dict
    cue_last_chars: frozenset = frozenset()
    cue_first_chars: frozenset = frozenset()
    # Chinese: the atom pattern without its fraction (分之) and slash (1/3) branches, for the many texts that
    # have neither; their look-aheads are the costliest part of a failed match.
    atom_plain: regex.Pattern | None = None
    cue_window: int = 40                   # how far before a figure a `before` cue can start
    unit_after: regex.Pattern | None = None   # English: a unit right after a written fraction (2-1/2 inches)


def _alternation(words, gap: str = "") -> str:
    """A regex matching any of `words`, longest first, written as a trie so a match costs its length,
    not the number of words (the unit tables have hundreds)."""
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie, gap) if trie else "(?!)"


def _trie_regex(node: dict, gap: str = "") -> str:
    end = "" in node
    branches = [regex.escape(ch) + (gap if child and list(child) != [""] else "") + _trie_regex(child, gap)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?"
    return body


def _cue_patterns(table: dict, lang: str) -> tuple[regex.Pattern, regex.Pattern, dict]:
    cue_q: dict[str, str] = {}
    for side in ("before", "after"):
        for qualifier, words in (table.get(side) or {}).items():
            for w in words:
                cue_q[(side, w.lower())] = qualifier
    before = [w for (side, w) in cue_q if side == "before"]
    after = [w for (side, w) in cue_q if side == "after"]
    fillers = table.get("fillers") or []
    if lang == "zh":
        filler = rf"(?:{_alternation(fillers)})?" if fillers else ""
        before_alt = _alternation(before, "[ \t]?")
        b = rf"(?P<cue>{before_alt}){filler}[ \t]*$"
        a = rf"[ \t]*(?P<cue>{_alternation(after)})"
    else:
        # A sign cue is no cue inside another sign ('<>30', '=>30'); 'x>10' is one.
        b = rf"(?:(?<![A-Za-z])(?=[A-Za-z])|(?<![<>=])(?=[<>≤≥=]))(?P<cue>{_alternation(before)})[ \t]*$"
        # 'or greater than 190' is a cue of the next figure, not of this one; '€40m plus €10m' is a sum.
        a = rf"[ \t]*(?P<cue>{_alternation(after)})(?![A-Za-z])(?![ \t]*than[ \t]+[^ \t.,;])(?![ \t]+(?:[$€£¥]|[0-9]))"
    flags = regex.IGNORECASE if lang == "en" else 0
    # Linear patterns (a word list between anchors): the standard library's engine runs them faster.
    rflags = re.IGNORECASE if lang == "en" else 0
    return re.compile(b, rflags), re.compile(a, rflags), cue_q


def _without_branches(atom: str, names: tuple[str, ...]) -> str:
    """The verbose atom pattern with the top-level branches that define the named groups removed."""
    lines = atom.split("\n")
    keep = [ln for ln in lines if not any(f"(?P<{n}>" in ln and ln.lstrip().startswith("|") for n in names)]
    return "\n".join(keep)


# An amount written as money: thousands groups, two decimals, a scale word, or a quote per dollar (N577 per dollar).
_MONEY_FORM = (r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+[.,][0-9]{2}(?![0-9])|[0-9]{1,3},[0-9]{4,6}(?![0-9])"
               r"|[0-9]+(?:\.[0-9]+)?\s?(?:bn|billion|million|mn|m|mil|mln|bil|bln|trillion|tn)\b"
               r"|[0-9]+(?:\.[0-9]+)?(?=\s(?:per|to\s+the|against\s+the)\s+(?:US\s+)?(?:dollar|euro|pound)\b|/\$)"
               # a wage or price per period: P21 per day, P475 a day
               r"|[0-9]+(?:\.[0-9]+)?(?=\s(?:a|an|per)\s+(?:day|hour|week|month|year)\b)")


def _en_prefix_pattern(prefix: str) -> str:
    """The pattern of an English currency prefix. One that starts with a letter starts a word ('Microsoft's $69bn'
    has no S$). The Australian A$ is written upper case and glued, as 'a $5 million deal' is in US dollars; other
    dollars may stand apart from their sign ('US $3', 'hk $ 10.05', 'c $ 16.4 million')."""
    pattern = regex.escape(prefix)
    if prefix.lower() == "a$":
        pattern = r"(?-i:A)\$"
    elif prefix.endswith("$") and len(prefix) > 1:
        pattern = pattern.replace(r"\$", r"\s?\$")
    return (r"(?<![\w'’])" if prefix[:1].isalpha() else "") + pattern


@lru_cache(maxsize=None)
def grammar(lang: str) -> _Grammar:
    units = unit_table(lang)
    quals = patterns.load(f"{lang}/qualifiers.yaml")
    qb, qa, cue_q = _cue_patterns(quals, lang)
    joiner = regex.compile(rf"[ \t]*(?:{_alternation(quals.get('bound_joiners') or [','])})?[ \t,，]*",
                           regex.IGNORECASE)
    table = patterns.load(f"{lang}/units.yaml")
    prefixes = dict(table.get("currency_prefix") or {})
    if lang == "zh":
        nums = patterns.load("zh/numerals.yaml")
        unit_alt = _alternation(units.keys())
        prefix_alt = _alternation(prefixes.keys())
        doubling_alt = _alternation(table["doubling"].keys())
        tenths_not = "".join(table["tenths_not_before"])
        discount_not = "".join(table.get("discount_not_before") or [])
        words_alt = _alternation((table.get("percent_words") or {}).keys())
        inner = "".join(table["inner_over"])
        run = _zh_run()
        colls = nums.get("collectives") or {}
        coll_not = "".join(nums.get("collectives_not_before") or [])
        coll_alt = rf"(?:{_alternation(colls)})(?![{coll_not}])" if colls else "(?!)"
        atom = rf"""
            (?P<date>[0-9]{{4}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}(?![0-9])|[0-9]{{1,2}}[:：][0-9]{{2}}(?:[:：][0-9]{{2}})?(?![0-9]))
          | (?P<doubling>{doubling_alt})
          | (?P<pctword>{words_alt})
          | (?P<pctpre>百{_SPZ}{{0,2}}分{_SPZ}{{0,2}}之){_SPZ}{{0,2}}(?P<pnum>{run})(?P<pk>[kK](?![A-Za-z]))?
          | (?P<ordpre>第){_SPZ}{{0,2}}(?P<onum>{run})
          | (?=[^分\n。，]{{1,40}}分{_SPZ}{{0,2}}之)(?P<frac>(?:{run}{_SPZ}{{0,2}}又{_SPZ}{{0,2}})?{run}{_SPZ}{{0,2}}分{_SPZ}{{0,2}}之{_SPZ}{{0,2}}{run})
          | (?=[-0-9, ]{{1,24}}/)(?P<slash>(?:(?<![0-9/.]){_A}{_SPZ}{{1,2}})?(?<![0-9/.])-?[0-9]+{_SPZ}?/{_SPZ}?[0-9]+(?![0-9/.]))
          | (?P<vague>(?:成千上万|成百上千|数以[万亿千百]计|上[千万亿](?![0-9{_CH}])|[数几][十百千万亿]+)(?:{unit_alt})?)
          | (?:(?P<cur>{prefix_alt}){_SPZ}{{0,2}})?
            (?P<num>{run})(?P<k>[kK](?![A-Za-z]))?(?P<coll>{coll_alt})?
            (?:{_SPZ}{{0,2}}(?P<inner>[{inner}])(?![{inner}]))?
            (?:
                {_SPZ}{{0,2}}(?P<tenths>成)(?:{_SPZ}?(?P<tenthsdigit>[一二两三四五六七八九]|半))?(?![{tenths_not}])
              | {_SPZ}{{0,2}}(?P<discount>折)(?![{discount_not}])
              | {_SPZ}{{0,4}}(?P<ppunit>个?{_SPZ}{{0,4}}百{_SPZ}{{0,2}}分{_SPZ}{{0,2}}点)
              | {_SPZ}{{0,4}}(?P<unit>{unit_alt})
              | {_SPZ}{{0,2}}(?P<datemark>年(?![均度])|月|日|号|季度|时)
            )?
        """
        # Single characters that start a mention; words (人民币, 成千上万, 翻一番) are triggers as whole words,
        # so that 人工, 数据, 成为 cost no match attempt.
        trig = set(_CH) | set("0123456789负第") | set("$€£¥￥")
        zh_trig_words = [p for p in prefixes if p[0] not in trig] + list(table["doubling"]) + \
            list((table.get("percent_words") or {}).keys()) + ["成千上万", "成百上千", "数以"] + \
            [a + b for a in "数几上" for b in "十百千万亿"]
        sep = rf"{_SPZ}{{0,2}}(?:[-—–~至到]|[与和]){_SPZ}{{0,2}}"
        not_numbers: dict = {}
        for word in nums.get("not_numbers") or []:
            for i, ch in enumerate(word):
                if ch in _CH:
                    not_numbers.setdefault(ch, []).append((word, i))
        financial = frozenset(nums.get("financial") or [])
        subunits = {k: (v[0], float(v[1])) for k, v in (table.get("currency_subunits") or {}).items()}
        sub_alt = _alternation(subunits.keys())
        subunit = regex.compile(
            rf"{_SPZ}{{0,2}}又?{_SPZ}{{0,2}}(?P<n1>[0-9]+|[{_DIG}两])(?P<u1>{sub_alt})"
            rf"(?:(?P<n2>[0-9]+|[{_DIG}两])(?P<u2>{sub_alt}))?")
    else:
        en = table
        unit_alt = _alternation(units.keys())
        prefix_alt = "|".join(_en_prefix_pattern(p) for p in sorted(prefixes, key=len, reverse=True))
        iso = iso_currency_prefixes()
        # NGN132.50, BRL 20: an upper-case code right before a figure (case matters: 'all 5' is no ALL).
        prefix_alt += rf"|(?-i:{_alternation(iso)})(?=\s?[0-9])"
        # R18.50, N1,500, R2 billion: a letter that is a currency sign only before an amount written as money
        letters = en.get("amount_letter_prefix") or {}
        if letters:
            prefix_alt += rf"|(?<![\w'’])(?-i:{_alternation(letters)})(?={_MONEY_FORM})"
            prefixes.update({k.lower(): v for k, v in letters.items()})
        # RM500, Tk 20 crore: the regional press's letter signs, before any figure
        signs = en.get("letter_prefix") or {}
        if signs:
            prefix_alt += rf"|(?<![\w'’])(?-i:{_alternation(signs)})(?=\s?[0-9])"
            prefixes.update({k.lower(): v for k, v in signs.items()})
        mult_alt = _alternation(en["multiplying_verbs"].keys())
        # 5G, 4G: surfaces that, written so, are no unit although their lower-case form is one (g, gram)
        not_unit_alt = rf"(?:(?-i:{_alternation(en.get('case_sensitive_not_units') or [])})" \
                       rf"|{_alternation(en.get('words_not_units') or [])})(?![A-Za-z0-9])"
        words = patterns.load("en/numerals.yaml")
        ones = _alternation([w for w in words["ones"] if w not in ("a", "an", "oh")])
        tens = _alternation(words["tens"])
        ords = _alternation(words["ordinal_units"])
        dens = [w for w in list(words["denominators"]) + list(words["fractions"]) if w not in ("half", "halves")]
        den_alt = _alternation(dens + [d + "s" for d in dens if not d.endswith("s")]
                               + [o + "s" for o in words["ordinal_units"] if o not in ("first", "second")]
                               + [o for o in words["ordinal_units"] if o not in ("first", "second")])
        card = rf"(?:(?:{tens})(?:-(?:{ones}))?|{ones}|hundred|thousand|million|billion|trillion|lakh|crore|dozens?)"
        den = rf"(?:(?:{tens})-(?:{ords})s?|{den_alt}|halves|half)"
        # 'twenty firsts', 'one hundred and fifth': an ordinal unit closing a compound denominator.
        den_end = rf"(?:(?<=(?:{tens}|hundred|thousand)(?:\s+and)?[\s-]+)(?:first|second)s?)"
        elem = rf"(?:{card}|{den}|{den_end}|point(?=[\s-]+(?:{ones})))"
        # 'a fifth', 'a hundredth', 'a twenty-first' of something: a share (not 'a fifth straight year').
        a_den = (rf"(?:(?<=\b(?:a|an|another)\s{{1,3}})(?:{den})"
                 # a quarter point; 'sowed a third less land': a share before a comparative
                 rf"(?=\s+of\b|\s*[^\w\s-]|\s*$|[\s-]+(?:percentage[\s-]+)?points?\b"
                 rf"|\s+(?:less|more|fewer|lower|higher|smaller|larger|bigger|cheaper|faster|slower)\b)"
                 # 'jumped more than a third in their debut': after a bound, 'a third' is a share, unless an
                 # ordinal's noun follows ('by a third straight year')
                 rf"|(?<=\b(?:(?:more|less|fewer)\s+than|nearly|almost|about|roughly|around|over|under|by|just)"
                 rf"\s+(?:a|an)\s{{1,3}})(?:{den})(?![\s-]+(?:straight|consecutive|successive|times?|round|term|"
                 rf"place|in\s+a\s+row|quarter|half|day|week|month|year|season|game|match|wave|dose)\b))")
        joiner_ = (rf"(?:(?<=hundred|thousand|million|billion|trillion|lakh|crore|dozen)\s+and\s+(?!a\s+(?!half|quarter))"
                   # 'one thousand, four hundred': a comma after a scale word before the hundreds of a number
                   rf"|(?<=thousand|million|billion|trillion),\s+(?=(?:(?:{tens})(?:-(?:{ones}))?|{ones})\s+hundred\b)"
                   rf"|(?:\s+and\s+(?:an?\s+)?|-and-(?:an?-)?)(?=(?:(?:{card})[\s-]+)*(?:{den})\b)|[\s-]+(?:a\s+)?|\s+of\s+a\s+)")
        quarter_of = _alternation(en.get("quarter_of_units") or [])   # the quarter mile, a quarter-inch
        a_next = rf"(?:hundred|thousand|million|billion|trillion|lakh|crore|dozens?|half|quarter|{den})"
        words_run = (rf"(?>(?:(?<![A-Za-z-])|(?<=[a-z]-to-)|(?<=(?<![\w-])(?:sub|over|under)-))(?:(?:a|an)\s+(?={a_next}\b))?"
                     rf"(?:{card}|half|quarter(?=\s+(?:hundred|thousand|million|billion|trillion)|[\s-]+(?:{quarter_of})\b)|{a_den})\b"
                     rf"(?:{joiner_}{elem}\b)*)")
        months = ("January|February|March|April|May|June|July|August|September|October|November|December|"
                  "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
        glued_alt = _alternation(quals.get("glued_before") or [])
        vague_alt = _alternation([w.replace(" ", "\x00") for w in words.get("vague_plurals") or []]).replace(
            "\x00", r"\s+")
        atom = rf"""
            (?P<vague>(?<![0-9][ \t]{{0,2}})(?<![\w-])(?:{vague_alt})(?![\w-])(?!(?<=(?i:scores))\s+of\s+[0-9]))   # not 'scores of 21-9'
          | (?P<date>[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}(?![0-9])|[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?(?![0-9])
                |\b(?:{months})\.?\s+[0-9]{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+[0-9]{{4}})?
                |\b[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:{months})\b(?:,?\s+[0-9]{{4}})?
                |\b(?-i:January|February|March|April|May|June|July|August|September|October|November|December)\s+[0-9]{{4}}(?![0-9]))
          | (?P<doubling>\b(?:{mult_alt})\b)
          | (?P<dotted>(?<![\w.])[0-9]{{1,3}}(?:\.[0-9]{{1,3}}){{3}}(?![\w.]))
          | (?P<vulgar>(?:(?<![\w.])[0-9]{{1,3}}\s?)?[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒])
          | (?P<ordnum>\b(?:[0-9]{{1,3}}(?:,[0-9]{{3}})*,(?=[0-9]{{3}}(?:st|nd|rd|th)\b))?[0-9]*(?:(?<![0-9]1)(?:1st|2nd|3rd)|(?:1[1-3]|[04-9])th)\b)
          | (?P<slash>(?:(?<![\w/.])-\s?)?(?:(?<![\w/.]){_A}\s{{1,2}})?(?<![\w/.])(?<![0-9]-)(?<![A-Za-z]-)(?!0[0-9])[0-9]+\s?/\s?(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)(?![0-9/]|[.,][0-9])
                |(?<![\w/.-])[0-9]{{1,3}}-[1-9]/(?:2|3|4|8|16)(?![0-9/.]))   # 2-1/2 inches: a mixed number
          | (?P<ratio>(?<![\w.])(?<![0-9][-–])(?P<rnum>[0-9]{{1,3}}|{card}(?:[\s-]+{card})*)\s+(?:out\s+of|in)\s+(?P<rden>(?:[0-9]{{1,3}}(?:,[0-9]{{3}})*(?![0-9,.])|{card}(?:[\s-]+{card})*\b)(?:\s+(?:thousand|million|billion)\b)?))
          | (?:(?P<cur>(?<![A-Za-z])(?:{prefix_alt}))\s?)?
            (?P<neg>\b(?<!\bplus\s+or\s+)(?:minus|negative(?:\s+of)?)(?:\s+|-(?=[0-9])))?   # minus 5, minus-5, a negative of 0.3%
            # a figure starts neither after a letter (unless a cue is glued to it: nearly1,200) nor inside a thousands
            # group (Dh36,250 is not 250)
            (?P<num>(?(cur)|(?:(?<![\w.])(?!(?<=[0-9],)[0-9]{{3}}(?![0-9]))|(?<=(?<![A-Za-z])(?:{glued_alt}))))(?:(?<![\w)%/-])(?<![0-9%][ \t]{{1,3}})-(?!\s)|(?<![\w)%-][ \t]{{0,3}})-\s)?(?:(?P<euro>[0-9]{{1,3}}(?:\.[0-9]{{3}})+,[0-9]+(?![0-9]|[.,][0-9])|[0-9]{{1,3}},[0-9]{{1,2}}(?=\s?%)|[0-9]{{1,3}}(?:\.000)+(?=\s[A-Za-z])|[0-9]{{1,3}},[0-9]{{1,2}}(?=\s?(?:million|billion|trillion|bn|mn|m)\b)|(?<![0-9],)[0-9]{{1,3}},[0-9]{{1,2}}(?![0-9]|,[0-9])(?=\s?(?:{unit_alt})(?![a-z0-9]))|(?(cur)[0-9]{{1,3}},(?:[0-9]{{2}}|[0-9]{{4,6}})(?![0-9]|,[0-9])|(?!))|(?<![-−])(?!0\.)[0-9]{{1,3}}(?:\.[0-9]{{3}})+(?=\s(?!(?:{unit_alt})\b)(?-i:[a-z]{{2,}}|[A-Z]{{2,}})s\b(?!\s+per\b)))|[0-9]{{1,3}}(?:,[ ]0[0-9]{{2}})+(?![0-9]|\.[0-9])|(?<![0-9.])[0-9]{{1,2}}\.[ ][0-9]{{1,2}}(?=[ \t]?(?:%|per[ \t]?cent|percent)(?![a-z]))|[0-9]{{1,3}}(?:(?:[ \u202f][0-9]{{3}}(?![0-9])){{2,}}|[ \u202f][0-9]{{3}}(?![0-9])(?![ \t]+(?-i:[A-Z0-9])))(?:\.[0-9]+)?|{_A}){_EXP}
                |(?<![\w.])\.[0-9]+|{words_run})
            (?P<scale>{_EN_SCALE.replace("{misspelt}", _alternation(list(words["misspelt_scales"])))})?
            (?:(?:\s{{0,2}}|-)(?![x×]\s*[0-9])(?!{not_unit_alt})(?P<unit>(?:{unit_alt})(?![a-z0-9]|\.[a-z]\.)))?
        """
        trig = set("0123456789.-$€£¥₿₹₩½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒") | {p[0] for p in prefixes if not p[0].isalpha()}
        trig_words = ["a", "an", "half", "point"] + list(words["ones"]) + list(words["tens"]) + list(
            en["multiplying_verbs"]) + ["hundred", "thousand", "million", "billion", "trillion", "dozen"] + \
            months.split("|") + dens + [p for p in prefixes if p[0].isalpha()] + ["minus", "negative"] + \
            [w.split()[0] for w in words.get("vague_plurals") or []]
        sep = r"\s{0,2}(?:-to-|-\s{1,2}to|--|-|–|—|to|through|thru|~|and|or)\s{0,2}"   # 18- to 34-year-olds; 3--4
        not_numbers, financial, subunit, subunits = {}, frozenset(), None, {}
        sub = {k: (v[0], float(v[1])) for k, v in (table.get("currency_subunits") or {}).items()}
        subunits = sub
        subunit = regex.compile(rf"\s*(?:and\s+)?(?P<n1>[0-9]+|{_alternation(list(words['ones']) + list(words['tens']))}"
                                rf"(?:[\s-](?:{ones}))?)(?:\s+(?P<u1>{_alternation(sub.keys())}))?\b",
                                regex.IGNORECASE)
    flags = regex.VERBOSE | (regex.IGNORECASE if lang == "en" else 0)
    trig_cls = "".join(regex.escape(c) for c in sorted(trig))
    if lang == "en":
        # A word can start a mention only at a word start: 'one', 'half', 'usd', 'hk$'.
        trigger = regex.compile(rf"[{trig_cls}]|(?<![A-Za-z])(?={_alternation([w.lower() for w in trig_words])}"
                                rf"|(?:{prefix_alt}))",
                                regex.IGNORECASE)
    else:
        # The trigger is a linear pattern (a class and a word list, no nested repeats), so the standard
        # library's faster engine runs it; the atom pattern keeps the `regex` module and its timeout.
        trigger = re.compile(rf"[{trig_cls}]|-(?=[0-9.{_CH}])|(?={_alternation(zh_trig_words)})")
    return _Grammar(
        trigger=trigger,
        atom=regex.compile(atom, flags),
        atom_plain=regex.compile(_without_branches(atom, ("frac", "slash")), flags) if lang == "zh" else None,
        cue_window=2 * max((len(w) for (side, w) in cue_q if side == "before"), default=10) + 6,
        range_sep=regex.compile(sep, regex.IGNORECASE),
        qualifier_before=qb,
        qualifier_after=qa,
        cue_qualifier=cue_q,
        joiner=joiner,
        not_numbers=not_numbers,
        financial=financial,
        currency_prefix={**({c.lower(): c for c in iso_currency_prefixes()} if lang == "en" else {}),
                         **{k.replace(" ", "").lower() if lang == "en" else k: v for k, v in prefixes.items()}},
        subunit=subunit,
        subunits=subunits,
        cue_last_chars=frozenset(w[-1].lower() for (side, w) in cue_q if side == "before")
        | frozenset(quals.get("fillers") or []),
        cue_first_chars=frozenset(w[0].lower() for (side, w) in cue_q if side == "after"),
        unit_after=regex.compile(rf"(?:[ \t]{{1,2}}|-)(?P<unit>(?:{unit_alt})(?![a-z0-9]|\.[a-z]\.))", regex.I)
        if lang == "en" else None,
    )


# Full-width punctuation of Chinese prose (，（）：；！？) needs no folding for the patterns, which name the
# full-width forms where they matter; a text with nothing else to fold is scanned as it is (the fold is 1:1, so
# offsets are the same either way). Full-width digits bring the full fold (１２，３４５ keeps its separator).
_PROSE_PUNCT = "，（）：；！？"


@lru_cache(maxsize=1)
def _needs_fold() -> "re.Pattern":
    chars = "".join(chr(c) for c in sorted(fold_table()) if chr(c) not in _PROSE_PUNCT)
    return re.compile("[" + re.escape(chars) + "]")


def _scan_text(text: str, lang: str) -> str:
    if _needs_fold().search(text) is None:
        return text
    return normalize_digits(text)


_ZH_CLAUSE_COMMA = regex.compile(r"[0-9]，(?=[0-9])")
_IMPROPER_SLASH = regex.compile(r"-?[0-9]{2,}\s?/\s?[0-9]+")
_DAY_SLASH = regex.compile(r"(?:1[0-2]|[1-9])/(?:[12][0-9]|3[01]|[1-9])")
_YEAR_SPAN = regex.compile(r"(?:19|20)[0-9]{2}\s?/\s?(?:(?:19|20)?[0-9]{1,2})")   # 2023/24, 2004/5
_RAISED_POINT = regex.compile(r"(?<=[0-9])·(?=[0-9])")
_DIMENSION_GAP = regex.compile(r"[ \t]?[x×][ \t]?")
_GLUED_TIMES = regex.compile(r"(?<=[0-9])(?<!(?<![0-9.])0)x(?=[0-9])")   # not the 0x of a hex code
# –40C, (–5%): an en dash glued to a figure and standing after no figure is a minus sign (not 2020–21, not 10 –20).
_EN_DASH_MINUS = regex.compile(r"(?<![0-9%][ \t]{0,3})(?<![\w–-])–(?=[0-9])")
# M7.1 earthquake, 'registered as M7.1 (downgraded from M7.3)': the M of a quake's magnitude, read as a space so that
# the figure is read; only where the text speaks of a quake.
_QUAKE_NOUNS = r"(?:earthquakes?|quakes?|temblors?|tremors?|aftershocks?)"
_QUAKE_M = regex.compile(rf"(?<![\w.-])M(?=[0-9]\.[0-9]{{1,2}}(?![\w.]|\.[0-9])"
                         rf"|[0-9](?:\.[0-9]{{1,2}})?[ \t-]+(?:[a-z]+[ \t]+)?(?i:{_QUAKE_NOUNS})\b)")   # not the M5 motorway
_QUAKE_WORDS = regex.compile(rf"\b(?:{_QUAKE_NOUNS}|seismic|magnitude|USGS)\b", regex.I)
# 'temperatures down to – 65 degs': a spaced dash after a word that names a level is a minus before a temperature.
_SPACED_MINUS_BEFORE = regex.compile(r"\b(?:to|at|of|reached|reach|hit|hits|around|about|near|below|low)[ \t]{1,2}"
                                     r"(?P<dash>[–-])[ \t]$", regex.I)
_DEGREES_AFTER = regex.compile(r"[ \t]?(?:°|degrees?\b|degs?\b)", regex.I)
_TEMPERATURES = frozenset(("degc", "degf", "kelvin"))
_URL = regex.compile(r"(?:https?://|www\.)[^\s<>\"'，。]+", regex.I)
_CJK = regex.compile(r"\p{Han}")
_LATIN = regex.compile(r"[A-Za-z]")


def detect_lang(text: str) -> str:
    """'zh' when CJK characters outnumber a fifth of the Latin letters, else 'en'."""
    head = text[:5000]
    cjk = len(_CJK.findall(head))
    latin = len(_LATIN.findall(head))
    return "zh" if cjk * 5 >= latin and cjk > 0 else "en"


def quantities(text: str, lang: str | None = None) -> list[dict]:
    """Every number mention in `text` (claim or not), as dicts: start, end (exclusive), surface, number,
    value, unit, unit_surface, value_low, value_high, qualifier, kind."""
    return [dict(q.__dict__) for q in find_quantities(text, lang)]


def find_quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """The same as quantities(), as Quantity objects."""
    if not text:
        return []
    lang = lang or detect_lang(text)
    g = grammar(lang)
    norm = _scan_text(text, lang)
    if lang == "zh" and "，" in text and norm is not text:
        # A full-width comma between ASCII digits is the clause comma of Chinese text ($20，300美圆), not a
        # thousands separator (that one is written with full-width digits: ２０，３００).
        hits = [c.start() + 1 for c in _ZH_CLAUSE_COMMA.finditer(text)]
        if hits:
            chars = list(norm)
            for h in hits:
                chars[h] = "，"
            norm = "".join(chars)
    if lang == "en" and "x" in norm:
        # 1920x1080: the glued x of a dimension is a times sign, so both figures are read.
        norm = _GLUED_TIMES.sub("×", norm)
    if lang == "en" and "–" in norm:
        norm = _EN_DASH_MINUS.sub("-", norm)
    if lang == "en" and "M" in norm:
        norm = _QUAKE_M.sub(lambda m: " " if _QUAKE_WORDS.search(norm, max(0, m.start() - 100), m.start() + 100)
                            else "M", norm)
    if "·" in norm:
        # 40·2%: the raised decimal point of British and medical journals (not a name dot: 马克·吐温).
        norm = _RAISED_POINT.sub(".", norm)
    found: list[Quantity] = []
    n = len(norm)
    # Numbers inside a URL (…%20and%28…) are no mentions.
    urls = [u.span() for u in _URL.finditer(norm)] if ("://" in norm or "www." in norm) else []
    url_i = 0
    atom = g.atom
    if g.atom_plain is not None and "分" not in norm and "/" not in norm:
        atom = g.atom_plain
    atom_match = atom.match
    long_run = _LONG_RUN.match
    search = g.trigger.search
    t = search(norm, 0)
    while t is not None:
        start = t.start()
        nxt = start + 1
        if urls:
            while url_i < len(urls) and urls[url_i][1] <= start:
                url_i += 1
            if url_i < len(urls) and urls[url_i][0] <= start:
                t = search(norm, urls[url_i][1])
                continue
        try:
            if long_run(norm, start):
                m = atom_match(norm, start, min(n, start + _MAX_MENTION), timeout=REGEX_TIMEOUT_S)
            else:
                m = atom_match(norm, start, min(n, start + _MAX_MENTION))
        except TimeoutError:
            m = None
        if m is not None and m.end() > start and lang == "en" and m.group("dotted"):
            # 192.168.1.2: four numbers, not a decimal.
            for part in regex.finditer(r"[0-9]+", norm, pos=start, endpos=m.end()):
                v = float(part.group())
                found.append(Quantity(part.start(), part.end(), text[part.start():part.end()], v, v, ""))
            t = search(norm, m.end())
            continue
        split = _counted_compound(m, norm) if m is not None and lang == "en" and m.group("unit") else None
        if split is not None:
            found.append(split)
            t = search(norm, split.end + 1)
            continue
        if m is not None and m.end() > start:
            q = _cached_atom(m, start, text, norm, lang, g)
            if q is None and lang == "en" and m.group("num") and m.group("num")[:1].isalpha():
                # 'three-nought-four': words that make no one number are read one by one.
                pieces = _en_word_pieces(m, text, norm)
                found.extend(pieces)
                nxt = max(nxt, pieces[-1].end if pieces else m.end("num"))
            elif q is None:
                # Skip past a numeral run that is no number (十四五, 万万), so its tail is not read alone.
                if m.group("num") or (lang == "zh" and m.group("vague")):
                    nxt = m.end()
            else:
                unit = q.unit
                if unit and len(unit) == 3 and unit.isupper():
                    q = _zh_subunits(q, text, norm, g) if lang == "zh" else _en_subunits(q, text, norm, g)
                found.append(q)
                nxt = max(q.end, nxt)
        t = search(norm, nxt)
    if lang == "en" and found:
        found = _letter_sign_amounts(_drop_not_quantity_spans(found, norm), text, norm)
    return _merge_ranges(found, text, norm, g, lang)


@lru_cache(maxsize=1)
def _letter_sign() -> "tuple[dict, regex.Pattern]":
    letters = patterns.load("en/units.yaml").get("amount_letter_prefix") or {}
    closers = patterns.load("en/not_quantities.yaml").get("name_phrase_closers") or []
    # the figure closes its phrase (N442., N462 on Monday), so that N95 masks stay a name
    figure = regex.compile(rf"(?<![\w'’])(?P<sign>(?-i:{_alternation(letters)}))(?P<num>[0-9]+(?:\.[0-9]+)?)"
                           rf"(?=[ \t]*(?:[^\w\s.]|\.(?![0-9])|$)|[ \t]+(?:{_alternation(closers)}|per|each|a|an)\b)",
                           regex.I)
    return letters, figure


def _letter_sign_amounts(found: list[Quantity], text: str, norm: str) -> list[Quantity]:
    """'slid to N446 …, compared to last Friday's N442': once a sentence writes a letter sign before money (N446
    against the dollar, R2 billion), the same letter before a bare figure there is the same currency."""
    letters, figure = _letter_sign()
    signs = {q.unit_surface for q in found if q.unit_surface in letters and q.unit == letters[q.unit_surface]}
    if not signs:
        return found
    added = []
    for m in figure.finditer(norm, timeout=REGEX_TIMEOUT_S):
        if m.group("sign") in signs and not any(q.start < m.end() and m.start() < q.end for q in found) \
                and not _en_not_quantities().identifier.search(norm, max(0, m.start() - 16), m.start()):
            n = float(m.group("num"))
            added.append(Quantity(m.start(), m.end(), text[m.start():m.end()], n, n, letters[m.group("sign")],
                                  m.group("sign"), n, n, "exact", "number"))
    return sorted(found + added, key=lambda q: q.start) if added else found


@lru_cache(maxsize=1)
def _en_not_quantity_spans() -> "tuple[regex.Pattern, ...]":
    # Compiled one by one: each then scans for its own literal start, which one alternation of all cannot do.
    spans = patterns.load("en/not_quantities.yaml").get("not_quantity_spans") or []
    return tuple(regex.compile(p) for p in spans)


def _drop_not_quantity_spans(found: list[Quantity], norm: str) -> list[Quantity]:
    """Numbers inside a telephone number, a street address or a state + ZIP code are no quantities."""
    spans = [m.span() for pattern in _en_not_quantity_spans()
             for m in pattern.finditer(norm, timeout=REGEX_TIMEOUT_S)]
    if not spans:
        return found
    return [q for q in found if not any(s <= q.start and q.end <= e for s, e in spans)]


# Parsed atoms by matched string: reports repeat the same figures and forms (2025年, 同比增长, 亿元).
_ATOM_CACHE: dict = {}
_ATOM_CACHE_MAX = 100_000


def _cached_atom(m: regex.Match, start: int, text: str, norm: str, lang: str, g: _Grammar) -> Quantity | None:
    matched = m.group()
    end = m.end()
    if lang == "en":
        # Currency signs and scale words after the match change its reading ('$ 20 $ 30', '75 USD million').
        key = (lang, matched, norm[end:end + 12])
        if matched[-1:] == "m":
            # a glued m is read as metres by what stands around it ('its height is 45m', '45m above sea level',
            # '2.31m (that's 7ft…)'): see _measures_metres
            key += (norm[max(0, start - 40):start], norm[end:end + 40])
    elif matched.isascii():
        key = (lang, matched, norm[end:end + 1].isalpha())
    elif len(matched) <= 3:
        # A lone character's reading depends on its neighbours (一切, 四川, 第一时间).
        key = (lang, matched, norm[max(0, start - 3):start], norm[end:end + 3])
    else:
        key = (lang, matched, norm[end:end + 1].isalpha(), norm[start - 1:start])
    hit = _ATOM_CACHE.get(key)
    if hit is None:
        q = _atom(m, text, norm, lang, g)
        hit = (False,) if q is None else (True, q.start - start, q.end - start, q.number, q.value, q.unit,
                                          q.unit_surface, q.value_low, q.value_high, q.qualifier, q.kind)
        if len(_ATOM_CACHE) >= _ATOM_CACHE_MAX:
            _ATOM_CACHE.clear()
        _ATOM_CACHE[key] = hit
        return q
    if not hit[0]:
        return None
    _, ds, de, number, value, unit, unit_surface, low, high, qualifier, kind = hit
    s, e = start + ds, start + de
    return Quantity(s, e, text[s:e], number, value, unit, unit_surface, low, high, qualifier, kind)


def _written_fraction(start: int, end: int, value: float, sign: str, text: str, norm: str, lang: str,
                      g: _Grammar) -> Quantity:
    """A fraction written with a slash or a vulgar-fraction sign: a share, unless a unit follows it (1 1/2 hours,
    a 3/4-inch pipe, 3½ percent), in which case it measures in that unit."""
    um = g.unit_after.match(norm, end) if g.unit_after is not None else None
    info = unit_info(um.group("unit"), lang) if um else None
    if info is not None and info.kind in ("number", "percent", "pp") and not _CURRENCY_CODE.fullmatch(info.unit):
        return _make(start, um.end(), text[start:um.end()], value * info.written_scale, info.unit,
                     um.group("unit"), info.kind, value=value * info.written_scale * info.factor)
    return _make(start, end, text[start:end], value, "%", sign, "fraction", value=100 * value)


def _atom(m: regex.Match, text: str, norm: str, lang: str, g: _Grammar) -> Quantity | None:
    """One regex match to a Quantity (range merging and qualifiers come after)."""
    gd = m.groupdict()
    start, end = m.span()
    # A match never ends in spaces: trailing blanks belong to the text after it.
    while end > start and norm[end - 1] in " \t":
        end -= 1
    surface = text[start:end]
    if gd.get("date"):
        return Quantity(start, end, surface, None, None, "", kind="date")
    if gd.get("doubling"):
        growth = _doubling_growth(gd["doubling"], lang)
        return Quantity(start, end, surface, growth / 100 + 1, growth, "%", surface, growth, growth,
                        kind="doubling")
    if gd.get("pctword"):
        v = float(patterns.load("zh/units.yaml")["percent_words"][gd["pctword"]])
        return _make(start, end, surface, v, "%", gd["pctword"], "percent")
    if gd.get("vague"):
        return Quantity(start, end, surface, None, None, "", kind="vague")
    if gd.get("pctpre"):
        number = _parse(gd["pnum"], lang)
        if number is not None and gd.get("pk"):
            number *= 1000
        return _make(start, end, surface, number, "%", "%", "percent")
    if gd.get("ordpre"):
        number = _parse(gd["onum"], lang)
        return _make(start, end, surface, number, "", "", "ordinal")
    if gd.get("ordnum"):
        return _make(start, end, surface, parse_arabic(regex.sub(r"[a-z]+$", "", surface.lower())), "", "",
                     "ordinal")
    if gd.get("frac"):
        value = parse_chinese(norm[start:end])
        if value is None:
            return None
        return _make(start, end, surface, value, "%", "分之", "fraction", value=100 * value)
    if gd.get("slash"):
        if _YEAR_SPAN.fullmatch(norm, start, end):
            return Quantity(start, end, surface, None, None, "", kind="year")   # the 2022/23 season
        value = _slash(norm[start:end])
        if value is None:
            return None
        if lang == "en" and _DAY_SLASH.fullmatch(norm, start, end) and value >= 1:
            return Quantity(start, end, surface, None, None, "", kind="date")   # 9/11, 7/7, 11/11: a day
        q = _written_fraction(start, end, value, "/", text, norm, lang, g)
        if lang == "en" and q.kind == "fraction" and value >= 1 and _IMPROPER_SLASH.fullmatch(norm, start, end):
            # 171/2, 245/6 (a cricket score), 25/12 (a date): a two-digit numerator over a smaller figure, with no
            # unit, is no share
            return Quantity(start, end, surface, None, None, "", kind="label")
        return q
    if gd.get("ratio"):
        a, b = _parse(gd["rnum"], lang), _parse(gd["rden"], lang)
        if a is None or not b:
            return None
        if a >= b:
            # '12 out of 10', '8 in 5': no share; the first number stands alone (the second is read next).
            e = m.end("rnum")
            return Quantity(start, e, text[start:e], a, a, "")
        return _make(start, end, surface, a / b, "%", surface, "fraction", value=100 * a / b)
    if gd.get("vulgar"):
        s = norm[start:end]
        whole = parse_arabic(s[:-1]) if s[:-1].strip() else 0.0
        value = (whole or 0.0) + unicodedata.numeric(s[-1])
        return _written_fraction(start, end, value, s[-1], text, norm, lang, g)
    if gd.get("aden"):
        value = parse_english(norm[start:end])
        return _make(start, end, surface, value, "", "", "number")
    raw_num = gd.get("num")
    if not raw_num:
        return None
    raw_num = raw_num.rstrip()
    if lang == "en" and not raw_num[:1].isdigit() and not gd.get("scale") and not gd.get("unit"):
        frac = parse_english_fraction(norm[m.start("num"):m.end("num")])
        if frac is not None and abs(frac) < 1:   # two-thirds, one third, half: a share, in percent
            return _make(start, m.end("num"), text[start:m.end("num")], frac, "%", raw_num, "fraction",
                         value=100 * frac)
    if lang == "zh" and "几" in raw_num:
        return Quantity(start, end, surface, None, None, "", kind="vague")
    inner_run = lang == "zh" and ("余" in raw_num or "多" in raw_num)
    clean = raw_num.replace("余", "").replace("多", "") if inner_run else raw_num
    digit_string = lang == "zh" and bool(gd.get("discount"))
    if lang == "en" and gd.get("euro"):
        clean = clean.replace(".", "").replace(",", ".")
    number = _parse(clean.replace("\u202f", "").replace(" ", "") if lang == "en" and clean[:1].isdigit()
                    else clean, lang, digit_string)
    if number is None:
        return None
    if gd.get("neg"):
        number = -number
    num_start = m.start("num")
    if lang == "zh" and not gd.get("unit") and not gd.get("cur") and not gd.get("tenths") \
            and not gd.get("discount") and not gd.get("datemark") and not gd.get("coll") \
            and _not_a_number(clean, norm, num_start, g):
        return None
    if lang == "zh" and clean.strip() in g.financial and not gd.get("cur") and not gd.get("coll") and not (
            gd.get("unit") and unit_table(lang)[gd["unit"].strip()].unit not in ("", "count")):
        return None  # 陆部 (登陆部队), 拾起: a lone financial numeral before a counter is a word
    scale = gd.get("scale")
    metre = lang == "en" and scale == "m" and not gd.get("cur") and not gd.get("unit") \
        and _measures_metres(norm, start, end)
    if metre:
        scale = None
    if gd.get("k"):
        number *= 1000
    if gd.get("coll"):
        number *= float(patterns.load("zh/numerals.yaml")["collectives"][gd["coll"]])
    if scale:
        s = scale.strip(" \t-").lower()
        if s[:-1] in _EN_SCALE_VALUES:
            s = s[:-1]   # '834 millions' (a non-native plural): 834 million
        elif s == "t":
            s = "tn"     # $2.5T, which _EN_SCALE takes only after a currency figure (parse_english keeps 't' no scale)
        factor = parse_english("1 " + s) if s not in ("dozens",) else 12.0
        if factor:
            number = tidy(number * factor)   # 8.31 trillion is 8.31e12, not 8310000000000.001
    qualifier = "over" if (gd.get("inner") or inner_run) else "exact"
    if gd.get("tenths"):
        td = gd.get("tenthsdigit")
        extra = (0.5 if td == "半" else (_parse(td, lang) or 0.0) / 10) if td else 0.0
        return _make(start, end, surface, number + extra, "%", "成", "percent", value=(number + extra) * 10,
                     qualifier=qualifier)
    if gd.get("discount"):
        value = number * 10 if number <= 10 else number
        return _make(start, end, surface, value / 10, "%", "折", "percent", value=value, qualifier=qualifier)
    if gd.get("ppunit"):
        return _make(start, end, surface, number, "pp", gd["ppunit"], "pp", qualifier=qualifier)
    if gd.get("datemark"):
        mark = gd["datemark"]
        if mark == "年" and 1000 <= number <= 2999 and number == int(number) and not _SCALE_CHARS.search(clean):
            return Quantity(start, end, surface, number, None, "", kind="year")
        if mark == "年":
            return _make(start, end, surface, number, "year", "年", "number", qualifier=qualifier)
        # The number of a date (1月16日) is kept, without a value: it is a time reference.
        return Quantity(start, end, surface, number, None, "", kind="date")
    unit_surface = (gd.get("unit") or "").strip()
    currency = gd.get("cur")
    if metre:
        return _metres(start, end, surface, number, qualifier)
    if unit_surface and lang == "en" and _CURRENCY_CODE.fullmatch(unit_info(unit_surface, lang).unit):
        # A currency sign or code before the next figure is that figure's ('$ 20.00 $ 37.30', 'rmb 10 usd 20',
        # '3 USD50 cards'), not this one's.
        ustart = m.start("unit")
        nxt = norm[m.end("unit"):m.end("unit") + 3]
        if nxt[:1].isdigit() or (nxt.strip()[:1].isdigit() and currency):
            end = ustart
            while end > start and norm[end - 1] in " \t-":
                end -= 1
            surface, unit_surface = text[start:end], ""
        elif not scale:
            # '75 USD million': the scale word after the code.
            sm = _SCALE_AFTER_CODE.match(norm, m.end("unit"))
            if sm:
                number *= _EN_SCALE_VALUES[sm.group(1).lower()] if sm.group(1).lower() in _EN_SCALE_VALUES \
                    else (parse_english("1 " + sm.group(1)) or 1.0)
                end = sm.end()
                surface = text[start:end]
    if lang == "en" and unit_surface.lower() == "year" and _YEAR_RAW.fullmatch(raw_num) \
            and _YEAR_COMPOUND_AFTER.match(norm, end):
        e = m.end("num")   # the 2021 year-end report: a year, not 2021 years
        return Quantity(start, e, text[start:e], number, number, "", kind="year")
    if lang == "en" and not unit_surface and not currency and not scale and (gm := _glued_unit().match(norm, end)):
        info = glued_units(lang)[gm.group()]
        return Quantity(start, gm.end(), text[start:gm.end()], number, number * info.factor, info.unit, gm.group(),
                        number * info.factor, number * info.factor, qualifier, "number")
    if unit_surface:
        info = unit_info(unit_surface, lang)
        number *= info.written_scale
        factor = info.factor
        value = number * factor if factor is not None else None
        kind = info.kind
        unit = info.unit
        if currency and unit in ("", "count"):
            unit = _currency_prefix(currency, g)
            value = number
    elif currency:
        unit, value, kind = _currency_prefix(currency, g), number, "number"
        unit_surface = currency.strip()
    else:
        unit, value, kind = "", number, "number"
        if lang == "en" and scale is None and (_looks_like_year(raw_num, norm, end)
                                               or _FISCAL_YEAR_BEFORE.search(norm, max(0, start - 3), start)
                                               or (_CLIPPED_YEAR.fullmatch(raw_num)
                                                   and _CLIPPED_YEAR_BEFORE.search(norm, max(0, start - 2), start)
                                                   and norm[end:end + 1] not in "'’")):
            kind = "year"
    return Quantity(start, end, surface, number, value, unit, unit_surface, value, value, qualifier, kind)


@lru_cache(maxsize=1)
def _glued_unit() -> regex.Pattern:
    return regex.compile(rf"(?:{_alternation(list(glued_units('en')))})(?![\w-])(?!\.\w)")


_WORD_TOKEN = regex.compile(r"[A-Za-z]+")
_POSSESSIVE_END = regex.compile(r"['’]s[ \t]$")
_CAPITAL_NEXT = regex.compile(r"[ \t]+[A-Z]")
_TIMES_BEFORE = regex.compile(r"[0-9]m?[ \t]*[x×][ \t]*$")


@lru_cache(maxsize=1)
def _metre_cues() -> tuple[regex.Pattern, regex.Pattern]:
    table = patterns.load("en/units.yaml")
    after = regex.compile(rf"\)?[ \t-]*(?:{_alternation(table['metre_m_after'])})\b|[ \t]*[x×][ \t]*[0-9]"
                          # '2.31m (that's 7ft 7 in old money)': restated in feet, inches or yards
                          rf"|[ \t]*\([^()0-9]{{0,12}}[0-9.]+[ \t]?(?:ft|feet|foot|in|inches|yards?|['’′])(?![a-z])"
                          rf"|[ \t]+in[ \t]+[0-9][0-9.:]*[ \t]*(?:{_alternation(table['metre_m_in_time'])})\b"
                          rf"|[ \t]+in[ \t]+[0-9]{{1,2}}:[0-9]{{2}}(?:[.:][0-9])?", regex.I)   # the 200m in 1:54.32
    level = _alternation(table.get("metre_m_level_verbs") or [])
    before = regex.compile(rf"(?<![\w-])(?:{_alternation(table['metre_m_before'])})\b"
                           rf"(?!(?<=\b(?:{level}))\s+(?:to|at)\b)[^.;,!?]*$", regex.I)
    return after, before


def _measures_metres(norm: str, start: int, end: int) -> bool:
    """'1.8m tall', 'its height is 48m': the glued m of a length is a metre, not a million."""
    after, before = _metre_cues()
    if after.match(norm, end) or _TIMES_BEFORE.search(norm, max(0, start - 16), start):
        return True   # 1.8m tall, (2.43m) high, 440m x 59m
    if _RACE_DISTANCE.search(norm, max(0, start - 4), end) and _METRE_TAIL.match(norm, end):
        return True   # 'won the 200m.', 'in the 1500m final': a standard race distance
    if _RACE_NUMBER.fullmatch(norm, start, end) and (
            _race_event_after().match(norm, end) or _MENS_WOMENS.search(norm, max(0, start - 10), start)):
        return True   # 'a 100m bronze', 'his fifth 100m PB', "the men's 400m IM"
    if "," in norm[start:end]:
        return True   # 'to 7,250m at rest': a million is not written with thousands groups but after a currency
                      # sign (£1,250m, which never reaches here)
    return bool(_METRE_TAIL.match(norm, end)) and bool(before.search(norm, max(0, start - 40), start))


_LAST_WORD = regex.compile(r"(?<=[a-z])[ \t]+([a-z]+(?:-[a-z]+)?)$", regex.I)


def _counted_compound(m: regex.Match, norm: str) -> Quantity | None:
    """'twenty one-hour sessions', 'a half dozen ten-minute delays': a number word hyphenated to its unit makes an
    adjective, and the number words before it count the noun; they are no part of one figure (not 21 hours).
    Returns the count, or None when the run is one figure."""
    num_end = m.end("num")
    if norm[num_end:num_end + 1] != "-" or not m.group("num")[:1].isalpha():
        return None
    last = _LAST_WORD.search(norm, m.start("num"), num_end)
    if last is None or last.group(1).lower().split("-")[-1] not in _en_simple_numbers():
        return None
    s, e = m.start("num"), last.start()
    count = parse_english(norm[s:e])
    if count is None or norm[s:e].split()[-1].lower() in ("a", "an", "and", "point"):
        return None
    return Quantity(s, e, m.string[s:e], count, count, "")


@lru_cache(maxsize=1)
def _en_simple_numbers() -> frozenset[str]:
    words = patterns.load("en/numerals.yaml")
    return frozenset(w for w in list(words["ones"]) + list(words["tens"]) if w not in ("a", "an", "oh"))


def _en_word_pieces(m: regex.Match, text: str, norm: str) -> list[Quantity]:
    toks = list(_WORD_TOKEN.finditer(norm, m.start("num"), m.end("num")))
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        best = None
        for j in range(len(toks), i, -1):
            s, e = toks[i].start(), toks[j - 1].end()
            v = parse_english(norm[s:e])
            if v is not None and toks[i].group().lower() not in ("a", "an", "and"):
                best = (j, s, e, v)
                break
        if best is None:
            i += 1
            continue
        j, s, e, v = best
        out.append(Quantity(s, e, text[s:e], v, v, ""))
        i = j
    return out


def _not_a_number(run: str, norm: str, start: int, g: _Grammar) -> bool:
    """A lone numeral character inside a word (一切, 四川), a lone financial character (队伍), a bare scale."""
    s = run.strip()
    if len(s) != 1:
        return False
    if s in g.financial or s in "百千万亿兆":
        return True
    for word, i in g.not_numbers.get(s, ()):
        j = start - i
        if j >= 0 and norm.startswith(word, j):
            return True
    return False


def _slash(s: str) -> float | None:
    """'1/3', '-3/2', '1 4/5', '- 1 4/5', '2-1/2' -> value."""
    s = s.strip()
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("-").strip()
    parts = regex.sub(r"^([0-9]+)-(?=[0-9]+/)", r"\1 ", s).split()   # 2-1/2: two and a half
    whole = 0.0
    if len(parts) > 1 and "/" not in parts[0]:
        whole = parse_arabic(parts[0]) or 0.0
        s = "".join(parts[1:])
    num, _, den = s.replace(" ", "").partition("/")
    a, b = parse_arabic(num), parse_arabic(den)
    if a is None or not b:
        return None
    return sign * (whole + a / b)


def _looks_like_year(raw: str, text: str, end: int) -> bool:
    return bool(_YEAR_RAW.fullmatch(raw.strip())) and not text[end:end + 1].isalpha() \
        and not _TIMES_AFTER.match(text, end)


_UNIT_SLASH_BEFORE = regex.compile(r"[A-Za-z]/$")
_YEAR_COMPOUND_AFTER = regex.compile(r"-(?:end|over-year|on-year|to-date)\b", regex.I)
# the ’13 race, the class of '99: a year clipped to two digits (not a quoted '24')
_CLIPPED_YEAR = regex.compile(r"[0-9]{2}")
_CLIPPED_YEAR_BEFORE = regex.compile(r"(?<![\w'’])['’]$")
_TIMES_AFTER = regex.compile(r"[ \t]?[x×][ \t]?[0-9]")   # 1920×1200: a dimension, not a year


def _make(start, end, surface, number, unit, unit_surface, kind, value=None, qualifier="exact") -> Quantity | None:
    if number is None:
        return None
    value = number if value is None else value
    return Quantity(start, end, surface, number, value, unit, unit_surface, value, value, qualifier, kind)


_SCALE_CHARS = regex.compile(r"[万亿千百kK]")
_CURRENCY_CODE = regex.compile(r"[A-Z]{3}")
_CENTS_END = regex.compile(r"[ \t]*(?:[.,](?![0-9])|[;:!?)]|$|and\b|more\b|or\b)", regex.I)
_SCALE_AFTER_CODE = regex.compile(r"[ \t]{1,2}(million|billion|trillion|thousand|mln|bn|mn)\b", regex.I)
_ARABIC_RAW = regex.compile(r"-?[0-9,.]+(?:[eE^].*)?")
_YEAR_RAW = regex.compile(r"(?:1[89]|20)[0-9]{2}|2100")


def _parse(raw: str, lang: str, digit_string: bool = False) -> float | None:
    raw = raw.strip()
    if lang == "zh":
        if _ARABIC_RAW.fullmatch(raw):
            return parse_arabic(raw)
        return parse_chinese(raw, digit_string)
    value = parse_arabic(raw)
    return value if value is not None else parse_english(raw)


def _currency_prefix(surface: str, g: _Grammar) -> str:
    key = regex.sub(r"\s", "", surface)
    return g.currency_prefix.get(key) or g.currency_prefix.get(key.lower()) or ""


def _doubling_growth(surface: str, lang: str) -> float:
    if lang == "zh":
        return float(patterns.load("zh/units.yaml")["doubling"][surface])
    times = float(patterns.load("en/units.yaml")["multiplying_verbs"][surface.lower()])
    return (times - 1) * 100


def _zh_subunits(q: Quantity, text: str, norm: str, g: _Grammar) -> Quantity:
    """五元三毛 / 50元6角三分 / 两美元又三美分: the sub-units add to the figure."""
    m = g.subunit.match(norm, q.end)
    if not m or q.value is None:
        return q
    total = q.value
    for n, u in (("n1", "u1"), ("n2", "u2")):
        if not m.group(n):
            continue
        code, factor = g.subunits[m.group(u)]
        if code != q.unit:
            return q
        v = parse_arabic(m.group(n)) if m.group(n).isdigit() else parse_chinese(m.group(n))
        if v is None:
            return q
        total += v * factor
    q.end, q.surface = m.end(), text[q.start:m.end()]
    q.number = q.value = q.value_low = q.value_high = total
    return q


def _en_subunits(q: Quantity, text: str, norm: str, g: _Grammar) -> Quantity:
    """'3 dollars 50 cents', 'thirteen dollars and forty-five cents': the cents add to the figure."""
    if q.value is None or not q.unit_surface or q.unit_surface.lower() in g.subunits:
        return q
    m = g.subunit.match(norm, q.end)
    if m and not m.group("u1") and q.unit_surface.isalpha() and q.surface.endswith(q.unit_surface) \
            and q.number == int(q.number) and not _en_scale(q) and _CENTS_END.match(norm, m.end()):
        # '15 dollars 50', 'thirteen dollars forty five', '17 USD 25': cents written without their word.
        v = parse_arabic(m.group("n1")) if m.group("n1")[0].isdigit() else parse_english(m.group("n1"))
        if v is not None and 1 <= v <= 99 and v == int(v) and (m.group("n1")[0].isalpha() or len(m.group("n1")) == 2):
            q.end, q.surface = m.end(), text[q.start:m.end()]
            q.number = q.value = q.value_low = q.value_high = q.value + v / 100
        return q
    if not m or not m.group("u1"):
        return q
    code, factor = g.subunits[m.group("u1").lower()]
    v = parse_arabic(m.group("n1")) if m.group("n1")[0].isdigit() else parse_english(m.group("n1"))
    if v is None or (code != q.unit and m.group("u1").lower() not in ("cent", "cents")):
        return q
    q.end, q.surface = m.end(), text[q.start:m.end()]
    q.number = q.value = q.value_low = q.value_high = q.value + v * factor
    return q


def _merge_ranges(found: list[Quantity], text: str, norm: str, g: _Grammar, lang: str) -> list[Quantity]:
    """Join `A sep B` into one range mention (3至5万人, 5%-7%, 8 to 10 percent); attach qualifiers; join a
    lower and an upper bound (大于10小于20, more than 10 but less than 20) into one range."""
    if lang == "en":
        found = _en_compose(found, text, norm)
    merged: list[Quantity] = []
    i = 0
    count = len(found)
    while i < count:
        q = found[i]
        nxt = found[i + 1] if i + 1 < count else None
        close = nxt is not None and nxt.start - q.end <= 12
        sep = g.range_sep.fullmatch(norm, q.end, nxt.start) if close else None
        if lang == "en" and sep:
            if q.kind == "year" and nxt.kind == "number" and not nxt.unit and nxt.number is not None \
                    and nxt.number > 2100 and "/" not in q.surface and sep.group() in ("-", "–"):
                q = replace(q, kind="number")   # '2000-4000 deaths': a year-like lower figure of a range of counts
            # '10m to 12m deep', 'sea levels could rise 0.9m to 1.5m': both ends of a range are lengths
            if _glued_metres(nxt) and _glued_million(q):
                q = _as_metres(q)
            elif _glued_metres(q) and _glued_million(nxt):
                nxt = found[i + 1] = _as_metres(nxt)
        if close and _range_compatible(q, nxt):
            if sep and _sep_allowed(sep.group().strip().lower(), q, nxt, norm, lang):
                if nxt.unit_surface == "间" and sep.group().strip() in ("与", "和"):
                    # 10000与20000间: 间 is 'between', not the counter for rooms.
                    e = nxt.end - 1
                    nxt = Quantity(nxt.start, e, text[nxt.start:e], nxt.number, nxt.number, "", "",
                                   nxt.number, nxt.number, "exact", "number")
                merged.append(_range(q, nxt, text, lang))
                i += 2
                continue
            if sep and lang == "en" and sep.group().strip().lower() == "to" and q.kind == "number" \
                    and not q.unit and q.qualifier == "exact" and not _en_scale(q) and (nxt.unit or _en_scale(nxt)):
                # 'fell from 10 to 8 million tonnes': two figures, the first written without the scale and unit
                # that the second carries for both.
                q = _with_unit_of(q, nxt, text, lang)
            elif lang == "en" and q.kind == "number" and not q.unit and q.number is not None and nxt.unit \
                    and nxt.kind == "number" and _DIMENSION_GAP.fullmatch(norm, q.end, nxt.start):
                # '4x5 metres', '397.71 x 56.40m': a dimension shares its unit (a length has no scale word)
                v = q.number * (nxt.value / nxt.number) if nxt.value is not None and nxt.number else None
                q = Quantity(q.start, q.end, q.surface, q.number, v, nxt.unit, nxt.unit_surface, v, v, q.qualifier,
                             "number")
        merged.append(q)
        i += 1
    if lang == "en" and "below" in norm:
        merged = [_negated(q, q.start, text) if _below_zero(q, norm) else q for q in merged]
    cues: list[tuple[int, int] | None] = []
    any_cue = False
    for q in merged:
        span = None
        if q.qualifier == "exact" and q.kind not in _NO_QUALIFIER:
            q.qualifier, span = _qualifier(norm, q, g)
            if span is not None:
                any_cue = True
        cues.append(span)
    if not any_cue:
        return merged
    out: list[Quantity] = []
    i = 0
    while i < len(merged):
        a = merged[i]
        if i + 1 < len(merged):
            b = merged[i + 1]
            if a.qualifier in _BOUNDS and b.qualifier in _BOUNDS and a.qualifier != b.qualifier and a.kind == b.kind and a.value is not None \
                    and b.value is not None and (not a.unit or not b.unit or a.unit == b.unit):
                gap_start = max(a.end, cues[i][1]) if cues[i] else a.end
                gap_end = min(b.start, cues[i + 1][0]) if cues[i + 1] else b.start
                if gap_start <= gap_end and g.joiner.fullmatch(norm, gap_start, gap_end):
                    low, high = (a, b) if a.qualifier == "over" else (b, a)
                    lo, hi = low.value, high.value
                    if lo >= hi:   # 大于50小于12, more than 40 and less than 10: two bounds, no range
                        out.append(a)
                        i += 1
                        continue
                    out.append(Quantity(a.start, b.end, text[a.start:b.end], (low.number + high.number) / 2,
                                        (lo + hi) / 2, a.unit or b.unit, a.unit_surface or b.unit_surface,
                                        lo, hi, "range", a.kind))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


_BOUNDS = ("over", "under")
_NO_QUALIFIER = frozenset(("date", "year", "ordinal", "vague", "label"))
_EN_LAST_SCALE = regex.compile(r"(hundred|thousand|million|billion|trillion|lakh|crore)s?\s*$", regex.I)
_EN_SCALE_VALUES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
                    "lakh": 1e5, "crore": 1e7}
_OVER_GAP = regex.compile(r"\s+over\s+", regex.I)
_AND_GAP = regex.compile(r"\s+(?:and\s+)?", regex.I)
_CLAUSE_END = regex.compile(r"\s*(?:[^\w\s]|$)")
_GLUED_M = regex.compile(r"[0-9]m$")
# After a length cued before it ('sea levels could rise 1m by 2100'), no counted noun follows: the figure ends its
# clause or a preposition follows.
_RACE_NUMBER = regex.compile(r"(?:60|100|110|200|400|800|1,?500|3,?000|5,?000|10,?000)m", regex.I)
_RACE_DISTANCE = regex.compile(rf"\bthe\s{_RACE_NUMBER.pattern}$", regex.I)
_MENS_WOMENS = regex.compile(r"\b(?:wo)?men['’]s[ \t]+$", regex.I)


@lru_cache(maxsize=1)
def _race_event_after() -> regex.Pattern:
    words = patterns.load("en/units.yaml")["race_distance_m_after"]
    return regex.compile(rf"[ \t]+(?:{_alternation(words)})\b")


_METRE_TAIL = regex.compile(r"\s*(?:[^\w\s]|$)|\s+(?:by|in|at|on|over|within|before|until|during|from|to|or|and"
                            r"|since|across|along)\b", regex.I)
_DIGIT_RUN = regex.compile(r"[0-9.,]*")
# 'the second half', 'the back half': a period of a match or a year, not a quantity.
_PERIOD_HALF = regex.compile(r"(?<![\w-])(?:the|first|second|latter|other|back|front|top|bottom|opening|closing)"
                             r"\s+$", regex.I)


def _glued_metres(q: Quantity) -> bool:
    return q.unit == "m" and q.unit_surface == "m"


def _glued_million(q: Quantity) -> bool:
    """'10m' read as ten million: a bare figure whose glued m is the scale word."""
    return not q.unit and q.kind == "number" and q.qualifier == "exact" and q.number is not None \
        and bool(_GLUED_M.search(q.surface))


def _metres(start: int, end: int, surface: str, number: float, qualifier: str) -> Quantity:
    """A figure whose glued m is the metre ('1.8m tall')."""
    info = unit_table("en")["metres"]
    value = number * info.factor
    return Quantity(start, end, surface, number, value, info.unit, "m", value, value, qualifier, "number")


def _as_metres(q: Quantity) -> Quantity:
    """A figure first read as millions ('10m'), read again as metres."""
    return _metres(q.start, q.end, q.surface, tidy(q.number / 1e6), q.qualifier)


def _en_scale(q: Quantity) -> float | None:
    m = _EN_LAST_SCALE.search(q.surface)
    return _EN_SCALE_VALUES[m.group(1).lower()] if m else None


def _plain(q: Quantity) -> bool:
    return q.kind in ("number", "year") and not q.unit and q.number is not None


@dataclass(frozen=True)
class _EnNotQuantities:
    identifier: regex.Pattern       # Highway 35, exit 436: a word that makes the number after it a name
    one_idiom: regex.Pattern        # 'one by one', 'one can': 'one' is no count
    one_time: regex.Pattern         # 'One day, he left', 'could one day win': an adverb of time, no duration
    score_word: regex.Pattern       # won 3-1, a 52-48 vote
    rank: regex.Pattern             # No. 1, #3, the top 10
    name_before: regex.Pattern      # the Porsche 911 is…: a proper noun inside a sentence before a bare number
    name_first: regex.Pattern       # Voyager 1 is…: the same at the start of a sentence (not 'Nearly 40', 'Only 12')
    name_after: regex.Pattern       # …and what may follow such a number when it names (not a counted noun)
    hyphen_idiom: regex.Pattern     # one-off, two-way: a number word that only makes an adjective
    pronoun_one: regex.Pattern      # 'the one you mentioned', 'no one', 'the average one': no count (before 'one')
    one_of_conjunction: regex.Pattern   # 'said that one of the computers': a count after all
    company_after: regex.Pattern    # 3M's, 3M Co: after a figure with a glued scale letter, a company's name
    singular_after: regex.Pattern   # 'Walney 3 extension,': a singular noun closing a phrase, which no count > 1 counts
    time_of_day_before: regex.Pattern   # 'at 8 (or)': before an hour written bare…
    time_of_day_after: regex.Pattern    # …'(or 9) this morning': after it


@lru_cache(maxsize=1)
def _en_not_quantities() -> _EnNotQuantities:
    table = patterns.load("en/not_quantities.yaml")
    words = patterns.load("en/numerals.yaml")
    number_words = list(words["ones"]) + list(words["tens"]) + list(_EN_SCALE_VALUES)
    return _EnNotQuantities(
        identifier=regex.compile(
            rf"(?<![\w.])(?:{_alternation([w.lower() for w in table['identifier_before']])})[ \t]*$", regex.I),
        # one's own: the possessive is glued, every other word follows a space
        # 'compared with one of US$17.8 billion': 'one' stands for a noun named before, the amount is the figure
        one_idiom=regex.compile(rf"['’]s\b|[ \t]+(?:{_alternation([w.lower() for w in table['one_after']])})\b"
                                rf"|[ \t]+of[ \t]+(?:[A-Z]{{1,3}}[ \t]?)?[$€£¥₹]", regex.I),
        one_time=regex.compile(
            rf"(?:(?:^|(?<=[.!?\n\"“][ \t]*))One[ \t]+(?:{_alternation(table['one_time_words'])})"
            rf"(?=[ \t]*,|[ \t]+(?:in|at|when|while|last|this)\b)"
            rf"|(?<=\b(?i:{_alternation(table['one_time_modals'])})[ \t]+)one[ \t]+day(?![\w-]))"),
        score_word=regex.compile(rf"(?<![\w-])(?:{_alternation([w.lower() for w in table['score_words']])})(?![\w-])",
                                 regex.I),
        rank=regex.compile(
            rf"(?:(?<![\w.])(?:{_alternation(table['rank_before'])})[ \t]?"
            rf"|(?:(?<![\w-])(?i:{_alternation(table['top_rank_after'])})[ \t]+|^|(?<=[.!?\n][ \t]*))(?i:top)[ \t-]"
            rf"|(?<=[\w,][ \t]+)Top[ \t-])$"),   # the Mainstream Top 40: a chart's name
        name_before=regex.compile(
            rf"(?<=[\w,)&–—:/][ \t]*(?<=[:/]|[ \t]))(?<!\b(?i:{_alternation(table['listener_verbs'])})[ \t]+)"
            rf"(?!(?:{_alternation(table['not_names'])})\b)[a-z]*[A-Z][\w&'’.-]*[ \t]$"),
        name_first=regex.compile(
            rf"(?:^|(?<=[.!?\n\"“(][ \t]*))(?!(?:{_alternation(table['not_names'])})\b)"
            rf"(?![A-Za-z]*(?:ly|ing)\b)(?!(?i:{_alternation(number_words)})\b)[A-Z][\w&'’.-]*[ \t]$"),
        hyphen_idiom=regex.compile(rf"(?:{_alternation(table['hyphen_idioms'])})(?![\w-])", regex.I),
        pronoun_one=regex.compile(
            rf"(?<![\w-])(?:(?:{_alternation(table['one_pronoun_before'])})"
            rf"|(?:{_alternation(table['one_determiners'])})[ \t]+"
            rf"(?:{_alternation(table['one_adjectives'])}|(?!number\b)[a-z]{{2,}}(?:er|est)))[ \t]+$", regex.I),
        company_after=regex.compile(
            rf"['’]s\b|[ \t]+(?:{_alternation(table['company_suffixes'])})(?![\w.])"
            rf"|(?<=[A-Z][\w&.'’-]*,[ \t]+[0-9]+[A-Z])(?=[ \t]*,[ \t]+[A-Z]|[ \t]+and[ \t]+[A-Z])"),
        singular_after=regex.compile(
            rf"[ \t]+(?!(?:{_alternation(table['name_number_after'])})\b)[a-z]{{3,}}(?:(?<!s)|(?<=ss|us))(?<!ly|ing|ed)\b"
            rf"(?=[ \t]*[.,;:!?)]|[ \t]+(?:[0-9]|(?:{_alternation(table['name_phrase_closers'])})\b))"),
        time_of_day_before=regex.compile(
            rf"(?<![\w-])(?:{_alternation(table['time_of_day_before'])})[ \t]+(?:[0-9]{{1,2}}[ \t]+or[ \t]+)?$", regex.I),
        time_of_day_after=regex.compile(
            rf"(?:[ \t]+or[ \t]+[0-9]{{1,2}})?[ \t]+(?:{_alternation(table['time_of_day_after'])})\b", regex.I),
        one_of_conjunction=regex.compile(rf"(?<![\w-])(?:{_alternation(table['one_of_after_conjunction'])})[ \t]+$",
                                         regex.I),
        # after the number: a clause end, a bracket ('Iron Man 3 ($409m)'), a capital, a listed word, or a verb in
        # the past tense ('Unfriended 2 opened', 'Kosmos 2251 generated'), but not one that counts casualties
        name_after=regex.compile(
            rf"(?:s\b|[ \t]*(?:[.,;:!?)\]”\"]|$|['’‘]s\b|[ \t]+(?:[A-Z(]|(?:{_alternation(table['name_number_after'])})\b"
            rf"|(?!(?:{_alternation(table['count_verbs'])})\b)[a-z]{{3,}}ed\b)))"),
    )


_DECADE_AFTER = regex.compile(r"['’]?s\b")
_DECADE_PART_BEFORE = regex.compile(r"(?<![\w-])(?:early|mid|late)-$", regex.I)   # the mid-2020s: no name
_HHMM = regex.compile(r"(?:[01][0-9]|2[0-3])[0-5][0-9]")           # 1719 (GMT)
_DOTTED_TIME = regex.compile(r"(?:[01]?[0-9]|2[0-3])\.[0-5][0-9]")  # 14.05 (GMT), the British way
# 'at 1400 hrs', '0900 hours': a 24-hour clock time written with hours (not 'after 1200 hours of flying')
_CLOCK_HOURS = regex.compile(r"(?:0[0-9](?:[0-5][0-9])|(?:1[0-9]|2[0-3])[0-5][0-9](?<=(?:\bat|\bby|until|till|\bfrom)"
                             r"[ \t]+[0-9]{4}))[ \t]?(?:hrs|hours)\b\.?(?![ \t]+of\b)", regex.I)
_WEEKDAY_BRACKET = regex.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day[ \t]+\($")
_AT_GAP = regex.compile(r"[ \t]+at[ \t]+", regex.I)


def _time_of_day(b: Quantity, norm: str, out: list[Quantity]) -> bool:
    """'at 8 or 9 this morning', 'at 3 local time': an hour between time words; '10.3C at 14.05': a British time
    after a measurement (not after a price or a share: 'closed up 2% at 14.05' is a price)."""
    nq = _en_not_quantities()
    if (0 <= b.number <= 24 or _HHMM.fullmatch(b.surface) or _DOTTED_TIME.fullmatch(b.surface)) \
            and nq.time_of_day_before.search(norm, max(0, b.start - 16), b.start) \
            and nq.time_of_day_after.match(norm, b.end):
        return True
    q = out[-1] if out else None
    return bool(_DOTTED_TIME.fullmatch(b.surface) and q is not None and q.unit and q.unit not in _SHARE_UNITS
                and not _CURRENCY_CODE.fullmatch(q.unit) and _AT_GAP.fullmatch(norm, q.end, b.start))


_LAKH = regex.compile(r"[0-9]+(?:\.[0-9]+)?[ \t]+lakhs?", regex.I)
_CRORE_END = regex.compile(r"crores?$", regex.I)
_OR_NUMBER_AFTER = regex.compile(r"[ \t]+or[ \t]+(?:two|three|[23])\b", regex.I)   # another one or two weeks: a count
_MONTH_DAY = regex.compile(r"[A-Z][a-z]{2,8}\.?\s+[0-9]{1,2}")   # July 14 (no year after it)
_DAY_JOIN = regex.compile(r"[ \t]*(?:and|or|to|&|-|–)[ \t]*")
_SCALE_ORDINAL_AFTER = regex.compile(r"[ \t-](hundred|thousand|million|billion)th\b", regex.I)
_CLOCK_AFTER = regex.compile(r"\s?(?:[ap]\.m\.|[ap]m\b|o'clock\b)", regex.I)
_ZONE_AFTER = regex.compile(r"\s?(?-i:GMT|UTC|EST|EDT|CET|CEST|BST|JST|IST|ET|PT)\b")   # 1719 GMT: a time of day
# Letters glued after a figure that are no unit name it: 24703L202, 5G, SW1A 2AA, flat 11a, 401(k) (not the 1990s).
_CODE_AFTER = regex.compile(r"\([a-z]\)|[A-Za-z]+[0-9]|(?-i:[A-Z]|[a-rt-z](?![A-Za-z])|ers\b)")   # also the 49ers
_LETTER_HYPHEN = regex.compile(r"(?<![0-9])(?<!(?<![A-Za-z])t(?=o-))[A-Za-z](?:[0-9][0-9.]{0,7})?-$")   # COVID-19, scp2-173, J0416.1-2403
# the over-50s, a sub-20 time, the under-5s: a bound (England Under-21 is a team's name)
_BOUND_HYPHEN = regex.compile(r"(?<![\w-])(?:[Ss]ub|[Oo]ver|under)-$")
_LEADING_ZERO = regex.compile(r"0+[1-9][0-9]*")   # 0502285: a code, not 502,285; fiscal 06/07
_GLUED_CAPITAL_SCALE = regex.compile(r"[0-9]+[MKB]")
_GLUED_LETTER = regex.compile(r"[0-9]+[A-Za-z]")
_GLUED_NAME_AFTER = regex.compile(r"[a-z]{3,}(?<!s)(?![\w-])")
_VERSION = regex.compile(r"[0-9]{1,2}\.[0-9]{1,2}")
_VERSION_AFTER = regex.compile(r"\.[0-9]|-(?:alpha|beta|rc)[0-9]*\b", regex.I)   # 2.14.1, 2.0-beta9
_PLUS_JOIN = regex.compile(r"\+[0-9]")
_PLUS_JOIN_BEFORE = regex.compile(r"[0-9]\+$")
_MODEL_X = regex.compile(r"[1-9][0-9]{2,}(?-i:X)")
_COMPARATIVE_AFTER = regex.compile(r"[ \t]+(?:more|less|fewer|[a-z]+er)\b", regex.I)   # 100X faster
_TICKER_BEFORE = regex.compile(r"(?-i:[A-Z]{2,6}):$")   # (TYO:4755), NYSE:IBM: a stock code
_FISCAL_YEAR_BEFORE = regex.compile(r"(?-i:FY)['’]?$")   # FY'24: a fiscal year
_OF_TALLY_AFTER = regex.compile(r"-(?:of|for)-[0-9]")   # 23-of-32 passing, 1-for-19: a tally
_PER_BEFORE = regex.compile(r"(?<![\w-])per\s+$", regex.I)   # 12 doses per 100 people
_SHARE_UNITS = frozenset(("%", "pp"))   # "per 1 percent" is no denominator
_NAME_AFTER_HYPHEN = regex.compile(r"-(?-i:[A-Z])")   # 7-Eleven, 3-D
# A list item's number: '2. Strengthening…' or '3) we need…' at the start of a line or sentence, '(1) the…'.
_ITEM_BEFORE = regex.compile(r"(?:^|[\n.;:!?])[ \t]*$|[;,][ \t]+(?:and|or)[ \t]+$")   # '…; and 4) the format'
_ITEM_AFTER = regex.compile(r"[ \t]?(?:\.[ \t]+(?=[A-Z])|\)[ \t]*(?=[A-Za-z(]))")
# a sentence start; also after a dateline's spaced dash ('LONDON (Reuters) - Six people died')
_SENTENCE_START = regex.compile(r"(?:^|[\n.!?:;\"“‘(\[—]|[ \t][-–][ \t]|--)[ \t'’\"”]*$")
# a title quoted inside a sentence: the novels "Fifty Shades of Grey" (a capital number word, then a capital word)
_TITLE_CLOSE_AFTER = regex.compile(r"(?:[ \t]+[A-Z][\w'’&-]*){1,4}[’”\"']")
_QUOTED_TITLE_BEFORE = regex.compile(r"[a-z,][ \t]+[\"“]$")
_CAPITAL_WORD_AFTER = regex.compile(r"[ \t]+[A-Z][a-z]")
_SCORE_JOIN = ("-", "--", "–", ":")   # won 3-1, won 3--1, voted 8:1
_RECORD_BEFORE = regex.compile(r"(?<=[\w,][ \t]+)[A-Z][\w.&'’-]*[ \t]+\((?:all[ \t]+)?$")   # a name inside a sentence
_TO_JOIN = regex.compile(r"[ \t]+to[ \t]+")


@lru_cache(maxsize=1)
def _number_word() -> regex.Pattern:
    """A text that opens with an English number word (the words of patterns/en/numerals.yaml); not the A of A$9."""
    words = patterns.load("en/numerals.yaml")
    alt = _alternation(list(words["ones"]) + list(words["tens"]) + list(_EN_SCALE_VALUES) + ["half", "dozen"])
    return regex.compile(rf"(?:{alt})(?![a-z$])", regex.I)


def _whole(q: Quantity) -> bool:
    return q.kind in ("number", "year") and not q.unit and q.qualifier == "exact" and q.number is not None \
        and q.number == int(q.number) and q.surface.isdigit()


def _is_label(q: Quantity, norm: str) -> bool:
    """A number that names or labels rather than counts: Highway 35, COVID-19, WASP-121b, 24703L202, 5G, a list
    item ('2. Strengthening…'), a capitalised number word inside a name (the Three Gorges), a code written with
    a leading zero, the denominator of a rate ('per 100 people')."""
    nq = _en_not_quantities()
    if not q.unit and _GLUED_CAPITAL_SCALE.fullmatch(q.surface) and nq.company_after.match(norm, q.end):
        return True   # 3M's shares, Ford, 3M, Hasbro: a company
    if _MODEL_X.fullmatch(q.surface) and not _COMPARATIVE_AFTER.match(norm, q.end):
        return True   # the 777X, the 500X: an upper-case X glued to a model number is no multiple
    if q.kind == "number" and q.unit not in _SHARE_UNITS and q.qualifier == "exact" \
            and _PER_BEFORE.search(norm, max(0, q.start - 8), q.start):
        return True   # per 100,000 people, per 40-foot container: the denominator of a rate
    if q.kind == "number" and q.surface[:1].isupper() and _number_word().match(q.surface) \
            and (not _SENTENCE_START.search(norm, max(0, q.start - 8), q.start)
                 or (_QUOTED_TITLE_BEFORE.search(norm, max(0, q.start - 4), q.start)
                     and _CAPITAL_WORD_AFTER.match(norm, q.end))):
        return True
    if q.surface[:1].isdigit() and q.start >= 1 and norm[q.start - 1] in "‘“\"'" \
            and (q.start == 1 or not norm[q.start - 2].isalnum()) and _TITLE_CLOSE_AFTER.match(norm, q.end):
        return True   # Aamir Khan's ‘3 Idiots’: a figure that opens a quoted title
    if q.surface[:1].isalpha() and any(m.start() < q.end <= m.end() for m in nq.hyphen_idiom.finditer(
            norm, max(0, q.start - 12), min(len(norm), q.end + 16))):
        return True
    if q.start >= 2 and q.surface[:1].isdigit() and not q.unit \
            and _LETTER_HYPHEN.search(norm, max(0, q.start - 12), q.start) \
            and not _BOUND_HYPHEN.search(norm, max(0, q.start - 7), q.start) \
            and not (_DECADE_PART_BEFORE.search(norm, max(0, q.start - 7), q.start) and _DECADE_AFTER.match(norm, q.end)):
        return True
    if not q.unit and q.surface.isdigit() and q.number < 100 and (glued := _GLUED_NAME_AFTER.match(norm, q.end)) \
            and glued.group().lower() not in unit_table("en"):
        return True   # 9mobile, 7seater: a figure glued to a singular word that is no unit names something
    if (not q.unit or q.unit_surface in glued_units("en")) and _GLUED_LETTER.fullmatch(q.surface):
        # flat 12b, room 3m, section 5c: after a naming word, a glued letter is part of the name, not a scale or
        # a unit
        return bool(nq.identifier.search(norm, max(0, q.start - 16), q.start))
    if q.kind == "number" and not q.unit and q.qualifier == "exact" and q.surface.isalpha():
        # practice two, game seven: a number word after a naming word (not after a verb: 'is building three farms')
        named = nq.identifier.search(norm, max(0, q.start - 16), q.start)
        return bool(named) and not (named.group().strip().endswith("ing") and named.group()[:1].islower())
    if _VERSION_AFTER.match(norm, q.end) and (_whole(q) or (_VERSION.fullmatch(q.surface) and not q.unit)):
        return True   # Log4j 2.14.1, 2.0-beta9
    if _VERSION.fullmatch(q.surface) and q.kind == "number" and not q.unit and q.qualifier == "exact":
        # One UI 5.1, VOOC 4.0 Flash Charge: a decimal after a name, closing the name, is a version
        name = nq.name_before.search(norm, max(0, q.start - 24), q.start)
        return bool(name) and not _POSSESSIVE_END.search(name.group()) and bool(nq.name_after.match(norm, q.end))
    if not _whole(q):
        return False
    if _CODE_AFTER.match(norm, q.end) or _NAME_AFTER_HYPHEN.match(norm, q.end) or _OF_TALLY_AFTER.match(norm, q.end) \
            or _MODEL_TIER_AFTER.match(norm, q.end) \
            or _TICKER_BEFORE.search(norm, max(0, q.start - 8), q.start):
        return True
    if _LEADING_ZERO.fullmatch(q.surface) or _PLUS_JOIN.match(norm, q.end) \
            or _PLUS_JOIN_BEFORE.search(norm, max(0, q.start - 2), q.start):
        return True   # fiscal 06/07; a 5+0 prize tier
    if q.start and norm[q.start - 1] in "\"“" and norm[q.end:q.end + 1] in "\"”":
        return True   # the series "24": a title
    if q.number < 100 and len(q.surface) <= 2 and (
            (_ITEM_AFTER.match(norm, q.end) and _ITEM_BEFORE.search(norm, max(0, q.start - 8), q.start))
            or (q.start and norm[q.start - 1] == "(" and norm[q.end:q.end + 2].startswith(") ")
                and _in_bracketed_list(q, norm))):
        return True
    if _RESULT_TO_AFTER.match(norm, q.end):
        return False   # 'Biden leads Trump 48 to 45 percent': a poll's share, not Trump's model number
    name = q.number < 10000 and (nq.name_before.search(norm, max(0, q.start - 24), q.start)
                                 or nq.name_first.search(norm, max(0, q.start - 24), q.start))
    if name and _counted_name(norm, name.start()):
        return True
    after = name and nq.name_after.match(norm, q.end)
    if name and not after and q.number >= 2 and not _POSSESSIVE_END.search(name.group()) \
            and nq.singular_after.match(norm, q.end):
        return True   # 'the Walney 3 extension, 657 MW', 'a Plan 2 loan if': no count of 3 stands before a singular
    if after:
        # Boeing's 737 Max is a model, but Boeing's 597 at the end of a clause is Boeing's count.
        return not (_POSSESSIVE_END.search(name.group()) and not _CAPITAL_NEXT.match(after.group()))
    return bool(nq.identifier.search(norm, max(0, q.start - 16), q.start))


_MODEL_TIER_AFTER = regex.compile(r"[ \t]+(?:Pro|Plus|Max|Ultra|Mini|Lite|SE|FE)\b")   # the larger 15 Plus: a model
_RESULT_TO_AFTER = regex.compile(r"[ \t]+to[ \t]+[0-9]+(?:\.[0-9]+)?[ \t]?(?:%|per[ \t]?cent|percent)", regex.I)
_TOKEN_BEFORE = regex.compile(r"(?<![\w.,-])([0-9][0-9,]*|[A-Za-z]+(?:-[A-Za-z]+)?)[ \t]+$")


def _in_bracketed_list(q: Quantity, norm: str) -> bool:
    """'(1) cut costs, (2) hire': a bracketed list marker opens a line or has a neighbour in sequence; a lone '(43)'
    after a name is an age, '(4) people' a count."""
    if _ITEM_BEFORE.search(norm, max(0, q.start - 9), q.start - 1):
        return True
    n = int(q.number)
    window = norm[max(0, q.start - 300):q.end + 300]
    return any(f"({k})" in window for k in (n - 1, n + 1) if k >= 0)


def _counted_name(norm: str, name_start: int) -> bool:
    """'14 Leopard 2 tanks', 'three Boeing 777 jets': a count stands before the name, so the name's number is
    part of the name."""
    m = _TOKEN_BEFORE.search(norm, max(0, name_start - 24), name_start)
    if not m:
        return False
    token = m.group(1)
    return token[0].isdigit() or (token.lower() not in ("a", "an") and parse_english(token) is not None)


def _scores(found: list[Quantity], norm: str) -> set[int]:
    """Indices of number pairs that are a result, not a range: 'won 3-1', 'a 52-48 vote', 'won 7-6 6-2'. A falling
    or level pair always is (a range rises); a rising pair needs a score word in its own clause."""
    out: set[int] = set()
    score_word = _en_not_quantities().score_word
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        spelled = bool(_TO_JOIN.fullmatch(norm, a.end, b.start))   # 'the vote was 7 to 2'
        if (norm[a.end:b.start] not in _SCORE_JOIN and not spelled) or not (_whole(a) and _whole(b)) \
                or len(a.surface) > 3 \
                or len(b.surface) > 3 or _CODE_AFTER.match(norm, b.end) or norm[b.end:b.end + 1] in "-–%":
            continue
        if i - 1 in out and norm[found[i - 1].end:a.start].strip(" ,()") == "":
            out.update((i, i + 1))   # the next set of a tennis score: 7-6 (7-3) 6-2
            continue
        if a.number >= b.number and not spelled:
            out.update((i, i + 1))   # 'passed the Senate 68-32': a range rises, so a falling or level pair is a tally
            continue
        if norm[b.end:b.end + 1] == ")" and _RECORD_BEFORE.search(norm, max(0, a.start - 40), a.start):
            out.update((i, i + 1))   # 'the Lakers (16-21)', 'New Orleans (all 5-7)': a team's win-loss record
            continue
        if spelled and a.number < b.number:
            continue   # 'won 3 to 5 games' is a range; a spelled tally falls or is level, and needs a score word
        lo = max(0, a.start - 80)
        cut = max(norm.rfind(c, lo, a.start) for c in ".,;!?\n")
        window = norm[max(lo, cut + 1):a.start] + " " + regex.split(r"[.;!?]", norm[b.end:b.end + 30])[0]
        if score_word.search(window):
            out.update((i, i + 1))
    return out


_GLUED_DEGREES = regex.compile(r"(?-i:[CF])(?![A-Za-z0-9])")   # 40C, 98.6F
_QUARTERS = regex.compile(r"(?:[0-9]+|[a-z]+(?:-[a-z]+)?)\s+quarters")
_OF_AFTER = regex.compile(r"\s+of\b", regex.I)
_EVERY_BEFORE = regex.compile(r"\bevery\s+$", regex.I)
_PLURAL_NOUN_AFTER = regex.compile(r"\s+[a-z]+s\b")
_QUARTERS_PERIOD_BEFORE = regex.compile(r"\b(?:first|last|past|next|previous|final|latest)\s+$", regex.I)
_SERIES_GAP = regex.compile(r"\s*(?:,|and|or|&|/|-)\s*|\s+(?:and|or|to|through)\s+", regex.I)
_DAY_LIST_GAP = regex.compile(r"\s*(?:,|,?\s+and|,?\s+or|-|–|\s+to)\s*", regex.I)
_DAY_SPAN_GAP = regex.compile(r"[ \t]?[-–][ \t]?|[ \t]+(?:to|through|until|till)[ \t]+", regex.I)   # Feb. 6 to 8
_DAY_FIRST_DATE = regex.compile(r"[0-9]{1,2}(?:st|nd|rd|th)?\s+[A-Z]")


def _en_dates(out: list[Quantity], norm: str) -> list[Quantity]:
    """Day numbers listed with a date ('27, 30 and 20 December', 'Sept. 3-8') are days of that month."""
    for i, q in enumerate(out):
        if q.kind != "date":
            continue
        if _DAY_FIRST_DATE.match(norm, q.start):
            j = i - 1
            while j >= 0 and _day(out[j]) and _DAY_LIST_GAP.fullmatch(norm, out[j].end, out[j + 1].start):
                out[j].kind, out[j].value, out[j].value_low, out[j].value_high = "date", None, None, None
                j -= 1
        if i + 1 < len(out) and _day(out[i + 1]) and _DAY_SPAN_GAP.fullmatch(norm, q.end, out[i + 1].start):
            n = out[i + 1]
            n.kind, n.value, n.value_low, n.value_high = "date", None, None, None
    return out


_FOOT_MARK = regex.compile(r"['’′](?=[ \t]?[0-9]|[^\w'’]|$)")   # 5'11", 200' (not the 1990's)
_INCH_MARK = regex.compile(r"[\"”″]|''|’’")
_FEET_BEFORE = regex.compile(r"(?:['’′]|(?<![a-z])(?:foot|feet|ft)[ \t-])[ \t]?$", regex.I)
_FEET_SURFACES = frozenset(("'", "’", "′", "foot", "feet", "ft"))
_INCH_SURFACES = frozenset(("inch", '"', "”", "″", "''", "’’"))


def _feet_and_inches(q: Quantity, prev: Quantity | None, text: str, norm: str) -> Quantity:
    """Heights written with marks or hyphens: 5'11" and 200' (feet, inches), the 6-foot-4 guard, 6ft 2 (inches
    after a figure in feet)."""
    if prev is not None and prev.unit_surface.lower() in _FEET_SURFACES and (q.number or 0) < 12 \
            and q.start - prev.end <= 6 and _FEET_BEFORE.search(norm, prev.start, q.start):
        mark = _INCH_MARK.match(norm, q.end)
        return _in_unit(q, "inch", mark.end() if mark else q.end, text, mark.group() if mark else "")
    if q.start and norm[q.start - 1] in "'’′\"“”":
        return q   # '5', "24": a figure in quotation marks
    mark = _FOOT_MARK.match(norm, q.end)
    if mark:
        return _in_unit(q, "foot", mark.end(), text, mark.group())
    mark = _inch_mark_alone().match(norm, q.end)
    return _in_unit(q, "inch", q.end + 1, text, mark.group()[:1]) if mark else q


@lru_cache(maxsize=1)
def _inch_mark_alone() -> regex.Pattern:
    """A 65″ TV, a 30" screen: an inch mark after a figure alone (a straight or curly quote only before a noun
    that is sized in inches)."""
    nouns = patterns.load("en/units.yaml").get("inch_mark_nouns") or []
    return regex.compile(rf"″|[\"”](?=[ \t-]+(?:{_alternation(nouns)})\b)", regex.I)


_POWER_END = regex.compile(r"[ \t]*(?:[),.;:]|$)|[ \t]+(?:of|in|and|or)\b")


def _broken_power(q: Quantity, power: Quantity, text: str, norm: str) -> Quantity | None:
    """'52.4 million acres (212,000 km 2)': a length unit, a space and a bare 2 or 3 ending the clause is the unit
    squared or cubed, its superscript flattened (km2, m3 are units of the table)."""
    unit = (q.unit_surface + power.surface).lower()
    if not q.unit_surface or q.number is None or norm[q.end:power.start] != " " \
            or unit not in unit_table("en") or not _POWER_END.match(norm, power.end):
        return None
    return _in_unit(q, unit, power.end, text, text[q.end - len(q.unit_surface):power.end])


def _in_unit(q: Quantity, unit: str, end: int, text: str, unit_surface: str) -> Quantity:
    info = unit_info(unit, "en")
    v = q.number * info.written_scale * info.factor
    return Quantity(q.start, end, text[q.start:end], q.number, v, info.unit, unit_surface or unit, v, v,
                    q.qualifier, "number")


@lru_cache(maxsize=1)
def _yen_signs() -> frozenset[str]:
    return frozenset(patterns.load("en/units.yaml").get("yen_signs") or [])


@lru_cache(maxsize=1)
def _yen_cue() -> regex.Pattern:
    cues = patterns.load("en/units.yaml").get("yen_sign_cues") or []
    return regex.compile(rf"(?<![\w-])(?:{_alternation(cues)})(?![\w-])", regex.I)


def _speaks_of_japan(norm: str, at: int) -> bool:
    """Whether the sentence around `at` names Japan or its yen (the ¥ sign is also the yuan's)."""
    lo = max(norm.rfind(". ", max(0, at - 300), at), norm.rfind("\n", max(0, at - 300), at), max(0, at - 300))
    hi = [i for i in (norm.find(". ", at, at + 300), norm.find("\n", at, at + 300)) if i >= 0]
    return bool(_yen_cue().search(norm, lo, min(hi) if hi else min(len(norm), at + 300)))


# '20 below zero', 'between 10 and 20 degrees below zero', '10 below to 15 below zero': a temperature under zero
_BELOW_ZERO_AFTER = regex.compile(r"(?:[ \t]+degrees?(?:[ \t]+(?:F|C|Fahrenheit|Celsius|centigrade))?)?[ \t]+below"
                                  r"(?:[ \t]+zero\b|(?=[ \t]+(?:to|and)[ \t]+[0-9]+[ \t]+(?:below|above)[ \t]+zero\b))",
                                  regex.I)


def _below_zero(q: Quantity, norm: str) -> bool:
    return q.kind == "number" and (q.value or 0) > 0 and q.unit in ("", "degc", "degf") \
        and bool(_BELOW_ZERO_AFTER.match(norm, q.end))


def _negated(q: Quantity, start: int, text: str) -> Quantity:
    """The figure with a minus sign written before it, from `start`."""
    neg = [None if v is None else -v for v in (q.number, q.value, q.value_high, q.value_low)]
    return replace(q, start=start, surface=text[start:q.end], number=neg[0], value=neg[1], value_low=neg[2],
                   value_high=neg[3])


def _day(q: Quantity) -> bool:
    return q.kind in ("number", "label") and not q.unit and q.surface.isdigit() and 1 <= (q.number or 0) <= 31


def _en_compose(found: list[Quantity], text: str, norm: str) -> list[Quantity]:
    """English figures written in pieces: '4 thousand 3 hundred and 21', '3 million and a half', '1 over 3';
    and the words 'one' and 'half' where they are a pronoun or a period ('the one you mean', 'the second half');
    numbers that label (Highway 35, COVID-19, a 3-1 result) are kept with kind `label` and no value."""
    out: list[Quantity] = []
    last_scale: float | None = None
    scores = _scores(found, norm)
    nq = _en_not_quantities()
    for i, b in enumerate(found):
        low = b.surface.lower()
        words = low.split(None, 2)
        if words[0] in _EN_SCALE_VALUES and (len(words) == 1 or words[1] not in _EN_SCALE_VALUES) \
                and not _OF_AFTER.match(norm, b.end):
            # '(billion cubic meters per year)': a scale word with no figure is no amount (a billion, a hundred
            # thousand are)
            continue
        if norm[max(0, b.start - 4):b.start] == "-to-" and b.surface[:1].isalpha() and (
                not out or out[-1].end != b.start - 4 or out[-1].kind == "label"
                or (out[-1].number or 0) >= (b.number or 0)):
            continue   # two-to-one, one-to-one: a ratio or an idiom, not the upper end of a range (five-to-ten)
        if _UNIT_SLASH_BEFORE.search(norm, max(0, b.start - 2), b.start) and b.number \
                and math.log10(abs(b.number)).is_integer():
            continue   # births/1,000 women, l/100 km: the figure is part of a rate's unit (not 2.8 rating/8 share)
        if out and _LAKH.fullmatch(b.surface) and _CRORE_END.search(out[-1].surface) and b.number is not None \
                and out[-1].qualifier != "range" and out[-1].number is not None and out[-1].value is not None \
                and not norm[out[-1].end:b.start].strip():
            # '₹18 crore 36 lakh': one amount in two Indian scale words
            q = out[-1]
            out[-1] = replace(q, end=b.end, surface=text[q.start:b.end], number=q.number + b.number,
                              value=q.value + b.number, value_low=q.value + b.number, value_high=q.value + b.number)
            continue
        if low == "one" and ((nq.pronoun_one.search(norm, max(0, b.start - 24), b.start)
                              and not (_OF_AFTER.match(norm, b.end)
                                       and nq.one_of_conjunction.search(norm, max(0, b.start - 8), b.start))
                              and not _OR_NUMBER_AFTER.match(norm, b.end))
                             or nq.one_idiom.match(norm, b.end)):
            continue
        if low.startswith("one") and (t := nq.one_time.match(norm, b.start)) and t.end() >= b.end:
            continue
        if b.kind == "number" and not b.unit and b.number is not None and _GLUED_DEGREES.match(norm, b.end) \
                and not _LETTER_HYPHEN.search(norm, max(0, b.start - 3), b.start):
            b = _in_unit(b, "°" + norm[b.end], b.end + 1, text, norm[b.end])   # 40C: the table's °c / °f
        elif b.kind in ("number", "fraction") and _QUARTERS.fullmatch(low) and (
                (b.kind == "number" and not b.unit and not _OF_AFTER.match(norm, b.end))
                or _QUARTERS_PERIOD_BEFORE.search(norm, max(0, b.start - 12), b.start)):
            # 'the past four quarters', 'the first three quarters of the year': a count of quarters of a year, not
            # four quarters (1.0) of something
            n = _parse(low.rsplit(None, 1)[0], "en")
            b = Quantity(b.start, b.end, b.surface, n, n, "quarter", "quarters", n, n, b.qualifier, "number")
        if out and b.surface in ("2", "3") and (power := _broken_power(out[-1], b, text, norm)) is not None:
            out[-1] = power   # 212,000 km 2: a superscript lost in copying
            continue
        if b.kind in ("number", "label") and not b.unit and b.surface.isdigit():
            b = _feet_and_inches(b, out[-1] if out else None, text, norm)
        if b.unit == "CNY" and b.unit_surface in _yen_signs() and _speaks_of_japan(norm, b.start):
            b = replace(b, unit="JPY")
        if b.kind == "number" and (b.number or 0) > 0 \
                and (b.unit in _TEMPERATURES or _DEGREES_AFTER.match(norm, b.end)) \
                and (minus := _SPACED_MINUS_BEFORE.search(norm, max(0, b.start - 12), b.start)):
            b = _negated(b, minus.start("dash"), text)
        if b.kind == "number" and not b.unit and b.qualifier == "exact" and b.number is not None \
                and (ordinal := _SCALE_ORDINAL_AFTER.match(norm, b.end)) and b.surface.isdigit():
            # 'its 6 millionth TEU': an ordinal (a share would be plural: 6 millionths of a second)
            n = b.number * _EN_SCALE_VALUES[ordinal.group(1).lower()]
            b = replace(b, end=ordinal.end(), surface=text[b.start:ordinal.end()], kind="ordinal", number=n,
                        value=n, value_low=n, value_high=n)
            out.append(b)
            last_scale = None
            continue
        if b.kind == "number" and not b.unit and b.qualifier == "exact" and b.number is not None \
                and nq.rank.search(norm, max(0, b.start - 16), b.start):
            b.kind, b.unit, b.unit_surface = "ordinal", "", ""
            out.append(b)
            last_scale = None
            continue
        per_dozen = low in ("a dozen", "per dozen") and out and _CURRENCY_CODE.fullmatch(out[-1].unit or "") \
            and not norm[out[-1].end:b.start].strip()
        # 'the Max 8 and 9 jets', the 737-9: the next number of a named series names too
        series = out and out[-1].kind == "label" and i - 1 not in scores and _whole(b) \
            and _SERIES_GAP.fullmatch(norm, out[-1].end, b.start) \
            and (nq.name_after.match(norm, b.end) or norm[out[-1].end:b.start] in ("-", "/"))   # 737-800, -136/131
        # 'four 777 freighters', 'six 737-800s': a bare number right after a count names the model counted
        model = out and out[-1].kind == "number" and not out[-1].unit and out[-1].number is not None \
            and _whole(b) and b.number >= 10 and norm[out[-1].end:b.start] == " "
        # 'twenty-five (25) years': a figure restated in digits is the same mention
        restated = out and out[-1].number is not None and out[-1].number == b.number \
            and norm[out[-1].end:b.start] in (" (", "(") and norm[b.end:b.end + 1] == ")"
        if i in scores or per_dozen or series or model or restated or _is_label(b, norm):
            b.kind, b.value, b.value_low, b.value_high, b.unit, b.unit_surface = "label", None, None, None, "", ""
            out.append(b)
            last_scale = None
            continue
        if b.kind == "year" and _EVERY_BEFORE.search(norm, max(0, b.start - 8), b.start) \
                and _PLURAL_NOUN_AFTER.match(norm, b.end):
            b.kind = "number"   # 'adjusted every 2016 blocks': a count after 'every', not a year
        if out and out[-1].kind == "year" and b.kind == "number" and not b.unit and len(b.surface) == 2 \
                and b.surface.isdigit() and norm[out[-1].end:b.start] in ("-", "/", "–", "—"):
            # the 2020-21 season, fiscal 2023/24: the second year of a span written short.
            b.kind = "year"
            out.append(b)
            last_scale = None
            continue
        if b.kind == "number" and not b.unit and _DECADE_AFTER.match(norm, b.end) \
                and not _BOUND_HYPHEN.search(norm, max(0, b.start - 7), b.start) and \
                (_YEAR_RAW.fullmatch(b.surface) or (len(b.surface) == 2 and b.surface.isdigit() and (
                    b.surface.endswith("0") or (b.start and norm[b.start - 1] in "'’")))):
            # the 1990s, the '80s, the 60s: a decade, a time like a year, not an amount (the over-50s are ages).
            b.kind = "year"
            out.append(b)
            last_scale = None
            continue
        if b.kind in ("number", "year") and not b.unit and b.number is not None and (
                (0 <= b.number <= 24 and _CLOCK_AFTER.match(norm, b.end))
                or ((_HHMM.fullmatch(b.surface) or _DOTTED_TIME.fullmatch(b.surface))
                    and _ZONE_AFTER.match(norm, b.end))
                or _time_of_day(b, norm, out)
                or (1 <= b.number <= 31 and _WEEKDAY_BRACKET.search(norm, max(0, b.start - 12), b.start)
                    and norm[b.end:b.end + 1] == ")")
                or (1 <= b.number <= 31 and b.surface.isdigit() and out and out[-1].kind == "date"
                    and _MONTH_DAY.fullmatch(out[-1].surface) and _DAY_JOIN.fullmatch(norm, out[-1].end, b.start)
                    and (_CLAUSE_END.match(norm, b.end) or nq.name_after.match(norm, b.end)))) \
                or (b.unit == "hour" and _CLOCK_HOURS.match(norm, b.start)):
            # '10 a.m.', 'at 3 pm', 'seven o'clock', '1719 GMT', 'at 8 this morning', 'at 1400 hrs': a time of day,
            # not an amount; 'on Saturday (24)', 'between July 14 and 20,': a day of the month.
            b.kind, b.value, b.value_low, b.value_high, b.unit = "date", None, None, None, ""
            out.append(b)
            last_scale = None
            continue
        if low == "half" and _PERIOD_HALF.search(norm, max(0, b.start - 10), b.start):
            continue
        q = out[-1] if out else None
        if q is not None and b.number is not None:
            gap = (q.end, b.start)
            scale = last_scale if last_scale is not None else _en_scale(q)
            # 1 over 3, one over twenty: a fraction, when nothing follows the denominator.
            if _plain(q) and b.kind == "number" and not b.unit and b.number and \
                    _OVER_GAP.fullmatch(norm, *gap) and _CLAUSE_END.match(norm, b.end):
                v = q.number / b.number
                out[-1] = Quantity(q.start, b.end, text[q.start:b.end], v, 100 * v, "%", "over", v * 100,
                                   v * 100, "exact", "fraction")
                last_scale = None
                continue
            if _plain(q) and q.kind == "number" and scale and _AND_GAP.fullmatch(norm, *gap):
                has_and = "and" in norm[gap[0]:gap[1]].lower()
                if b.kind == "fraction" and has_and and scale >= 1e6 and 0 < b.number < 1 and b.unit == "%":
                    # 3 million and a half: half a million.
                    v = q.number + b.number * scale
                    out[-1] = Quantity(q.start, b.end, text[q.start:b.end], v, v, "", "", v, v, "exact", "number")
                    last_scale = None
                    continue
                b_scale = _en_scale(b)
                if b.kind == "number" and 0 < b.number < scale and (has_and or b_scale) and b.qualifier == "exact" \
                        and "." not in q.surface + b.surface:   # 66.6 billion and 2.5 million: two figures
                    number = q.number + b.number
                    factor = b.value / b.number if b.value is not None else 1.0
                    v = number * factor
                    out[-1] = Quantity(q.start, b.end, text[q.start:b.end], number, v, b.unit, b.unit_surface,
                                       v, v, "exact", "number")
                    last_scale = b_scale if not b.unit else None
                    continue
        last_scale = None
        out.append(b)
    return _en_dates(out, norm)


@lru_cache(maxsize=1)
def _en_change_before() -> "regex.Pattern":
    verbs = patterns.load("en/qualifiers.yaml").get("change_verbs") or []
    return regex.compile(rf"(?<![\w-])(?:{_alternation([v.lower() for v in verbs])})"
                         rf"(?:\s+(?:by|about|around|nearly|almost|some|roughly|more\s+than|over|just))*\s+$", regex.I)


_FROM_AFTER_CHANGE = regex.compile(r"(?<![\w-])from\s+(?:a\s+|an\s+|the\s+)?(?:[A-Za-z]+\s+)?$", regex.I)


_BY_BEFORE = regex.compile(r"\bby(?:\s+(?:about|around|roughly|some|between))?\s+$", regex.I)
_BETWEEN_BEFORE = regex.compile(r"\bbetween\s+(?:the\s+)?(?:ages?\s+(?:of\s+)?)?$"
                                # 'between 160 and 300 miles (257 and 482 kilometers)': the range restated
                                r"|\bbetween\s[^()]{1,60}\([ \t]?$", regex.I)


def _own_unit(q: Quantity) -> bool:
    """The mention carries its unit or currency sign itself ($85, 3.1%, 12 cents), not only a bare figure."""
    return bool(q.unit) and not (q.surface[:1].isdigit() and q.surface[-1:].isdigit())


# 'dropped 2.9p to 174.6p and 2.2p to 165.9p': a second change and level joined to a first pair by 'and'
_PAIR_AND_BEFORE = regex.compile(r"[^\s,;]+[ \t]+to[ \t]+[^\s,;]+,?[ \t]+and[ \t]+$")
# 'climbing 2.3 percent, or 1,330.46, to 59,242.86': the change restated in points after 'or'
_RESTATED_OR_BEFORE = regex.compile(r"[$£€]?[0-9][^\s,;]*(?:[ \t]+(?:percent|per[ \t]+cent|points?|pts))?,?[ \t]+or[ \t]+$",
                                    regex.I)


def _after_change(a: Quantity, norm: str) -> bool:
    """Whether a change verb stands just before `a`, before a change-and-level pair that 'and' joins it to, or
    before the same change in other terms that 'or' joins it to."""
    if _en_change_before().search(norm, max(0, a.start - 24), a.start):
        return True
    pair = _PAIR_AND_BEFORE.search(norm, max(0, a.start - 48), a.start) \
        or _RESTATED_OR_BEFORE.search(norm, max(0, a.start - 32), a.start)
    return bool(pair and _en_change_before().search(norm, max(0, pair.start() - 24), pair.start()))


def _sep_allowed(sep: str, a: Quantity, b: Quantity, norm: str, lang: str) -> bool:
    if lang == "en" and sep == "and":
        # between 3 and 5, between the ages of 25 and 64
        return bool(_BETWEEN_BEFORE.search(norm[max(0, a.start - 80):a.start]))
    if lang == "en" and sep == "or":
        # 'two or three', '4 or 5 percent', '£66 or £67': close alternatives make a rough range; '5 or 50' are two
        # figures
        return a.number is not None and b.number is not None and (not a.unit or a.unit == b.unit) \
            and a.kind == "number" \
            and 0 < a.number < b.number <= 2 * a.number + 1 and not _en_scale(b)
    if lang == "en" and sep == "to" and a.kind in ("date", "year"):
        return False
    if lang == "en" and sep == "to":
        from_ = _FROM_AFTER_CHANGE.search(norm, max(0, a.start - 40), a.start)
        if from_ and _en_change_before().search(norm, max(0, from_.start() - 40), from_.start()):
            return False   # 'rose from 3.9 percent to 4.0 percent': where a change started and where it ended
    if lang == "en" and sep == "to" and a.value is not None and b.value is not None and a.unit == b.unit \
            and a.value > b.value and not a.value < 0:
        # 'leading 50 percent to 37 percent': a range rises; in magnitude when below zero ('minus 30 to minus 40')
        return False
    if lang == "en" and sep == "to" and a.kind == "number" and not a.unit and a.number is not None and a.number > 0 \
            and b.unit and b.number is not None and a.number > b.number / (_en_scale(b) or 1):
        return False   # 'topping Clinton 45 to 43 per cent': the bare figure shares the unit, and a range rises
    if lang == "en" and sep == "to" and (_own_unit(a) or not (a.unit or b.unit)) and (_own_unit(b) or not b.unit) \
            and _after_change(a, norm) \
            and not (a.unit == b.unit and a.value is not None and b.value is not None
                     and 0 < a.value < b.value <= 2 * a.value and _BY_BEFORE.search(norm, max(0, a.start - 16),
                                                                                    a.start)):
        # 'rose $2 to $85', 'fell 12 paise to 83.25', 'increased by one to eight': a change and the level it
        # reached; but close figures of one unit after 'by' are a range of the change ('by 30% to 50%')
        return False
    if lang == "en" and a.unit_surface.lower() in _FEET_SURFACES and b.unit_surface in _INCH_SURFACES:
        return False   # the 6-foot-4 guard: feet and inches, no range
    if lang == "en" and sep in ("–", "—") and norm[a.end:b.start] != sep \
            and a.surface[:1].isdigit() != b.surface[:1].isdigit():
        return False   # '29 days – five days quicker': a clause dash between a figure and a number word
    if lang == "en" and sep in ("-", "–", "—") and a.number is not None and b.number is not None \
            and 0 <= b.number <= a.number and a.kind == b.kind == "number" and (not a.unit or _own_unit(b)):
        return False   # 'three-nought-four', a 3-0 score, 'US$160,000 - US$100,000': a range rises
    if lang == "zh" and sep in ("与", "和"):
        return bool(regex.match(r"\s?之?间", norm[b.end:b.end + 3])) or b.unit_surface == "间"
    if sep in ("-", "–", "—") and lang == "en" and not a.unit and not b.unit and a.kind == "number" \
            and b.kind == "number" and a.surface[-1:].isdigit() and b.surface[:1].isdigit() \
            and not norm[a.end:b.start].strip(" -–—") and norm[a.end:b.start] == "-":
        # 1111-2222 (a phone or account number) stays two numbers unless a scale or unit follows; a plain
        # 1000-5000 is a range when it is no part of a longer chain (+1-222-2222, 1111-2222-3333) and rises
        # by less than a factor of a thousand.
        if regex.match(r"\s*(?:%|percent|per cent|million|billion|thousand|trillion)", norm[b.end:b.end + 12],
                       regex.I) or b.unit != "":
            return True
        if (a.start and norm[a.start - 1] in "-+/") or regex.match(r"[-/][0-9]", norm[b.end:b.end + 2]):
            return False
        if _zero_groups_shared(a, b) > 1:
            return True   # 10-15,000
        if a.surface == "0":
            return b.surface[:1] != "0" and len(b.surface) <= 3   # 0-60 mph: a range from zero
        # '3-4m', '2-3bn': the upper figure's digits are compared, its glued scale word serves both ends
        scale = _scale_of(b.surface, lang)
        digits = _DIGIT_RUN.match(b.surface).group()
        da, db = len(a.surface.lstrip("0")), len(digits)
        return a.surface[:1] != "0" and b.surface[:1] != "0" and a.number < b.number / scale < a.number * 1000 \
            and db - da <= 1
    return True


def _range_compatible(a: Quantity, b: Quantity) -> bool:
    if a.number is None or b.number is None:
        return False
    if a.kind in ("date", "year") or b.kind in ("date", "year"):
        return a.kind == b.kind or (a.kind == "number" and not a.unit and b.kind in ("date", "year"))
    if a.kind not in ("number", "percent", "multiple", "pp") or b.kind not in ("number", "percent", "multiple", "pp"):
        return False
    if a.kind != b.kind and a.unit:
        return False
    # '$2-3bn': a currency sign on the lower figure serves the upper one too.
    return not a.unit or a.unit == b.unit or (
        not b.unit and b.kind == "number" and bool(_CURRENCY_CODE.fullmatch(a.unit)))


def _scaled_low(a: Quantity, b: Quantity, lang: str) -> float:
    """3至5万人, 3 to 5 million, between $2 and $3bn: the scale written on the upper figure applies to the lower
    one; so do the zero groups of '10-15,000' (10,000 to 15,000)."""
    if b.number and a.number and (not a.unit or a.unit == b.unit) and _scale_of(a.surface, lang) == 1.0 \
            and abs(b.number) / max(abs(a.number), 1e-12) >= 1000:
        scale = _scale_of_upper(b, lang)
        return a.number * (scale * _zero_groups_shared(a, b) if lang == "en" else scale)
    return a.number


_ZERO_GROUPS = regex.compile(r"[1-9][0-9]{0,2}((?:,000)+)")
_PLAIN_DIGITS = regex.compile(r"[1-9][0-9]{0,2}")


def _zero_groups_shared(a: Quantity, b: Quantity) -> float:
    """'10-15,000 people', '$5 to $6,000': a short lower figure shares the upper one's trailing ,000 groups when
    that lands it below the upper figure within one order of magnitude; else 1."""
    low = _PLAIN_DIGITS.fullmatch(a.surface.strip("$£€¥ "))
    high = _ZERO_GROUPS.search(b.surface)
    if not low or not high or a.number is None or b.number is None or _scale_of(b.surface, "en") != 1.0:
        return 1.0
    scale = 1000.0 ** (len(high.group(1)) // 4)
    return scale if a.number * scale < b.number < a.number * scale * 10 else 1.0


def _with_unit_of(a: Quantity, b: Quantity, text: str, lang: str) -> Quantity:
    number = _scaled_low(a, b, lang) if (b.number or 0) >= (a.number or 0) else \
        a.number * _scale_of_upper(b, lang)
    factor = (b.value / b.number) if b.value is not None and b.number else 1.0
    v = number * factor
    return Quantity(a.start, a.end, a.surface, number, v, b.unit, b.unit_surface, v, v, a.qualifier, b.kind)


def _range(a: Quantity, b: Quantity, text: str, lang: str) -> Quantity:
    if b.kind in ("date", "year"):
        return Quantity(a.start, b.end, text[a.start:b.end], None, None, "", kind=b.kind)
    if a.unit and not b.unit:   # '$2-3bn'
        b = Quantity(b.start, b.end, b.surface, b.number, b.number, a.unit, a.unit_surface, b.number, b.number,
                     b.qualifier, b.kind)
    low_number = _scaled_low(a, b, lang)
    factor = (b.value / b.number) if b.value is not None and b.number else 1.0
    low, high = low_number * factor, b.value
    if low is not None and high is not None and low > high:
        low, high = high, low
    mid = (low + high) / 2 if low is not None and high is not None else None
    return Quantity(a.start, b.end, text[a.start:b.end], (low_number + b.number) / 2, mid, b.unit,
                    b.unit_surface, low, high, "range", b.kind)


_SCALE_ZH = regex.compile(r"[十百千]?(?:万亿|[万亿兆])|千|[kK]")
_SCALE_EN_RE = regex.compile(r"(?:thousand|million|billion|trillion|mln|bn|mn|tn|lakhs?|crores?|k|m|b)\b", regex.I)


def _scale_of(surface: str, lang: str) -> float:
    s = normalize_digits(surface)
    if lang == "zh":
        m = _SCALE_ZH.search(s)
        if not m:
            return 1.0
        return 1000.0 if m.group() in "kK" else (parse_chinese("1" + m.group()) or 1.0)
    m = _SCALE_EN_RE.search(s)
    return (parse_english("1 " + m.group().lower().removesuffix("s")) or 1.0) if m else 1.0


def _scale_of_upper(b: Quantity, lang: str) -> float:
    """The scale of a range's upper figure: its scale word, or the scale inside its unit name (93-98 mt)."""
    scale = _scale_of(b.surface, lang)
    if scale == 1.0 and lang == "en" and b.unit_surface and b.unit_surface.lower() in unit_table(lang):
        scale = unit_info(b.unit_surface, lang).written_scale   # by unit_info: 93-98 mt, not 93-98 MT
    return scale


_ZH_COMPARE = regex.compile(r"[ \t]*(?:(?P<over>大|高|多|长|重)|(?P<under>小|低|少|短|轻))")
# 过 is 'over' before a figure (占比过20), not inside a word (经过20年, 通过3项).
_ZH_GUO_NOT_AFTER = frozenset("经通不度跨越错难走穿闯熬挺路")


def _cue_qualifier(g: _Grammar, side: str, cue: str) -> str | None:
    """The qualifier of a matched cue; the match may carry blanks the table's entry does not (`< ` for `<`)."""
    for key in (cue, regex.sub(r"\s+", " ", cue).strip(), regex.sub(r"\s+", "", cue)):
        if (side, key) in g.cue_qualifier:
            return g.cue_qualifier[(side, key)]
    return None


_DURATION_UNITS = frozenset(("year", "month", "week", "day", "hour", "minute", "decade", "quarter"))
# a figure and up to two words of its noun just before 'over' ('1,500 jobs over', '$5bn over', 'rose 20% over')
_FIGURE_BEFORE_OVER = regex.compile(r"[0-9%][^\s]*(?:[ \t]+[a-z]+){0,2}[ \t]+$")


def _qualifier(norm: str, q: Quantity, g: _Grammar) -> tuple[str, tuple[int, int] | None]:
    # Cheap test first: the character before (after) the mention must be able to end (start) a cue.
    b = q.start - 1
    while b >= 0 and norm[b] in " \t":
        b -= 1
    before = None
    m = None
    if b >= 0 and norm[b].lower() in g.cue_last_chars:
        m = g.qualifier_before.search(norm, max(0, q.start - g.cue_window), q.start)
    if m:
        cue = m.group("cue").lower()
        if not cue.isascii():
            cue = regex.sub(r"[ \t]", "", cue)
        qualifier = _cue_qualifier(g, "before", cue)
        if qualifier and not (cue == "过" and m.start("cue") > 0 and norm[m.start("cue") - 1] in _ZH_GUO_NOT_AFTER):
            before = qualifier, (m.start("cue"), q.start)
            if cue == "over" and q.unit in _DURATION_UNITS \
                    and _FIGURE_BEFORE_OVER.search(norm, max(0, m.start("cue") - 40), m.start("cue")):
                before = None   # 'create 1,500 jobs over five years': over is 'during', the span is exact
            if before is not None and before[0] in ("over", "under"):
                return before
    elif b >= 0 and norm[b] == "比":
        # 比三十大, 比 170 低: a comparison with the figure.
        c = _ZH_COMPARE.match(norm, q.end)
        if c:
            return ("over" if c.group("over") else "under"), (b, c.end())
    a = q.end
    while a < len(norm) and norm[a] in " \t":
        a += 1
    m = None
    if a < len(norm) and norm[a].lower() in g.cue_first_chars:
        m = g.qualifier_after.match(norm, q.end, min(len(norm), q.end + 16))
    if m:
        qualifier = _cue_qualifier(g, "after", m.group("cue").lower())
        # 'about five hundred or more': the bound wins over the hedge.
        if qualifier and (before is None or qualifier in ("over", "under")):
            return qualifier, (q.end, m.end())
    return before or ("exact", None)


__all__ = ["quantities", "find_quantities", "detect_lang", "UnitInfo", "normalize_digits", "grammar"]
