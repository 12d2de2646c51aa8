"""Word lists built once into cache files keyed by their sources: rebuilt when missing or stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.repair import lexicon


def test_cache_is_built_when_missing_and_rebuilt_when_stale(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FINSAM_CACHE", str(tmp_path))
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"a": len(builds)}

    assert lexicon.cached("frequencies", build) == {"a": 1}
    assert lexicon.cached("frequencies", build) == {"a": 1} and len(builds) == 1  # read back
    monkeypatch.setattr(lexicon, "CACHE_FORMAT", lexicon.CACHE_FORMAT + 100)  # the sources changed
    assert lexicon.cached("frequencies", build) == {"a": 2}
    assert len(list(tmp_path.glob("frequencies-*.marshal"))) == 1  # the stale file is gone


def test_unwritable_cache_still_builds(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("FINSAM_CACHE", str(blocker / "sub"))
    assert lexicon.cached("frequencies", lambda: {"b": 1}) == {"b": 1}


@pytest.mark.skipif(lexicon.hunspell() is None, reason="hunspell-sv is not installed")
def test_cached_hunspell_agrees_with_spylls() -> None:
    from spylls.hunspell import Dictionary

    full = Dictionary.from_files(lexicon._hunspell_base())
    words = [*list(lexicon.frequencies())[:20000:40], "Försäkringskassans", "medfinansiärsmöte",
             "SAMORDNINGSFÖRBUNDET", "xyzq", "Stockholm", "stockholm", "siter"]
    assert [lexicon.hunspell().lookup(w) for w in words] == [full.lookup(w) for w in words]
