from __future__ import annotations

from goodwill.quality.rules import prefill, suggested


def test_findings_and_reasons_land_on_their_criterion_once() -> None:
    flags = prefill(
        findings=[
            ("brush_off", "Sends the client elsewhere"),
            ("brush_off", "Sends the client elsewhere"),
            ("language", "Written in Italian"),
            ("no_next_step", "No next step"),
            ("unknown", "ignored"),
        ],
        reasons=[("reassigned", "handed off 3 times"), ("angry", "not a rubric matter")],
    )
    assert flags == {
        "empathy": ["Sends the client elsewhere"],
        "language": ["Written in Italian"],
        "next_step": ["No next step"],
        "ownership": ["handed off 3 times"],
    }
    assert suggested(flags["empathy"]) == 2 and suggested([]) is None
