"""A staff member's day, in the meetings admin: log a meeting at a human pace, counting every click
and keystroke, and find meetings again through the list's filters. Works at desktop and phone width."""

import re
from dataclasses import dataclass

from playwright.sync_api import expect

HUMAN_KEY_DELAY_MS = 150  # a steady typist, not a test harness


@dataclass
class Tally:
    """What a person did with their hands: every click and every key pressed, each key
    `key_delay_ms` after the last (0: as fast as the browser takes them, to check a layout)."""

    clicks: int = 0
    keystrokes: int = 0
    key_delay_ms: int = HUMAN_KEY_DELAY_MS

    def click(self, page, selector: str) -> None:
        page.click(selector)
        self.clicks += 1

    def type(self, page, text: str) -> None:
        page.keyboard.type(text, delay=self.key_delay_ms)
        self.keystrokes += len(text)

    def press(self, page, key: str) -> None:
        page.keyboard.press(key)
        self.keystrokes += 1

    def pick(self, page, selector: str, value: str) -> None:
        page.select_option(selector, value)
        self.clicks += 2  # open the list, choose in it


def _choose(page, tally: Tally, field: str, typed: str, shown: str, *, open_list: bool = True) -> None:
    """Pick an option of an autocomplete (select2) field by typing part of one of its names; a
    multiple choice keeps its search box focused, ready for the next name."""
    if open_list:
        tally.click(page, f"#id_{field} + .select2 .select2-selection")
    tally.type(page, typed)
    page.locator(".select2-results__option--highlighted", has_text=shown).wait_for()
    tally.press(page, "Enter")


def _choose_several(page, tally: Tally, field: str, names: list[tuple[str, str]]) -> None:
    for number, (typed, shown) in enumerate(names):
        _choose(page, tally, field, typed, shown, open_list=number == 0)


def log_a_meeting(
    page,
    base_url: str,
    *,
    states: list[tuple[str, str]],
    diplomats: list[tuple[str, str]],
    ask: str,
    positions: list[str],
    follow_up: str,
    tally: Tally | None = None,
) -> None:
    """Log a meeting from the add page: the states met and the diplomats (each as (what is typed,
    the name shown)), the ask, each state's position in the row the form gives it, one follow-up
    (its owner and due date left at their defaults), and save."""
    tally = tally if tally is not None else Tally()
    page.goto(f"{base_url}/admin/advocacy/meeting/add/")
    _choose_several(page, tally, "states", states)
    _choose_several(page, tally, "representatives", diplomats)
    tally.click(page, "#id_ask")
    tally.type(page, ask)
    for number, ((_, shown), position) in enumerate(zip(states, positions, strict=True)):
        # The form gave each state met its row among the stances said, in the order chosen.
        expect(page.locator(f"#id_stances-{number}-state + .select2")).to_contain_text(shown)
        tally.pick(page, f"#id_stances-{number}-position", position)
    tally.click(page, "#id_follow_ups-0-description")
    tally.type(page, follow_up)
    tally.click(page, "input[name=_save], button[name=_save]")
    expect(page.get_by_text("was added successfully")).to_be_visible()


def filter_meetings(page, base_url: str, *, by: str, choice: str, expect_shown: str) -> None:
    """On the meetings list, open the filters and keep the meetings `by` (the filter's title, e.g.
    "regional group") `choice`; the list then shows `expect_shown`."""
    page.goto(f"{base_url}/admin/advocacy/meeting/")
    page.locator("#changelist a", has_text="Filters").first.click()
    panel = page.locator("#changelist-filter")
    section = panel.locator("div", has=page.locator("h3", has_text=re.compile(f"By {by}", re.I))).last
    section.get_by_role("link", name=choice, exact=True).click()
    expect(page.locator("#result_list")).to_contain_text(expect_shown)
