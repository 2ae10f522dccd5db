"""The site's configuration in our own types: its identity, URL and folders, read from mkdocs.yml for now.

Every engine gets the same input from these (`publish/engines/`): the generator never reads an engine's
config objects, so replacing MkDocs changes where this file reads from, not what the pages say. The
`reportsite` plugin's options in mkdocs.yml are the identity (what the site publishes, the about page's
opening, the publisher, the data's licence, the open data package's names); `site_name` is its name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.errors import ReportsiteError

PLUGIN = "reportsite"
CONFIG_FILE = "mkdocs.yml"


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


@dataclass(frozen=True)
class SiteConfig:
    """What every engine is handed besides the generated pages: identity, URL, folders (relative to the project)."""

    identity: SiteIdentity
    site_url: str | None  # with a trailing slash, as MkDocs normalises it; None when not set
    docs_dir: str
    site_dir: str


# (path under the plugin's options, kind): the options an identity is made of, each required
_TEXT = ("subject", "subject_en", "about", "publisher")
_SUB = {"licence": ("name", "title", "url"), "dataset": ("name", "title", "title_en", "keywords")}


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with MkDocs' `!ENV` tag; any other tag (a Python object for an engine) reads as None.

    Every node keeps its line, so a wrong option is reported at its line in mkdocs.yml.
    """


def _env(loader: _Loader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, …, default]`: the first variable set, else the default (pyyaml_env_tag's rule)."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = [loader.construct_object(child, deep=True) for child in node.value]  # type: ignore[union-attr]
        names, default = items[:-1], items[-1] if len(items) > 1 else None
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            return yaml.safe_load(value)
    return default


def _opaque(loader: _Loader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _opaque)


def read_config(project: Path, config_file: Path | None = None) -> SiteConfig:
    """The site's configuration from the project's mkdocs.yml; a wrong option names its line and what is allowed."""
    path = config_file or project / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=_Loader)
        raw = yaml.load(text, Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ReportsiteError(f"{path.name}: 无法读取：{exc}") from None
    if not isinstance(raw, dict):
        raise ReportsiteError(f"{path.name}: 应为键值映射")
    options, node = _plugin_options(raw.get("plugins"), _child(root, "plugins"))
    where = f"plugins.{PLUGIN}"

    def text_of(value: Any, key: str, at: yaml.Node | None) -> str:
        if not isinstance(value, str) or not value.strip():
            line = f":{at.start_mark.line + 1}" if at is not None else ""
            raise ReportsiteError(f"{path.name}{line}: {where}.{key}: 应为非空文字，而不是 {value!r}")
        return value

    texts = {key: text_of(options.get(key), key, _child(node, key) or node) for key in _TEXT}
    subs: dict[str, dict[str, Any]] = {}
    for sub, keys in _SUB.items():
        given, sub_node = options.get(sub), _child(node, sub)
        if not isinstance(given, dict):
            text_of(None, sub, sub_node or node)
        subs[sub] = {}
        for key in keys:
            value, at = given.get(key), _child(sub_node, key) or sub_node  # type: ignore[union-attr]
            if key == "keywords":
                if not isinstance(value, list) or not value:
                    raise ReportsiteError(f"{path.name}:{_line(at)}: {where}.{sub}.{key}: 应为非空的文字列表")
                subs[sub][key] = tuple(text_of(v, f"{sub}.{key}", at) for v in value)
                continue
            subs[sub][key] = text_of(value, f"{sub}.{key}", at)
            if key == "url" and not _is_web_url(value):
                raise ReportsiteError(
                    f"{path.name}:{_line(at)}: {where}.{sub}.{key}: 应为 http:// 或 https:// 开头的网址，而不是“{value}”"
                )
    licence, data = subs["licence"], subs["dataset"]
    identity = SiteIdentity(
        name=str(raw.get("site_name") or ""),
        licence=Licence(licence["name"], licence["title"], licence["url"]),
        data_name=data["name"],
        data_title=data["title"],
        data_title_en=data["title_en"],
        keywords=data["keywords"],
        **texts,
    )
    site_url = raw.get("site_url")
    if site_url and not str(site_url).endswith("/"):
        site_url = f"{site_url}/"  # as MkDocs' URL option with is_dir=True
    return SiteConfig(
        identity=identity,
        site_url=str(site_url) if site_url else None,
        docs_dir=str(raw.get("docs_dir") or "docs"),
        site_dir=str(raw.get("site_dir") or "site"),
    )


def read_identity(project: Path) -> SiteIdentity:
    """The identity in the project's mkdocs.yml."""
    return read_config(project).identity


def _is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node of `key` in a mapping node (None when absent or not a mapping)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _plugin_options(plugins: Any, node: yaml.Node | None) -> tuple[dict[str, Any], yaml.Node | None]:
    """This plugin's options (and their node) from the `plugins` setting: a list of names and one-key maps, or a map."""
    if isinstance(plugins, dict):
        if PLUGIN in plugins:
            return dict(plugins[PLUGIN] or {}), _child(node, PLUGIN)
    else:
        nodes = node.value if isinstance(node, yaml.SequenceNode) else []
        for index, item in enumerate(plugins or []):
            if isinstance(item, dict) and len(item) == 1 and PLUGIN in item:
                at = _child(nodes[index], PLUGIN) if index < len(nodes) else None
                return dict(item[PLUGIN] or {}), at
            if item == PLUGIN:
                return {}, None
    raise ReportsiteError(f"mkdocs.yml: plugins: 缺少 {PLUGIN} 插件 — 应在 plugins 中加入 - {PLUGIN}: 及其选项")
