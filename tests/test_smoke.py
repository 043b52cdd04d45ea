from unrecord.models import MemberState


def test_reference_data_is_loaded_by_migration(db):
    assert MemberState.objects.current_members().count() == 193
