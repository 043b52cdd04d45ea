"""The directory out of the box: one permanent mission for each member state and observer state,
named as the UN names them ("Permanent Mission of Kenya to the United Nations", "Permanent
Observer Mission of the Holy See to the United Nations").

The loader takes model classes as arguments, so that a migration (directory 0007) can run it
with its historical models, and the refresh command with the real ones.
"""

import re

# States the UN writes with "the" although their UN name does not start with a word that asks
# for it ("Permanent Mission of the Philippines").
_WITH_THE = frozenset({"BHS", "COG", "COM", "MHL", "NER", "PHL", "SDN"})
_INVERTED = re.compile(r"\(.*\)")  # "Iran (Islamic Republic of)": the formal name reads better


def state_as_named(state) -> str:
    """The state as the UN names it after "Permanent Mission of": "Kenya", "the Russian
    Federation", "the Plurinational State of Bolivia"."""
    formal = state.formal_name or ""
    if _INVERTED.search(state.un_name) and formal:
        return formal
    if formal.lower() == f"the {state.un_name}".lower():
        return formal
    if state.iso3 in _WITH_THE:
        return f"the {state.un_name}"
    return state.un_name


def mission_name(state, *, observer: bool) -> str:
    kind = "Permanent Observer Mission" if observer else "Permanent Mission"
    return f"{kind} of {state_as_named(state)} to the United Nations"


def add_missing_missions(*, Organization, MemberState) -> list[str]:
    """Create the mission of every member and observer state that has none (of kind mission,
    linked to it); a name already taken by another organization is left alone. Returns the
    names created."""
    statuses = {"member": False, "observer": True}
    have_one = Organization.objects.filter(kind="mission").values("state_id")
    states = MemberState.objects.filter(status__in=statuses, left_on__isnull=True).exclude(pk__in=have_one)
    taken = set(Organization.objects.values_list("name", flat=True))
    missions = [
        Organization(name=name, kind="mission", state=state)
        for state in states
        if (name := mission_name(state, observer=statuses[state.status])) not in taken
    ]
    Organization.objects.bulk_create(missions)
    return [mission.name for mission in missions]
