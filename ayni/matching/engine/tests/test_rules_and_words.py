"""Hard rules one by one, weights, explanations, circles and the unmatched summary."""

from __future__ import annotations

from datetime import date

import pytest

from ayni.matching.engine import (
    Reason,
    Seeker,
    Supporter,
    Weights,
    explain,
    form_circles,
    solve,
    summarize_unmatched,
)
from ayni.matching.engine.explain import sentence

TODAY = date(2026, 12, 4)


def pair_of(seeker: Seeker, supporter: Supporter, **options) -> tuple[str, str] | None:
    result = solve([seeker], [supporter], today=TODAY, **options)
    return (result.pairs[0].seeker_id, result.pairs[0].supporter_id) if result.pairs else None


def seeker(**fields) -> Seeker:
    return Seeker(**{"id": "s1", "languages": "es", "topics": "grief", **fields})


def supporter(**fields) -> Supporter:
    return Supporter(**{"id": "p1", "languages": "es", "topics": "grief", **fields})


def test_a_minor_seeker_is_paired_only_with_a_vetted_supporter():
    assert pair_of(seeker(minor=True), supporter(vetted=False)) is None
    assert pair_of(seeker(minor=True), supporter(vetted=True)) == ("s1", "p1")


def test_an_adult_seeker_is_never_paired_with_a_minor_supporter():
    assert pair_of(seeker(), supporter(minor=True, vetted=True)) is None
    # A vetted minor (school approval) may tutor another pupil.
    assert pair_of(seeker(minor=True), supporter(minor=True, vetted=True)) == ("s1", "p1")


def test_meeting_in_person_needs_the_same_city():
    assert (
        pair_of(seeker(mode="in-person", city="Lima"), supporter(mode="either", city="Cusco"))
        is None
    )
    assert pair_of(
        seeker(mode="in-person", city="Lima"), supporter(mode="in-person", city="LIMA ")
    ) == ("s1", "p1")
    assert (
        pair_of(seeker(mode="in-person", city="Lima"), supporter(mode="online", city="Lima"))
        is None
    )
    assert pair_of(seeker(mode="either", city=""), supporter(mode="online")) == ("s1", "p1")


def test_untrained_full_or_excluded_supporters_are_never_proposed():
    assert pair_of(seeker(), supporter(eligible=False)) is None
    assert pair_of(seeker(), supporter(capacity=0)) is None
    assert pair_of(seeker(exclude="p1"), supporter()) is None
    assert pair_of(seeker(), supporter(exclude="s1")) is None
    assert pair_of(seeker(), supporter(), forbidden_pairs=[("s1", "p1")]) is None
    assert pair_of(seeker(), supporter(id="s1")) is None  # nobody supports themself


def test_same_group_and_reporting_line_are_forbidden_only_when_asked():
    assert pair_of(seeker(group="Team A"), supporter(group="team a"), same_group="forbid") is None
    assert pair_of(seeker(reports_to="p1"), supporter(), same_group="forbid") is None
    assert pair_of(seeker(group="Team A"), supporter(group="team a")) == ("s1", "p1")


def test_prefer_same_group_raises_the_score_of_colleagues():
    people = [seeker(group="a")]
    supporters = [supporter(id="p1", group="b"), supporter(id="p2", group="a")]
    result = solve(people, supporters, same_group="prefer", today=TODAY)
    assert result.pairs[0].supporter_id == "p2"
    assert "del mismo grupo (a)" in explain(result.pairs[0].reasons, "es")


def test_capacity_is_never_exceeded_and_the_most_seekers_are_matched():
    seekers = [seeker(id=f"s{n}", topics="grief;job-loss" if n == 0 else "grief") for n in range(3)]
    supporters = [supporter(id="p1", capacity=2), supporter(id="p2", topics="job-loss", capacity=1)]
    result = solve(seekers, supporters, today=TODAY)
    # s0 is the only one who can go to p2; the flow sends it there so that all three match.
    assert {(p.seeker_id, p.supporter_id) for p in result.pairs} == {
        ("s0", "p2"),
        ("s1", "p1"),
        ("s2", "p1"),
    }


def test_weights_load_from_toml_and_refuse_nonsense(tmp_path):
    path = tmp_path / "weights.toml"
    path.write_text("[weights]\ntext = 40\navailability = 0\n", encoding="utf-8")
    weights = Weights.from_toml(path)
    assert weights.text == 40 and weights.availability == 0 and weights.topics == Weights().topics
    assert Weights.from_toml("topics = 1.5").topics == 1.5
    with pytest.raises(ValueError, match="unknown weight 'colour'"):
        Weights.from_mapping({"colour": 1})
    with pytest.raises(ValueError, match="must be a number"):
        Weights.from_mapping({"text": "high"})
    with pytest.raises(ValueError, match="not valid TOML"):
        Weights.from_toml("text = = 1")


def test_weights_change_who_is_proposed():
    person = seeker(availability="tue-eve", about="Perdí a mi madre y me siento sola")
    close_words = supporter(
        id="p1", availability="mon-am", experience="Perdí a mi madre, me sentí sola"
    )
    same_time = supporter(id="p2", availability="tue-eve", experience="Accidente de tráfico")
    by_text = solve(
        [person], [close_words, same_time], weights=Weights(text=100, availability=0), today=TODAY
    )
    by_time = solve(
        [person], [close_words, same_time], weights=Weights(text=0, availability=100), today=TODAY
    )
    assert by_text.pairs[0].supporter_id == "p1"
    assert by_time.pairs[0].supporter_id == "p2"


