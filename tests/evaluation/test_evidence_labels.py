"""The evidence line of an objective names each source in the number its count needs."""

from django.utils import translation

from evaluation.evidence import EvidenceSource, ObjectiveEvidence, counted


def test_one_piece_is_named_in_the_singular_and_more_in_the_plural():
    with translation.override("en"):
        assert counted(EvidenceSource.ENTRY, 1) == "entry"
        assert counted(EvidenceSource.ENTRY, 2) == "entries"
        assert counted(EvidenceSource.INSTITUTION_VISIT, 1) == "institution visit report"
        assert counted(EvidenceSource.PRACTICE, 3) == "English practice sessions"
        assert counted(EvidenceSource.IDEA, 1) == "idea"


def test_counts_by_source_keeps_the_order_and_leaves_out_empty_sources():
    evidence = ObjectiveEvidence(objective=None, counts={"idea": 1, "entry": 2, "practice": 0})
    with translation.override("en"):
        assert evidence.counts_by_source() == [("entries", 2), ("idea", 1)]
