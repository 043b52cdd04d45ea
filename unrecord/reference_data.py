"""The reference data Plenary ships: regional groups, member states and UN bodies.

Read from the CSV files in unrecord/data/, which the project owns. The loader takes model
classes as arguments so that a migration can run it with its historical models.
"""

import csv
import datetime
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def read_rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(*, models: dict, overwrite: bool = False) -> LoadReport:
    """Create what is missing; with `overwrite`, also reset edited rows to the shipped data."""
    report = LoadReport()
    groups = _load_groups(models["RegionalGroup"], overwrite, report)
    _load_bodies(models["Body"], overwrite, report)
    states = _load_states(models["MemberState"], groups, overwrite, report)
    _link_states(models["StateCodeAlias"], states, groups, overwrite)
    return report


def _upsert(model, lookup: dict, values: dict, overwrite: bool, report: LoadReport, label: str):
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if created:
        report.created.append(label)
    elif overwrite and any(getattr(obj, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(obj, key, value)
        obj.save()
        report.updated.append(label)
    return obj


def _load_groups(model, overwrite, report):
    return {
        row["code"]: _upsert(
            model,
            {"code": row["code"]},
            {"name": row["name"], "abbreviation": row["abbreviation"]},
            overwrite,
            report,
            f"group {row['code']}",
        )
        for row in read_rows("regional_groups.csv")
    }


def _load_bodies(model, overwrite, report):
    bodies = {}
    for row in read_rows("bodies.csv"):
        values = {
            "name": row["name"],
            "short_name": row["short_name"],
            "parent": bodies.get(row["parent"]),
        }
        bodies[row["code"]] = _upsert(
            model, {"code": row["code"]}, values, overwrite, report, f"body {row['code']}"
        )
    return bodies


def _date(text: str):
    return datetime.date.fromisoformat(text) if text else None


def _load_states(model, groups, overwrite, report):
    states = {}
    for row in read_rows("member_states.csv"):
        values = {
            "un_name": row["un_name"],
            "formal_name": row["formal_name"],
            "common_name": row["common_name"],
            "status": row["status"],
            "admitted_on": _date(row["admitted_on"]),
            "left_on": _date(row["left_on"]),
            "regional_group": groups.get(row["regional_group"]),
            "group_status": row["group_status"],
            "group_note": row["group_note"],
        }
        states[row["iso3"]] = _upsert(model, {"iso3": row["iso3"]}, values, overwrite, report, row["iso3"])
    return states


def _link_states(alias_model, states, groups, overwrite):
    """Successors, second groups and code aliases refer to other rows, so they come last."""
    for row in read_rows("member_states.csv"):
        state = states[row["iso3"]]
        if row["successor"] and (overwrite or state.successor_id is None):
            state.successor = states[row["successor"]]
            state.save(update_fields=["successor"])
        if row["other_groups"] and (overwrite or not state.other_groups.exists()):
            state.other_groups.set([groups[code] for code in row["other_groups"].split(";")])
        for entry in filter(None, row["recorded_as"].split(";")):
            code, valid_from, valid_until = entry.split(":")
            alias_model.objects.get_or_create(
                code=code,
                state=state,
                defaults={"valid_from": _date(valid_from), "valid_until": _date(valid_until)},
            )
