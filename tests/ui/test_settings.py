"""Settings that last: saved in the (temporary, for tests) config folder, defaults for a broken file."""

from __future__ import annotations

from pathlib import Path

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
