"""Lexical similarity of free texts in Spanish and English, offline.

Words are lower-cased, accents folded, stop words of both languages dropped and each word
stemmed with the Snowball stemmer of the text's language (guessed from its stop words).
Texts become TF-IDF vectors (sublinear term frequency, smoothed IDF, unit length), and the
similarity of two texts is the cosine of their vectors (0 to 1).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import snowballstemmer
from scipy import sparse

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPANISH_STOP_WORDS = _words(
    """
    a al algo algun alguna algunas alguno algunos ante antes asi aun aunque bajo bien cada
    casi como con contra cual cuales cuando de del desde donde dos el ella ellas ello ellos
    en entre era eran eres es esa esas ese eso esos esta estaba estado estan estar estas este
    esto estos estoy fue fueron fui ha habia han has hasta hay he la las le les lo los mas me
    mi mis mucho muy nada ni no nos nosotros o os otra otro para pero poco por porque que
    quien se sea ser si sido sin sobre solo son soy su sus tambien te tengo tiene tienen todo
    todos tu tus un una uno unos usted y ya yo mucha muchos muchas hace hacer cosa cosas
    estuve tuve tenia ahora despues luego mismo misma tan tanto vez veces
    """
)
ENGLISH_STOP_WORDS = _words(
    """
    a about after again all am an and any are as at be been before being but by can could
    did do does doing down during each few for from further had has have having he her here
    hers him his how i if in into is it its just me more most my no nor not now of off on
    once only or other our out over own same she should so some such than that the their
    them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours also been got
    get went going really still much many one two
    """
)
STOP_WORDS = SPANISH_STOP_WORDS | ENGLISH_STOP_WORDS
# Words that tell the languages apart (accent-folded).
_SPANISH_MARKERS = _words("el la los las que de y en por para con una un mi es me se")
_ENGLISH_MARKERS = _words("the and of to in my is i a it was for with that")

_stemmers = {
    "es": snowballstemmer.stemmer("spanish"),
    "en": snowballstemmer.stemmer("english"),
}


def _fold_char(code: int) -> str:
    decomposed = unicodedata.normalize("NFKD", chr(code))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Latin letters with accents, folded once (fast str.translate for the common case).
_FOLD = {code: _fold_char(code) for code in range(0xC0, 0x250) if _fold_char(code) != chr(code)}


def fold(text: str) -> str:
    """Lower-case and strip accents ("Pérdida" -> "perdida")."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def guess_language(words: Sequence[str]) -> str:
    """'es' or 'en' from the share of each language's commonest words (Spanish on a tie)."""
    spanish = sum(1 for w in words if w in _SPANISH_MARKERS)
    english = sum(1 for w in words if w in _ENGLISH_MARKERS)
    return "en" if english > spanish else "es"


@lru_cache(maxsize=200_000)
def _stem(word: str, language: str) -> str:
    return _stemmers[language].stemWord(word)


@lru_cache(maxsize=50_000)
def terms(text: str, language: str | None = None) -> tuple[str, ...]:
    """Stemmed content words of ``text``; store them with a profile to skip this later."""
    if not text:
        return ()
    words = _WORD.findall(fold(text))
    language = language or guess_language(words)
    return tuple(
        _stem(w, language) for w in words if len(w) > 2 and w not in STOP_WORDS and not w.isdigit()
    )


class TextModel:
    """TF-IDF over a corpus of term lists: ``vectors(list_of_terms)`` gives unit rows."""

    def __init__(self, documents: Iterable[Sequence[str]]) -> None:
        vocabulary: dict[str, int] = {}
        doc_freq: list[int] = []
        count = 0
        for doc in documents:
            count += 1
            for term in set(doc):
                index = vocabulary.get(term)
                if index is None:
                    vocabulary[term] = len(doc_freq)
                    doc_freq.append(1)
                else:
                    doc_freq[index] += 1
        self.vocabulary = vocabulary
        self.idf = (
            np.log((1 + count) / (1 + np.asarray(doc_freq, dtype=np.float64))) + 1.0
        ).astype(np.float32)

    def vectors(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """One unit-length TF-IDF row per document (terms not in the vocabulary ignored)."""
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        vocabulary = self.vocabulary
        for doc in documents:
            counts: dict[int, int] = {}
            for term in doc:
                index = vocabulary.get(term)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            indices.extend(counts)
            data.extend(counts.values())
            indptr.append(len(indices))
        matrix = sparse.csr_matrix(
            (
                np.asarray(data, dtype=np.float32),
                np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int64),
            ),
            shape=(len(documents), len(vocabulary)),
        )
        if matrix.nnz:
            matrix.data = (1.0 + np.log(matrix.data)) * self.idf[matrix.indices]
            norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            matrix = sparse.csr_matrix(sparse.diags(1.0 / norms).astype(np.float32) @ matrix)
        return matrix


def similarity(first: str, second: str) -> float:
    """Cosine similarity of two texts on their own (IDF from the two of them)."""
    a, b = terms(first), terms(second)
    model = TextModel([a, b])
    vectors = model.vectors([a, b])
    return float(vectors[0].multiply(vectors[1]).sum())
