"""Where the account comes from: flags > environment > env file > profile, one level at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigma_async._settings import ACCOUNT_VARIABLES, resolve_account
from sigma_async.cli import EXIT_API_ERROR, EXIT_OK, EXIT_USAGE
from sigma_async.testing import SigmaEmulator

from .conftest import CREDENTIALS, Cli

WRONG = "wrong-Secret-000"


def _profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    home = tmp_path / "config"
    (home / "sigma-async").mkdir(parents=True, exist_ok=True)
    path = home / "sigma-async" / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.delenv("SIGMA_CONFIG", raising=False)
    monkeypatch.delenv("SIGMA_PROFILE", raising=False)
    return path


def _account_toml(name: str, emulator: SigmaEmulator, secret: str) -> str:
    return (
        f"[profiles.{name}]\n"
        f'base_url = "{emulator.base_url}"\n'
        f'username = "{CREDENTIALS.username}"\n'
        f'secret_key = "{secret}"\n'
        f'app_id = "{CREDENTIALS.app_id}"\n'
    )


def _env_file(tmp_path: Path, emulator: SigmaEmulator, secret: str) -> Path:
    path = tmp_path / "sigma.env"
    path.write_text(
        f"SIGMA_BASE_URL={emulator.base_url}\nSIGMA_USERNAME={CREDENTIALS.username}\n"
        f"SIGMA_SECRET_KEY={secret}\nSIGMA_APP_ID={CREDENTIALS.app_id}\n",
        encoding="utf-8",
    )
    return path


async def test_level_4_a_profile_alone(
    cli: Cli, emulator: SigmaEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _profile(tmp_path, monkeypatch, _account_toml("staging", emulator, CREDENTIALS.secret_key))
    by_flag = await cli("--profile", "staging", "channels", "list", account=False)
    assert by_flag.code == EXIT_OK, by_flag.err
    monkeypatch.setenv("SIGMA_PROFILE", "staging")
    by_variable = await cli("channels", "list", account=False)
    assert by_variable.code == EXIT_OK, by_variable.err


async def test_default_profile_and_unknown_profiles(
    cli: Cli, emulator: SigmaEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = 'default_profile = "prod"\n' + _account_toml("prod", emulator, CREDENTIALS.secret_key)
    _profile(tmp_path, monkeypatch, text)
    assert (await cli("channels", "list", account=False)).code == EXIT_OK
    missing = await cli("--profile", "nope", "channels", "list", account=False)
    assert missing.code == EXIT_USAGE
    assert "no profile 'nope'" in missing.err
    assert "prod" in missing.err


async def test_a_profile_with_a_typo_or_bad_toml_names_the_place_never_the_value(
    cli: Cli, emulator: SigmaEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _account_toml("p", emulator, CREDENTIALS.secret_key) + 'secretkey = "x"\n'
    _profile(tmp_path, monkeypatch, text)
    typo = await cli("--profile", "p", "channels", "list", account=False)
    assert typo.code == EXIT_USAGE
    assert "secretkey" in typo.err
    _profile(tmp_path, monkeypatch, f'[profiles.p]\nsecret_key = "{CREDENTIALS.secret_key}\n')
    broken = await cli("--profile", "p", "channels", "list", account=False)
    assert broken.code == EXIT_USAGE
    assert "not valid TOML at line 2" in broken.err


async def test_level_3_the_env_file_wins_over_the_profile(
    cli: Cli, emulator: SigmaEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _profile(tmp_path, monkeypatch, _account_toml("p", emulator, WRONG))
    refused = await cli("--profile", "p", "channels", "list", account=False)
    assert refused.code == EXIT_API_ERROR  # the profile's wrong key was used
    env_file = _env_file(tmp_path, emulator, CREDENTIALS.secret_key)
    outcome = await cli(
        "--profile", "p", "--env-file", str(env_file), "channels", "list", account=False
    )
    assert outcome.code == EXIT_OK, outcome.err


async def test_level_2_the_environment_wins_over_the_env_file(
    cli: Cli, emulator: SigmaEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = _env_file(tmp_path, emulator, WRONG)
    monkeypatch.setenv("SIGMA_SECRET_KEY", CREDENTIALS.secret_key)
    outcome = await cli("--env-file", str(env_file), "channels", "list", account=False)
    assert outcome.code == EXIT_OK, outcome.err


async def test_level_1_flags_win_over_the_environment(
    cli: Cli, emulator: SigmaEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGMA_SECRET_KEY", WRONG)
    monkeypatch.setenv("SIGMA_BASE_URL", emulator.base_url)
    monkeypatch.setenv("SIGMA_USERNAME", CREDENTIALS.username)
    monkeypatch.setenv("SIGMA_APP_ID", CREDENTIALS.app_id)
    refused = await cli("channels", "list", account=False)
    assert refused.code == EXIT_API_ERROR
    outcome = await cli("channels", "list", "--secret-key", CREDENTIALS.secret_key, account=False)
    assert outcome.code == EXIT_OK, outcome.err


async def test_an_env_file_parse_error_names_the_line_never_its_text(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "bad.env"
    path.write_text(
        'SIGMA_USERNAME=u\nSIGMA_SECRET_KEY="unterminated-Secret-77\nSIGMA_APP_ID=a\n',
        encoding="utf-8",
    )
    outcome = await cli("--env-file", str(path), "channels", "list", account=False)
    assert outcome.code == EXIT_USAGE
    assert "line 2" in outcome.err
    assert "unterminated-Secret-77" not in outcome.err


SOURCES = ("flags", "environment", "env file", "profile")


@given(
    st.lists(
        st.sampled_from(sorted(ACCOUNT_VARIABLES)).flatmap(
            lambda arg: st.tuples(st.just(arg), st.sampled_from(SOURCES))
        ),
        max_size=12,
    )
)
def test_the_highest_source_that_gives_a_setting_wins(given_values: list[tuple[str, str]]) -> None:
    layers: dict[str, dict[str, str]] = {source: {} for source in SOURCES}
    for argument, source in given_values:
        key = ACCOUNT_VARIABLES[argument] if source in ("environment", "env file") else argument
        layers[source][key] = f"{source}:{argument}"
    settings = resolve_account(
        flags=layers["flags"],
        environ=layers["environment"],
        env_file=layers["env file"],
        profile=layers["profile"],
    )
    for argument in ACCOUNT_VARIABLES:
        sources = [s for s in SOURCES if any(a == argument and g == s for a, g in given_values)]
        if not sources:
            assert argument not in settings.values
            continue
        assert settings.sources[argument] == sources[0]
        assert settings.values[argument] == f"{sources[0]}:{argument}"