def test_explanations_read_naturally_in_both_languages():
    reasons = [
        Reason("languages", {"languages": ["es"]}),
        Reason("topics", {"topic": "job-loss", "gender": "f", "years": 2.0}),
        Reason("availability", {"slots": ["tue-eve"]}),
    ]
    assert explain(reasons, "en") == [
        "both speak Spanish",
        "she went through job loss 2 years ago, as you are now",
        "free on Tuesday evenings",
    ]
    assert explain(reasons, "es", topic_names={"job-loss": "la pérdida del empleo"}) == [
        "las dos personas hablan español",
        "vivió la pérdida del empleo hace 2 años, como tú ahora",
        "libres los martes por la noche",
    ]
    unmatched = Reason("no_trained", {"languages": ["qu"], "topics": ["grief"]})
    assert explain([unmatched.as_dict()], "en") == [
        "no trained supporter who speaks Quechua has lived grief"
    ]


@pytest.mark.parametrize(
    "code",
    [
        "languages", "topics", "text", "availability", "online", "same_area", "same_city", "age",
        "gender", "load", "waiting", "reciprocity", "same_group", "locked", "no_eligible_supporter",
        "no_language", "no_topic_language", "no_trained", "no_free_places", "no_vetted_for_minor",
        "no_adult", "no_mode", "all_excluded", "places_taken",
    ],
)  # fmt: skip
def test_every_reason_code_has_words_in_spanish_and_english(code):
    params = {
        "languages": ["es"], "topics": ["grief"], "topic": "grief", "slots": ["mon-am"],
        "days": 30, "area": "norte", "city": "Lima", "group": "a", "mode": "in-person",
    }  # fmt: skip
    spanish, english = sentence(Reason(code, params), "es"), sentence(Reason(code, params), "en")
    assert spanish and english and spanish != english


def test_unmatched_seekers_are_summarised_by_reason():
    seekers = [seeker(id=f"s{n}", languages="qu") for n in range(3)] + [
        seeker(id="s9", topics="debt")
    ]
    result = solve(seekers, [supporter()], today=TODAY)
    groups = summarize_unmatched(result.unmatched)
    assert [(g.reason.code, g.count) for g in groups] == [
        ("no_language", 3),
        ("no_topic_language", 1),
    ]
    assert groups[0].seeker_ids == ("s0", "s1", "s2")


def test_circles_group_seekers_sharing_topic_language_and_time_with_a_facilitator():
    seekers = [
        seeker(
            id=f"s{n}", availability="tue-eve", mode="online", waiting_since=date(2026, 11, n + 1)
        )
        for n in range(10)
    ] + [seeker(id="x1", topics="debt", availability="tue-eve")]
    facilitators = [
        supporter(id="f1", availability="tue-eve", capacity=2, experience_years={"grief": 4}),
        supporter(id="f2", availability="mon-am", capacity=2),
    ]
    result = form_circles(seekers, facilitators, min_size=4, max_size=8)
    assert len(result.circles) == 2
    assert sorted(len(c.seeker_ids) for c in result.circles) == [5, 5]
    for circle in result.circles:
        assert (circle.topic, circle.language, circle.slot, circle.facilitator_id) == (
            "grief",
            "es",
            "tue-eve",
            "f1",
        )
    assert result.unplaced["x1"].code == "too_few_for_circle"


def test_circles_keep_minors_apart_and_need_a_vetted_facilitator():
    minors = [seeker(id=f"m{n}", minor=True, availability="sat-am") for n in range(4)]
    without_check = form_circles(minors, [supporter(availability="sat-am", vetted=False)])
    assert without_check.circles == [] and without_check.unplaced["m0"].code == "no_facilitator"
    with_check = form_circles(minors, [supporter(availability="sat-am", vetted=True)])
    assert len(with_check.circles) == 1


def test_reasons_survive_a_trip_through_json():
    import json

    result = solve(
        [seeker(about="perdí a mi madre")], [supporter(experience="mi madre murió")], today=TODAY
    )
    stored = json.loads(json.dumps([r.as_dict() for r in result.pairs[0].reasons]))
    assert tuple(Reason.from_dict(d) for d in stored) == result.pairs[0].reasons


def test_progress_is_reported_until_done():
    phases = []
    solve(
        [seeker()],
        [supporter()],
        today=TODAY,
        progress=lambda phase, fraction: phases.append((phase, fraction)),
    )
    assert phases[0] == ("prepare", 0.0)
    assert phases[-1] == ("done", 1.0)
    assert all(0.0 <= fraction <= 1.0 for _, fraction in phases)


def test_locked_pairs_are_kept_and_marked():
    seekers = [seeker(id="s1"), seeker(id="s2")]
    supporters = [supporter(id="p1", capacity=1), supporter(id="p2", capacity=1)]
    result = solve(seekers, supporters, locked=[("s1", "p2")], today=TODAY)
    pairs = {p.seeker_id: p for p in result.pairs}
    assert pairs["s1"].supporter_id == "p2" and pairs["s1"].locked
    assert explain(pairs["s1"].reasons, "en")[0] == "kept by the coordinators"
    assert pairs["s2"].supporter_id == "p1" and not pairs["s2"].locked
