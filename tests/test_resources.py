"""resources.py finds the shipped files from source, installed (wheel) and frozen alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from nanyi_desk import resources


def test_from_this_checkout_the_files_are_found() -> None:
    assert (resources.default_deck() / "deck.yaml").is_file()
    assert (resources.themes_dir() / "nanyi.yaml").is_file()
    assert any(resources.fonts_dir().glob("*.otf"))
    assert (resources.starter_deck() / "deck.yaml").is_file()


def _package(root: Path) -> Path:
    package = root / "site-packages" / "nanyi_desk"
    (package / "_data" / "resources").mkdir(parents=True)
    (package / "_data" / "slides").mkdir()
    return package


def test_installed_or_frozen_the_data_sits_in_the_package(tmp_path: Path) -> None:
    # The wheel and build.spec both put resources/ and slides/ in nanyi_desk/_data; a frozen
    # module's __file__ is inside the unpacked folder in the same way.
    package = _package(tmp_path)
    assert resources.data_root(package) == package / "_data"


def test_a_source_tree_is_found_two_levels_up(tmp_path: Path) -> None:
    package = tmp_path / "src" / "nanyi_desk"
    package.mkdir(parents=True)
    (tmp_path / "resources").mkdir()
    assert resources.data_root(package) == tmp_path


def test_nothing_found_says_where_it_looked(tmp_path: Path) -> None:
    package = tmp_path / "src" / "nanyi_desk"
    package.mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match="reinstall") as caught:
        resources.data_root(package)
    assert str(package / "_data") in str(caught.value)
