"""Read any file given to `extract` into text, or refuse it with a clear message (never a traceback).

Refused: a file over MAX_BYTES (a report is ~100 KB; 50 MB is not a report and would take minutes),
an empty file, a binary file (NUL bytes or not UTF-8), a file with no Chinese text. Traditional
characters are read (the draft is written as printed) but noted by the caller.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import ReportsiteError

MAX_BYTES = 5 * 1024 * 1024
MIN_CJK = 20
# Characters that exist only in the traditional script and are frequent in reports (報 告 經 濟 發 展 …).
TRADITIONAL = frozenset("報經濟發計劃區會議執與為對於實現產業務體質標進來們這國億萬總開關營")


def read_seed(path: Path) -> str:
    """The text of a seed, or ReportsiteError with `file:1:1: what is wrong — what is allowed`."""
    shown = str(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReportsiteError(
            f"{shown}:1:1: 文件过大（{size / 1e6:.1f} MB）— 报告原文应为不超过 {MAX_BYTES // (1024 * 1024)} MB 的 UTF-8 文本"
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise ReportsiteError(f"{shown}:1:1: 文件为空 — 需要报告全文的 UTF-8 文本")
    if b"\x00" in raw:
        raise ReportsiteError(
            f"{shown}:1:1: 这是二进制文件，不是文本 — 需要报告全文的 UTF-8 文本（可先从 PDF 导出文字）"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ReportsiteError(
            f"{shown}:{line}:{col}: 不是 UTF-8 编码（第 {exc.start} 字节）— 请另存为 UTF-8 文本（如 GBK 文件：iconv -f gbk -t utf-8）"
        ) from None
    if sum(1 for c in text if "\u4e00" <= c <= "\u9fff") < MIN_CJK:
        raise ReportsiteError(f"{shown}:1:1: 文件中几乎没有中文 — 需要中文报告的全文文本")
    return text.removeprefix("\ufeff")


def is_traditional(text: str) -> bool:
    """True when the text is written in traditional characters (many traditional-only characters)."""
    count = sum(1 for c in text if c in TRADITIONAL)
    return count >= 10 and count > sum(1 for c in text if "\u4e00" <= c <= "\u9fff") / 200
