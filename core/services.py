"""The one home of every write: each model's `Writes` checks the access policy, applies the
change, validates it, saves it and fires its side effects once the transaction commits.

The admin, the API, management commands and tasks all call these (through each app's
`services.py`), so a rule kept on one path cannot drift from another. Side effects that leave the
database (a cached figure set aside, a task queued) are registered with `transaction.on_commit`
by the hooks below, so a write that rolls back leaves nothing behind.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction

from core.access import Forbidden, policy_for, require

# (author, record, stored copy or None, data) -> None: a rule to check before the save.
Check = Callable[..., None]
# (record, stored copy or None) -> None: what else must follow a write of this model; what leaves
# the database it registers with transaction.on_commit.
After = Callable[..., None]


@dataclass(frozen=True)
class Writes:
    """Every write of one model. `checks` are its rules (they raise ValidationError), `after`
    its side effects after a save or a delete; both run inside the write's transaction."""

    model: type[models.Model]
    checks: tuple[Check, ...] = ()
    after: tuple[After, ...] = ()

    def __post_init__(self):
        if self.model in _WRITES:
            raise ImproperlyConfigured(f"{self.model._meta.label} has its writes declared already.")
        _WRITES[self.model] = self

    @transaction.atomic
    def save(self, *, author, record: models.Model, data: Mapping) -> models.Model:
        """Create `record` (unsaved) or change it (saved) with `data`, its fields and
        many-to-many values by name, as `author`."""
        stored, many = self._prepare(author, record, data)
        record.save()
        for name, values in many.items():
            getattr(record, name).set(values)
        for hook in self.after:
            hook(record=record, stored=stored)
        return record

    @transaction.atomic
    def check(self, *, author, record: models.Model, data: Mapping) -> None:
        """Everything `save` would refuse, without saving: for a form to show the errors
        beside its fields before anything is written."""
        self._prepare(author, record, data)

    def _prepare(self, author, record, data: Mapping) -> tuple[models.Model | None, dict]:
        """Ask the policy, apply `data` to `record` and check it; returns the stored row (None
        for a new one) and the many-to-many values to set once it is saved."""
        policy = policy_for(self.model)
        stored = self._stored(record)
        if stored is None and not record._state.adding:
            # Read before someone deleted it: saving would write it back from the dead.
            raise ValidationError(f"This {self._name()} was deleted after you opened it: nothing was saved.")
        if stored is None:
            require(policy.can_add(author), f"You may not add {self.model._meta.verbose_name_plural}.")
        else:
            require(policy.can_change(author, stored), f"You may not change this {self._name()}.")
        plain, many = _split(self.model, data, locked=policy.locked_fields(author, stored))
        for name, value in plain.items():
            setattr(record, name, value)
        if stored is None:
            policy.claim(author, record)
        _check_links(author, record, many, stored)
        for check in self.checks:
            check(author=author, record=record, stored=stored, data=data)
        _validate(record)
        return stored, many

    @transaction.atomic
    def delete(self, *, author, record: models.Model) -> None:
        stored = self._stored(record)
        if stored is None:
            return
        require(policy_for(self.model).can_delete(author, stored), f"You may not delete this {self._name()}.")
        for hook in self.after:  # before the delete, while the row still has its id
            hook(record=stored, stored=None)
        stored.delete()

    def _stored(self, record):
        # The row as it is in the database, locked until the write commits: the policy judges
        # what is stored, not what a form has already changed on the instance.
        if record.pk is None:
            return None
        return self.model._default_manager.select_for_update(of=("self",)).filter(pk=record.pk).first()

    def _name(self) -> str:
        return self.model._meta.verbose_name


_WRITES: dict[type[models.Model], Writes] = {}


def writes_for(model) -> Writes:
    model = model if isinstance(model, type) else type(model)
    try:
        return _WRITES[model._meta.concrete_model]
    except KeyError:
        raise ImproperlyConfigured(f"{model._meta.label} has no services (core.services.Writes).") from None


def _split(model, data: Mapping, *, locked: frozenset[str]) -> tuple[dict, dict]:
    """`data` as plain fields and many-to-many values; a locked field may not be written."""
    refused = sorted(locked & set(data))
    if refused:
        raise Forbidden(f"You may not change {', '.join(refused)}.")
    many_names = {f.name for f in model._meta.many_to_many}
    plain = {name: value for name, value in data.items() if name not in many_names}
    many = {name: value for name, value in data.items() if name in many_names}
    return plain, many


def _check_links(author, record, many: dict, stored) -> None:
    """A new reference may only point at what the author's policy lets them link to (a meeting
    under their own campaigns, a follow-up for a colleague); what was linked before stays.
    References to what everyone sees (the UN record, the directory) need no check."""
    errors = {}
    for field, new_ids in _new_references(record, many, stored):
        if new_ids and not _all_linkable(author, policy_for(field.related_model), new_ids):
            errors[field.name] = [f"Not a {field.related_model._meta.verbose_name} you may choose."]
    if errors:
        raise ValidationError(errors)


def _new_references(record, many: dict, stored):
    """(field, ids it points at now and did not before), for references to private models only:
    no query for the public ones, one per changed many-to-many field for the others."""
    opts = record._meta
    for field in opts.concrete_fields:
        new_id = getattr(record, field.attname) if field.is_relation and not _public(field) else None
        if new_id is not None and (stored is None or new_id != getattr(stored, field.attname)):
            yield field, {new_id}
    for name, values in many.items():
        field = opts.get_field(name)
        if _public(field):
            continue
        ids = {getattr(item, "pk", item) for item in values}
        if stored is not None:
            ids -= set(getattr(stored, name).values_list("pk", flat=True))
        yield field, ids


def _public(field) -> bool:
    return policy_for(field.related_model).public


def _all_linkable(author, policy, ids: set) -> bool:
    return policy.linkable(author).filter(pk__in=ids).count() == len(ids)


def _validate(record) -> None:
    # The model's own rules and its database constraints, so a bad write is a field error, not
    # an IntegrityError: the same checks whether the admin, the API or a command asked.
    record.clean()
    record.validate_constraints()
