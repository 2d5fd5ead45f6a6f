"""Indonesian search of the catalogue: what citizens type, not only the official names.

One analysis for both databases, so a query finds the same services on SQLite and PostgreSQL:

1. **Words**: lower case, accents and punctuation removed; a hyphenated word gives its parts
   and the joined form (``KTP-el`` → ``ktp``, ``el``, ``ktpel``); stop words dropped.
2. **Stems** by Sastrawi (Nazief–Adriani with a dictionary of root words), not PostgreSQL's
   ``indonesian`` configuration, which strips too much (keluarga → "luarga", kependudukan →
   "nduduk", menikah → "meni"; measured in docs/search.md). Roots Sastrawi's dictionary lacks
   are added in ``EXTRA_ROOTS``.
3. **Synonyms** (``SearchSynonym``, edited by the admin): a term or phrase in the query adds the
   catalogue's words for it (akte → akta, imb → persetujuan bangunan gedung).
4. **Typing errors**: a word of four letters or more that is not in the catalogue's vocabulary
   (``SearchTerm``) is replaced by the vocabulary words that share enough trigrams with it
   (pg_trgm's own measure: on PostgreSQL by the ``%`` operator over a trigram index, on SQLite
   computed here), start with the same letter and are at most one edit away (two for words of
   seven letters or more; a swap of two letters is one edit).
5. **Candidates**: services whose stems hold any of the query's stems — PostgreSQL full text
   (``to_tsvector('simple', …) @@ to_tsquery``, GIN index), SQLite ``LIKE``.
6. **Ranking**, the same code for both: for each word of the query the best of its stems,
   corrections and synonyms, weighted by field (name 3, keywords/OPD/life events 2, summary and
   requirements 1) and by rarity (BM25's idf over ``SearchTerm.service_count``); services that
   match more of the query's words come first, and those scoring under 15 % of the best are
   left out (a word met in an unrelated service's requirements).
"""

from __future__ import annotations

import math
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.cache import cache
from django.db import connection

STOP_WORDS = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "dengan",
        "atau",
        "pada",
        "oleh",
        "bagi",
        "dalam",
        "akan",
        "sudah",
        "telah",
        "belum",
        "bisa",
        "dapat",
        "cara",
        "bagaimana",
        "gimana",
        "apa",
        "apakah",
        "mana",
        "dimana",
        "kapan",
        "berapa",
        "saya",
        "aku",
        "kami",
        "kita",
        "mau",
        "ingin",
        "pengen",
        "itu",
        "ini",
        "tersebut",
        "juga",
        "lagi",
        "ada",
        "adalah",
        "sebagai",
        "serta",
        "jika",
        "kalau",
        "bila",
        "agar",
        "supaya",
        "tentang",
        "tolong",
        "mohon",
        "info",
        "informasi",
        "syarat",
        "persyaratan",
        "prosedur",
        "layanan",
        "pelayanan",
        "nya",
        "si",
        "sang",
        "para",
        "the",
    ]
)
# Roots missing from Sastrawi's dictionary, so their derived forms stem right
# (without "nikah", "menikah" stems to "meni").
EXTRA_ROOTS = ("nikah", "ktp", "pbg", "nib", "simbg", "bphtb", "npwpd", "reklame", "tera")
# Words Sastrawi gets wrong even with those roots ("menikah": it strips the particle "-kah"
# before the prefix).
STEM_OVERRIDES = {"menikah": "nikah", "mengawini": "kawin", "dikawini": "kawin"}
MIN_CORRECTION_LENGTH = 4
TRIGRAM_THRESHOLD = 0.3  # pg_trgm's default similarity_threshold
FIELD_WEIGHTS = {"name": 3.0, "terms": 2.0, "body": 1.0}
MAX_QUERY_WORDS = 12
# A result scoring below this share of the best one is noise (a word found in a requirement
# of an unrelated service) and is left out.
RELATIVE_CUTOFF = 0.15
VOCABULARY_VERSION_KEY = "catalogue:search:vocabulary-version"

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def normalize(text: str) -> str:
    """Lower case without accents; ``’`` and ``'`` inside words removed (Jum'at → jumat)."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"(?<=\w)['’](?=\w)", "", text.lower())


def words(text: str) -> list[str]:
    """The words of ``text`` in order, hyphenated ones as their parts plus the joined form."""
    result = []
    for match in _WORD.finditer(normalize(text)):
        token = match.group()
        if "-" not in token:
            result.append(token)
            continue
        parts = token.split("-")
        if len(set(parts)) == 1:  # reduplication: anak-anak
            result.append(parts[0])
            continue
        result.extend(parts)
        result.append("".join(parts))
    return result


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    roots = StemmerFactory().get_words_from_file()
    return Stemmer(ArrayDictionary([*roots, *EXTRA_ROOTS]))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    if word in STEM_OVERRIDES:
        return STEM_OVERRIDES[word]
    return _stemmer().stem(word) or word


def stems(text: str) -> list[str]:
    """The stems of ``text``'s words that are not stop words, in order (repeats kept)."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1]


