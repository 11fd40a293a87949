"""How numbers are shown to a person, the same in the terminal diff and the HTML review."""
from __future__ import annotations

import math


def format_value(value: float | None) -> str:
    """A claim value for display: grouped digits up to 15 significant figures, '' when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:,.15g}"


def format_rel_change(rel_change: float | None) -> str:
    """A relative change (0.25) as a signed percentage ('+25%'), '' when undefined."""
    if rel_change is None or math.isnan(rel_change):
        return ""
    return f"{rel_change * 100:+.4g}%"
