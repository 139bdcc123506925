"""Runs mentor-match 7.0.1 on an instance given as JSON (stdin); prints the pairs as JSON.

Run it with the interpreter of a separate virtual environment where `mentor-match==7.0.1`
is installed (its top-level package is named `matching`, which clashes with others). It has
no notion of capacity, so, as its own web app does, it runs one Hungarian round per unit of
capacity; our scores are given to it through a rule object (`evaluate` and `apply`), and
every pair that breaks a hard rule is disqualified.
"""

import json
import resource
import sys
import time

from matching import rules as _rules  # noqa: F401  (mentor-match's package)
from matching.mentee import Mentee
from matching.mentor import Mentor
from matching.process import process_data
from matching.rules import rule as rl


class OurScore:
    """Our pair score (0..10000) plus a constant, so any allowed pair beats none."""

    def __init__(self, scores):
        self.scores = scores

    def evaluate(self, match):
        return (match.mentee.email, match.mentor.email) in self.scores

    def apply(self, match):
        return 20_000 + self.scores.get((match.mentee.email, match.mentor.email), 0)


def main():
    data = json.load(sys.stdin)
    scores = {(s, p): c for s, p, c in data["scores"]}
    capacity = {p["id"]: p["capacity"] for p in data["supporters"]}
    mentors = [Mentor(grade=0, email=p["id"]) for p in data["supporters"]]
    mentees = [Mentee(grade=0, email=s) for s in data["seekers"]]
    rounds = max(capacity.values(), default=0)
    all_rules = [
        [
            rl.Disqualify(lambda m: (m.mentee.email, m.mentor.email) not in scores),
            rl.Disqualify(lambda m: len(m.mentee.mentors) >= 1),
            rl.Disqualify(lambda m: len(m.mentor.mentees) >= capacity[m.mentor.email]),
            OurScore(scores),
        ]
        for _ in range(rounds)
    ]
    started = time.perf_counter()
    process_data(mentors, mentees, all_rules)
    seconds = time.perf_counter() - started
    pairs = [[s.email, s.mentors[0].email] for s in mentees if s.mentors]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump({"pairs": pairs, "seconds": seconds, "peak_mb": peak_mb}, sys.stdout)


if __name__ == "__main__":
    main()