def index_text(*texts: str) -> str:
    """Stems of ``texts`` as stored in a search field: space-separated and space-padded."""
    joined = " ".join(s for text in texts for s in stems(text))
    return f" {joined} " if joined else ""


# --- trigrams and edits: pg_trgm's measure, so both databases correct the same way ----------


def trigrams(word: str) -> frozenset[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def trigram_similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters is one edit), capped at
    ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(word: str) -> int:
    return 1 if len(word) <= 6 else 2


# --- the vocabulary ------------------------------------------------------------------------


@dataclass
class Vocabulary:
    """The catalogue's words, their stems and how many services hold each stem."""

    stem_of: dict[str, str]
    service_count: dict[str, int]  # by stem
    services: int
    synonyms: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    _grams: dict[str, frozenset[str]] | None = None

    def idf(self, term: str) -> float:
        df = self.service_count.get(term, 0)
        return math.log(1 + (self.services - df + 0.5) / (df + 0.5))

    def similar_words(self, word: str) -> list[str]:
        """Vocabulary words sharing at least ``TRIGRAM_THRESHOLD`` of their trigrams with
        ``word`` (computed here; PostgreSQL asks its trigram index instead)."""
        if self._grams is None:
            self._grams = {w: trigrams(w) for w in self.stem_of}
        mine = trigrams(word)
        return [
            other
            for other, grams in self._grams.items()
            if len(mine & grams) / len(mine | grams) >= TRIGRAM_THRESHOLD
        ]


_vocabulary: tuple[object, Vocabulary] | None = None


