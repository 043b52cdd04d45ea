"""What an import did, for the terminal, the admin and the VoteImport record."""

from dataclasses import asdict, dataclass, field

from unrecord.importer.merge import Counts

REJECTS_KEPT = 1000  # rejected rows listed in full; beyond that, counted


@dataclass
class ImportReport:
    source: str
    checksum: str
    vote_import_id: int | None = None
    rows_read: int = 0
    rows_rejected: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    states_created: list[str] = field(default_factory=list)
    sessions_created: int = 0
    resolutions: Counts = field(default_factory=Counts)
    roll_calls: Counts = field(default_factory=Counts)
    votes: Counts = field(default_factory=Counts)
    series_linked: int = 0
    reconciliation: dict = field(default_factory=dict)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        changes = (self.roll_calls, self.votes, self.resolutions)
        return bool(self.states_created or self.sessions_created or self.series_linked) or any(
            c.created or c.updated or c.deleted for c in changes
        )

    def as_dict(self) -> dict:
        return {**asdict(self), "changed_anything": self.changed_anything}

    def lines(self) -> list[str]:
        recon = self.reconciliation
        lines = [
            f"{self.source} (sha256 {self.checksum[:12]}…): {self.rows_read:,} rows read, "
            f"{self.rows_rejected:,} rejected, in {self.seconds:.1f} s "
            f"({', '.join(f'{phase} {seconds:.1f}' for phase, seconds in self.timings.items())}).",
            _counted("Roll calls", self.roll_calls),
            _counted("Recorded votes", self.votes),
            _counted("Resolutions", self.resolutions),
            f"Sessions created: {self.sessions_created}. "
            f"Resolutions linked to a series: {self.series_linked}.",
        ]
        if self.states_created:
            lines.append(f"States not in the reference data, created: {', '.join(self.states_created)}.")
        if recon:
            lines.append(
                f"Reconciliation: {recon['matching']:,} of {recon['roll_calls']:,} roll calls match their "
                f"published totals, {len(recon['mismatches'])} do not, "
                f"{recon['without_published_totals']} publish none."
            )
            lines += [
                f"  roll call {m['roll_call']} ({m['resolution'] or 'no symbol'}, {m['date']}): published "
                f"{'-'.join(map(_number, m['published']))}, recorded {'-'.join(map(_number, m['recorded']))}"
                for m in recon["mismatches"]
            ]
        lines += [f"  line {line}: {reason}" for line, reason in self.rejected]
        lines += [f"  {warning}" for warning in self.warnings]
        if self.rows_rejected > len(self.rejected):
            lines.append(f"  … and {self.rows_rejected - len(self.rejected):,} more rejected rows.")
        if not self.changed_anything:
            lines.append("Nothing changed: the database already holds everything in this file.")
        return lines


def _counted(label: str, counts: Counts) -> str:
    deleted = f", {counts.deleted:,} deleted" if counts.deleted else ""
    return (
        f"{label}: {counts.created:,} created, {counts.updated:,} updated, "
        f"{counts.unchanged:,} unchanged{deleted}."
    )


def _number(value) -> str:
    return "?" if value is None else str(value)
