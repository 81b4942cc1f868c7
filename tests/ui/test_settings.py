"""Settings that last: saved in the (temporary, for tests) config folder, defaults for a broken file."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from pathlib import Path

import pytest
from ui_helpers import SIZE, make_app

from thread_explorer.ui.settings import Settings, settings_path


def test_settings_live_in_the_config_folder_and_a_broken_file_gives_defaults(config_folder: Path) -> None:
    assert settings_path() == config_folder / "settings.json"
    Settings(theme="nord", split=4, show_info=True, time_format="absolute").save()
    assert Settings.load() == Settings(theme="nord", split=4, show_info=True, time_format="absolute")
    settings_path().write_text('{"split": 99, "show_info": "yes", "time_format": 3', encoding="utf-8")
    assert Settings.load() == Settings()
    settings_path().write_text('{"split": 99, "show_info": "yes", "theme": "nord"}', encoding="utf-8")
    assert Settings.load() == Settings(theme="nord")  # wrong types and values give the defaults


async def test_theme_split_and_time_format_are_remembered(config_folder: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "nord"
        await pilot.press("greater_than_sign", "t")
        await pilot.pause()
    saved = Settings.load()
    assert saved.theme == "nord" and saved.split == 4 and saved.time_format == "absolute"
    again = make_app()
    async with again.run_test(size=SIZE):
        assert again.theme == "nord"


def test_a_settings_file_that_is_a_link_stays_a_link(config_folder: Path, tmp_path: Path) -> None:
    """Dotfiles kept in a repository and linked into place (GNU stow): saving replaced the link with a plain
    file, so the repository's copy never changed and the link was lost."""
    kept = tmp_path / "dotfiles" / "settings.json"
    kept.parent.mkdir()
    kept.write_text('{"theme": "nord"}', encoding="utf-8")
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().symlink_to(kept)
    Settings(theme="gruvbox", split=2).save()
    assert settings_path().is_symlink() and settings_path().resolve() == kept.resolve()
    assert Settings.load() == Settings(theme="gruvbox", split=2)
    assert os.listdir(kept.parent) == ["settings.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_the_settings_file_gives_the_defaults_and_holds_nothing(config_folder: Path) -> None:
    """Reading a FIFO waits for a writer: a settings.json that is one held the app's start forever, and saving
    into it (a theme change) held the app the same way."""
    config_folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(settings_path())
    done: list[Settings] = []

    def load_and_save() -> None:
        done.append(Settings.load())
        Settings(theme="nord").save()
        done.append(Settings.load())

    worker = threading.Thread(target=load_and_save, daemon=True)
    worker.start()
    worker.join(5)
    if worker.is_alive():  # let the stuck call go: open the other end
        with contextlib.suppress(OSError):
            os.close(os.open(settings_path(), os.O_RDWR | os.O_NONBLOCK))
    assert done == [Settings(), Settings()] and stat.S_ISFIFO(settings_path().stat().st_mode)
