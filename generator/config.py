"""The site's identity: the `reportsite` plugin's options in mkdocs.yml, typed once, read by pages and data files.

MkDocs validates these options when it loads the plugin (`plugin.py`); `read_identity` validates the same
options for callers that generate without MkDocs (tests, benchmarks), so both see one identity.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from generator.errors import ReportsiteError

PLUGIN = "reportsite"


class LicenceConfig(base.Config):
    """The licence the compiled data is offered under (the source reports are official documents)."""

    name = c.Type(str)  # SPDX identifier, as Frictionless expects: CC-BY-4.0
    title = c.Type(str)
    url = c.URL()


class DataConfig(base.Config):
    """How the open data package names itself (datapackage.json, observations.json, the workbook)."""

    name = c.Type(str)  # a lower-case slug: the Frictionless package name
    title = c.Type(str)
    title_en = c.Type(str)
    keywords = c.ListOfItems(c.Type(str))


class ReportsiteConfig(base.Config):
    """Options of `plugins: - reportsite:` in mkdocs.yml. The site's name is MkDocs' own `site_name`."""

    subject = c.Type(str)  # what the site publishes, as a noun phrase: the home page and the data package say it
    subject_en = c.Type(str)  # the same in English, for the data package description
    about = c.Type(str)  # the opening sentence of the about page
    publisher = c.Type(str)  # who publishes the data: the workbook's author
    licence = c.SubConfig(LicenceConfig)
    dataset = c.SubConfig(DataConfig)  # not `data`: a Config is a UserDict, whose items live in .data


@dataclass(frozen=True)
class Licence:
    name: str
    title: str
    url: str

    def frictionless(self) -> dict[str, str]:
        """The licence as a Frictionless `licenses` entry."""
        return {"name": self.name, "path": self.url, "title": self.title}


@dataclass(frozen=True)
class SiteIdentity:
    """Who the site is: passed to the page templates as `site` and to the open data files."""

    name: str
    subject: str
    subject_en: str
    about: str
    publisher: str
    licence: Licence
    data_name: str
    data_title: str
    data_title_en: str
    keywords: tuple[str, ...]

    @property
    def data_full_title(self) -> str:
        return f"{self.data_title} / {self.data_title_en}"


def identity_from(options: ReportsiteConfig, site_name: str) -> SiteIdentity:
    """The identity from validated plugin options and MkDocs' `site_name`."""
    licence, data = options.licence, options.dataset
    return SiteIdentity(
        name=site_name,
        subject=options.subject,
        subject_en=options.subject_en,
        about=options.about,
        publisher=options.publisher,
        licence=Licence(licence.name, licence.title, licence.url),
        data_name=data.name,
        data_title=data.title,
        data_title_en=data.title_en,
        keywords=tuple(data.keywords),
    )


def read_identity(project: Path) -> SiteIdentity:
    """The identity in the project's mkdocs.yml, validated as MkDocs validates the plugin's options."""
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own loader: !ENV and the tags mkdocs.yml may use

    path = project / "mkdocs.yml"
    with open(path, encoding="utf-8") as handle:
        raw: dict[str, Any] = yaml_load(handle)
    options = ReportsiteConfig(config_file_path=str(path))
    options.load_dict(_plugin_options(raw.get("plugins")))
    errors, _warnings = options.validate()
    if errors:
        key, error = errors[0]
        raise ReportsiteError(f"{path.name}: plugins.{PLUGIN}.{key}: {error}")
    return identity_from(options, str(raw.get("site_name", "")))


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """This plugin's options from MkDocs' `plugins` setting (a list of names and one-key maps, or a map)."""
    items = plugins.items() if isinstance(plugins, dict) else [_pair(p) for p in plugins or []]
    for name, options in items:
        if name == PLUGIN:
            return dict(options or {})
    raise ReportsiteError(f"mkdocs.yml: plugins: 缺少 {PLUGIN} 插件 — 应在 plugins 中加入 - {PLUGIN}: 及其选项")


def _pair(item: Any) -> tuple[Any, Any]:
    if isinstance(item, dict) and len(item) == 1:
        return next(iter(item.items()))
    return item, None
