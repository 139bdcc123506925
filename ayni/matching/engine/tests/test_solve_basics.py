from datetime import date

from ayni.matching.engine import Reason, Seeker, Supporter, SupporterIndex, explain, solve, suggest

TODAY = date(2026, 12, 4)


def test_it_pairs_a_seeker_with_the_supporter_who_lived_the_same_situation():
    seekers = [Seeker(id="s1", languages="es", topics="grief", about="Perdí a mi madre")]
    supporters = [
        Supporter(id="p1", languages="es", topics="job-loss", capacity=1),
        Supporter(id="p2", languages="es", topics="grief", experience="Mi madre murió", capacity=1),
    ]
    result = solve(seekers, supporters, today=TODAY)
    assert [(p.seeker_id, p.supporter_id) for p in result.pairs] == [("s1", "p2")]
    assert 0 <= result.pairs[0].score <= 100
    assert "both speak Spanish" in explain(result.pairs[0].reasons, "en")


def test_it_says_why_a_seeker_stays_unmatched():
    seekers = [Seeker(id="s1", languages="qu", topics="grief")]
    supporters = [Supporter(id="p1", languages="es", topics="grief", capacity=1)]
    result = solve(seekers, supporters, today=TODAY)
    assert result.pairs == []
    assert result.unmatched["s1"] == Reason("no_language", {"languages": ["qu"]})
    assert explain([result.unmatched["s1"]], "es") == ["ningún acompañante habla quechua"]


def test_suggest_ranks_supporters_for_one_seeker():
    seeker = Seeker(id="s1", languages="es", topics="grief", availability="tue-eve")
    supporters = [
        Supporter(id="p1", languages="es", topics="grief", availability="mon-am", capacity=1),
        Supporter(id="p2", languages="es", topics="grief", availability="tue-eve", capacity=1),
        Supporter(id="p3", languages="en", topics="grief", availability="tue-eve", capacity=1),
    ]
    suggestions = suggest(seeker, SupporterIndex(supporters, today=TODAY), n=5)
    assert [p.supporter_id for p in suggestions] == ["p2", "p1"]
