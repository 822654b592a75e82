"""Settings from the environment: a bad value is refused with the variable's name."""

from __future__ import annotations

import pytest

from dossier.config import Settings
from dossier.errors import DossierError


@pytest.mark.parametrize(
    ("name", "value", "why"),
    [
        ("DOSSIER_BATCH_SIZE", "abc", "'abc' is not a whole number of at least 1"),
        ("DOSSIER_BATCH_SIZE", "0", "'0' is not a whole number of at least 1"),
        ("DOSSIER_MAX_BYTES", "2.5", "not a whole number"),
        ("DOSSIER_MAX_REDIRECTS", "-1", "'-1' is not a whole number of at least 0"),
        ("DOSSIER_TIMEOUT", "0", "'0' is not a number of at least 0.001"),
        ("DOSSIER_TIMEOUT", "nan", "not a number"),
        ("DOSSIER_ALLOW_PRIVATE_URLS", "maybe", "'maybe' is not 1 or 0"),
    ],
)
def test_a_bad_setting_names_the_variable_and_the_reason(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, why: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(DossierError) as raised:
        Settings.from_env()
    assert (raised.value.code, raised.value.source) == ("E703", name)
    assert why in raised.value.reason


def test_good_settings_and_blank_ones_take_their_values_or_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DOSSIER_BATCH_SIZE", " 8 ")
    monkeypatch.setenv("DOSSIER_TIMEOUT", "2.5")
    monkeypatch.setenv("DOSSIER_MAX_REDIRECTS", "0")
    monkeypatch.setenv("DOSSIER_MAX_BYTES", "")
    settings = Settings.from_env()
    assert (settings.batch_size, settings.timeout, settings.max_redirects) == (8, 2.5, 0)
    assert settings.max_bytes == Settings.max_bytes


@pytest.mark.parametrize(
    ("value", "allowed"),
    [("1", True), (" Yes ", True), ("true", True), ("on", True), ("0", False), ("off", False)],
)
def test_private_urls_stay_refused_unless_the_setting_says_so(
    monkeypatch: pytest.MonkeyPatch, value: str, allowed: bool
) -> None:
    assert Settings.from_env().allow_private_urls is False
    monkeypatch.setenv("DOSSIER_ALLOW_PRIVATE_URLS", value)
    assert Settings.from_env().allow_private_urls is allowed