def catalogue_version() -> str:
    """A random token in the shared cache, replaced on every change. When the cache lost it
    (flushed, restarted), a new one is made, so every process reads the vocabulary again."""
    token = cache.get(VOCABULARY_VERSION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(VOCABULARY_VERSION_KEY, token, None):
            token = cache.get(VOCABULARY_VERSION_KEY) or token
    return token


def vocabulary_changed() -> None:
    """Tell every process that the vocabulary or the synonyms changed (after commit)."""
    global _vocabulary
    cache.set(VOCABULARY_VERSION_KEY, uuid.uuid4().hex, None)
    _vocabulary = None


def vocabulary() -> Vocabulary:
    """The vocabulary and the synonyms, read once per process and again after
    ``vocabulary_changed`` (one cache read per search)."""
    global _vocabulary
    version = catalogue_version()
    if _vocabulary is not None and _vocabulary[0] == version:
        return _vocabulary[1]
    from .models import PublicService, SearchSynonym, SearchTerm

    stem_of, counts = {}, {}
    for word, term, count in SearchTerm.objects.values_list("word", "stem", "service_count"):
        stem_of[word] = term
        counts[term] = count
    loaded = Vocabulary(
        stem_of=stem_of,
        service_count=counts,
        services=PublicService.objects.filter(is_active=True).count(),
        synonyms=[
            (tuple(words(term)), tuple(dict.fromkeys(stems(replacement))))
            for term, replacement in SearchSynonym.objects.filter(is_active=True).values_list(
                "term", "replacement"
            )
        ],
    )
    _vocabulary = (version, loaded)
    return loaded


def vocabulary_rows(documents: list[tuple[str, str, str, str]]) -> list[tuple[str, str, int]]:
    """(word, stem, services holding the stem) for the active services' texts.

    ``documents`` are each service's (name, terms, body, raw text the words come from)."""
    stem_services: dict[str, int] = {}
    word_stem: dict[str, str] = {}
    for name, terms, body, raw in documents:
        for term in set(f"{name} {terms} {body}".split()):
            stem_services[term] = stem_services.get(term, 0) + 1
        for word in words(raw):
            if word not in STOP_WORDS and len(word) > 1 and len(word) <= 100:
                word_stem.setdefault(word, stem(word))
    return [(w, s, stem_services.get(s, 0)) for w, s in sorted(word_stem.items())]


# --- queries -------------------------------------------------------------------------------


@dataclass
class QueryWord:
    """One word (or synonym phrase) of the query and the stems that stand for it, with weights."""

    text: str
    alternatives: dict[str, float] = field(default_factory=dict)
    group: tuple[str, ...] = ()  # a synonym's replacement stems, scored together
    phrase: tuple[str, ...] = ()  # the stems of a synonym phrase as typed, scored together


@dataclass
class AnalysedQuery:
    words: list[QueryWord]
    corrections: dict[str, str]  # typed word → the word it was read as

    @property
    def terms(self) -> set[str]:
        found = set()
        for word in self.words:
            found.update(word.alternatives)
            found.update(word.group)
            found.update(word.phrase)
        return found


def _similar_words_in_database(word: str) -> list[str]:
    from django.contrib.postgres.search import TrigramSimilarity

    from .models import SearchTerm

    return list(
        SearchTerm.objects.filter(word__trigram_similar=word)
        .annotate(similarity=TrigramSimilarity("word", word))
        .order_by("-similarity", "word")
        .values_list("word", flat=True)[:20]
    )


def corrections_for(word: str, vocab: Vocabulary) -> list[tuple[str, float]]:
    """Vocabulary words ``word`` was probably meant to be, with their trigram similarity."""
    if len(word) < MIN_CORRECTION_LENGTH or not word.isalpha():
        return []
    if connection.vendor == "postgresql":
        candidates = _similar_words_in_database(word)
    else:
        candidates = vocab.similar_words(word)
    limit = allowed_edits(word)
    found = [
        (other, trigram_similarity(word, other))
        for other in candidates
        # People rarely mistype the first letter: "tilang" is not a typing error of "hilang".
        if other[:1] == word[:1] and edit_distance(word, other, limit) <= limit
    ]
    found.sort(key=lambda item: (-item[1], item[0]))
    return found[:3]


def analyse(query: str, vocab: Vocabulary | None = None) -> AnalysedQuery:
    vocab = vocab or vocabulary()
    typed = [w for w in words(query) if len(w) > 1][: MAX_QUERY_WORDS * 2]
    result: list[QueryWord] = []
    corrections: dict[str, str] = {}
    consumed = [False] * len(typed)
    # Synonym phrases first, longest first, so "kartu kuning" wins over "kartu".
    for phrase, replacement_stems in sorted(vocab.synonyms, key=lambda item: -len(item[0])):
        size = len(phrase)
        if not size:
            continue
        for start in range(len(typed) - size + 1):
            if any(consumed[start : start + size]) or tuple(typed[start : start + size]) != phrase:
                continue
            for i in range(start, start + size):
                consumed[i] = True
            own = tuple(dict.fromkeys(stem(w) for w in phrase if w not in STOP_WORDS))
            if len(own) == 1:
                word = QueryWord(" ".join(phrase), alternatives={own[0]: 1.0})
            else:
                word = QueryWord(" ".join(phrase), phrase=own)
            word.group = replacement_stems
            result.append(word)
    for i, word in enumerate(typed):
        if consumed[i] or word in STOP_WORDS:
            continue
        own = stem(word)
        alternatives = {own: 1.0}
        if word not in vocab.stem_of and own not in vocab.service_count:
            for other, similarity in corrections_for(word, vocab):
                alternatives.setdefault(vocab.stem_of.get(other, stem(other)), similarity)
                corrections.setdefault(word, other)
        result.append(QueryWord(word, alternatives=alternatives))
    return AnalysedQuery(words=result[:MAX_QUERY_WORDS], corrections=corrections)


def tsquery(terms: set[str]) -> str:
    """``'a' | 'b'`` for PostgreSQL's to_tsquery; terms are [a-z0-9] only (see ``words``)."""
    return " | ".join(f"'{t}'" for t in sorted(terms) if re.fullmatch(r"[a-z0-9]+", t))


@dataclass(frozen=True)
class Document:
    pk: int
    name: str
    terms: str
    body: str


def _field_score(field_text: str, term: str) -> float:
    count = field_text.count(f" {term} ")
    return count / (count + 1.2) * 2.2 if count else 0.0


def _term_score(document: Document, term: str, vocab: Vocabulary) -> float:
    score = (
        FIELD_WEIGHTS["name"] * _field_score(document.name, term)
        + FIELD_WEIGHTS["terms"] * _field_score(document.terms, term)
        + FIELD_WEIGHTS["body"] * _field_score(document.body, term)
    )
    return score * vocab.idf(term)


def _group_score(document: Document, group: tuple[str, ...], vocab: Vocabulary) -> float:
    """Words that stand for one thing (a synonym's replacement, a typed phrase): their mean
    score, times the share of them the document holds."""
    parts = [_term_score(document, t, vocab) for t in group]
    hits = sum(1 for p in parts if p)
    return sum(parts) / len(parts) * (hits / len(parts))


def rank(documents: list[Document], analysed: AnalysedQuery, vocab: Vocabulary) -> list[int]:
    """Primary keys of the documents that match, best first."""
    scored = []
    for document in documents:
        matched, total = 0, 0.0
        for word in analysed.words:
            best = max(
                (
                    weight * _term_score(document, t, vocab)
                    for t, weight in word.alternatives.items()
                ),
                default=0.0,
            )
            for group in (word.group, word.phrase):
                if group:
                    best = max(best, _group_score(document, group, vocab))
            if best > 0:
                matched += 1
                total += best
        if matched:
            scored.append((-matched, -total, document.pk))
    if not scored:
        return []
    floor = RELATIVE_CUTOFF * max(-total for _m, total, _pk in scored)
    scored.sort()
    return [pk for _m, total, pk in scored if -total >= floor]
