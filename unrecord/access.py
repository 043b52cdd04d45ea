"""Who may change the public UN record: everyone reads it; only record keepers write it.

States, bodies, sessions, resolutions, vote events, votes and imports are facts about the UN,
shared by every organization of the installation, so no organization's staff may change them
merely by their role: only users given the explicit `unrecord.keep_record` permission (no role
includes it), and superusers."""

from core.access import Policy, declare
from unrecord import models

KEEPER_PERMISSION = "unrecord.keep_record"


def is_record_keeper(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(KEEPER_PERMISSION))


class KeptRecordPolicy(Policy):
    public = True

    def may(self, user, action: str) -> bool:
        if action == "view":
            return super().may(user, action)
        return is_record_keeper(user)


class ImportedRecordPolicy(KeptRecordPolicy):
    """Recorded votes (and the intentions declared beside them) arrive whole, by an import or with
    a roll call pasted from the UN's text (unrecord.services.record_pasted_vote): nobody, superusers
    included, adds to or edits a roll call row by row, so that it keeps matching its published
    totals. A record keeper may delete one (with its vote event, say); a wrong one is mended by
    importing the corrected file or pasting the corrected text again."""

    def may(self, user, action: str) -> bool:
        return action not in ("add", "change") and super().may(user, action)


# The public record's models, in the order the admin lists them: every one kept by record keepers.
KEPT_MODELS = (
    models.MemberState,
    models.StateCodeAlias,
    models.RegionalGroup,
    models.Body,
    models.Session,
    models.ResolutionSeries,
    models.Resolution,
    models.DraftRevision,
    models.Sponsorship,
    models.Amendment,
    models.VoteEvent,
    models.RecordedVote,
    models.DeclaredIntention,
    models.VoteImport,
)
ROLL_CALL_ROWS = (models.RecordedVote, models.DeclaredIntention)
for _model in KEPT_MODELS:
    declare(_model, ImportedRecordPolicy() if _model in ROLL_CALL_ROWS else KeptRecordPolicy())
