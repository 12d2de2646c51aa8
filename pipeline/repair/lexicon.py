"""Swedish word knowledge: wordfreq frequencies, the genre's curated words, compound splitting,
and hunspell-sv; each built once into a cache file a process loads in a fraction of a second."""

from __future__ import annotations

import gc
import hashlib
import marshal
import math
import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline.repair.tuning import COMPOUND_PENALTY, DOMAIN_ZIPF, MIN_PART, PART_ZIPF, TAIL_ZIPF

CACHE_FORMAT = 2  # raise when what a cache file holds changes
HUNSPELL_BASES = ("/usr/share/hunspell/sv_SE", "/usr/share/myspell/sv_SE")


def cache_dir() -> Path:
    """Where the built word lists are kept: $FINSAM_CACHE, else the user's cache folder."""
    if os.environ.get("FINSAM_CACHE"):
        return Path(os.environ["FINSAM_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "finsam"


def _hunspell_base() -> str | None:
    for base in HUNSPELL_BASES:
        if Path(base + ".dic").exists() and Path(base + ".aff").exists():
            return base
    return None


def _source_key(name: str) -> str:
    """A digest of everything a cache file is built from: stale files are never read."""
    from importlib.metadata import version

    h = hashlib.sha256(f"{name} {CACHE_FORMAT} {sys.version_info[:2]} {DOMAIN_ZIPF}".encode())
    h.update(f"wordfreq {version('wordfreq')} spylls {version('spylls')}".encode())
    h.update(resources.files("pipeline.repair").joinpath("data/domain_sv.txt").read_bytes())
    if name == "hunspell":
        base = _hunspell_base()
        for suffix in (".aff", ".dic"):
            if base:
                st = Path(base + suffix).stat()
                h.update(f"{base}{suffix} {st.st_size} {st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def cached(name: str, build: Callable[[], Any]) -> Any:
    """`build()`'s value, read from the cache file for its current sources, or built and saved.

    The file is written atomically; where the cache folder cannot be written the value is
    built for this process only.
    """
    path = cache_dir() / f"{name}-{_source_key(name)}.marshal"
    try:
        data = path.read_bytes()
        gc.disable()  # a collection per thousand containers made would double the load
        try:
            return marshal.loads(data)
        finally:
            gc.enable()
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{name}-*.marshal"):
            old.unlink(missing_ok=True)  # the stale builds of this list
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps(value))
        os.replace(tmp, path)
    except OSError:
        pass
    return value


def warm_cache() -> None:
    """Build (or check) every cache file now, and load the lists into this process."""
    frequencies()
    from pipeline.repair.words import skeleton_index

    skeleton_index()
    hunspell()


def _build_frequencies() -> dict[str, float]:
    import wordfreq

    freq: dict[str, float] = {}
    for w, f in wordfreq.get_frequency_dict("sv", "large").items():
        if f > 0:
            freq[w] = round(math.log10(f) + 9, 2)
    for w in domain_words():
        freq[w] = max(freq.get(w, 0.0), DOMAIN_ZIPF)
    return freq


@cache
def frequencies() -> dict[str, float]:
    """Swedish word -> Zipf frequency, wordfreq's large list plus the curated genre words."""
    return cached("frequencies", _build_frequencies)


@cache
def domain_words() -> frozenset[str]:
    """The curated list of FINSAM vocabulary and Swedish place names."""
    text = resources.files("pipeline.repair").joinpath("data/domain_sv.txt").read_text("utf-8")
    return frozenset(
        ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")
    )


def zipf(word: str) -> float:
    """Zipf frequency of a listed word (lower-cased), 0 when unlisted."""
    return frequencies().get(word.lower(), 0.0)


@cache
def compound_zipf(word: str) -> float:
    """Best Zipf-like score of `word` as a listed word or a compound of up to three listed parts."""
    w = word.lower()
    direct = zipf(w)
    if direct > 0 or len(w) < 2 * MIN_PART:
        return direct
    best = 0.0
    for i in range(MIN_PART, len(w) - MIN_PART + 1):
        head, tail = w[:i], w[i:]
        head_z = zipf(head)
        if head.endswith("s") and len(head) > MIN_PART + 1:
            head_z = max(head_z, zipf(head[:-1]))  # the linking -s- of Swedish compounds
        if head_z < PART_ZIPF:
            continue
        tail_z = zipf(tail) if zipf(tail) >= PART_ZIPF else compound_zipf(tail) if len(tail) >= 6 else 0
        if tail_z >= TAIL_ZIPF:
            best = max(best, min(head_z, tail_z) - COMPOUND_PENALTY)
    return best


def is_known_word(word: str) -> bool:
    """Whether `word` is Swedish as listed, or a compound of listed parts."""
    return compound_zipf(word) > 0


def _build_hunspell() -> tuple:
    """spylls' reading of the .dic file as plain data: entries, and the two indexes into them."""
    from spylls.hunspell import Dictionary

    base = _hunspell_base()
    assert base is not None
    dic = Dictionary.from_files(base).dic
    ids = {id(w): i for i, w in enumerate(dic.words)}
    # Few objects load fast: parallel lists, a stem's single entry as a bare number.
    stems = [w.stem for w in dic.words]
    flags = ["".join(sorted(w.flags)) if all(len(f) == 1 for f in w.flags) else tuple(w.flags)
             for w in dic.words]
    captypes = bytes(w.captype.value for w in dic.words)
    extras = {i: (w.data, w.alt_spellings) for i, w in enumerate(dic.words) if w.data or w.alt_spellings}

    def refs(v: list) -> int | tuple[int, ...]:
        return ids[id(v[0])] if len(v) == 1 else tuple(ids[id(w)] for w in v)

    index = {k: refs(v) for k, v in dic.index.items()}
    lower = {k: refs(v) for k, v in dic.lowercase_index.items()}
    return stems, flags, captypes, extras, index, lower


class _LazyIndex:
    """A stem -> [Word] mapping that makes spylls' Word objects only for the stems looked up."""

    def __init__(self, ids: dict[str, int | tuple[int, ...]], word: Callable[[int], Any]) -> None:
        self._ids = ids
        self._word = word

    def get(self, stem: str, default: Any = None) -> Any:
        """The entries of one stem, as spylls' Dic.index gives them."""
        found = self._ids.get(stem)
        if found is None:
            return default
        return [self._word(found)] if isinstance(found, int) else [self._word(i) for i in found]


@cache
def hunspell() -> Any | None:
    """Debian's Swedish hunspell dictionary read with spylls, or None when it is not installed.

    The affix file is read as usual (a few hundredths of a second); the 150 000 stems come from
    the cache and become spylls entries only when a look-up reaches them.
    """
    from spylls.hunspell import Dictionary, readers
    from spylls.hunspell.algo.capitalization import Type as CapType
    from spylls.hunspell.data.dic import Dic, Word
    from spylls.hunspell.readers.file_reader import FileReader

    base = _hunspell_base()
    if base is None:
        print("finsam: hunspell-sv not found; OCR repair uses word frequencies only", file=sys.stderr)
        return None
    stems, flags, captypes, extras, index, lower = cached("hunspell", _build_hunspell)
    aff, _ = readers.read_aff(FileReader(base + ".aff"))

    @cache
    def word(i: int) -> Word:
        data, alt = extras.get(i, ({}, []))
        return Word(stem=stems[i], flags=set(flags[i]), data=data, captype=CapType(captypes[i]),
                    alt_spellings=alt)

    dic = Dic(words=[])
    dic.index = _LazyIndex(index, word)  # type: ignore[assignment]
    dic.lowercase_index = _LazyIndex(lower, word)  # type: ignore[assignment]
    return Dictionary(aff, dic)


@cache
def is_spelled(word: str) -> bool:
    """Whether the Swedish hunspell dictionary accepts `word` (inflections and compounds too)."""
    d = hunspell()
    return bool(d is not None and word and d.lookup(word))
