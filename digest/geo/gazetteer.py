"""Vietnam's provinces and cities: names, written forms, the 2025 merger, and where a story is.

The data lives in ``digest/geo/data/provinces.toml``: the 63 provinces and cities before the 2025
merger, plus Huế (the city that replaced Thừa Thiên Huế), each with its post-merger unit, its
other written forms and the districts/towns that pin it. Matching works on syllable tokens, so
"TP.HCM", "TP HCM" and "TPHCM" or "Bà Rịa - Vũng Tàu" and "Bà Rịa-Vũng Tàu" are found alike;
unaccented text ("Da Nang", "tphcm") is matched on diacritic-folded forms.

Public interface::

    canonical("tp.hcm")            -> "TP Hồ Chí Minh"   (any written form -> canonical name)
    current_name("Bình Phước")     -> "Đồng Nai"         (post-merger unit)
    detect(title, text, outlet_province=None) -> Detection(province, score, scores)
    today("Thừa Thiên Huế")        -> "Huế"              (a whole unit today; None if merged away)
    is_city("tp.hcm")              -> True               (a centrally-run city)
    short("TP Hồ Chí Minh")        -> "TPHCM"            (as the bulletin writes it)
    provinces()                    -> the 34 units of today, in the official order
    place_prefix(headline, province) -> "TPHCM: ..."    (unless the headline names the place)
    foreign_names(text)            -> ["Hàn Quốc", ...]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from digest.text import clean_line, fold, nfc

DATA_FILE = Path(__file__).resolve().parent / "data" / "provinces.toml"
UNITS_FILE = Path(__file__).resolve().parent / "data" / "units.toml"  # today's order, spellings

_TOKEN = re.compile(r"[^\W_]+")
_UK_OPENING = re.compile(r"^\s*Anh\s+[a-zà-ỹđ]")
_MAX_NGRAM = 6

# Weights of one mention by where it stands: the headline says what the story is about, the
# lead usually names the place doing the thing, the body may mention other places in passing.
W_TITLE = 5.0  # more than the capped body and the outlet together: the headline decides
W_LEAD = 1.5
W_BODY = 0.5
BODY_CAP = 3.0  # one province's body mentions add at most this much
W_PLACE = 0.8  # a district/town pins its province a little less surely than the name itself
W_OUTLET = 0.4  # a provincial outlet is a weak prior only: it also reprints national news
LEAD_CHARS = 400
LEAD_SCAN = 1500  # the lead the classifier's features read (digest.classify.features.BODY_CHARS)
DETECT_CHARS = 20000

# "Hoà" and "Hòa", "Thuỷ" and "Thủy": old and new tone-mark placement spell the same syllable.
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}


def _tone_norm(token: str) -> str:
    """Modern tone placement for an open syllable ending in oa/oe/uy ("hoà" -> "hòa"); "quý" stays."""
    tail = token[-2:]
    if tail in _OLD_TONES and not (tail[0] == "u" and token[-3:-2] == "q"):
        return token[:-2] + _OLD_TONES[tail]
    return token


_UNIT_WORDS = (("tinh",), ("thanh", "pho"), ("tp",))  # written before a unit's name, folded
CACHE_CHARS = 2000  # headlines and leads are cached (read twice); long bodies are not kept


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Syllable tokens of ``text`` as (normalised lower-case token, start, end). A short text's
    tokens are cached (the features and province detection both read the headline and lead):
    callers must not mutate the list."""
    return _tokens_cached(text) if len(text) <= CACHE_CHARS else _tokens(text)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(_tone_norm_lower(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_tokens_cached = lru_cache(maxsize=1024)(_tokens)


def _key(name: str) -> tuple[str, ...]:
    return tuple(t for t, _, _ in tokens(nfc(name)))


def _fold_key(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(t) for t in key)


_LETTER = re.compile(r"[^\W\d_]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")


def is_unaccented(text: str) -> bool:
    """True when Vietnamese text was written without diacritics (few non-ASCII letters)."""
    if text.isascii():
        return len(_LETTER.findall(text[:200])) >= 4
    if len(text.encode("utf-8")) - len(text) > len(text) * 0.05:
        return False  # plenty of multi-byte characters: written with diacritics (fast path)
    letters = len(_LETTER.findall(text))
    if letters < 4:
        return False
    return len(_NON_ASCII_LETTER.findall(text)) <= letters * 0.01


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """fold() of one token, cached: a news vocabulary is small and folding is per character."""
    return fold(token)


@lru_cache(maxsize=65536)
def _tone_norm_lower(token: str) -> str:
    return _tone_norm(token.lower())


@dataclass(frozen=True)
class Unit:
    """One province or centrally-run city."""

    name: str
    kind: str  # "tỉnh" | "thành phố"
    current: str  # the unit after the 2025 merger
    short: str  # as the bulletin writes it before a colon
    aliases: tuple[str, ...]
    places: tuple[str, ...]


@dataclass
class Mention:
    """A name found in a text: the unit it names, where, and whether it was a district/town."""

    unit: str
    start: int
    end: int
    is_place: bool


@dataclass
class Detection:
    """Where a story is: the best province (or None), its score and every candidate's score."""

    province: str | None
    score: float
    scores: dict[str, float] = field(default_factory=dict)
    in_title: bool = False


class Gazetteer:
    """Lookup tables built once from provinces.toml."""

    def __init__(self, data: dict, today: dict | None = None) -> None:
        self.units: dict[str, Unit] = {}
        for raw in data["unit"]:
            unit = Unit(
                name=raw["name"],
                kind=raw["kind"],
                current=raw["current"],
                short=raw.get("short", raw["name"]),
                aliases=tuple(raw.get("aliases", [])),
                places=tuple(raw.get("places", [])),
            )
            self.units[unit.name] = unit
        unknown = {u.current for u in self.units.values()} - set(self.units)
        if unknown:
            raise ValueError(f"provinces.toml: unknown current unit(s) {sorted(unknown)}")
        today = today or {}
        self.order: tuple[str, ...] = tuple(today.get("order") or self.new_units)
        if sorted(self.order) != self.new_units:
            raise ValueError("units.toml: `order` must list each of today's units once")
        self.spellings: dict[tuple[str, ...], str] = {}
        for form, unit_name in (today.get("spellings") or {}).items():
            if unit_name not in self.units:
                raise ValueError(f"units.toml: spelling {form!r} of unknown unit {unit_name!r}")
            self.spellings[_fold_key(_key(form))] = unit_name

        # exact (accented) and folded token keys -> (unit, is_place)
        names: dict[tuple[str, ...], str] = {}
        for unit in self.units.values():
            for form in (unit.name, *unit.aliases):
                names[_key(form)] = unit.name
        places: dict[tuple[str, ...], set[str]] = {}
        for unit in self.units.values():
            for place in unit.places:
                places.setdefault(_key(place), set()).add(unit.name)
        self.exact: dict[tuple[str, ...], tuple[str, bool]] = {}
        for key, owners in places.items():
            # a place in two provinces, or spelt like a province, pins nothing
            if len(owners) == 1 and key not in names:
                self.exact[key] = (next(iter(owners)), True)
        for key, unit_name in names.items():
            self.exact[key] = (unit_name, False)
        folded: dict[tuple[str, ...], set[tuple[str, bool]]] = {}
        for key, value in self.exact.items():
            folded.setdefault(_fold_key(key), set()).add(value)
        self.folded: dict[tuple[str, ...], tuple[str, bool]] = {}
        for key, values in folded.items():
            provinces = {v for v in values if not v[1]}
            if len(provinces) == 1:
                self.folded[key] = next(iter(provinces))
            elif len(values) == 1:
                self.folded[key] = next(iter(values))
        self.foreign_exact = {_key(n): n for n in data.get("foreign", {}).get("names", [])}
        self.foreign_folded = {_fold_key(k): v for k, v in self.foreign_exact.items() if len(" ".join(k)) > 3}
        # per-instance caches of the scans of short texts (headline, lead)
        self._mentions_cached = lru_cache(maxsize=1024)(self._mentions)
        self._foreign_cached = lru_cache(maxsize=1024)(self._foreign)
        # first token -> longest name starting with it, so a scan skips ordinary words at once
        self._starts: dict[int, dict[str, int]] = {}
        for table in (self.exact, self.folded, self.foreign_exact, self.foreign_folded):
            starts: dict[str, int] = {}
            for key in table:
                starts[key[0]] = max(starts.get(key[0], 0), len(key))
            self._starts[id(table)] = starts

    # ------------------------------------------------------------------ names
    def canonical(self, name: str | None) -> str | None:
        """Canonical unit name for any written form of a province/city name, else None."""
        if not name:
            return None
        key = _key(clean_line(name))
        found = self._unit_named(key)
        # "tỉnh Đắk Nông", "thành phố Cần Thơ", "tp hue": drop the administrative words in front
        while found is None:
            folded = _fold_key(key)
            prefix = next((p for p in _UNIT_WORDS if folded[: len(p)] == p and len(key) > len(p)), None)
            if prefix is None:
                break
            key = key[len(prefix):]
            found = self._unit_named(key)
        return found

    def _unit_named(self, key: tuple[str, ...]) -> str | None:
        hit = self.exact.get(key)
        if hit is not None and not hit[1]:
            return hit[0]
        hit = self.folded.get(_fold_key(key))
        if hit is not None and not hit[1]:
            return hit[0]
        return self.spellings.get(_fold_key(key))

    def today(self, name: str | None) -> str | None:
        """Today's unit when ``name`` names a whole one: unchanged, or only renamed (Thừa Thiên
        Huế -> Huế); None for a unit merged into another in 2025 (Quảng Nam) or an unknown name."""
        unit = self.canonical(name)
        if unit is None:
            return None
        current = self.units[unit].current
        if current == unit:
            return unit
        before = [u for u in self.old_units if self.units[u].current == current]
        return current if before == [unit] else None

    def is_city(self, name: str | None) -> bool:
        """A centrally-run city ("tp.hcm", "Thừa Thiên Huế" as today's Huế), in any written form."""
        unit = self.today(name) or self.canonical(name)
        return unit is not None and self.units[unit].kind == "thành phố"

    def current_name(self, name: str | None) -> str | None:
        """The post-2025 unit for a province name in any written form (e.g. Hải Dương -> Hải Phòng)."""
        unit = self.canonical(name)
        return self.units[unit].current if unit else None

    def short(self, name: str) -> str:
        """How the bulletin writes the place before a colon ("TPHCM", "Hà Nội")."""
        unit = self.canonical(name)
        return self.units[unit].short if unit else clean_line(name)

    # --------------------------------------------------------------- matching
    def _scan(self, text: str, table: dict, folded: bool) -> list[tuple[object, int, int]]:
        toks = tokens(text)
        if folded:
            toks = [(fold_token(t), s, e) for t, s, e in toks]
        starts = self._starts[id(table)]
        check_case = text.lower() != text
        out = []
        i = 0
        while i < len(toks):
            longest = starts.get(toks[i][0])
            if longest is None:  # most words start no name at all
                i += 1
                continue
            for n in range(min(longest, len(toks) - i), 0, -1):
                key = tuple(t for t, _, _ in toks[i : i + n])
                value = table.get(key)
                if value is None:
                    continue
                last = text[toks[i + n - 1][1]]
                # "hòa bình" (peace) is not "Hòa Bình": names end capitalised where case is used
                # ("thành phố Vinh", "người dân Anh", "Quận 1")
                if check_case and not (last.isupper() or last.isdigit()):
                    continue
                out.append((value, toks[i][1], toks[i + n - 1][2]))
                i += n - 1
                break
            i += 1
        return out

    def mentions(self, text: str) -> list[Mention]:
        """Every province/city name or pinning place named in ``text`` (longest match first)."""
        text = nfc(text)
        return list(self._mentions_cached(text) if len(text) <= CACHE_CHARS else self._mentions(text))

    def _mentions(self, text: str) -> tuple[Mention, ...]:
        folded = is_unaccented(text)
        table = self.folded if folded else self.exact
        return tuple(
            Mention(unit=v[0], start=s, end=e, is_place=v[1])  # type: ignore[index]
            for v, s, e in self._scan(text, table, folded)
        )

    def foreign_names(self, text: str) -> list[str]:
        """Foreign countries, territories and capitals named in ``text``."""
        text = nfc(text)
        return list(self._foreign_cached(text) if len(text) <= CACHE_CHARS else self._foreign(text))

    def _foreign(self, text: str) -> tuple[str, ...]:
        folded = is_unaccented(text)
        table = self.foreign_folded if folded else self.foreign_exact
        found = [v for v, _, _ in self._scan(text, table, folded)]
        # "Anh" alone is also a given name and a pronoun; a headline opening "Anh ra mắt ..."
        # (the name followed by a lower-case verb) means the United Kingdom.
        if _UK_OPENING.match(text):
            found.insert(0, "Anh")
        return tuple(found)  # type: ignore[arg-type]

    def detect(self, title: str, text: str = "", outlet_province: str | None = None,
               after_merger: bool = False) -> Detection:
        """The province a story is about: headline first, then lead, then body (by frequency,
        capped), the outlet's own province only as a weak prior. ``after_merger``: the story is
        from after 1/7/2025, so a district alone points to today's unit."""
        title = nfc(title)
        text = nfc(text)[:DETECT_CHARS]  # far enough into a long page; the rest adds only time
        scores: dict[str, float] = {}
        in_title: set[str] = set()
        title_mentions = self.mentions(title)
        # the lead is scanned (and cached) separately: the classifier's features read the same
        # lead, so a story's first LEAD_SCAN characters are scanned once for both
        text_mentions = self.mentions(text[:LEAD_SCAN]) + [
            Mention(m.unit, m.start + LEAD_SCAN, m.end + LEAD_SCAN, m.is_place)
            for m in self.mentions(text[LEAD_SCAN:])]
        named_units = {m.unit for m in title_mentions + text_mentions if not m.is_place}
        for m in title_mentions:
            scores[m.unit] = scores.get(m.unit, 0.0) + W_TITLE * (W_PLACE if m.is_place else 1.0)
            in_title.add(m.unit)
        body_add: dict[str, float] = {}
        for m in text_mentions:
            weight = (W_LEAD if m.start < LEAD_CHARS else W_BODY) * (W_PLACE if m.is_place else 1.0)
            body_add[m.unit] = body_add.get(m.unit, 0.0) + weight
        for unit, add in body_add.items():
            scores[unit] = scores.get(unit, 0.0) + min(add, BODY_CAP)
        prior = self.canonical(outlet_province)
        if prior:
            scores[prior] = scores.get(prior, 0.0) + W_OUTLET
        if not scores:
            return Detection(None, 0.0, {})
        # Units merged in 2025 are one place today: pool their evidence ("Thái Nguyên: ... xã Chợ
        # Đồn" is Thái Nguyên, not Bắc Kạn), then name the unit the story itself names.
        groups: dict[str, float] = {}
        for unit, score in scores.items():
            cur = self.units[unit].current
            groups[cur] = groups.get(cur, 0.0) + score
        best_group = max(groups, key=lambda g: (groups[g], any(u in in_title for u in scores if self.units[u].current == g)))
        members = [u for u in scores if self.units[u].current == best_group]
        named = [u for u in members if u in named_units]
        if named:
            best = max(named, key=lambda u: (u in in_title, scores[u]))
        elif after_merger:
            best = best_group  # only districts named, in a story after 1/7/2025: today's unit
        else:
            best = max(members, key=lambda u: (u in in_title, scores[u]))
        return Detection(best, groups[best_group], scores, any(u in in_title for u in members))

    def names_place(self, headline: str, province: str) -> bool:
        """True when the headline already names the province/city itself (not just a district)."""
        unit = self.canonical(province)
        if unit is None:
            return False
        related = {unit}
        # "Huế" names Thừa Thiên Huế and vice versa: the same place under two unit names
        if unit in ("Huế", "Thừa Thiên Huế"):
            related = {"Huế", "Thừa Thiên Huế"}
        return any(not m.is_place and m.unit in related for m in self.mentions(headline))

    def place_prefix(self, headline: str, province: str | None) -> str:
        """The bulletin's local headline: "Đà Nẵng: Trả kết quả ..." unless it already names the place."""
        headline = clean_line(headline)
        if not province or self.canonical(province) is None or self.names_place(headline, province):
            return headline
        return f"{self.short(province)}: {headline}"

    @property
    def old_units(self) -> list[str]:
        """The 63 provinces and cities before the 2025 merger."""
        return [u.name for u in self.units.values() if u.name != "Huế"]

    @property
    def new_units(self) -> list[str]:
        """The 34 provinces and cities after the 2025 merger."""
        return sorted({u.current for u in self.units.values()})


@lru_cache(maxsize=1)
def load(path: str | None = None) -> Gazetteer:
    """The gazetteer (read once)."""
    with open(path or DATA_FILE, "rb") as fh:
        data = tomllib.load(fh)
    with open(UNITS_FILE, "rb") as fh:
        return Gazetteer(data, tomllib.load(fh))


def clear_caches() -> None:
    """Forget cached scans of headlines and leads (benchmarks measure cold stories with it)."""
    _tokens_cached.cache_clear()
    gaz = load()
    gaz._mentions_cached.cache_clear()
    gaz._foreign_cached.cache_clear()


def canonical(name: str | None) -> str | None:
    """Canonical name of the unit any written form names ("tp.hcm" -> "TP Hồ Chí Minh")."""
    return load().canonical(name)


def current_name(name: str | None) -> str | None:
    """Post-2025-merger unit of a province name (e.g. "Bình Phước" -> "Đồng Nai"), else None."""
    return load().current_name(name)


def detect(title: str, text: str = "", outlet_province: str | None = None,
           after_merger: bool = False) -> Detection:
    """The province a story is about (see Gazetteer.detect)."""
    return load().detect(title, text, outlet_province, after_merger)


def today(name: str | None) -> str | None:
    """Today's unit for a name of a whole unit ("Thừa Thiên Huế" -> "Huế"); None if merged away."""
    return load().today(name)


def is_city(name: str | None) -> bool:
    """True for a centrally-run city in any written form."""
    return load().is_city(name)


def short(name: str) -> str:
    """How the bulletin writes a place before a colon ("TP Hồ Chí Minh" -> "TPHCM")."""
    return load().short(name)


def provinces() -> tuple[str, ...]:
    """Today's 34 provinces and cities in the official order."""
    return load().order


def place_prefix(headline: str, province: str | None) -> str:
    """"TPHCM: ..." / "Đà Nẵng: ..." before a local headline unless it already names the place."""
    return load().place_prefix(headline, province)


def foreign_names(text: str) -> list[str]:
    """Foreign countries/capitals named in ``text``."""
    return load().foreign_names(text)
