"""The sample archives: each folder and its zip give the same records, counts match truth.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netview.core.records import ArchiveContents, FileKind
from netview.io.linkedin import read_archive

SAMPLES = Path(__file__).parents[1] / "fixtures" / "samples"
EXPORTS = sorted(
    (sample.name, folder.name)
    for sample in SAMPLES.iterdir()
    if sample.is_dir()
    for folder in sample.iterdir()
    if folder.is_dir()
)


def _zip_of(sample: str, export: str) -> Path:
    [path] = (SAMPLES / sample).glob(f"{export}__*.zip")
    return path


def _truth(sample: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((SAMPLES / sample / "truth.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize(("sample", "export"), EXPORTS)
def test_folder_and_zip_read_the_same(sample: str, export: str) -> None:
    folder = read_archive(SAMPLES / sample / export)
    packed = read_archive(_zip_of(sample, export))
    assert folder.content_hash == packed.content_hash
    assert folder.era == packed.era
    for field in (
        "connections",
        "invitations",
        "messages",
        "endorsements",
        "recommendations",
        "positions",
        "profile",
    ):
        assert getattr(folder, field) == getattr(packed, field), field
    assert folder.files == packed.files
    assert packed.exported_on is not None and packed.label.startswith(export)


def _hidden(contents: ArchiveContents) -> int:
    return sum(f.hidden for f in contents.files if f.kind is FileKind.CONNECTIONS)


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir() if p.is_dir()))
def test_hidden_rows_match_truth(sample: str) -> None:
    exports = [e for s, e in EXPORTS if s == sample]
    hidden = sum(_hidden(read_archive(_zip_of(sample, e))) for e in exports)
    assert hidden == _truth(sample)["hidden_rows"]


@pytest.mark.parametrize("sample", ["single-2018", "single-2022"])
def test_single_archive_counts_match_truth(sample: str) -> None:
    truth = _truth(sample)
    contents = read_archive(_zip_of(sample, "me"))
    by_degree = truth["by_degree"]
    assert isinstance(by_degree, dict)
    assert len(contents.connections) == by_degree["1"]
    assert len(contents.messages) == truth["messages"]
    conversations = {m.conversation_id for m in contents.messages}
    if None not in conversations:
        assert len(conversations) == truth["conversations"]


@pytest.mark.parametrize("sample", ["network-2024", "network-2026", "excel-resave"])
def test_owner_messages_match_truth(sample: str) -> None:
    # The shared archives hold only sponsored mail, so every message is the owner's.
    total = sum(len(read_archive(_zip_of(sample, e)).messages) for s, e in EXPORTS if s == sample)
    assert total == _truth(sample)["messages"]


def test_eras_of_the_samples() -> None:
    eras = {
        s: read_archive(_zip_of(s, "me")).era
        for s in ("single-2018", "single-2022", "network-2024", "network-2026")
    }
    assert eras == {
        "single-2018": "2018",
        "single-2022": "2022",
        "network-2024": "2024",
        "network-2026": "2026",
    }


def test_excel_resave_sample_reads_cp1252_semicolons() -> None:
    contents = read_archive(_zip_of("excel-resave", "shared-1-renée"))
    [report] = [f for f in contents.files if f.kind is FileKind.CONNECTIONS]
    assert (report.encoding, report.delimiter, report.skipped) == ("cp1252", ";", [])
    assert len(contents.connections) == report.rows_read
    assert all(c.connected_on is not None for c in contents.connections)
    names = {c.first_name for c in contents.connections}
    assert "Søren" in names and "Tomás" in names


def test_sponsored_and_coach_mail_never_become_messages() -> None:
    for sample, export in EXPORTS:
        contents = read_archive(SAMPLES / sample / export)
        assert all(m.from_name != "LinkedIn Member" for m in contents.messages)
        assert all("%FIRSTNAME%" not in m.content for m in contents.messages)
        coach = [f for f in contents.files if f.name == "guide_messages.csv"]
        assert all(f.kind is FileKind.COACH_MESSAGES for f in coach)
