import importlib
import re
from pathlib import Path

import pytest

import server.config
from server import create_app
from server.services import DataError

ENV_NAMES = ("SITE_TITLE", "EXIT_URL", "DEFAULT_LANGUAGE", "SERVICES_FILE", "TRUSTED_PROXIES")


def settings_of(config_class) -> dict:
    return {name: getattr(config_class, name) for name in dir(config_class) if name.isupper()}


@pytest.fixture
def reload_config(monkeypatch):
    """Reload server.config with some environment variables set; reload it clean afterwards."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)

    def reload(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(server.config)

    yield reload
    monkeypatch.undo()
    importlib.reload(server.config)


def test_defaults(app):
    assert app.config["SITE_TITLE"] == "Uitweg"
    assert app.config["LANGUAGES"] == ("nl", "en", "ar", "tr", "pl", "uk", "ti", "fa")
    assert app.config["DEFAULT_LANGUAGE"] == "nl"
    assert app.config["BABEL_DEFAULT_LOCALE"] == "nl"
    assert app.config["EXIT_URL"].startswith("https://")
    assert app.config["EMERGENCY_SERVICES"] == ("112", "veilig-thuis")
    assert app.config["TRUSTED_PROXIES"] == 0


def test_testing_flag_comes_from_the_mapping(app):
    assert app.testing
    assert not create_app().testing


def test_mapping_overrides_config():
    app = create_app({"TESTING": True, "SITE_TITLE": "Weerbericht",
                      "EXIT_URL": "https://www.nu.nl/weer"})
    assert app.config["SITE_TITLE"] == "Weerbericht"
    assert app.config["EXIT_URL"] == "https://www.nu.nl/weer"
    html = app.test_client().get("/nl/").get_data(as_text=True)
    assert "<title>Weerbericht</title>" in html
    assert 'href="https://www.nu.nl/weer"' in html


def test_environment_variables_are_read(reload_config, tmp_path):
    services = tmp_path / "services.toml"
    services.write_bytes(Path(server.config.Config.SERVICES_FILE).read_bytes())
    config = reload_config(
        SITE_TITLE="Weerbericht",
        EXIT_URL="https://www.nu.nl/",
        SERVICES_FILE=str(services),
        TRUSTED_PROXIES="2",
    ).Config
    assert config.SITE_TITLE == "Weerbericht"
    assert config.EXIT_URL == "https://www.nu.nl/"
    assert config.SERVICES_FILE == str(services)
    app = create_app({**settings_of(config), "TESTING": True})
    assert app.config["TRUSTED_PROXIES"] == 2


def test_environment_setting_reaches_the_pages(reload_config):
    config = reload_config(SITE_TITLE="Weerbericht").Config
    app = create_app({**settings_of(config), "TESTING": True})
    assert "<title>Weerbericht</title>" in app.test_client().get("/nl/").get_data(as_text=True)


def test_blank_environment_variables_fall_back_to_defaults(reload_config):
    config = reload_config(SITE_TITLE="   ", EXIT_URL="", DEFAULT_LANGUAGE=" ").Config
    assert config.SITE_TITLE == "Uitweg"
    assert config.EXIT_URL == "https://www.knmi.nl/"
    assert config.DEFAULT_LANGUAGE == "nl"


def test_bad_language_from_environment_is_refused(reload_config):
    module = reload_config(DEFAULT_LANGUAGE="xx")
    assert module.Config.DEFAULT_LANGUAGE == "xx"
    with pytest.raises(module.ConfigError, match="DEFAULT_LANGUAGE"):
        module.check_config(settings_of(module.Config))


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "٣"])
def test_bad_trusted_proxies_is_a_config_error(reload_config, value):
    module = reload_config(TRUSTED_PROXIES=value)
    with pytest.raises(module.ConfigError, match="TRUSTED_PROXIES"):
        module.check_config(settings_of(module.Config))


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("EXIT_URL", "http://www.knmi.nl/"),
        ("EXIT_URL", "not a url"),
        ("EXIT_URL", "https://"),
        ("DEFAULT_LANGUAGE", "xx"),
        ("SITE_TITLE", ""),
        ("SITE_TITLE", "   "),
    ],
)
def test_bad_config_is_refused_naming_the_setting(setting, value):
    # Looked up when the test runs: reloading server.config (above) replaces the class.
    with pytest.raises(server.config.ConfigError) as info:
        create_app({"TESTING": True, setting: value})
    assert setting in str(info.value)


def test_missing_services_file_is_refused_naming_the_file(tmp_path):
    missing = tmp_path / "nowhere" / "services.toml"
    with pytest.raises(DataError) as info:
        create_app({"TESTING": True, "SERVICES_FILE": str(missing)})
    assert info.value.path == str(missing)
    assert str(missing) in str(info.value)
    assert re.search("does not exist", str(info.value))


def test_translate_commands_are_registered(runner):
    result = runner.invoke(args=["translate", "--help"])
    assert result.exit_code == 0
    for command in ("extract", "update", "compile", "init"):
        assert command in result.output
