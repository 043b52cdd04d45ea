"""What each role may do in Plenary. Roles grant model permissions in code, so there are no
groups to keep in sync; seeing protected identities and keeping the public UN record are never
part of a role. Whose records a permission reaches is the access policies' to say (core/access.py)."""

from directory.models import User

_READABLE_APPS = ("unrecord", "directory", "campaigns", "advocacy", "documents")

# (app_label, model) pairs staff may add and change.
_STAFF_WRITES = {
    ("directory", "organization"),
    ("directory", "person"),
    ("advocacy", "meeting"),
    ("advocacy", "sideevent"),
    ("advocacy", "incident"),
    ("advocacy", "followup"),
    ("advocacy", "stance"),
    ("documents", "document"),
    ("documents", "signature"),
}
_MANAGER_WRITES = _STAFF_WRITES | {
    ("campaigns", "campaign"),
    ("campaigns", "target"),
    ("campaigns", "threshold"),
}
# Never granted by a role: only given to a user explicitly. Colleagues and partnerships are
# managed by managers under their own policies (directory/access.py); the public UN record is
# written only by record keepers (unrecord.keep_record, unrecord/access.py).
EXPLICIT_ONLY = {("directory", "personidentity"), ("directory", "user"), ("directory", "partnership")}


def role_permissions(role: str, models) -> set[str]:
    """Permission names ("app.codename") granted by `role` over the given model classes."""
    granted = set()
    for model in models:
        key = (model._meta.app_label, model._meta.model_name)
        if key[0] not in _READABLE_APPS or key in EXPLICIT_ONLY or _is_history_table(model):
            continue
        granted.add(f"{key[0]}.view_{key[1]}")
        granted |= _writes(role, key)
    return granted


def _writes(role: str, key: tuple[str, str]) -> set[str]:
    app_label, model_name = key
    if role == User.Role.STAFF and key in _STAFF_WRITES:
        actions = ("add", "change")
    elif role == User.Role.MANAGER and key in _MANAGER_WRITES:
        actions = ("add", "change", "delete")
    else:
        return set()
    return {f"{app_label}.{action}_{model_name}" for action in actions}


def _is_history_table(model) -> bool:
    # History is read through each record's own admin page, which checks access to the record.
    return hasattr(model, "pgh_tracked_model")
