"""Units: the tables of patterns/{lang}/units.yaml resolved to canonical units and factors.

Physical units are converted with pint to the contract's base units (kg, m, m2, m3, kWh, W); the Chinese
and English names in patterns/ map to pint expressions, so pint's conversion table is the only one.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import patterns

# Contract units of the physical dimensions, as (canonical code, pint unit); pint gives the dimension.
_BASE_UNITS = [("kg", "kilogram"), ("m", "meter"), ("m2", "meter ** 2"), ("m3", "meter ** 3"),
               ("kWh", "kilowatt_hour"), ("W", "watt")]
# Units pint does not define, in pint's definition syntax.
_EXTRA_DEFINITIONS = ["jin = 0.5 * kilogram", "mu = 10000 / 15 * meter ** 2", "ppb = 1e-9"]


@dataclass(frozen=True)
class UnitInfo:
    canonical: str                      # canonical code (CNY, %, count, ...); "" for a physical unit
    scale: float                        # multiply the written number by this to get the value in `unit`
    kind: str                           # number | percent | pp | multiple
    pint_expression: str | None = None  # a physical unit: pint computes code and factor on first use
    written_scale: float = 1.0          # a scale word inside the unit name: 1.2 moz is 1.2 million ounces

    @property
    def unit(self) -> str:
        return physical_factor(self.pint_expression)[0] if self.pint_expression else self.canonical

    @property
    def factor(self) -> float:
        return physical_factor(self.pint_expression)[1] if self.pint_expression else self.scale


@lru_cache(maxsize=1)
def _registry():
    import pint  # imported on first use: loading pint's table takes a moment

    registry = pint.UnitRegistry()
    for definition in _EXTRA_DEFINITIONS:
        registry.define(definition)
    return registry


@lru_cache(maxsize=None)
def physical_factor(expression: str) -> tuple[str, float]:
    """('metric_ton') -> ('kg', 1000.0): the canonical unit and the factor to it, computed by pint."""
    ureg = _registry()
    quantity = ureg.Quantity(1.0, expression)
    for code, base in _BASE_UNITS:
        if ureg.Quantity(1.0, base).dimensionality == quantity.dimensionality:
            return code, float(quantity.to(base).magnitude)
    # Not one of the contract's dimensions (liters, degrees...): keep pint's own unit name.
    return expression.replace(" ", "").lower(), 1.0


@lru_cache(maxsize=1)
def iso_currency_prefixes() -> frozenset[str]:
    """Upper-case ISO 4217 codes that may stand before a figure as its currency (pycountry's list, less the
    codes that are common upper-case words, see `iso_prefix_not` in patterns/en/units.yaml)."""
    import pycountry   # imported on first use, as pint is: `import extractor` stays light

    not_signs = set(patterns.load("en/units.yaml").get("iso_prefix_not") or [])
    return frozenset(c.alpha_3 for c in pycountry.currencies if c.alpha_3 not in not_signs)


def unit_info(surface: str, lang: str) -> UnitInfo:
    """The unit a surface names. English surfaces are matched in lower case, except the few whose case names another
    unit (`case_sensitive` in patterns/en/units.yaml: mW against MW, Nm against nm)."""
    if lang != "en":
        return unit_table(lang)[surface]
    key = (patterns.load("en/units.yaml").get("case_sensitive") or {}).get(surface, surface)
    return unit_table(lang)[key.lower()]


@lru_cache(maxsize=None)
def glued_units(lang: str) -> dict[str, UnitInfo]:
    """Units read only when written right after the digits (6ft 4in, 15st, 75c): `glued_physical` and
    `glued_subunits` in units.yaml."""
    table = patterns.load(f"{lang}/units.yaml")
    out = {surface: UnitInfo("", 1.0, "number", expression)
           for surface, expression in (table.get("glued_physical") or {}).items()}
    for surface, (code, factor) in (table.get("glued_subunits") or {}).items():
        out[surface] = UnitInfo(code, float(factor), "number")
    return out


@lru_cache(maxsize=None)
def unit_table(lang: str) -> dict[str, UnitInfo]:
    """Every unit surface of a language (lower case for English) -> UnitInfo."""
    table = patterns.load(f"{lang}/units.yaml")
    out: dict[str, UnitInfo] = {}

    def add(surface: str, info: UnitInfo) -> None:
        out[surface.lower() if lang == "en" else surface] = info

    for surface, code in (table.get("currency") or {}).items():
        add(surface, UnitInfo(code, 1.0, "number"))
    for surface, (code, factor) in (table.get("currency_subunits") or {}).items():
        if lang == "en":  # Chinese sub-units (角 分) are read only after a yuan figure, see quantities
            add(surface, UnitInfo(code, float(factor), "number"))
    for surface in table.get("counters", []):
        add(surface, UnitInfo("count", 1.0, "number"))
    for surface, code in {**table.get("rates", {}), **table.get("kept_units", {})}.items():
        add(surface, UnitInfo(code, 1.0, "number"))
    for surface, (code, factor) in table.get("scaled", {}).items():
        add(surface, UnitInfo(code, float(factor), "number"))
    si = table.get("si_prefixed") or {}
    for prefix in si.get("prefixes", []):
        for base in si.get("bases", []):
            expression = prefix + base.replace("-", "_").replace("gramme", "gram")
            for surface in (prefix + base, prefix + base + "s"):
                add(surface, UnitInfo("", 1.0, "number", expression))
    for surface, expression in table.get("physical", {}).items():
        add(surface, UnitInfo("", 1.0, "number", expression))
    for surface, (expression, scale) in (table.get("scaled_physical") or {}).items():
        add(surface, UnitInfo("", 1.0, "number", expression, float(scale)))
    for surface, target in (table.get("case_sensitive") or {}).items():
        if lang == "en" and surface.lower() not in out:   # 'mt': matched in lower case, resolved by unit_info
            out[surface.lower()] = out[target.lower()]
    for surface in table.get("percent", []):
        add(surface, UnitInfo("%", 1.0, "percent"))
    for surface in table.get("percentage_points", []):
        add(surface, UnitInfo("pp", 1.0, "pp"))
    for surface in table.get("basis_points", []):
        add(surface, UnitInfo("pp", 0.01, "pp"))
    for surface in table.get("points", []):
        add(surface, UnitInfo("point", 1.0, "number"))
    for surface in table.get("multiple", []):
        add(surface, UnitInfo("x", 1.0, "multiple"))
    for surface in table.get("duration_years", []) if lang == "en" else []:
        add(surface, UnitInfo("year", 1.0, "number"))
    if lang == "en":
        # A unit of several words is hyphenated in a compound adjective: a 25-basis-point cut, a 10-square-mile area.
        for surface, info in list(out.items()):
            if " " in surface:
                out.setdefault(surface.replace(" ", "-"), info)
    return out

