"""Finds text that would reach the user untranslated: string literals given to Qt's text-taking calls
without tr()/translate(). Used by tests/ui/test_translations.py. Units alone ("mm", "fps") are not words."""
from __future__ import annotations

import ast
import re
from pathlib import Path

TEXT_CALLS = {"setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "addTab", "setTabText",
              "setHeaderLabels", "QLabel", "QPushButton", "QToolButton", "QAction", "QCheckBox", "QGroupBox",
              "QRadioButton", "addMenu", "addItem", "addItems", "showMessage", "setStatusTip", "warning",
              "information", "critical", "question", "setLabelText", "QProgressDialog", "setTitle", "addRow",
              "setWhatsThis", "insertTab", "setSpecialValueText", "drawText", "show_message", "show_error",
              "notify", "getText", "getItem", "show_loading"}
TEXT_KEYWORDS = {"text", "toolTip", "placeholderText", "windowTitle", "title", "statusTip"}


UNITS = {"mm", "fps", "µm", "px", "mm²", "µm²", "cm", "x", "W", "L", "SHA"}   # units and names, not words


def _has_words(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        plain = re.sub(r"<[^>]*>", " ", node.value)          # HTML tags are markup, not words
        words = "".join(c if c.isalpha() or c in "µ²" else " " for c in plain).split()
        return any(w not in UNITS for w in words)
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    if isinstance(node, ast.BoolOp):
        return any(_has_words(v) for v in node.values)
    if isinstance(node, ast.IfExp):
        return _has_words(node.body) or _has_words(node.orelse)
    return False


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def untranslated_literals(path: Path) -> list[str]:
    """'file:line: text' for each literal with words passed straight to a text-taking call."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and _name(node.func) in TEXT_CALLS:
            args = list(node.args) + [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
            for arg in args:
                for item in (arg.elts if isinstance(arg, (ast.List, ast.Tuple)) else [arg]):
                    if _has_words(item):
                        found.append(f"{path}:{item.lineno}: {ast.unparse(item)[:80]}")
    return found
